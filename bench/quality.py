"""Quality evaluation: MSRP paraphrase accuracy, SICK contradiction F1, news-cluster report.

Run by hand, not in CI:  python bench/quality.py [--msrp FILE] [--sick FILE] [--clusters DIR]
Defaults point at ../shared/data/ when it exists. Deterministic: no randomness anywhere.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.pair import compare_pair  # noqa: E402
from aligner.pipeline import compare  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"


@dataclass(frozen=True)
class Scores:
    """Binary classification figures."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / max(1, self.tp + self.fp + self.fn + self.tn)

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterator[tuple[bool, bool]]) -> Scores:
    counts = Counter(pairs)
    return Scores(
        tp=counts[(True, True)],
        fp=counts[(True, False)],
        fn=counts[(False, True)],
        tn=counts[(False, False)],
    )


def read_msrp(path: Path) -> list[tuple[bool, str, str]]:
    """MSRP: tab-separated Quality, #1 ID, #2 ID, #1 String, #2 String; UTF-8 with BOM."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) >= 5:
                rows.append((parts[0] == "1", parts[3], parts[4]))
    return rows


def read_sick(path: Path) -> list[tuple[str, str, str]]:
    """SICK: pair_ID, sentence_A, sentence_B, entailment_label, relatedness_score."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(row[1], row[2], row[3]) for row in reader if len(row) >= 4]


def evaluate_msrp(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Figures for ``label == "shared"`` (the target), and for "aligned" (shared or
    contradicting): MSRP calls many pairs with different figures paraphrases ("2.5 million
    jobs" / "2.7 million jobs"), which Parallax aligns and flags as contradicting."""
    rows = read_msrp(path)
    labels = [(compare_pair(a, b).label, gold) for gold, a, b in rows]
    figures = []
    for positive in ({"shared"}, {"shared", "contradicting"}):
        result = score((label in positive, gold) for label, gold in labels)
        figures.append(
            {
                "pairs": len(rows),
                "accuracy": result.accuracy,
                "precision": result.precision,
                "recall": result.recall,
                "f1": result.f1,
            }
        )
    return figures[0], figures[1]


def evaluate_sick(path: Path) -> dict[str, float]:
    rows = read_sick(path)
    verdicts = [(compare_pair(a, b).label, gold) for a, b, gold in rows]
    result = score((label == "contradicting", gold == "CONTRADICTION") for label, gold in verdicts)
    entailed = [label for label, gold in verdicts if gold == "ENTAILMENT"]
    return {
        "pairs": len(rows),
        "precision": result.precision,
        "recall": result.recall,
        "f1": result.f1,
        "entailment_shared": entailed.count("shared") / max(1, len(entailed)),
    }


@dataclass(frozen=True)
class ClusterReport:
    """The readable report, and how many events and conflicts it covers."""

    text: str
    events: int
    conflicts: int


def cluster_report(folder: Path) -> ClusterReport:
    """Every conflict and multi-source group per event folder, for a person to check."""
    lines = []
    events = conflicts = 0
    for event in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_")):
        comparison = compare([event])
        events += 1
        conflicts += len(comparison.conflicts)
        sources = {a.id: a.source for a in comparison.articles}
        text = comparison.sentences
        lines.append(f"## {event.name}")
        shared = [g for g in comparison.groups if len(g.members) > 1]
        lines.append(
            f"{len(comparison.articles)} articles, {len(comparison.groups)} groups, "
            f"{len(shared)} with several sources, {len(comparison.conflicts)} conflicts"
        )
        lines.append("")
        lines.append("### Conflicts")
        for conflict in comparison.conflicts:
            a, b = text[conflict.a], text[conflict.b]
            lines.append(f"- [{conflict.kind.value}] {conflict.detail}")
            lines.append(f"  - {sources[a.article_id]}: {a.text}")
            lines.append(f"  - {sources[b.article_id]}: {b.text}")
        lines.append("")
        lines.append("### Groups with several sources")
        for group in shared:
            lines.append(f"- {group.id} {group.label.value} (score {group.score:.0f})")
            for member in group.members:
                sentence = text[member]
                lines.append(f"  - {sources[sentence.article_id]}: {sentence.text}")
        lines.append("")
    return ClusterReport("\n".join(lines), events, conflicts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msrp", type=Path, default=DEFAULT_DATA / "msr_paraphrase_train.txt")
    parser.add_argument("--sick", type=Path, default=DEFAULT_DATA / "sick_train.tsv")
    parser.add_argument("--clusters", type=Path, default=DEFAULT_DATA / "dev_clusters")
    parser.add_argument(
        "--report", type=Path, default=None, help="write the cluster report here (default: stdout)"
    )
    args = parser.parse_args(argv)

    table = []
    if args.msrp.is_file():
        started = time.perf_counter()
        shared, aligned = evaluate_msrp(args.msrp)
        table.append(("MSRP paraphrase", shared, time.perf_counter() - started))
        table.append(("MSRP, aligned", aligned, 0.0))
    if args.sick.is_file():
        started = time.perf_counter()
        sick = evaluate_sick(args.sick)
        table.append(("SICK contradiction", sick, time.perf_counter() - started))
    report = cluster_report(args.clusters) if args.clusters.is_dir() else None
    if report is not None:
        if args.report:
            args.report.write_text(report.text + "\n", encoding="utf-8")
            print(f"cluster report written to {args.report}")
        else:
            print(report.text)
    if not table and report is None:
        print("no evaluation data found; pass --msrp/--sick/--clusters", file=sys.stderr)
        return 2
    print()
    print(
        f"{'set':<20} {'pairs':>6} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'ent→shared':>11} {'secs':>6}"
    )
    for name, figures, seconds in table:
        acc = f"{figures['accuracy']:.3f}" if "accuracy" in figures else "—"
        ent = f"{figures['entailment_shared']:.3f}" if "entailment_shared" in figures else "—"
        print(
            f"{name:<20} {figures['pairs']:>6} {acc:>6} {figures['precision']:>6.3f} "
            f"{figures['recall']:>6.3f} {figures['f1']:>6.3f} {ent:>11} {seconds:>6.1f}"
        )
    if report is not None:
        print(
            f"{'news clusters':<20} {report.events:>6} events, {report.conflicts} conflicts "
            "reported (listed in the cluster report)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
