"""Compare a splink (DuckDB) model with the shipped rapidfuzz linker on the labelled pairs.

Why: issue 12 asks to "use a maintained record-linkage or string-similarity library (splink
on DuckDB, or rapidfuzz with blocking) - measure and choose".  This script is the splink
half of that measurement.  It is a benchmark, not part of the package: splink is not a
dependency of ``extractor`` (run it from a scratch environment)::

    python -m venv /tmp/splink_venv && /tmp/splink_venv/bin/pip install splink pyarrow
    python -m extractor batch ../shared/bench/click-id.jsonl -o OUT.parquet
    python -m extractor link OUT.parquet          # the rapidfuzz linker, for comparison
    /tmp/splink_venv/bin/python bench/linkage/splink_compare.py OUT.parquet

The model (Fellegi-Sunter, the standard in record linkage):

- records: the ``officials`` rows (one per person per article; quote speakers are tied to
  an article's official by the extractor, so they follow the same ids);
- names are normalised as the linker does (lower case, no punctuation, leading titles
  dropped) and the curated nicknames of ``patterns/aliases.toml`` are mapped to their
  full names, so both sides get the same world knowledge;
- blocking like the linker: same first name token, or same last name token, in different
  articles;
- comparisons: name (exact with term-frequency adjustment, Jaro-Winkler 0.95, one name a
  whole-word part of the other, Jaro-Winkler 0.88), post, body and region (exact /
  Jaro-Winkler / null);
- u by random sampling, m by expectation maximisation on two blocking rules (same name;
  same body), the prior from a deterministic rule;
- the match threshold is chosen on the OLD labelled set (``person_pairs.jsonl``) and then
  scored, unchanged, on the FRESH set (``person_pairs_2.jsonl``), after connected-component
  clustering, so the pairwise numbers mean the same as the linker's ``person_id``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TITLES = {"prof", "profesor", "dr", "drs", "dra", "ir", "h", "hj", "kh", "haji", "st", "sh", "se"}


def norm(name: str) -> str:
    """Lower case, punctuation to spaces, leading titles dropped."""
    toks = re.sub(r"[^\w\s]", " ", (name or "").lower()).split()
    while len(toks) > 1 and toks[0] in TITLES:
        toks = toks[1:]
    return " ".join(toks)


def alias_map() -> dict[str, str]:
    """Normalised nickname -> normalised full name, from patterns/aliases.toml."""
    data = tomllib.loads((ROOT / "patterns" / "aliases.toml").read_text(encoding="utf-8"))
    out = {}
    for fig in data.get("figures", []):
        full = norm(fig["name"])
        for a in [fig["name"], *fig.get("aliases", [])]:
            out[norm(a)] = full
    return out


def load_records(out: Path):
    """The officials rows as a pyarrow table with the comparison columns."""
    import duckdb
    import pyarrow as pa

    rows = duckdb.sql(
        f"select doc_id, idx, name, position, organization, region "
        f"from read_parquet('{out}/officials/*.parquet')"
    ).fetchall()
    amap = alias_map()
    cols: dict[str, list] = {
        k: []
        for k in (
            "unique_id",
            "doc_id",
            "name_n",
            "first_tok",
            "last_tok",
            "pos_n",
            "org_n",
            "reg_n",
        )
    }
    for d, i, name, pos, org, reg in rows:
        n = norm(name)
        n = amap.get(n, n)
        toks = n.split() or [""]
        cols["unique_id"].append(f"{d}:{i}")
        cols["doc_id"].append(d)
        cols["name_n"].append(n or None)
        cols["first_tok"].append(toks[0] or None)
        cols["last_tok"].append(toks[-1] or None)
        cols["pos_n"].append(norm(pos) or None)
        cols["org_n"].append(norm(org) or None)
        cols["reg_n"].append(norm(reg) or None)
    return pa.table(cols)


def settings():
    """The splink model: blocking, comparisons and levels."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    name = cl.CustomComparison(
        output_column_name="name_n",
        comparison_levels=[
            cll.NullLevel("name_n"),
            cll.ExactMatchLevel("name_n", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("name_n", 0.95),
            cll.CustomLevel(
                "(' ' || name_n_l || ' ') like ('% ' || name_n_r || ' %') or "
                "(' ' || name_n_r || ' ') like ('% ' || name_n_l || ' %')",
                label_for_charts="one name is a whole-word part of the other",
            ),
            cll.JaroWinklerLevel("name_n", 0.88),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=[
            "l.first_tok = r.first_tok and l.doc_id <> r.doc_id",
            "l.last_tok = r.last_tok and l.doc_id <> r.doc_id",
        ],
        comparisons=[
            name,
            cl.JaroWinklerAtThresholds("pos_n", [0.9]),
            cl.JaroWinklerAtThresholds("org_n", [0.88]),
            cl.ExactMatch("reg_n"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def train_and_predict(records, seed: int = 20191101):
    """Fit m/u by random sampling + EM and score every blocked pair (uid_l, uid_r, weight)."""
    from splink import DuckDBAPI, Linker, block_on

    db_api = DuckDBAPI()
    df = db_api.register(records, dataset_display_name="officials")
    linker = Linker(df, settings(), log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        ["l.name_n = r.name_n and l.org_n = r.org_n"], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name_n"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("org_n"))
    pred = linker.inference.predict(threshold_match_weight=-5)
    return linker, pred


def clusters_at(edges: list[tuple[str, str, float]], threshold: float) -> dict[str, str]:
    """Connected components of the edges with weight >= threshold (uid -> root)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, w in edges:
        if w >= threshold:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    return {x: find(x) for x in parent}


def pr(pairs: list[dict], same) -> dict:
    """Pairwise precision/recall of a same(uid_a, uid_b) predicate on labelled pairs."""
    c: Counter = Counter()
    for p in pairs:
        if p["label"] not in ("same", "different"):
            continue
        ua = f"{p['a']['doc_id']}:{p['a']['idx']}"
        ub = f"{p['b']['doc_id']}:{p['b']['idx']}"
        pred, gold = same(ua, ub), p["label"] == "same"
        c[("t" if pred == gold else "f") + ("p" if pred else "n")] += 1
    prec = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
    rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
    return {"precision": prec, "recall": rec, **{k: c[k] for k in ("tp", "fp", "fn", "tn")}}


def linker_ids(out: Path) -> dict[str, str]:
    """uid -> person_id from the rapidfuzz linker's officials_linked table."""
    import duckdb

    parts = out / "officials_linked"
    if not parts.is_dir():
        return {}
    rows = duckdb.sql(
        f"select doc_id, idx, person_id from read_parquet('{parts}/*.parquet')"
    ).fetchall()
    return {f"{d}:{i}": pid for d, i, pid in rows}


def same_in(ids: dict[str, str]):
    """A predicate: both uids carry the same cluster or person id."""
    return lambda a, b: ids.get(a) is not None and ids.get(a) == ids.get(b)


def fmt(r: dict) -> str:
    return f"P {r['precision']:.3f} ({r['tp']}/{r['tp'] + r['fp']})  R {r['recall']:.3f} ({r['tp']}/{r['tp'] + r['fn']})"


def scaling(out: Path, n: int) -> None:
    """Time and peak memory of train + predict + cluster on N copies of the rows."""
    import pyarrow as pa

    base = load_records(out)
    parts = []
    for k in range(n):
        t = base.set_column(
            0, "unique_id", pa.array([f"{u}#{k}" for u in base["unique_id"].to_pylist()])
        )
        t = t.set_column(1, "doc_id", pa.array([f"{d}#{k}" for d in base["doc_id"].to_pylist()]))
        parts.append(t)
    records = pa.concat_tables(parts)
    t0 = time.perf_counter()
    linker, pred = train_and_predict(records)
    n_pairs = pred.as_duckdbpyrelation().count("*").fetchall()[0][0]
    t1 = time.perf_counter()
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        pred, threshold_match_weight=-2.0
    )
    n_cl = (
        clustered.as_duckdbpyrelation().select("cluster_id").distinct().count("*").fetchall()[0][0]
    )
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"splink x{n}: {records.num_rows} rows, {n_pairs} scored pairs, {n_cl} clusters; "
        f"train+predict {t1 - t0:.1f}s, cluster {t2 - t1:.1f}s; peak RSS {peak_mb:.0f} MB"
    )


def main(argv: list[str] | None = None) -> None:
    """Train, choose the threshold on the old set, score the fresh set, time it."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", type=Path, help="a batch output (OUT.parquet folder)")
    ap.add_argument(
        "--min-precision", type=float, default=0.97, help="precision floor on the old set"
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="scaling run only: repeat the rows N times with new doc ids, then train, predict "
        "and cluster (no scoring)",
    )
    args = ap.parse_args(argv)
    try:
        import splink  # noqa: F401
    except ImportError:
        sys.exit(
            "error: splink is not installed here (it is not an extractor dependency); see the docstring"
        )
    old = [
        json.loads(x)
        for x in (HERE / "person_pairs.jsonl").read_text(encoding="utf-8").splitlines()
        if x
    ]
    new = [
        json.loads(x)
        for x in (HERE / "person_pairs_2.jsonl").read_text(encoding="utf-8").splitlines()
        if x
    ]

    if args.repeat:
        scaling(args.output, args.repeat)
        return
    t0 = time.perf_counter()
    records = load_records(args.output)
    t_load = time.perf_counter() - t0
    linker, pred = train_and_predict(records)
    t_train_pred = time.perf_counter() - t0 - t_load
    edges = [
        (a, b, w)
        for a, b, w in pred.as_duckdbpyrelation()
        .select("unique_id_l, unique_id_r, match_weight")
        .fetchall()
    ]
    print(f"splink: {records.num_rows} official rows, {len(edges)} scored pairs (weight >= -5)")

    # Threshold chosen on the OLD set: the highest recall whose precision stays >= the floor
    # (ties: the higher threshold); the FRESH set is not looked at here.
    grid = [x / 2 for x in range(-10, 41)]
    best = None
    for t in grid:
        cl_ = clusters_at(edges, t)
        r = pr(old, same_in(cl_))
        if r["precision"] >= args.min_precision and (
            best is None or r["recall"] > best[1]["recall"]
        ):
            best = (t, r)
    if best is None:
        sys.exit(f"no threshold reaches precision {args.min_precision} on the old set")
    thr, r_old = best
    prob = 2**thr / (1 + 2**thr)
    t1 = time.perf_counter()
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        pred, threshold_match_weight=thr
    )
    cid = dict(clustered.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall())
    t_cluster = time.perf_counter() - t1
    wall = t_load + t_train_pred + t_cluster
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    r_new = pr(new, same_in(cid))
    ids = linker_ids(args.output)
    print(f"threshold (chosen on the old set): match weight {thr:+.1f} (probability {prob:.3f})")
    print(f"  old set (tuning)   splink {fmt(r_old)}")
    print(f"  fresh set          splink {fmt(r_new)}")
    if ids:
        same = same_in(ids)
        print(f"  fresh set    rapidfuzz linker {fmt(pr(new, same))}")
        print(f"  old set      rapidfuzz linker {fmt(pr(old, same))}")
    n_clusters = len(set(cid.values()))
    print(
        f"time: load {t_load:.1f}s, train+predict {t_train_pred:.1f}s, cluster {t_cluster:.1f}s "
        f"= {wall:.1f}s; peak RSS {peak_mb:.0f} MB; {n_clusters} clusters"
    )
    # per-stratum on the fresh set, and the errors, for the README
    for s in sorted({p["stratum"] for p in new}):
        sub = [p for p in new if p["stratum"] == s]
        print(f"  fresh {s:<16} splink {fmt(pr(sub, same_in(cid)))}")
    for p in new:
        if p["label"] not in ("same", "different"):
            continue
        ua, ub = (f"{p[k]['doc_id']}:{p[k]['idx']}" for k in "ab")
        pred_same = cid.get(ua) is not None and cid.get(ua) == cid.get(ub)
        if pred_same != (p["label"] == "same"):
            kind = "fp" if pred_same else "fn"
            print(f"  [{kind}] #{p['pair']} {p['a']['name']!r} ~ {p['b']['name']!r}")


if __name__ == "__main__":
    main()
