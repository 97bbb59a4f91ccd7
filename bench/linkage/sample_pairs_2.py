"""Draw a FRESH set of candidate pairs (round 2), disjoint from the first labelled set.

Why: the first set (``person_pairs.jsonl``, ``figure_pairs.jsonl``) was used to tune the
linker, so its after-number is not an independent estimate.  This round uses another seed,
drops every pair already labelled (by the row keys ``score_pairs.py`` joins on:
``(doc_id, idx)`` of both rows) and, for people, every pair of normalised names already
labelled, so the new set measures how the rules generalise rather than whether the tuned
examples still pass.  It adds hard negatives (same first name, different body or region)
and short forms of public figures not in the first round's nickname list.  rapidfuzz is
used for sampling only.  Labels are added by hand afterwards (README.md in this folder).

    python bench/linkage/sample_pairs_2.py OUT.parquet ARTICLES.jsonl WORKDIR
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_pairs import load_texts, norm, snippet, tokens

HERE = Path(__file__).resolve().parent
SEED = 20191101
# People strata and sizes (240 drawn, so that >= 200 remain after `unsure` rows).
N_PEOPLE = {
    "same_name": 60,
    "short_form": 40,
    "shared_token": 40,
    "similar_string": 50,
    "same_first_name": 50,
}
# Short forms of national figures used in news, written down before the linker was run;
# the first round sampled Jokowi, SBY, Ahok, Kang Emil and Mahfud MD only.
SHORT_FORMS = {
    "anies": ["anies baswedan", "anies rasyid baswedan"],
    "bamsoet": ["bambang soesatyo"],
    "prabowo": ["prabowo subianto"],
    "megawati": ["megawati soekarnoputri"],
    "luhut": ["luhut binsar pandjaitan"],
    "tito": ["tito karnavian", "muhammad tito karnavian"],
    "habibie": ["bj habibie", "bacharuddin jusuf habibie"],
    "khofifah": ["khofifah indar parawansa"],
    "risma": ["tri rismaharini"],
    "puan": ["puan maharani"],
    "airlangga": ["airlangga hartarto"],
    "surya paloh": ["paloh"],
    "ganjar": ["ganjar pranowo"],
}
# Figure strata: same value >= 10 (<= 4 pairs per value), same value < 10, same source,
# same measure and year, and values within 5 % of each other (updated or rounded counts).
N_FIGURES = {
    "same_value": 40,
    "same_small_value": 15,
    "same_source": 12,
    "same_measure_year": 12,
    "near_value": 12,
}
# Tokens too common to stand for a first name on their own.
WEAK_FIRST = {"m", "i", "a", "muhammad", "mohammad", "moh", "muh", "pp", "eksekutif", "h"}


def pair_key(a: dict, b: dict) -> tuple:
    """The join key of a pair in score_pairs.py: both rows' (doc_id, idx), unordered."""
    return tuple(sorted([(a["doc_id"], int(a["idx"])), (b["doc_id"], int(b["idx"]))]))


def old_keys(path: Path, field: str) -> tuple[set, set]:
    """Pair keys and unordered normalised name/value pairs of a labelled file."""
    keys, names = set(), set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                p = json.loads(line)
                keys.add(pair_key(p["a"], p["b"]))
                va, vb = p["a"][field], p["b"][field]
                if field == "name":
                    va, vb = norm(va), norm(vb)
                names.add(frozenset((va, vb)))
    return keys, names


class Drawer:
    """Collects pairs from different articles, each once, none from the first round."""

    def __init__(self, old: set, old_names: set, field: str) -> None:
        self.seen = set(old)
        self.old_names = old_names
        self.field = field
        self.pairs: list[dict] = []

    def add(self, a: dict, b: dict, stratum: str) -> bool:
        """Keep the pair when it is new; True when kept."""
        if a["doc_id"] == b["doc_id"]:
            return False
        key = pair_key(a, b)
        va, vb = a[self.field], b[self.field]
        if self.field == "name":
            va, vb = norm(va), norm(vb)
        if key in self.seen or (self.field == "name" and frozenset((va, vb)) in self.old_names):
            return False
        self.seen.add(key)
        self.pairs.append({"a": a, "b": b, "stratum": stratum})
        return True


def person_pairs(off: list[dict], rng: random.Random, d: Drawer) -> None:
    """Five strata of cross-article official pairs."""
    by_norm: dict[str, list[dict]] = defaultdict(list)
    for r in off:
        by_norm[norm(r["name"])].append(r)
    names = sorted(by_norm)

    def fill(stratum: str, draw, tries: int = 200000) -> None:
        got = 0
        while got < N_PEOPLE[stratum] and tries:
            tries -= 1
            ab = draw()
            if ab:
                got += d.add(*ab, stratum)

    multi = sorted(n for n, rs in by_norm.items() if len({r["doc_id"] for r in rs}) > 1)
    fill("same_name", lambda: rng.sample(by_norm[rng.choice(multi)], 2))

    # Short forms: the listed public figures first (<= 3 pairs each), then any one-word
    # name against a longer name that starts or ends with that word.
    got = 0
    for short, longs in SHORT_FORMS.items():
        s_rows = by_norm.get(short, [])
        l_rows = [r for lf in longs for r in by_norm.get(lf, [])]
        for _ in range(3):
            if s_rows and l_rows:
                got += d.add(rng.choice(s_rows), rng.choice(l_rows), "short_form")
    one_word = {n for n in names if len(n.split()) == 1 and len(n) >= 3}
    ends: dict[str, list[str]] = defaultdict(list)
    for n in names:
        ws = n.split()
        if len(ws) >= 2:
            for w in {ws[0], ws[-1]} & one_word:
                ends[w].append(n)
    shorts = sorted(ends)
    rest = N_PEOPLE["short_form"] - got
    got2, tries = 0, 100000
    while got2 < rest and tries:
        tries -= 1
        w = rng.choice(shorts)
        got2 += d.add(
            rng.choice(by_norm[w]), rng.choice(by_norm[rng.choice(ends[w])]), "short_form"
        )

    by_tok: dict[str, list[str]] = defaultdict(list)
    for n in names:
        for t in tokens(n):
            by_tok[t].append(n)
    toks = sorted(t for t, ns in by_tok.items() if len(ns) > 1)

    def shared():
        n1, n2 = rng.sample(by_tok[rng.choice(toks)], 2)
        return rng.choice(by_norm[n1]), rng.choice(by_norm[n2])

    fill("shared_token", shared)

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
    it = iter(similar)
    fill(
        "similar_string",
        lambda: (lambda p: (rng.choice(by_norm[p[0]]), rng.choice(by_norm[p[1]])))(next(it)),
        tries=len(similar),
    )

    # Hard negatives: two multi-word names with the same first word (not a title or an
    # initial) whose rows name different, non-empty bodies or regions.
    first: dict[str, list[dict]] = defaultdict(list)
    for r in off:
        ws = norm(r["name"]).split()
        if len(ws) >= 2 and ws[0] not in WEAK_FIRST and len(ws[0]) >= 3:
            first[ws[0]].append(r)
    firsts = sorted(f for f, rs in first.items() if len({norm(r["name"]) for r in rs}) > 1)

    def same_first():
        a, b = rng.sample(first[rng.choice(firsts)], 2)
        if norm(a["name"]) == norm(b["name"]):
            return None
        body = a["organization"] and b["organization"] and a["organization"] != b["organization"]
        place = a["region"] and b["region"] and a["region"] != b["region"]
        return (a, b) if body or place else None

    fill("same_first_name", same_first)


def figure_pairs(st: list[dict], rng: random.Random, d: Drawer) -> None:
    """Five strata of cross-article statistics pairs."""
    cands: dict[str, list[tuple]] = defaultdict(list)
    for i, a in enumerate(st):
        for b in st[i + 1 :]:
            if a["doc_id"] == b["doc_id"]:
                continue
            if a["value"] == b["value"]:
                cands["same_value" if a["value"] >= 10 else "same_small_value"].append((a, b))
            elif a["unit"] == b["unit"] and abs(a["value"] - b["value"]) <= 0.05 * max(
                a["value"], b["value"]
            ):
                cands["near_value"].append((a, b))
            elif a["source"] and a["source"] == b["source"]:
                cands["same_source"].append((a, b))
            elif a["measure"] == b["measure"] and a["year"] == b["year"]:
                cands["same_measure_year"].append((a, b))
    per_value: dict[float, int] = defaultdict(int)
    for stratum, n in N_FIGURES.items():
        lst = cands[stratum]
        rng.shuffle(lst)
        got = 0
        for a, b in lst:
            if got >= n:
                break
            if stratum == "same_value" and per_value[a["value"]] >= 4:
                continue
            if d.add(a, b, stratum):
                got += 1
                per_value[a["value"]] += stratum == "same_value"


def _clean(v):
    """pandas gives NaN for a missing string; JSON wants null."""
    return None if isinstance(v, float) and math.isnan(v) else v


def write(path: Path, pairs: list[dict], texts: dict, person: bool) -> None:
    """Candidates with context (300 and 200 characters) for the labeller."""
    with path.open("w", encoding="utf-8") as fh:
        for i, p in enumerate(pairs):
            rec = {"pair": i, "stratum": p["stratum"]}
            for k in "ab":
                r = p[k]
                if person:
                    s, e = int(r["mention_starts"][0]), int(r["mention_ends"][0])
                    fields = ("name", "position", "organization", "region")
                    w = 150
                else:
                    s, e = int(r["span_start"]), int(r["span_end"])
                    fields = (
                        "value",
                        "unit",
                        "measure",
                        "topic",
                        "year",
                        "source",
                        "region",
                        "text",
                    )
                    w = 200
                t = texts[r["doc_id"]]
                rec[k] = {"doc_id": r["doc_id"], "idx": int(r["idx"])}
                rec[k].update({f: _clean(r[f]) for f in fields})
                rec[k]["ctx300"] = snippet(t, s, e, w)
                rec[k]["ctx"] = snippet(t, s, e, 90)[:200]
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")


def main(out: str, articles: str, work: str) -> None:
    """Write round-2 person/figure candidates for labelling."""
    con = duckdb.connect()
    off = (
        con.sql(
            f"select doc_id, idx, name, position, organization, region, mention_starts, mention_ends "
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
    pd_ = Drawer(*old_keys(HERE / "person_pairs.jsonl", "name"), "name")
    person_pairs(off, random.Random(SEED), pd_)
    fd = Drawer(*old_keys(HERE / "figure_pairs.jsonl", "value"), "value")
    figure_pairs(st, random.Random(SEED + 1), fd)
    ids = {p[k]["doc_id"] for p in pd_.pairs + fd.pairs for k in "ab"}
    texts = load_texts(Path(articles), ids)
    Path(work).mkdir(parents=True, exist_ok=True)
    write(Path(work) / "person_cands_2.jsonl", pd_.pairs, texts, True)
    write(Path(work) / "figure_cands_2.jsonl", fd.pairs, texts, False)
    print(f"{len(pd_.pairs)} person pairs, {len(fd.pairs)} figure pairs -> {work}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:4])
