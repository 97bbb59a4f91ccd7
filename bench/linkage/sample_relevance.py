"""List the articles the relevance model flags, and draw the seeded sample a person judges.

    python bench/linkage/sample_relevance.py flag ARTICLES.jsonl FLAGGED.jsonl
    python bench/linkage/sample_relevance.py SOURCE ARTICLES.jsonl WORKDIR [--seed N] [--exclude JUDGED.jsonl]

`flag` scores every article with the relevance model alone (the text repaired as the
pipeline repairs it; no extraction, ~10 s for the 22k bench), prints the label counts and
writes FLAGGED.jsonl (doc_id, headline, label, score) for every article not `off_topic`.
Otherwise SOURCE is a FLAGGED.jsonl or a batch output (OUT.parquet, its `articles` table);
100 flagged articles are drawn (sorted ids, seeded shuffle), optionally leaving out the ids
of an earlier judgement file, and WORKDIR/relevance_cands.jsonl (doc_id, label, score,
text) is written for reading; the hand judgements go to bench/linkage/relevance_sample.jsonl.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from collections.abc import Iterator
from pathlib import Path

SEED = 20191001
N = 100


def _articles(path: str) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def flag(articles: str, out: str) -> None:
    """Score every article's relevance; write the flagged ones and print label counts."""
    from extractor import repair
    from extractor.corpus import relevance

    counts: collections.Counter[str] = collections.Counter()
    with open(out, "w", encoding="utf-8") as fh:
        for rec in _articles(articles):
            text = repair.repair(rec.get("text") or "").text
            rel = relevance.score(text)
            counts[rel.label] += 1
            if rel.label == "off_topic":
                continue
            headline = rec.get("title") or text.split("\n", 1)[0][:200]
            row = {"doc_id": rec["id"], "headline": headline, "label": rel.label}
            fh.write(json.dumps({**row, "score": rel.score}, ensure_ascii=False) + "\n")
    print(json.dumps(dict(sorted(counts.items()))), f"-> {out}")


def _flagged(source: str) -> list[tuple[str, str, float]]:
    if source.endswith(".jsonl"):
        rows = [(r["doc_id"], r["label"], r["score"]) for r in _articles(source)]
        return sorted(r for r in rows if r[1] != "off_topic")
    import duckdb

    return duckdb.sql(
        "select doc_id, relevance_label, relevance_score "
        f"from read_parquet('{source}/articles/*.parquet') "
        "where relevance_label in ('asn_neutrality', 'election_other') order by doc_id"
    ).fetchall()


def sample(source: str, articles: str, work: str, seed: int, exclude: str | None) -> None:
    """Sample N flagged articles (sorted ids, seeded shuffle) and dump their texts."""
    rows = _flagged(source)
    judged = {r["doc_id"] for r in _articles(exclude)} if exclude else set()
    pool = [r for r in rows if r[0] not in judged]
    pick = sorted(random.Random(seed).sample(pool, min(N, len(pool))))
    want = {r[0] for r in pick}
    texts = {rec["id"]: rec["text"] for rec in _articles(articles) if rec["id"] in want}
    Path(work).mkdir(parents=True, exist_ok=True)
    with open(Path(work) / "relevance_cands.jsonl", "w", encoding="utf-8") as fh:
        for doc_id, label, score in pick:
            rec = {"doc_id": doc_id, "label": label, "score": score, "text": texts[doc_id]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(
        f"{len(rows)} flagged articles ({len(pool)} not judged before); sampled {len(pick)} -> {work}"
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: `flag ARTICLES OUT` or `SOURCE ARTICLES WORKDIR`."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", help="'flag', a FLAGGED.jsonl or a batch output OUT.parquet")
    ap.add_argument("articles", help="the articles (JSON lines with id, text)")
    ap.add_argument("out", help="FLAGGED.jsonl (flag) or WORKDIR (sample)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--exclude", help="a judgement file whose doc_ids are left out")
    args = ap.parse_args(argv)
    if args.source == "flag":
        flag(args.articles, args.out)
    else:
        sample(args.source, args.articles, args.out, args.seed, args.exclude)


if __name__ == "__main__":
    main()
