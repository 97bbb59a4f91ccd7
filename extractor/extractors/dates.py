"""Date mentions of an article and its reference date.

The reference date resolves partial (``Selasa (17/9)``) and relative (``kemarin``) dates.
Per SPEC it is the publication date when known (from the caller or a stamp under the
headline), else the latest fully written date in the body, else a partial date whose
weekday fixes its year among the years the article names (``Pilkada 2024``).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable

from extractor.document import Article
from extractor.models import DateMention, Warning
from extractor.normalize.dates import DatesLexicon, RawDate, fit_year, scan
from extractor.normalize.dates import resolve as resolve_raw
from extractor.patterns import load

#: a year as digits (a calendar fact, not a word): context for partial dates
_YEAR = re.compile(r"(?<![\d.,/])(?:19|20)\d\d(?![\d.,]\d)")


@functools.lru_cache(maxsize=4)
def _not_after(lex: DatesLexicon) -> re.Pattern[str]:
    return re.compile(f"(?:{lex.context_year_not_after})$", re.I)


def _context_years(art: Article, raws: list[RawDate], lex: DatesLexicon) -> list[int]:
    """Years the body names, most often named first (ties: the later year)."""
    counts: Counter[int] = Counter()
    not_after = _not_after(lex)
    for para in art.paragraphs:
        if para.kind == "body":
            for m in _YEAR.finditer(art.text, para.start, para.end):
                if not not_after.search(art.text, max(para.start, m.start() - 40), m.start()):
                    counts[int(m.group())] += 1
    for r in raws:
        if r.year is not None:
            counts[r.year] += 1
    return [y for y, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0]))]


def _latest_full(raws: list[RawDate]) -> dt.date | None:
    full = []
    for r in raws:
        if r.full:
            assert r.year is not None and r.month is not None and r.day is not None
            try:
                full.append(dt.date(r.year, r.month, r.day))
            except ValueError:
                continue
    return max(full) if full else None


@functools.lru_cache(maxsize=4)
def _future(lex: DatesLexicon) -> Callable[[str, RawDate], bool]:
    before = re.compile(f"(?:{lex.future_before})$", re.I)
    after = re.compile(lex.future_after, re.I)

    def future(text: str, r: RawDate) -> bool:
        """Whether the story schedules ``r`` (a marker in its clause before it, or one right after)."""
        return bool(
            before.search(text, max(0, r.start - 60), r.start)
            or after.match(text[r.end : r.end + 40])
        )

    return future


def _reference(
    art: Article, body: list[RawDate], caption: list[RawDate], lex: DatesLexicon
) -> dt.date | None:
    for iso in (art.published, art.layout.published):
        if iso:
            try:
                return dt.date.fromisoformat(iso[:10])
            except ValueError:
                continue
    # a scheduled date ("digelar besok 27 Juni 2018") is no reference while a past or present
    # date is fully stated (SPEC clarification)
    future = _future(lex)
    text = art.text
    latest = _latest_full([r for r in body if not future(text, r)]) or _latest_full(body)
    if latest is not None:
        return latest
    partial = [r for r in body if r.kind == "date" and r.year is None and r.weekday is not None]
    if not partial:
        return _latest_full(caption)
    years = _context_years(art, body, lex)
    near = years + [y + d for d in (-1, 1) for y in years if y + d not in years]
    found = [d for d in (fit_year(r, near) for r in partial) if d is not None]
    # a photo caption's date is the event's date when the body states none
    return max(found) if found else _latest_full(caption)


@functools.lru_cache(maxsize=4)
def _joiner(lex: DatesLexicon) -> re.Pattern[str]:
    return re.compile(f"(?:{lex.range_joiners})", re.I)


def _range_years(raws: list[RawDate], text: str, lex: DatesLexicon) -> None:
    """'1 Januari hingga 21 Maret 2020': a partial date that opens a range takes the end's year."""
    joiner = _joiner(lex)
    for a, b in itertools.pairwise(raws):
        if (
            a.kind == "date"
            and a.year is None
            and b.kind == "date"
            and b.year is not None
            and a.month is not None
            and b.month is not None
            and joiner.fullmatch(text, a.end, b.start)
        ):
            a.year = b.year if a.month <= b.month else b.year - 1


def resolve(art: Article) -> None:
    """Find every DateMention in body and caption paragraphs and set ``art.reference_date``."""
    text = art.text
    lex = load(DatesLexicon)
    body: list[RawDate] = []
    caption: list[RawDate] = []
    for para in art.paragraphs:
        (body if para.kind == "body" else caption).extend(scan(text, para.start, para.end, lex))
    ref = _reference(art, body, caption, lex)
    art.reference_date = ref
    out: list[DateMention] = []
    warnings: list[Warning] = []
    stamp = art.layout.published_span
    if stamp is not None:
        s, e = stamp
        for raw in scan(text[s:e], lex=lex)[:1]:
            got, _ = resolve_raw(raw, text[s:e], ref, offset=s)
            if got is not None:
                out.append(got)
    ordered = sorted(body + caption, key=lambda r: r.start)
    _range_years(ordered, text, lex)
    for raw in ordered:
        got, ws = resolve_raw(raw, text, None if ref is None else ref)
        if got is None:
            continue
        # resolve_raw's spans index the text it was given: here the whole article
        out.append(got)
        warnings.extend(w for w in ws if w not in warnings)
    art.dates = out
    art.warnings.extend(warnings)
    if ref is None:  # SPEC: what cannot be resolved is said, at the words themselves
        for r in body:
            if r.kind == "date" and r.year is None:
                art.warn(
                    "partial_date_unresolved",
                    f"date {text[r.start : r.end]!r} left unresolved: no publication date or full date to take the year from",
                    r.start,
                    r.end,
                )
            elif r.kind in ("relative", "weekday"):
                art.warn(
                    "relative_date_unresolved",
                    f"relative date {text[r.start : r.end]!r} left unresolved: no publication date or full date to count from",
                    r.start,
                    r.end,
                )
