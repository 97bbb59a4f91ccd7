"""The results of scoring (:class:`Report` and its parts) and one-line record descriptions.

Split from :mod:`extractor.evaluate`, which computes the numbers; this module holds them,
turns them into the JSON of ``tools/score.py --json`` and into the plain-text report that
says, per document, what was missed, what was extra and which attributes differ.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Record = Mapping[str, Any]

#: the scored categories, in report order
CATEGORIES = (
    "dates",
    "officials",
    "quotes.direct",
    "quotes.indirect",
    "sanctions",
    "statistics",
)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


# -- results -------------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted (nothing wrong was said)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """1.0 when gold has nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    """Share of matched records whose attribute agrees with gold."""

    ok: int = 0
    n: int = 0

    def add(self, correct: bool) -> None:
        self.n += 1
        self.ok += bool(correct)

    @property
    def value(self) -> float | None:
        """None when no record was compared."""
        return self.ok / self.n if self.n else None


@dataclass(frozen=True)
class Finding:
    """One gold record that was missed, or one predicted record that gold lacks."""

    category: str
    record: dict[str, Any]

    def describe(self, width: int = 0) -> str:
        """The record in one line: names, quote texts, sanction types, values, dates."""
        return describe(self.category, self.record, width)


@dataclass(frozen=True)
class Mismatch:
    """A matched pair whose attribute differs (position, speaker, status, year, topic)."""

    attribute: str
    gold: Any
    predicted: Any
    record: dict[str, Any]

    def describe(self, width: int = 0) -> str:
        category = _ATTRIBUTE_CATEGORY.get(self.attribute, self.attribute)
        head = describe(category, self.record, width)
        return f"{head}: gold {_show(self.gold)}, predicted {_show(self.predicted)}"


@dataclass
class DocumentReport:
    """The scores of one article and the records behind them."""

    doc_id: str
    has_prediction: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    missed: list[Finding] = field(default_factory=list)
    extra: list[Finding] = field(default_factory=list)
    wrong: list[Mismatch] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when nothing was missed, extra or wrong."""
        return not (self.missed or self.extra or self.wrong)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "has_prediction": self.has_prediction,
            "counts": {k: _counts_dict(c) for k, c in self.counts.items()},
            "missed": [{"category": f.category, "record": f.record} for f in self.missed],
            "extra": [{"category": f.category, "record": f.record} for f in self.extra],
            "wrong": [
                {
                    "attribute": m.attribute,
                    "gold": m.gold,
                    "predicted": m.predicted,
                    "record": m.record,
                }
                for m in self.wrong
            ],
        }


@dataclass
class Report:
    """Micro-averaged scores over a corpus, plus the per-document detail."""

    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    documents: list[DocumentReport] = field(default_factory=list)
    missing_docs: list[str] = field(default_factory=list)

    def f1(self, category: str) -> float:
        return self.counts[category].f1

    def below(self, minimums: Mapping[str, float]) -> list[str]:
        """The ``category F1 < minimum`` failures (unknown categories count as F1 0)."""
        out = []
        for key, floor in minimums.items():
            value = self.counts[key].f1 if key in self.counts else 0.0
            if value < floor:
                out.append(f"{key} F1 {value:.3f} < {floor}")
        return out

    def to_dict(self, *, documents: bool = True) -> dict[str, Any]:
        """JSON-ready; ``prf``, ``acc`` and ``missing_docs`` have score.py's ``--json`` shape."""
        out: dict[str, Any] = {
            "prf": {
                k: {
                    "p": round(c.precision, 3),
                    "r": round(c.recall, 3),
                    "f1": round(c.f1, 3),
                    **_counts_dict(c),
                }
                for k, c in sorted(self.counts.items())
            },
            "acc": {
                k: [round(a.value, 3) if a.value is not None else None, a.n]
                for k, a in sorted(self.accuracy.items())
            },
            "missing_docs": list(self.missing_docs),
        }
        if documents:
            out["documents"] = [d.to_dict() for d in self.documents]
        return out

    def format(self, *, documents: bool = True, width: int = 110) -> str:
        """A plain-text table, then what each imperfect document missed or added."""
        lines = [f"{'category':24} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
        for k, c in sorted(self.counts.items()):
            lines.append(
                f"{k:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}  {c.tp}/{c.fp}/{c.fn}"
            )
        for k, a in sorted(self.accuracy.items()):
            shown = f"{a.value:.3f}" if a.value is not None else "-"
            lines.append(f"{k:24} acc {shown} ({a.ok}/{a.n})")
        if self.missing_docs:
            lines.append(
                f"no prediction for {len(self.missing_docs)} document(s): {' '.join(self.missing_docs)}"
            )
        if documents:
            for doc in self.documents:
                if doc.clean:
                    continue
                bad = " ".join(
                    f"{k}:fp{c.fp}/fn{c.fn}" for k, c in sorted(doc.counts.items()) if c.fp or c.fn
                )
                lines.append("")
                lines.append(f"{doc.doc_id}  {bad}".rstrip())
                for f in doc.missed:
                    lines.append(f"  missed {f.category:16} {f.describe(width)}")
                for f in doc.extra:
                    lines.append(f"  extra  {f.category:16} {f.describe(width)}")
                for m in doc.wrong:
                    lines.append(f"  wrong  {m.attribute:16} {m.describe(width)}")
        return "\n".join(lines)


def _counts_dict(c: Counts) -> dict[str, int]:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn}


# -- describing records ---------------------------------------------------------------------

_ATTRIBUTE_CATEGORY = {
    "official.position": "officials",
    "official.organization": "officials",
    "quotes.direct.speaker": "quotes.direct",
    "quotes.indirect.speaker": "quotes.indirect",
    "sanctions.status": "sanctions",
    "statistics.year": "statistics",
    "statistics.topic": "statistics",
}


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "/".join(_text(v) for v in value) or "-"
    return "-" if value is None else repr(value) if isinstance(value, str) else str(value)


def _alternatives(value: Any) -> str:
    return "/".join(_text(v) or "-" for v in _as_list(value)) or "-"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if not width or len(text) <= width else text[: max(width - 1, 1)] + "…"


def describe(category: str, r: Record, width: int = 0) -> str:
    """One line naming a record: who, what was said, which sanction, which number or date."""
    optional = " (optional)" if r.get("optional") else ""
    if category == "officials":
        role = ", ".join(_text(r.get(k)) for k in ("position", "organization") if r.get(k))
        return f"{_text(r.get('name'))}" + (f" — {role}" if role else "") + optional
    if category.startswith("quotes"):
        speaker = _text(r.get("speaker")) or "?"
        return f"“{_shorten(_text(r.get('text')), width)}” — {speaker}" + optional
    if category == "sanctions":
        return f"{_text(r.get('type'))} [{_alternatives(r.get('status'))}]"
    if category == "statistics":
        value = r.get("value")
        approx = "~" if r.get("approximate") else ""
        parts = [_text(r.get("topic")) or "-", _text(r.get("year")) or "no year"]
        head = [f"{approx}{_show(value)}", _text(r.get("unit")), _alternatives(r.get("measure"))]
        return " ".join(h for h in head if h) + f" ({', '.join(parts)})" + optional
    if category == "dates":
        text = r.get("text")
        return f"{_text(r.get('value'))}" + (f" “{_text(text)}”" if text else "")
    return json.dumps(r, ensure_ascii=False)


__all__ = [
    "CATEGORIES",
    "Accuracy",
    "Counts",
    "DocumentReport",
    "Finding",
    "Mismatch",
    "Record",
    "Report",
    "describe",
]
