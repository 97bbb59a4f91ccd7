"""Crash check: a 10,000-article batch to Parquet, killed halfway, then resumed.

``python bench/kill_resume.py [-n 10000] [--workers 2] [--signal KILL|INT|TERM] [--compare]``

Every 50th id is given twice (the second copy is a DuplicateId error record). Passes when
every record is present exactly once (articles and error records), articles in input
order, every visible file of the stopped run was a valid Parquet file, a Ctrl-C/SIGTERM
run said how many records it saved and saved exactly that many, and (``--compare``) the
resumed output is byte-identical to an uninterrupted run. Uses short synthetic articles so
it runs in about a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_RUN = "import sys; from extractor.batch import main; sys.exit(main(sys.argv[1:]))"


def article(i: int) -> str:
    return (
        f"Bawaslu Catat {i} Laporan\n\n"
        f"Ketua Bawaslu Kota Balikpapan, Budi Santoso mengatakan ada {i} laporan "
        f"pelanggaran netralitas ASN pada Senin (18/3/2024).\n\n"
        f'"Kami akan menindaklanjuti semua laporan," kata Budi.'
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.parquet"))
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/kill_resume.py", description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--part-size", type=int, default=500)
    ap.add_argument(
        "--compare", action="store_true", help="also run uninterrupted and compare bytes"
    )
    ap.add_argument(
        "--signal", choices=("KILL", "INT", "TERM"), default="KILL", help="how to stop the run"
    )
    args = ap.parse_args(argv)
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        src = tmp / "in.jsonl"
        n_dups = 0
        with src.open("w", encoding="utf-8") as fh:
            for i in range(args.n):
                fh.write(json.dumps({"id": f"a{i:06d}", "text": article(i)}) + "\n")
                if i % 50 == 49:  # the same id again: a DuplicateId error record
                    fh.write(json.dumps({"id": f"a{i:06d}", "text": article(i + 1)}) + "\n")
                    n_dups += 1
        out = tmp / "out.parquet"
        base = [sys.executable, "-c", _RUN, str(src), "-o", str(out)]
        base += ["--workers", str(args.workers), "--part-size", str(args.part_size)]
        err_path = tmp / "stderr.txt"
        with err_path.open("w") as err_fh:
            proc = subprocess.Popen([*base, "--progress"], cwd=REPO, stderr=err_fh, text=True)
            half = args.n * 9 // 20  # not on a part boundary: a stop mid-part
            t0 = time.perf_counter()
            while True:
                shown = re.findall(r"(\d+)(?:/\d+| articles) ", err_path.read_text())
                if shown and int(shown[-1]) >= half:  # the progress line's count
                    break
                parts = list((out / "articles").glob("part-*.parquet")) if out.exists() else []
                if len(parts) * args.part_size >= half:
                    break
                if proc.poll() is not None:
                    print(f"FAIL: the run ended before it was stopped: {err_path.read_text()}")
                    return 1
                time.sleep(0.01)
            proc.send_signal(getattr(signal, f"SIG{args.signal}"))
            proc.wait()
        killed_at = time.perf_counter() - t0
        for p in out.rglob("part-*.parquet"):
            pq.read_table(p)  # raises on a torn file
        done = pq.read_table(out / "articles", columns=["doc_id"]).num_rows
        errs = pq.read_table(out / "errors", columns=["doc_id"]).num_rows
        said = err_path.read_text().split("saved ", 1)[-1].split(" ", 1)[0]
        if args.signal != "KILL" and (not said.isdigit() or int(said) != done + errs):
            print(f"FAIL: the stopped run said it saved {said!r}, the output holds {done + errs}")
            return 1
        print(f"SIG{args.signal} after {killed_at:.1f} s (exit {proc.returncode}) with "
              f"{done} of {args.n} articles saved; "
              f"leftovers: {sorted(p.name for p in out.rglob('.*'))}")  # fmt: skip
        t = time.perf_counter()
        res = subprocess.run(
            [*base, "--resume", "--no-progress"], cwd=REPO, capture_output=True, text=True
        )
        summary = [x for x in res.stderr.splitlines() if x.startswith("batch")]
        print(f"resume: exit {res.returncode} in {time.perf_counter() - t:.1f} s: "
              f"{summary[-1] if summary else res.stderr.strip()}")  # fmt: skip
        ids = pq.read_table(out / "articles", columns=["doc_id"]).column("doc_id").to_pylist()
        errors = pq.read_table(out / "errors").to_pylist()
        expected = [f"a{i:06d}" for i in range(args.n)]
        ok = (
            res.returncode == (3 if n_dups else 0)
            and ids == expected
            and len(errors) == n_dups
            and {e["error_type"] for e in errors} <= {"DuplicateId"}
        )
        print(f"articles: {len(ids)} rows, {len(set(ids))} distinct, in order: {ids == expected}; "
              f"DuplicateId records: {len(errors)} of {n_dups}")  # fmt: skip
        if args.compare:
            clean = tmp / "clean.parquet"
            cmd = [*base[:4], "-o", str(clean), *base[6:], "--no-progress"]
            if subprocess.run(cmd, cwd=REPO, capture_output=True).returncode not in (0, 3):
                print("FAIL: the uninterrupted run failed")
                return 1
            same = tree(clean) == tree(out)
            print(f"byte-identical to an uninterrupted run: {same}")
            ok = ok and same
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
