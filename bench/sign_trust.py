"""How far a reader can trust the reader's signs, measured on the labelled clusters.

usage: python bench/sign_trust.py [--data ../shared/data] [--shipped] [--list]

Each labelled cluster is compared as bench/news.py compares it, with a model fitted on the
other clusters unless ``--shipped``. Two tables:
- "only in this source": the anchors the reader labels unique, by sign: `+` (alone, nothing
  close elsewhere), `±` (alone, but a close sentence in another source, aligner/match/near.py)
  and `~` (alone, but linked); "told elsewhere" means the gold lists a match for the anchor.
  Also: how many of the close sentences named for a `±` anchor are one of its matches.
- shared rows: the anchors' row partners, by the row's score (the band under
  ``SURE_ROW_SCORE`` holds the members marked "≈" in the reader), and how many are one of
  the anchor's matches; then by the signs the pair shows: "=" when neither is doubted
  (aligner/match/trust.py ``member_doubts``), "≈" else, and as the reader showed them until
  doubt was per member ("≈" for every member of a row with any doubted member).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.calibration import SURE_ROW_SCORE  # noqa: E402
from aligner.match.trust import doubted_members  # noqa: E402
from aligner.result.model import Comparison, Label  # noqa: E402
from bench.counterpart_errors import _Read  # noqa: E402
from bench.fit_counterparts import DEFAULT_DATA, GOLD_SETS, fit_on, labelled_clusters  # noqa: E402
from bench.news import compared  # noqa: E402

ROW_BANDS = (0.0, 45.0, 60.0, SURE_ROW_SCORE, 90.0)


class Tally:
    """Counts over every labelled anchor."""

    def __init__(self, list_near: bool) -> None:
        self.told: Counter[tuple[str, str, bool]] = Counter()
        self.named: Counter[tuple[str, bool]] = Counter()
        self.rows: Counter[tuple[str, float, bool]] = Counter()
        # (gold set, "member" or "row" doubt, the pair's sign, a match)
        self.signs: Counter[tuple[str, str, str, bool]] = Counter()
        self.list_near = list_near

    def anchor(
        self, dataset: str, comparison: Comparison, read: _Read, anchor: str, item: dict
    ) -> None:
        matches = {i for m in item["matches"] for i in read.find(m["text"], m.get("file"))}
        group = comparison.group_of.get(anchor)
        if group is not None and len(group.members) > 1 and group.label is Label.SHARED:
            band = max(b for b in ROW_BANDS if b <= group.score)
            doubted = doubted_members(comparison, group)
            for partner in group.members:
                if partner != anchor:
                    match = partner in matches
                    self.rows[(dataset, band, match)] += 1
                    pair_doubted = anchor in doubted or partner in doubted
                    self.signs[(dataset, "member", "≈" if pair_doubted else "=", match)] += 1
                    self.signs[(dataset, "row", "≈" if doubted else "=", match)] += 1
        if comparison.sentence_labels.get(anchor) is not Label.UNIQUE:
            return
        near = comparison.near_of.get(anchor, ())
        sign = (
            "~"
            if anchor in comparison.told_in_other_words
            else "±"
            if anchor in comparison.close_elsewhere
            else "+"
        )
        self.told[(dataset, sign, bool(item["matches"]))] += 1
        if sign == "±" and not near:  # its close sentences are its weak links
            near = tuple(comparison.links_of.get(anchor, ()))
        for link in near:
            other = link.b if link.a == anchor else link.a
            self.named[(dataset, other in matches)] += 1
        if self.list_near and sign == "±":
            print(f"told elsewhere {bool(item['matches'])}: {read.sentences[anchor].text}")
            for link in near:
                other = link.b if link.a == anchor else link.a
                match = "match" if other in matches else "other"
                print(f"    {link.score:5.1f} {match}: {read.sentences[other].text}")

    def print(self, estimate: str) -> None:
        print(f"Lone anchors that the gold says another source tells ({estimate}):")
        print("| gold | sign | anchors | told elsewhere |\n|---|---|---:|---:|")
        for dataset in GOLD_SETS:
            for sign in ("+", "±", "~"):
                yes, no = self.told[(dataset, sign, True)], self.told[(dataset, sign, False)]
                if yes + no:
                    print(f"| {dataset} | `{sign}` | {yes + no} | {_share(yes, yes + no)} |")
        for dataset in GOLD_SETS:
            right, wrong = self.named[(dataset, True)], self.named[(dataset, False)]
            named = f"{right} of {right + wrong}"
            print(f"{dataset}: close sentences named for `±` anchors that are a match: {named}")
        print(f"\nShared rows: anchors' row partners that are a match ({estimate}):")
        print("| gold | row score | partners | a match |\n|---|---|---:|---:|")
        for dataset in GOLD_SETS:
            for low, high in zip(ROW_BANDS, (*ROW_BANDS[1:], 100.0), strict=True):
                yes = self.rows[(dataset, low, True)]
                total = yes + self.rows[(dataset, low, False)]
                if total:
                    print(f"| {dataset} | {low:.0f}-{high:.0f} | {total} | {_share(yes, total)} |")
        print(f"\nShared rows: anchors' row partners by the signs the pair shows ({estimate}):")
        print("| gold | doubt | sign | partners | a match |\n|---|---|---|---:|---:|")
        for dataset in GOLD_SETS:
            for doubt in ("row", "member"):
                for sign in ("=", "≈"):
                    yes = self.signs[(dataset, doubt, sign, True)]
                    total = yes + self.signs[(dataset, doubt, sign, False)]
                    if total:
                        share = _share(yes, total)
                        print(f"| {dataset} | per {doubt} | `{sign}` | {total} | {share} |")


def _share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--shipped", action="store_true", help="the shipped model, in-sample")
    parser.add_argument("--list", action="store_true", help="print every ± anchor")
    args = parser.parse_args()
    clusters = labelled_clusters(args.data)
    if not clusters:
        sys.exit(f"no labelled clusters under {args.data}")
    items: dict[tuple[str, str], list[dict]] = {}
    for dataset in GOLD_SETS:
        gold = json.loads((args.data / dataset / "gold.json").read_text(encoding="utf-8"))
        for item in gold["counterparts"]:
            items.setdefault((dataset, item["cluster"]), []).append(item)

    tally = Tally(args.list)
    for cluster in clusters:
        model = None if args.shipped else fit_on([c for c in clusters if c is not cluster])
        comparison = compared(cluster, model)
        read = _Read(comparison, model)
        for item in items[(cluster.dataset, cluster.name)]:
            anchors = read.find(item["anchor"])
            anchors = [i for i in anchors if read.file_of[i].startswith("a1")] or anchors
            if anchors:
                tally.anchor(cluster.dataset, comparison, read, anchors[0], item)
    tally.print("in-sample" if args.shipped else "leave one cluster out")


if __name__ == "__main__":
    main()
