"""Scale check for ``link``: ``python bench/link_million.py OUT.parquet -n 1000000``.

Builds a synthetic batch output of ``-n`` articles by repeating the parts of a real one
(``OUT.parquet``, e.g. a ``batch`` run over ``../shared/bench/click-id.jsonl``) and runs
``python -m extractor link`` on it in a child process, recording wall time and the child's
peak RSS (``getrusage(RUSAGE_CHILDREN).ru_maxrss``). Prints one Markdown line per run and
the link summary.

What the synthetic corpus is: copy ``k`` (k = 0, 1, …) of every part of the ``articles``,
``officials``, ``quotes`` and ``statistics`` tables, with ``doc_id`` → ``<doc_id>~<k>``
(copy 0 keeps the real ids) and every word of ``articles.headline`` and ``quotes.text``
tagged with the copy (``kata`` → ``kata_k``); the last copy is cut to reach ``-n``. Parts
stay same-named across tables, as a batch writes them.

What it tests: the row counts of a corpus of that size (≈ 0.65 officials, 3.8 quotes per
article) through every step of ``link``; near-duplicate detection over ``-n`` texts — the
tag makes copies of one article unlike each other (no shared shingle), while the real
syndicated pairs inside each copy stay near-duplicates, so ``link`` must report about
``k`` times the duplicates of the real output and no pair across two copies (each copy
finds 48-64 of the 53 stand-in pairs: a pair near the threshold is estimated a little
differently from differently tagged words); people clusters ``k`` times larger (every name
comes back in every copy, like a much-quoted president).

What it does not test: the number of *distinct* names does not grow, so the rapidfuzz
blocks see the same names (a real million would have more of them); statistics keep their
text, so figures get ``k`` times the articles, not more figures; full-text duplicates
(``--texts``) are not exercised, only the default stand-in texts (headline, quotes,
statistics).
"""

from __future__ import annotations

import argparse
import math
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

TABLES = ("articles", "officials", "quotes", "statistics")
#: columns whose words are tagged with the copy number (the stand-in texts of near-duplicates)
TAGGED = {"articles": ("headline",), "quotes": ("text",)}


def _copy_part(src: Path, dest: Path, table: str, k: int, keep: set[str] | None) -> int:
    """Write copy ``k`` of one part; ``keep``: the doc_ids the cut last copy keeps."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t = pq.read_table(src)
    if keep is not None:
        t = t.filter(pc.is_in(t["doc_id"], value_set=pa.array(sorted(keep), pa.string())))
    if k:
        ids = pc.binary_join_element_wise(t["doc_id"].cast(pa.string()), pa.scalar(str(k)), "~")
        t = t.set_column(t.column_names.index("doc_id"), "doc_id", ids)
        for col in TAGGED.get(table, ()):
            if col in t.column_names:
                tagged = pc.replace_substring_regex(
                    t[col], pattern=r"([\pL\pN]+)", replacement=rf"\1_{k}"
                )
                t = t.set_column(t.column_names.index(col), col, tagged)
    pq.write_table(t, dest, compression="zstd")
    return t.num_rows


def build(src: Path, dest: Path, n: int) -> int:
    """Write a synthetic output of ``n`` articles to ``dest``; returns the article count."""
    import pyarrow.parquet as pq

    parts = sorted((src / "articles").glob("part-*.parquet"))
    if not parts:
        sys.exit(f"{src}: no articles/part-*.parquet: not a batch output")
    sizes = [pq.read_metadata(p).num_rows for p in parts]
    per_copy = sum(sizes)
    copies = math.ceil(n / per_copy)
    if dest.exists():
        shutil.rmtree(dest)
    for table in TABLES:
        (dest / table).mkdir(parents=True)
    written, left = 0, n
    for k in range(copies):
        for i, part in enumerate(parts):
            if left <= 0:
                break
            keep = None
            if sizes[i] > left:  # the cut: the first `left` articles of this part
                ids = pq.read_table(part, columns=["doc_id"])["doc_id"].to_pylist()
                keep = {str(d) for d in ids[:left]}
            name = f"part-{k * len(parts) + i:06d}.parquet"
            for table in TABLES:
                if (src / table / part.name).exists():
                    rows = _copy_part(src / table / part.name, dest / table / name, table, k, keep)
                    if table == "articles":
                        written += rows
                        left -= rows
    return written


def run_link(out: Path, extra: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (bytes) and the summary line of ``link`` on ``out``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", "link", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode:
        sys.exit(f"link failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    if peak <= before:
        print("note: peak RSS not above an earlier child's; run one size per call", file=sys.stderr)
    return wall, peak * 1024, proc.stderr.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("output", type=Path, help="a real batch output (OUT.parquet folder)")
    p.add_argument("-n", "--articles", type=int, default=1_000_000, help="synthetic size")
    p.add_argument("--work", type=Path, default=Path("/tmp/link_million"), help="scratch folder")
    p.add_argument("--keep", action="store_true", help="keep the synthetic output")
    ns = p.parse_args(argv)
    out = ns.work / f"synthetic-{ns.articles}.parquet"
    t0 = time.perf_counter()
    n = build(ns.output, out, ns.articles)
    built = time.perf_counter() - t0
    try:
        wall, peak, line = run_link(out, [])
    finally:
        if not ns.keep:
            shutil.rmtree(out, ignore_errors=True)
    print(
        f"| {n:,} articles | link {wall:.1f} s | peak RSS {peak / 2**20:.0f} MB | "
        f"(built in {built:.0f} s) |"
    )
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
