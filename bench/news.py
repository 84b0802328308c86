"""News gold: counterparts and discrepancies of the engine and two simple peers, scored exactly
as ../shared/data/dev_clusters/GOLD.md defines (by its own scorer, tools/newsgold.py).

usage: python bench/news.py [--data ../shared/data] [--tools ../shared/tools] [--no-loco]
                            [--no-peers] [--verbose] [--threshold 30] [--digits 2]

For each gold file (dev_clusters, news_clusters) it exports every labelled cluster as
`parallax export` would, scores the exports with newsgold.py, and prints one table:
- parallax, the shipped counterpart model (fitted on all twelve labelled clusters, so its
  figures on them are in-sample);
- parallax, leave one cluster out: each cluster compared with a model fitted on the other
  eleven (bench/fit_counterparts.py); the honest estimate for unseen events;
- the peers tools/peer_tfidf.py (TF-IDF cosine >= 0.2, IDF from the cluster) and
  tools/peer_token_set.py (rapidfuzz token_set_ratio >= 60), regrouping the same sentences.
``--threshold`` compares at another row threshold (the link margins move with it), for sweeps.
``--digits 3`` prints the counterpart figures to three digits, to tell small changes apart:
P, R, F1 and strong recall from the counts newsgold.py prints per cluster, and R in rows as
newsgold.py's recall of the same exports with their links left out (a link is the only
partner beyond a row).
Reads ../shared at run time and copies nothing from it. Not run in CI.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.calibration import DEFAULT_THRESHOLD  # noqa: E402
from aligner.export.json import to_json  # noqa: E402
from aligner.match.counterparts import CounterpartModel  # noqa: E402
from aligner.pipeline import compare  # noqa: E402
from aligner.result.model import Comparison  # noqa: E402
from bench.fit_counterparts import (  # noqa: E402
    DEFAULT_DATA,
    GOLD_SETS,
    LabelledCluster,
    fit_on,
    labelled_clusters,
)

DEFAULT_TOOLS = REPO.parent / "shared" / "tools"
_SUMMARY = re.compile(
    r"counterparts P (?P<P>[\d.]+) R (?P<R>[\d.]+) F1 (?P<F1>[\d.]+) "
    r"\(strong R (?P<strong>[\d.]+), R in rows (?P<rows>[\d.]+)\); "
    r"discrepancies hard (?P<hard>\d+/\d+), soft (?P<soft>\d+/\d+) \(other (?P<other>\d+/\d+)\); "
    r"false alarms (?P<alarms>\d+/\d+)"
)
COLUMNS = ("P", "R", "F1", "strong", "rows", "hard", "soft", "other", "alarms")


def compared(
    cluster: LabelledCluster,
    model: CounterpartModel | None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Comparison:
    """The cluster compared with ``model`` instead of the shipped one, when given."""
    patched = (
        mock.patch("aligner.match.counterparts.counterpart_model", lambda: model)
        if model is not None
        else nullcontext()
    )
    with patched:
        return compare([cluster.folder], threshold=threshold)


def export_cluster(
    cluster: LabelledCluster,
    target: Path,
    model: CounterpartModel | None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Path:
    """The cluster compared (see ``compared``) and written as `parallax export --format json`
    writes it."""
    path = target / f"{cluster.name}.json"
    path.write_text(to_json(compared(cluster, model, threshold)), encoding="utf-8")
    return path


def newsgold(
    tools: Path, gold: Path, exports: dict[str, Path], verbose: bool
) -> tuple[dict[str, str], str]:
    """newsgold.py's summary figures for the exports, and its whole output."""
    args = [f"{name}={path}" for name, path in sorted(exports.items())]
    command = [sys.executable, str(tools / "newsgold.py"), str(gold), *args]
    if verbose:
        command.append("-v")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = _SUMMARY.search(done.stdout)
    if found is None:
        raise RuntimeError(f"newsgold.py printed no summary:\n{done.stdout}{done.stderr}")
    return found.groupdict(), done.stdout


_PER_CLUSTER = re.compile(
    r"counterpart recall (?P<hit>\d+)/(?P<links>\d+) .*?"
    r"strong (?P<strong_hit>\d+)/(?P<strong>\d+), precision (?P<ok>\d+)/(?P<pred>\d+)"
)


def exact_figures(output: str, rows_output: str, digits: int) -> dict[str, str]:
    """P, R, F1, strong and R in rows to ``digits`` digits, from newsgold.py's per-cluster
    counts in ``output`` and its recall in ``rows_output`` (the exports without links)."""

    def totals(text: str) -> dict[str, int]:
        found = [m.groupdict() for m in _PER_CLUSTER.finditer(text)]
        return {key: sum(int(f[key]) for f in found) for key in _PER_CLUSTER.groupindex}

    every, in_rows = totals(output), totals(rows_output)
    precision = every["ok"] / max(1, every["pred"])
    recall = every["hit"] / max(1, every["links"])
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    strong = every["strong_hit"] / max(1, every["strong"])
    rows = in_rows["hit"] / max(1, in_rows["links"])
    values = {"P": precision, "R": recall, "F1": f1, "strong": strong, "rows": rows}
    return {name: f"{value:.{digits}f}" for name, value in values.items()}


def without_links(exports: dict[str, Path], target: Path) -> dict[str, Path]:
    """Copies of the exports with no links: their partners are their rows' alone."""
    plain = {}
    for name, path in exports.items():
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("links", None)
        plain[name] = target / f"{name}.rows-only.json"
        plain[name].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return plain


def peer_exports(
    tools: Path, exports: dict[str, Path], target: Path, script: str, extra: Sequence[str]
) -> dict[str, Path]:
    """The peer ``script`` run on each export (it regroups the same prose sentences)."""
    regrouped = {}
    for name, path in exports.items():
        # The peers replace groups and conflicts but would keep the engine's links.
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("links", None)
        plain = target / f"{name}.without-links.json"
        plain.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out = target / f"{name}.{Path(script).stem}.json"
        command = [sys.executable, str(tools / script), str(plain), str(out), *extra]
        subprocess.run(command, check=True, capture_output=True)
        regrouped[name] = out
    return regrouped


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--tools", type=Path, default=DEFAULT_TOOLS)
    parser.add_argument("--no-loco", action="store_true", help="skip leave one cluster out")
    parser.add_argument("--no-peers", action="store_true", help="skip the two peers")
    parser.add_argument("--verbose", action="store_true", help="print every miss (newsgold -v)")
    parser.add_argument(
        "--threshold", type=float, default=DEFAULT_THRESHOLD, help="row threshold to compare at"
    )
    parser.add_argument(
        "--digits", type=int, choices=(2, 3), default=2, help="digits of the counterpart figures"
    )
    args = parser.parse_args(argv)
    clusters = labelled_clusters(args.data)
    if not clusters or not (args.tools / "newsgold.py").exists():
        sys.exit(f"needs gold files under {args.data} and newsgold.py in {args.tools}")

    rows: list[tuple[str, str, dict[str, str]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        shipped_dir, loco_dir = Path(scratch, "shipped"), Path(scratch, "loco")
        shipped_dir.mkdir()
        loco_dir.mkdir()
        for dataset in GOLD_SETS:
            members = [c for c in clusters if c.dataset == dataset]
            if not members:
                continue
            gold = args.data / dataset / "gold.json"

            def score(
                label: str, exports: dict[str, Path], gold: Path = gold, dataset: str = dataset
            ) -> None:
                figures, output = newsgold(args.tools, gold, exports, args.verbose)
                if args.digits != 2:
                    plain = without_links(exports, Path(scratch))
                    _, rows_output = newsgold(args.tools, gold, plain, False)
                    figures = {**figures, **exact_figures(output, rows_output, args.digits)}
                rows.append((dataset, label, figures))
                if args.verbose:
                    print(f"## {dataset}: {label}\n{output}")

            shipped = {
                c.name: export_cluster(c, shipped_dir, None, args.threshold) for c in members
            }
            score("parallax (shipped model, in-sample)", shipped)
            if not args.no_loco:
                loco = {
                    c.name: export_cluster(
                        c, loco_dir, fit_on(_others(clusters, c)), args.threshold
                    )
                    for c in members
                }
                score("parallax, leave one cluster out", loco)
            if not args.no_peers:
                for label, script, extra in PEERS:
                    score(label, peer_exports(args.tools, shipped, Path(scratch), script, extra))
    _print_table(rows)


PEERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("TF-IDF cosine >= 0.2 (peer_tfidf.py)", "peer_tfidf.py", ("0.2", "cos")),
    ("token_set_ratio >= 60 (peer_token_set.py)", "peer_token_set.py", ()),
)


def _others(clusters: Sequence[LabelledCluster], left_out: LabelledCluster) -> list:
    return [c for c in clusters if c.name != left_out.name]


def _print_table(rows: Sequence[tuple[str, str, dict[str, str]]]) -> None:
    header = ("gold", "aligner", *COLUMNS)
    line: Callable[[Sequence[str]], str] = lambda cells: "| " + " | ".join(cells) + " |"  # noqa: E731
    print(line(header))
    print(line(["---"] * len(header)))
    for dataset, label, figures in rows:
        print(line([dataset, label, *(figures[c] for c in COLUMNS)]))


if __name__ == "__main__":
    main()
