"""What a batch run tells its user: a progress line while it runs, a summary at the end."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: what one record's result counts, in the summary line
FACT_KINDS = ("officials", "quotes", "sanctions", "statistics", "dates")


@dataclass
class Summary:
    """Counts of one run; :meth:`line` is the last line the command prints."""

    articles: int = 0
    errors: int = 0
    skipped: int = 0
    #: error records the output held before this run (``--resume``)
    earlier_errors: int = 0
    #: records of this run that are in the output (all of them unless a write failed)
    saved: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    error_types: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    interrupted: bool = False
    output: str = ""
    #: what the user should hear after the summary (records without id, …)
    notes: list[str] = field(default_factory=list)

    @property
    def total_errors(self) -> int:
        """Error records in the output, this run's and a resumed run's."""
        return self.errors + self.earlier_errors

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        facts = ", ".join(f"{self.facts[k]} {k}" for k in FACT_KINDS)
        errs = f"{self.errors} errors"
        if self.error_types:
            errs += " (" + ", ".join(f"{n} {t}" for t, n in self.error_types.most_common()) + ")"
        if self.earlier_errors:
            errs += f" + {self.earlier_errors} from the resumed run"
        skipped = f", {self.skipped} already done" if self.skipped else ""
        if self.interrupted:
            head = (
                f"batch interrupted: saved {self.saved} records ({self.articles} articles, "
                f"{self.errors} errors) to {self.output}"
            )
            return f"{head}{skipped}; {self.seconds:.1f} s"
        return (
            f"batch done: {self.articles} articles ({rate:.1f}/s), {errs}{skipped}; "
            f"facts: {facts}; {self.seconds:.1f} s"
        )


class Progress:
    """A one-line progress bar on stderr: count, articles/s and ETA (no dependency)."""

    def __init__(self, total: int | None, enabled: bool, stream: Any = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.n = 0
        self.t0 = time.perf_counter()
        self.last = 0.0

    def update(self, n: int) -> None:
        self.n += n
        now = time.perf_counter()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.t0, 1e-9)
        rate = self.n / elapsed
        if self.total:
            frac = min(self.n / self.total, 1.0)
            bar = "#" * int(frac * 24)
            eta = (self.total - self.n) / rate if rate > 0 else 0
            text = (
                f"\r[{bar:<24}] {self.n}/{self.total} {frac:4.0%}  {rate:7.1f} articles/s"
                f"  ETA {clock(eta)} "
            )
        else:
            text = f"\r{self.n} articles  {rate:7.1f} articles/s  {clock(elapsed)} "
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.n:
            self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()


def clock(seconds: float) -> str:
    """Seconds as H:MM:SS."""
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


__all__ = ["FACT_KINDS", "Progress", "Summary", "clock"]
