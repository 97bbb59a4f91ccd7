"""Draw the seeded relevance sample: 100 bench articles the pipeline labels on-topic.

    python bench/linkage/sample_relevance.py OUT.parquet ARTICLES.jsonl WORKDIR

Writes WORKDIR/relevance_cands.jsonl (doc_id, label, score, headline, lead) for reading;
the hand judgements go to bench/linkage/relevance_sample.jsonl.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import duckdb

SEED = 20191001
N = 100


def main(out: str, articles: str, work: str) -> None:
    """Sample N flagged articles (sorted ids, seeded shuffle) and dump their leads."""
    rows = duckdb.sql(
        f"select doc_id, relevance_label, relevance_score from read_parquet('{out}/articles/*.parquet') "
        "where relevance_label in ('asn_neutrality', 'election_other') order by doc_id"
    ).fetchall()
    rng = random.Random(SEED)
    pick = sorted(rng.sample(rows, min(N, len(rows))))
    want = {r[0]: r for r in pick}
    texts = {}
    with open(articles, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in want:
                texts[rec["id"]] = rec["text"]
    Path(work).mkdir(parents=True, exist_ok=True)
    with open(Path(work) / "relevance_cands.jsonl", "w", encoding="utf-8") as fh:
        for doc_id, label, score in pick:
            fh.write(
                json.dumps(
                    {"doc_id": doc_id, "label": label, "score": score, "text": texts[doc_id]},
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"{len(rows)} flagged articles; sampled {len(pick)} -> {work}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
