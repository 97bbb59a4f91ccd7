"""Render the views as a person sees them: article pages and a corpus report, as PNGs.

    python bench/screenshots.py [--corpus ../shared/bench/sample-1k.jsonl] [-o docs/img]

Writes the seed articles' pages (``corpus/*.txt``) and a report over a batch run of the
corpus (1,000 articles by default), then photographs each page with headless Chromium
(Debian's ``chromium``; the flags keep it off the network). Needs the ``report`` extra.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip


def shoot(browser: str, page: Path, png: Path, size: str, profile: Path) -> None:
    """One screenshot of a local page (no network: the pages have no external assets)."""
    cmd = [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
           f"--screenshot={png}", page.resolve().as_uri()]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    print(f"{png} ({png.stat().st_size:,} bytes)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(ROOT.parent / "shared/bench/sample-1k.jsonl"))
    p.add_argument("-o", "--out", default=str(ROOT / "docs/img"))
    p.add_argument("--browser", default=shutil.which("chromium") or "chromium")
    args = p.parse_args(argv)
    if not shutil.which(args.browser):
        print(f"no browser {args.browser!r}: apt-get install chromium", file=sys.stderr)
        return 2
    import extractor
    from extractor.cli import main as cli
    from extractor.views.html import write_article

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work, profile = Path(tmp), Path(tmp) / "profile"
        for txt in sorted((ROOT / "corpus").glob("*.txt")):
            text = txt.read_text(encoding="utf-8-sig")
            page = write_article(
                work / f"{txt.stem}.html", text, extractor.extract(text, doc_id=txt.stem)
            )
            shoot(args.browser, page, out / f"article-{txt.stem[:3]}.png", "1400,1800", profile)
        batch_out = work / "out.parquet"
        if cli(["batch", args.corpus, "-o", str(batch_out), "--workers", "2"]) not in (0, 3):
            return 1
        report = work / "report.html"
        if cli(["report", str(batch_out), "-o", str(report)]) != 0:
            return 1
        shoot(args.browser, report, out / "report.png", "1200,2600", profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
