"""Throughput benchmark on real news: ``python bench/benchmark.py [CLICK-ID.jsonl] [-n 3000]``.

Measures, on the same articles of the CLICK-ID corpus (``/work/shared/bench``):

1. ``spacy.blank("id")`` tokenising alone vs. the full extraction, in one process (the ratio
   is the cost of everything beyond tokenising);
2. time per article and per character by article length (per-character time should stay
   flat: no stage may grow faster than the text);
3. ``batch`` runs with 1 and 2 workers to Parquet: articles/s, speed-up and peak RSS.

Prints a Markdown report. Targets: extraction ≤ 3× tokenizer time, ≥ 120 articles/s on
one core, peak RSS ≤ 300 MB per worker, 2 workers ≥ 1.8× one worker.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / ".." / "shared" / "bench" / "click-id.jsonl"
BUCKETS = ((0, 1000), (1000, 2000), (2000, 4000), (4000, 10**9))

_RUN = """
import resource, sys
from extractor.batch import main
code = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(f"RSS {me.ru_maxrss} {kids.ru_maxrss} {cpu}", file=sys.stderr)
sys.exit(code)
"""


def load(path: Path, n: int) -> list[dict]:
    """``n`` articles spread evenly over the file (every k-th line, deterministic)."""
    with path.open(encoding="utf-8") as fh:
        lines = fh.readlines()
    picked = lines if n >= len(lines) else [lines[i * len(lines) // n] for i in range(n)]
    return [json.loads(x) for x in picked]


def timed(fn, items) -> list[float]:
    """CPU seconds per item: robust to other processes sharing the cores."""
    out = []
    clock = time.process_time
    for it in items:
        t = clock()
        fn(it)
        out.append(clock() - t)
    return out


def batch_run(src: Path, workers: int, tmp: Path) -> dict:
    out = tmp / f"w{workers}.parquet"
    cmd = [sys.executable, "-c", _RUN, str(src), "-o", str(out), "--workers", str(workers)]
    cmd += ["--no-progress", "--force"]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"batch with {workers} workers failed: {proc.stderr.strip()[-500:]}")
    summary = next(x for x in proc.stderr.splitlines() if x.startswith("batch done"))
    rate = float(re.search(r"\(([\d.]+)/s\)", summary).group(1))
    me_s, kids_s, cpu_s = proc.stderr.split("RSS ")[-1].split()
    me, kids, cpu = int(me_s), int(kids_s), float(cpu_s)
    # ru_maxrss is in KiB on Linux; the largest worker process (the parent only reads/writes)
    worker_rss = kids / 1024
    return {"rate": rate, "wall": wall, "rss": worker_rss, "parent": me / 1024, "cpu": cpu}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/benchmark.py", description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT, help="CLICK-ID JSONL")
    ap.add_argument("-n", type=int, default=3000, help="articles to measure (3000)")
    ap.add_argument("--workers", default="1,2", help="worker counts for batch runs (1,2)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"benchmark: no corpus at {args.corpus}", file=sys.stderr)
        return 1

    import spacy

    from extractor.pipeline import Extractor

    arts = load(args.corpus, args.n)
    texts = [a["text"] for a in arts]
    t = time.perf_counter()
    ex = Extractor()
    build = time.perf_counter() - t
    nlp = spacy.blank("id")
    warm = texts[:200]  # both fill their caches (vocab, lexemes) before timing
    for x in warm:
        nlp.make_doc(x)
        with contextlib.suppress(Exception):
            ex.extract(x)
    tok = timed(nlp.make_doc, texts)
    failed: list[str] = []

    def extract(a: dict) -> None:
        try:
            ex.extract(a["text"], doc_id=a["id"], published=a["published"])
        except Exception as exc:  # the batch command records these; count them here
            failed.append(f"{a['id']} ({type(exc).__name__})")

    full = timed(extract, arts)
    chars = [len(x) for x in texts]
    n, total_chars = len(texts), sum(chars)
    tok_s, full_s = sum(tok), sum(full)

    print(f"## Benchmark: {n} CLICK-ID articles ({total_chars:,} characters, "
          f"mean {total_chars / n:,.0f})\n")  # fmt: skip
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}. Extractor() build: {build:.1f} s.\n")  # fmt: skip
    print("### One process, same articles (CPU time)\n")
    print("| what | total s | ms/article | µs/char | articles/s |")
    print("|---|--:|--:|--:|--:|")
    for name, s in (('`spacy.blank("id")` tokenising only', tok_s), ("full extraction", full_s)):
        print(f"| {name} | {s:.2f} | {s / n * 1000:.2f} | {s / total_chars * 1e6:.2f} "
              f"| {n / s:,.0f} |")  # fmt: skip
    ratio = full_s / tok_s
    print(f"\nFull extraction / tokenising only: **{ratio:.2f}×** (target ≤ 3×); "
          f"one core: **{n / full_s:,.0f} articles/s** (target ≥ 120).\n")  # fmt: skip

    if failed:
        print(f"{len(failed)} articles raised (timed until they did): {', '.join(failed[:5])}\n")
    print("### Time by article length\n")
    print("| chars | articles | extraction ms/article | extraction µs/char | "
          "tokenising µs/char | ratio |")  # fmt: skip
    print("|---|--:|--:|--:|--:|--:|")
    for lo, hi in BUCKETS:
        idx = [i for i, c in enumerate(chars) if lo <= c < hi]
        if not idx:
            continue
        c = sum(chars[i] for i in idx)
        f = sum(full[i] for i in idx)
        k = sum(tok[i] for i in idx)
        label = f"{lo:,}–{hi:,}" if hi < 10**9 else f"≥ {lo:,}"
        print(f"| {label} | {len(idx)} | {f / len(idx) * 1000:.2f} | {f / c * 1e6:.2f} | "
              f"{k / c * 1e6:.2f} | {f / k:.2f} |")  # fmt: skip
    slowest = sorted(range(n), key=full.__getitem__)[-3:][::-1]
    print("\nSlowest articles: " + ", ".join(
        f"{arts[i]['id']} ({chars[i]:,} chars, {full[i] * 1000:.1f} ms)" for i in slowest
    ) + "\n")  # fmt: skip

    print("### `batch` to Parquet (separate processes, startup excluded from articles/s)\n")
    print("| workers | articles/s (wall) | speed-up | peak RSS per worker (MB) | "
          "peak RSS parent (MB) | wall s (with startup) | CPU s (all processes) |")  # fmt: skip
    print("|--:|--:|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), "utf-8")
        base = None
        for w in (int(x) for x in args.workers.split(",")):
            r = batch_run(src, w, Path(tmp))
            base = base or r["rate"]
            print(f"| {w} | {r['rate']:,.0f} | {r['rate'] / base:.2f}× | {r['rss']:.0f} | "
                  f"{r['parent']:.0f} | {r['wall']:.1f} | {r['cpu']:.1f} |")  # fmt: skip
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print("\nThe machine was busy with other work: wall-clock rates and the speed-up are "
              "lower bounds; the CPU-time figures above are not affected.")  # fmt: skip
    print("\nTargets: ≤ 3× tokenizer, ≥ 120 articles/s on one core, ≤ 300 MB per worker, "
          "2 workers ≥ 1.8× one.")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
