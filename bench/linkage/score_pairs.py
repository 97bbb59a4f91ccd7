"""Score the corpus linker against the hand-labelled pairs in this folder.

    python -m extractor batch ../shared/bench/click-id.jsonl -o OUT.parquet
    python -m extractor link OUT.parquet
    python bench/linkage/score_pairs.py OUT.parquet [--set 2] [--errors]

A pair is predicted "same" when both rows carry the same id (person_id on
officials_linked, figure_id on statistics_linked). Pairs labelled "unsure" are not
scored. Pairwise precision = same-and-linked / linked, recall = same-and-linked / same.
Rows are found by (doc_id, idx) and checked against the stored name/value; when a
re-run renumbered a document's rows the row is looked up by (doc_id, name/value)
instead, and a pair whose row cannot be found is reported and skipped.
The relevance sample (hand judgements only, no linker) is summarised as well.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"people": (0.97, 0.90), "figures": (0.95, 0.90)}


def load_jsonl(path: Path) -> list[dict]:
    """One JSON object per line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_ids(out: Path, table: str, key: str, id_col: str) -> tuple[dict, dict]:
    """(doc_id, idx) -> (key value, id) and (doc_id, key value) -> id for one linked table."""
    import duckdb

    parts = out / table
    if not parts.is_dir():
        sys.exit(f"error: {parts} not found - run `python -m extractor link {out}` first")
    rows = duckdb.sql(
        f"select doc_id, idx, {key}, {id_col} from read_parquet('{parts}/*.parquet')"
    ).fetchall()
    by_idx = {(d, int(i)): (k, pid) for d, i, k, pid in rows}
    by_key = {(d, k): pid for d, i, k, pid in rows}
    return by_idx, by_key


def lookup(row: dict, key: str, by_idx: dict, by_key: dict):
    """The linker id of a labelled row, or None when the row is gone."""
    hit = by_idx.get((row["doc_id"], row["idx"]))
    if hit is not None and hit[0] == row[key]:
        return hit[1]
    return by_key.get((row["doc_id"], row[key]))


def score(pairs: list[dict], key: str, by_idx: dict, by_key: dict, name: str, show: bool) -> dict:
    """Pairwise precision/recall overall and per sampling stratum."""
    tally: dict[str, Counter] = defaultdict(Counter)
    errors: list[tuple[str, dict]] = []
    missing = 0
    for p in pairs:
        if p["label"] not in ("same", "different"):
            continue
        ia, ib = lookup(p["a"], key, by_idx, by_key), lookup(p["b"], key, by_idx, by_key)
        if ia is None or ib is None:
            missing += 1
            continue
        pred = ia == ib
        gold = p["label"] == "same"
        cell = {(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}[
            (pred, gold)
        ]
        for s in ("all", p["stratum"]):
            tally[s][cell] += 1
        if cell in ("fp", "fn"):
            errors.append((cell, p))
    print(f"\n{name}: {sum(tally['all'].values())} scored pairs ({missing} with a row not found)")
    print(
        f"  {'stratum':<20}{'n':>5}{'same':>6}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}"
    )
    result = {}
    for s in ["all", *sorted(k for k in tally if k != "all")]:
        c = tally[s]
        prec = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        n = sum(c.values())
        print(
            f"  {s:<20}{n:>5}{c['tp'] + c['fn']:>6}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}{prec:>11.3f}{rec:>8.3f}"
        )
        if s == "all":
            result = {"precision": prec, "recall": rec, **c}
    want_p, want_r = TARGETS[name]
    ok = result.get("precision", 0) >= want_p and result.get("recall", 0) >= want_r
    print(f"  target precision >= {want_p}, recall >= {want_r}: {'met' if ok else 'NOT met'}")
    if show:
        for cell, p in errors:
            a, b = p["a"], p["b"]
            print(
                f"  [{cell}] #{p['pair']} {a['doc_id']}:{a[key]!r} ~ {b['doc_id']}:{b[key]!r} -- {p['reason']}"
            )
    return result


def relevance(path: Path) -> None:
    """Precision of the pipeline's on-topic labels on the hand-checked sample."""
    rows = load_jsonl(path)
    n = len(rows)
    c = Counter(r["judgement"] for r in rows)
    exact = c["correct"] / n
    strict = (c["correct"] + c["wrong_label"]) / n
    lenient = (c["correct"] + c["wrong_label"] + c["borderline"]) / n
    print(
        f"\nrelevance: {n} sampled articles flagged asn_neutrality/election_other; judgements {dict(c)}"
    )
    print(
        f"  precision (on-topic, borderline counted wrong): {strict:.2f}; borderline counted right: "
        f"{lenient:.2f}; exact label: {exact:.2f}"
    )
    for label in sorted({r["pipeline_label"] for r in rows}):
        sub = [r for r in rows if r["pipeline_label"] == label]
        k = Counter(r["judgement"] for r in sub)
        print(
            f"  {label:<15} n={len(sub):>3}  correct={k['correct']}  wrong_label={k['wrong_label']}  "
            f"borderline={k['borderline']}  off_topic={k['off_topic']}"
        )


def main(argv: list[str] | None = None) -> None:
    """Print pairwise precision/recall for people and figures, and the relevance sample."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("output", type=Path, help="a linked batch output (OUT.parquet folder)")
    ap.add_argument(
        "--pairs", type=Path, default=HERE, help="folder with the labelled files (this folder)"
    )
    ap.add_argument(
        "--set",
        default="1",
        choices=["1", "2"],
        help="which labelled set: 1 = person_pairs.jsonl/figure_pairs.jsonl (used to tune the "
        "linker), 2 = person_pairs_2.jsonl/figure_pairs_2.jsonl (fresh, held out)",
    )
    ap.add_argument(
        "--errors", action="store_true", help="list every false merge (fp) and missed merge (fn)"
    )
    args = ap.parse_args(argv)
    suffix = "" if args.set == "1" else f"_{args.set}"
    people = load_jsonl(args.pairs / f"person_pairs{suffix}.jsonl")
    figures = load_jsonl(args.pairs / f"figure_pairs{suffix}.jsonl")
    by_idx, by_key = load_ids(args.output, "officials_linked", "name", "person_id")
    score(people, "name", by_idx, by_key, "people", args.errors)
    by_idx, by_key = load_ids(args.output, "statistics_linked", "value", "figure_id")
    score(figures, "value", by_idx, by_key, "figures", args.errors)
    rel = args.pairs / "relevance_sample.jsonl"
    if args.set == "1" and rel.exists():
        relevance(rel)


if __name__ == "__main__":
    main()
