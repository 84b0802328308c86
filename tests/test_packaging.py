"""A built wheel, installed without the source tree, still finds the sample corpus and themes."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


def require_build_tools() -> None:
    missing = [name for name in ("pip", "hatchling") if importlib.util.find_spec(name) is None]
    if missing:
        message = f"building a wheel needs {', '.join(missing)} (the test extra installs them)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """The project built as a wheel and installed into a bare folder; returns that folder."""
    require_build_tools()
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO_ROOT), "--no-deps",
         "--no-build-isolation", "-w", str(work / "dist")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = (work / "dist").glob("parallax_reader-*.whl")
    site = work / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    return site


def run_installed(site: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` where only the installed wheel (not the checkout) provides our packages."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=site.parent,
        env=env,
        timeout=120,
    )


_PROBE = """
import json, aligner, tui.cli
from aligner.load.resources import sample_corpus_dir
from tui.themes import themes_dir
print(json.dumps({
    "aligner": aligner.__file__,
    "cli": tui.cli.__file__,
    "corpus": str(sample_corpus_dir()),
    "corpus_files": sorted(p.name for p in sample_corpus_dir().glob("*.txt")),
    "themes": str(themes_dir()),
    "theme_files": sorted(p.name for p in themes_dir().glob("*.toml")),
}))
"""


def test_wheel_carries_the_packages_and_shipped_data(installed_wheel: Path) -> None:
    result = run_installed(installed_wheel, _PROBE)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["aligner"]).is_relative_to(installed_wheel)
    assert Path(found["cli"]).is_relative_to(installed_wheel)
    assert Path(found["corpus"]).is_relative_to(installed_wheel)
    shipped_corpus = sorted(p.name for p in (REPO_ROOT / "sample_corpus").glob("*.txt"))
    assert len(shipped_corpus) == 5
    assert found["corpus_files"] == shipped_corpus
    shipped_themes = sorted(p.name for p in (REPO_ROOT / "themes").glob("*.toml"))
    if shipped_themes:
        assert Path(found["themes"]).is_relative_to(installed_wheel)
        assert found["theme_files"] == shipped_themes


def test_installed_export_compares_the_packaged_sample_corpus(installed_wheel: Path) -> None:
    code = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    result = run_installed(installed_wheel, code, "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 5
    assert all(Path(a["path"]).name.endswith(".txt") for a in data["articles"])


# -- the CI script runs exactly the README's test command ---------------------------------


def readme_command(marker: str) -> str:
    """The one-line shell command that follows ``marker`` in a README code block."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(marker) + r".*?```(?:sh|bash|console)?\n(.+?)\n```", readme, re.S)
    assert match, f"no code block after {marker!r} in README.md"
    return match.group(1).strip()


def test_ci_script_runs_the_readme_test_command() -> None:
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^readme_test_command=(.+)$", script, re.M)
    assert match, ".ci/run does not define readme_test_command"
    (in_script,) = shlex.split(match.group(1))
    assert in_script == readme_command("<!-- test-command -->")
    assert "ruff check" in in_script and "pytest" in in_script
    assert os.access(REPO_ROOT / ".ci" / "run", os.X_OK)


def test_readme_run_command_installs_and_starts_parallax() -> None:
    command = readme_command("<!-- run-command -->")
    assert command.startswith("python3 -m venv .venv && ")
    assert command.endswith(".venv/bin/parallax")


def test_a_run_that_collects_no_test_fails() -> None:
    # pytest exits 5 when nothing is collected; tests/conftest.py turns that into a failure.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_engine_isolation.py", "-k", "no_such_test",
         "-p", "no:cacheprovider", "-q"],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr


def test_the_readme_screenshots_are_snapshots_the_tests_keep_current() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", readme)
    assert images
    for image in images:
        assert image.startswith("tests/tui/__snapshots__/"), image
        assert (REPO_ROOT / image).is_file(), image
