"""Converters of third-party parsers run in a helper process under a time budget.

trafilatura can take time quadratic in the links of one paragraph (issue 15: 40,000 links,
300 s; bench/hostile_inputs.py links-10k: 15 s of CPU for 0.3 MB), inside lxml and its own
loops, and nothing in this process could stop it: a thread cannot be interrupted, and a
signal waits for the C code to return. So HTML and
Markdown are converted in one long-lived helper (``python -m aligner.load.timed_convert``), fed one
file at a time through a pipe; a file that takes longer than the budget has the helper killed
(the next file starts a new one) and is skipped with the reason. Plain text is converted here:
its converter is linear code of ours.

Frames are a 4-byte big-endian length and JSON, both ways: the helper parses untrusted input,
so what it sends back is read as data, never unpickled.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from aligner.load.formats import CONVERTERS, Converted, Converter, plain_text
from aligner.load.skip import SkipFile

DEFAULT_CONVERT_SECONDS = 5.0

# The helper imports the parsers before it says it is ready; that time is not a file's.
_START_SECONDS = 60.0
_READY = {"ready": True}
# The helper is told which converter to run by its name.
_BY_NAME: dict[str, Converter] = {convert.__name__: convert for convert in CONVERTERS.values()}


def convert_within(convert: Converter, text: str, *, seconds: float) -> Converted:
    """``convert(text)``, one of ``CONVERTERS``, skipped with the reason when it takes over
    ``seconds``."""
    if convert is plain_text or not _HELPER.usable():
        return convert(text)
    return _HELPER.convert(convert.__name__, text, seconds=seconds)


def budget_reason(seconds: float) -> str:
    return f"took longer than {seconds:g} s to convert"


class TooSlow(Exception):
    """The helper gave no answer within the time it had."""


class _Helper:
    """The helper process, started on first use, restarted after it was killed."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # one file at a time through the pipe
        self._broken = False  # it could not be started: convert here, without a budget

    def usable(self) -> bool:
        return hasattr(select, "poll") and bool(sys.executable) and not self._broken

    def convert(self, name: str, text: str, *, seconds: float) -> Converted:
        with self._lock:
            process = self._started()
            if process is None:
                return _BY_NAME[name](text)
            try:
                _write_frame(process, {"converter": name, "text": text})
                answer = _read_frame(process, time.monotonic() + seconds)
            except TooSlow:
                self.stop()
                raise SkipFile(budget_reason(seconds)) from None
            except OSError:  # it died (a crash in a parser, killed for its memory)
                self.stop()
                raise SkipFile("could not convert: the converter stopped") from None
            except BaseException:
                self.stop()  # the pipe may hold half a frame: never reuse it
                raise
        if "skip" in answer:
            raise SkipFile(str(answer["skip"]))
        if "error" in answer:  # not again here: it could take as long as it did there
            raise SkipFile(f"could not convert: {answer['error']}")
        return str(answer["text"]), answer["title"], answer["outlet"]

    def stop(self) -> None:
        """Kill and reap the helper, if one runs."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()

    def _started(self) -> subprocess.Popen[bytes] | None:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self.stop()
        try:
            self._process = _start_helper()
            if _read_frame(self._process, time.monotonic() + _START_SECONDS) != _READY:
                raise OSError("the converter helper did not start")
        except (OSError, TooSlow, ValueError):
            self.stop()
            self._broken = True
            return None
        return self._process


def _start_helper() -> subprocess.Popen[bytes]:
    # The helper must import this package from where this process did (a checkout, a test).
    package_root = str(Path(__file__).resolve().parents[2])
    paths = [package_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return subprocess.Popen(
        [sys.executable, "-m", "aligner.load.timed_convert"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
    )


def _write_frame(process: subprocess.Popen[bytes], message: dict) -> None:
    assert process.stdin is not None
    data = json.dumps(message).encode("utf-8")
    process.stdin.write(len(data).to_bytes(4, "big") + data)
    process.stdin.flush()


def _read_frame(process: subprocess.Popen[bytes], deadline: float) -> dict:
    """The next frame from the helper; TooSlow when it is not all there by ``deadline``."""
    assert process.stdout is not None
    size = int.from_bytes(_read_exactly(process.stdout.fileno(), 4, deadline), "big")
    return json.loads(_read_exactly(process.stdout.fileno(), size, deadline))


def _read_exactly(descriptor: int, size: int, deadline: float) -> bytes:
    # poll, not select: select cannot watch descriptors numbered 1024 or more.
    waiting = select.poll()
    waiting.register(descriptor, select.POLLIN)
    chunks: list[bytes] = []
    missing = size
    while missing:
        left = deadline - time.monotonic()
        if left <= 0 or not waiting.poll(left * 1000):
            raise TooSlow
        chunk = os.read(descriptor, min(missing, 1 << 20))
        if not chunk:
            raise OSError("the converter helper stopped")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


_HELPER = _Helper()
atexit.register(_HELPER.stop)


# --- the helper's side ---------------------------------------------------------------------


def _serve(source: int, sink: int) -> None:
    """Answer each request frame on ``source`` with one frame on ``sink`` until it closes."""
    import markdown_it  # noqa: F401  imported now: the first file's budget is its own
    import trafilatura  # noqa: F401

    _send(sink, _READY)
    while True:
        header = _receive(source, 4)
        if header is None:
            return
        request = json.loads(_receive(source, int.from_bytes(header, "big")) or b"{}")
        try:
            text, title, outlet = _BY_NAME[request["converter"]](request["text"])
        except SkipFile as skip:
            _send(sink, {"skip": skip.reason})
        except Exception as error:  # e.g. RecursionError on deeply nested markup
            _send(sink, {"error": f"{type(error).__name__}: {error}"[:200]})
        else:
            _send(sink, {"text": text, "title": title, "outlet": outlet})


def _receive(descriptor: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(descriptor, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _send(descriptor: int, message: dict) -> None:
    data = json.dumps(message).encode("utf-8")
    frame = len(data).to_bytes(4, "big") + data
    while frame:
        frame = frame[os.write(descriptor, frame) :]


if __name__ == "__main__":
    _serve(sys.stdin.fileno(), sys.stdout.fileno())
