"""Draw the candidate pairs for the hand-labelled linkage sets (seeded, stratified).

Why a script: the labelled files must be reproducible from a batch output, and the strata
(same name / shared token or nickname / similar string) must be fixed before anyone looks
at the linker.  Labels are added by hand afterwards (see README.md in this folder).

    python bench/linkage/sample_pairs.py OUT.parquet ARTICLES.jsonl WORKDIR
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
from rapidfuzz import fuzz

SEED = 20191001
N_PER_STRATUM = 110
# Known short forms sampled on purpose (labelled by reading, not trusted).
NICKNAMES = {
    "jokowi": ["joko widodo", "ir joko widodo", "presiden joko widodo"],
    "sby": ["susilo bambang yudhoyono"],
    "ahok": ["basuki tjahaja purnama", "basuki"],
    "kang emil": ["ridwan kamil", "emil"],
    "mahfud md": ["mahfud", "mohammad mahfud", "moh mahfud md", "mahfud mahmodin"],
}
STOP = {"haji", "hj", "h", "drs", "dr", "ir", "prof", "st", "sh", "se", "mm", "msi", "md"}


def norm(name: str) -> str:
    """Lower-case, punctuation to spaces, collapse whitespace."""
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def tokens(name: str) -> set[str]:
    """Name tokens worth sharing: 3+ letters, not a title."""
    return {t for t in norm(name).split() if len(t) >= 3 and t not in STOP}


def snippet(text: str, start: int, end: int, width: int) -> str:
    """Context around a span, the span marked with [[ ]]."""
    a, b = max(0, start - width), min(len(text), end + width)
    return (text[a:start] + "[[" + text[start:end] + "]]" + text[end:b]).replace("\n", " ")


def load_texts(path: Path, ids: set[str]) -> dict[str, str]:
    """Article texts for the ids we need."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = rec["text"]
    return out


def person_pairs(off: list[dict], rng: random.Random) -> list[dict]:
    """Three strata of cross-article official pairs."""
    by_norm: dict[str, list[dict]] = defaultdict(list)
    for r in off:
        by_norm[norm(r["name"])].append(r)
    seen: set[tuple] = set()
    pairs: list[dict] = []

    def add(a: dict, b: dict, stratum: str) -> bool:
        if a["doc_id"] == b["doc_id"]:
            return False
        key = tuple(sorted([(a["doc_id"], a["idx"]), (b["doc_id"], b["idx"])]))
        if key in seen:
            return False
        seen.add(key)
        pairs.append({"a": a, "b": b, "stratum": stratum})
        return True

    # 1: same normalised name, different articles (uniform over names, not over rows).
    multi = sorted(n for n, rs in by_norm.items() if len({r["doc_id"] for r in rs}) > 1)
    got = 0
    while got < N_PER_STRATUM and multi:
        n = rng.choice(multi)
        a, b = rng.sample(by_norm[n], 2)
        got += add(a, b, "same_name")
    # 2: nicknames, then one shared token with different normalised names.
    got = 0
    for nick, longs in NICKNAMES.items():
        shorts = by_norm.get(nick, [])
        longs_rows = [r for lf in longs for r in by_norm.get(lf, [])]
        for _ in range(4):
            if shorts and longs_rows:
                got += add(rng.choice(shorts), rng.choice(longs_rows), "nickname")
    by_tok: dict[str, list[str]] = defaultdict(list)
    for n in by_norm:
        for t in tokens(n):
            by_tok[t].append(n)
    toks = sorted(t for t, ns in by_tok.items() if len(ns) > 1)
    tries = 0
    while got < N_PER_STRATUM and tries < 100000:
        tries += 1
        t = rng.choice(toks)
        n1, n2 = rng.sample(by_tok[t], 2)
        got += add(rng.choice(by_norm[n1]), rng.choice(by_norm[n2]), "shared_token")
    # 3: similar strings (ratio >= 80), different normalised names (spelling variants).
    names = sorted(by_norm)
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in names:
        blocks[n[:1]].append(n)
    similar = []
    for block in blocks.values():
        for i, n1 in enumerate(block):
            for n2 in block[i + 1 :]:
                if abs(len(n1) - len(n2)) <= 6 and fuzz.ratio(n1, n2) >= 80:
                    similar.append((n1, n2))
    rng.shuffle(similar)
    got = 0
    for n1, n2 in similar:
        if got >= N_PER_STRATUM:
            break
        got += add(rng.choice(by_norm[n1]), rng.choice(by_norm[n2]), "similar_string")
    return pairs


def person_extra(off: list[dict], done: list[dict], rng: random.Random, n: int = 40) -> list[dict]:
    """A top-up round (own RNG, so the first round is unchanged): half same name, half shared token."""
    by_norm: dict[str, list[dict]] = defaultdict(list)
    for r in off:
        by_norm[norm(r["name"])].append(r)
    seen = {
        tuple(sorted([(p["a"]["doc_id"], p["a"]["idx"]), (p["b"]["doc_id"], p["b"]["idx"])]))
        for p in done
    }
    multi = sorted(k for k, rs in by_norm.items() if len({r["doc_id"] for r in rs}) > 1)
    by_tok: dict[str, list[str]] = defaultdict(list)
    for k in by_norm:
        for t in tokens(k):
            by_tok[t].append(k)
    toks = sorted(t for t, ns in by_tok.items() if len(ns) > 1)
    out: list[dict] = []
    while len(out) < n:
        if len(out) % 2 == 0:
            a, b = rng.sample(by_norm[rng.choice(multi)], 2)
            stratum = "same_name"
        else:
            n1, n2 = rng.sample(by_tok[rng.choice(toks)], 2)
            a, b = rng.choice(by_norm[n1]), rng.choice(by_norm[n2])
            stratum = "shared_token"
        key = tuple(sorted([(a["doc_id"], a["idx"]), (b["doc_id"], b["idx"])]))
        if a["doc_id"] != b["doc_id"] and key not in seen:
            seen.add(key)
            out.append({"a": a, "b": b, "stratum": stratum})
    return out


def figure_pairs(st: list[dict], rng: random.Random) -> list[dict]:
    """Cross-article statistics pairs in four strata.

    Same value >= 10 (at most 4 pairs per value, so one syndicated figure cannot fill the
    stratum), same small value (< 10: mostly coincidences), same source with different
    values, same measure+year with different values.
    """
    cands: dict[str, list[tuple]] = defaultdict(list)
    for i, a in enumerate(st):
        for b in st[i + 1 :]:
            if a["doc_id"] == b["doc_id"]:
                continue
            if a["value"] == b["value"]:
                cands["same_value" if a["value"] >= 10 else "same_small_value"].append((a, b))
            elif a["source"] and a["source"] == b["source"]:
                cands["same_source"].append((a, b))
            elif a["measure"] == b["measure"] and a["year"] == b["year"]:
                cands["same_measure_year"].append((a, b))
    out: list[dict] = []
    big = cands["same_value"]
    rng.shuffle(big)
    per_value: dict[float, int] = defaultdict(int)
    for a, b in big:
        if per_value[a["value"]] < 4 and len(out) < 60:
            per_value[a["value"]] += 1
            out.append({"a": a, "b": b, "stratum": "same_value"})
    for k, n in (("same_small_value", 25), ("same_source", 20), ("same_measure_year", 20)):
        lst = cands[k]
        rng.shuffle(lst)
        out += [{"a": a, "b": b, "stratum": k} for a, b in lst[:n]]
    return out


def main(out: str, articles: str, work: str) -> None:
    """Write person/figure candidates with context for labelling."""
    rng = random.Random(SEED)
    con = duckdb.connect()
    off = (
        con.sql(
            f"select doc_id, idx, name, aliases, position, organization, region, mention_starts, mention_ends "
            f"from read_parquet('{out}/officials/*.parquet') where len(mention_starts) > 0 order by doc_id, idx"
        )
        .df()
        .to_dict("records")
    )
    st = (
        con.sql(
            f"select doc_id, idx, value, unit, measure, topic, year, region, source, text, span_start, span_end "
            f"from read_parquet('{out}/statistics/*.parquet') order by doc_id, idx"
        )
        .df()
        .to_dict("records")
    )
    pp = person_pairs(off, rng)
    fp = figure_pairs(st, rng)
    pp += person_extra(off, pp, random.Random(SEED + 1))
    ids = {p[k]["doc_id"] for p in pp + fp for k in "ab"}
    texts = load_texts(Path(articles), ids)
    Path(work).mkdir(parents=True, exist_ok=True)
    with open(Path(work) / "person_cands.jsonl", "w", encoding="utf-8") as fh:
        for i, p in enumerate(pp):
            rec = {"pair": i, "stratum": p["stratum"]}
            for k in "ab":
                r = p[k]
                s, e = int(r["mention_starts"][0]), int(r["mention_ends"][0])
                rec[k] = {
                    "doc_id": r["doc_id"],
                    "idx": int(r["idx"]),
                    "name": r["name"],
                    "position": r["position"],
                    "organization": r["organization"],
                    "region": r["region"],
                    "ctx300": snippet(texts[r["doc_id"]], s, e, 150),
                    "ctx": snippet(texts[r["doc_id"]], s, e, 90)[:200],
                }
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    with open(Path(work) / "figure_cands.jsonl", "w", encoding="utf-8") as fh:
        for i, p in enumerate(fp):
            rec = {"pair": i, "stratum": p["stratum"]}
            for k in "ab":
                r = p[k]
                s, e = int(r["span_start"]), int(r["span_end"])
                rec[k] = {
                    "doc_id": r["doc_id"],
                    "idx": int(r["idx"]),
                    "value": r["value"],
                    "unit": r["unit"],
                    "measure": r["measure"],
                    "topic": r["topic"],
                    "year": r["year"],
                    "source": r["source"],
                    "region": r["region"],
                    "text": r["text"],
                    "ctx300": snippet(texts[r["doc_id"]], s, e, 200),
                    "ctx": snippet(texts[r["doc_id"]], s, e, 90)[:200],
                }
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    print(f"{len(pp)} person pairs, {len(fp)} figure pairs -> {work}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
