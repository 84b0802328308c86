"""How far a reader can trust "only in this source": the labelled anchors the reader marks
`+` (alone, nothing close elsewhere) and `±` (alone, but a close sentence in another source,
aligner/match/near.py), and how many of each the gold says another source tells.

usage: python bench/lone_sentences.py [--data ../shared/data] [--shipped] [--list]

Each labelled cluster is compared as bench/news.py compares it, with a model fitted on the
other clusters unless ``--shipped``. An anchor counts when the reader labels it unique and no
link joins it (`~` is counted apart); "told elsewhere" means its gold entry lists a match.
Also printed: how many of the close sentences named for a `±` anchor are one of its matches.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.result.model import Label  # noqa: E402
from bench.counterpart_errors import _Read  # noqa: E402
from bench.fit_counterparts import DEFAULT_DATA, GOLD_SETS, fit_on, labelled_clusters  # noqa: E402
from bench.news import compared  # noqa: E402


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

    told: Counter[tuple[str, str, bool]] = Counter()
    named: Counter[tuple[str, bool]] = Counter()
    for cluster in clusters:
        model = None if args.shipped else fit_on([c for c in clusters if c is not cluster])
        comparison = compared(cluster, model)
        read = _Read(comparison, model)
        for item in items[(cluster.dataset, cluster.name)]:
            anchors = read.find(item["anchor"])
            anchors = [i for i in anchors if read.file_of[i].startswith("a1")] or anchors
            if not anchors or comparison.sentence_labels.get(anchors[0]) is not Label.UNIQUE:
                continue
            anchor = anchors[0]
            matches = {i for m in item["matches"] for i in read.find(m["text"], m.get("file"))}
            near = comparison.near_of.get(anchor, ())
            sign = "~" if anchor in comparison.links_of else "±" if near else "+"
            told[(cluster.dataset, sign, bool(item["matches"]))] += 1
            for link in near:
                named[(cluster.dataset, link.b in matches)] += 1
            if args.list and sign == "±":
                print(f"{cluster.name}: told elsewhere {bool(item['matches'])}")
                print(f"  {read.sentences[anchor].text}")
                for link in near:
                    match = "match" if link.b in matches else "other"
                    print(f"    {link.score:5.1f} {match}: {read.sentences[link.b].text}")

    estimate = "in-sample" if args.shipped else "leave one cluster out"
    print(f"Lone anchors the gold says another source tells ({estimate}):")
    print("| gold | sign | anchors | told elsewhere |")
    print("|---|---|---:|---:|")
    for dataset in GOLD_SETS:
        for sign in ("+", "±", "~"):
            yes, no = told[(dataset, sign, True)], told[(dataset, sign, False)]
            if yes + no:
                share = f"{yes} ({100 * yes / (yes + no):.0f}%)"
                print(f"| {dataset} | `{sign}` | {yes + no} | {share} |")
    for dataset in GOLD_SETS:
        right, wrong = named[(dataset, True)], named[(dataset, False)]
        print(
            f"{dataset}: close sentences named for `±` anchors that are a match: {right} of "
            f"{right + wrong}"
        )


if __name__ == "__main__":
    main()
