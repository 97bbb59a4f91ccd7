"""Indonesian dates: ``Kamis (18/4/2024)``, ``Selasa, 14 November 2023``, ``April mendatang``.

News dates are day-first, often partial (``Selasa (17/9)``, the year left to the reader)
and often relative (``kemarin``, ``dua minggu yang lalu``). :func:`scan` finds the raw
expressions with one compiled regex (linear, one pass per paragraph); :func:`resolve`
turns one into a :class:`~extractor.models.DateMention` against a reference date, checking
a written weekday against the date. Every word is in ``patterns/dates.toml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from extractor.clauses.vocabulary import Vocabulary
from extractor.models import DateMention, Span, Warning, warn
from extractor.normalize.numbers import NumbersLexicon, parse_number, scan_matches, starters
from extractor.patterns import PatternFile, lexicon, load


class RelativeEntry(PatternFile):
    """A fixed relative expression: ``kemarin`` = day −1."""

    pattern: str
    unit: str
    offset: int


@lexicon("dates")
class DatesLexicon(PatternFile):
    """patterns/dates.toml (regex fragments, case-insensitive unless noted)."""

    #: month name or abbreviation -> month number
    months: dict[str, int]
    weekday_before: str
    day_parts: str
    day_part_fillers: str
    day_before: str
    month_before: str
    range_joiners: str
    time_before: str
    time_zones: str
    #: word after a month name -> +1 next, -1 last, 0 this year
    month_relative: dict[str, int]
    relative: list[RelativeEntry]
    #: unit word -> day | week | month | year
    count_units: dict[str, str]
    #: direction word -> +1 / -1
    count_directions: dict[str, int]
    weekday_future: str
    weekday_past: str
    #: words before / after a fully stated date that make it a scheduled, future date
    future_before: str
    future_after: str
    #: words before a day-month that make it a name ("Universitas 17 Agustus 1945")
    name_before: str
    #: what before a year makes it no context for partial dates ("Nomor 7 Tahun 2017")
    context_year_not_after: str


@dataclass(slots=True)
class RawDate:
    """A date expression as written, before it is resolved against a reference."""

    start: int
    end: int
    kind: str  # date | month | relative | weekday
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None  # ISO weekday written beside the date
    hour: int | None = None
    minute: int | None = None
    unit: str | None = None  # relative: day | week | month | year
    offset: int = 0  # relative: how many units; weekday/month: direction (+1, -1, 0)

    @property
    def full(self) -> bool:
        """A day, month and year all written out."""
        return self.kind == "date" and self.year is not None


_UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class _Compiled:
    scan: re.Pattern[str]
    starts: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    month_rel: dict[str, int]
    direction_after: re.Pattern[str]
    units: dict[str, str]
    directions: dict[str, int]
    relative: tuple[RelativeEntry, ...]
    future: re.Pattern[str]
    past: re.Pattern[str]
    name_before: re.Pattern[str]
    short_months: frozenset[str]


def _alt(words: set[str] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _ws(phrase: str) -> str:
    return r"\s+".join(re.escape(p) for p in phrase.split())


@functools.lru_cache(maxsize=4)
def _compiled(lex: DatesLexicon) -> _Compiled:
    nlex = load(NumbersLexicon)
    # weekday names live once, in patterns/vocabulary.toml (Title case as written; CAPITALS match)
    weekdays = load(Vocabulary).weekdays
    wd_names = {w for n in weekdays for w in (n, n.upper())}
    wd = rf"(?-i:{_alt(wd_names)})\b"
    mon = rf"(?:{_alt(set(lex.months))})\b"
    mon_cs = rf"(?-i:{_alt({w for n in lex.months for w in (n, n.upper())})})\b"
    num_words = {w.lower() for w in nlex.units} | {
        (nlex.one_prefix + w).lower() for w in (nlex.teen, *nlex.small)
    }
    nw = rf"(?:{_alt(num_words)})"
    count_n = rf"\d+|{nw}(?:\s+(?:{_alt({nlex.teen, *nlex.small})}))?(?:\s+{nw})?"
    month_rel = "|".join(_ws(k) for k in sorted(lex.month_relative, key=len, reverse=True))
    dirs = "|".join(_ws(k) for k in sorted(lex.count_directions, key=len, reverse=True))

    def wdp(p: str) -> str:
        return (
            rf"(?:{lex.weekday_before})?(?P<{p}wd>{wd})(?:\s+(?:{lex.day_parts}))?"
            rf"(?:\s+(?:{lex.day_part_fillers}))?"
        )

    def time(p: str) -> str:
        return (
            rf"(?:\s*,?\s*(?:{lex.time_before})?(?P<{p}h>[01]?\d|2[0-3])[.:](?P<{p}mi>[0-5]\d)(?![\d.,:])"
            rf"(?:\s*(?:{lex.time_zones})\b)?)?"
        )

    day = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
    month = r"(?:0?[1-9]|1[0-2])(?!\d)"
    alts = [
        # ISO: 2024-04-18, 2024-04-18T09:15
        r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?:[T ](?P<ih>[01]\d|2[0-3]):(?P<imi>[0-5]\d))?(?!\d)",
        # numeric, day first: Kamis (18/4/2024), Selasa (17/9), 05/06/2024, 16:36 WIB
        rf"(?:{wdp('a')}\s*,?\s*)?(?P<apre>{lex.day_before})?(?P<aopen>\()?\s*(?P<ad>{day})"
        rf"(?:/(?P<am>{month})(?:/(?P<ay>\d{{4}}|\d\d))?|(?P<asep>[.-])(?P<am2>{month})(?P=asep)(?P<ay2>\d{{4}}))"
        rf"(?![\d/])(?(aopen)\s*\)){time('a')}",
        # written: Selasa, 14 November 2023; 15-18 September 2024; tanggal 26 bulan November
        rf"(?:{wdp('b')}\s*,?\s*)?(?:{lex.day_before})?(?:(?P<br>{day})(?:{lex.range_joiners})(?=\d{{1,2}}\s))?"
        rf"(?P<bd>{day})\s+(?:{lex.month_before})?(?P<bm>{mon})\.?(?:\s+(?P<by>(?:19|20)\d\d)(?!\d))?{time('b')}",
        # month and year: November 2024
        rf"(?:{lex.month_before})?(?P<cm>{mon_cs})\.?\s+(?P<cy>(?:19|20)\d\d)(?!\d)",
        # named month with a direction: April mendatang
        rf"(?:{lex.month_before})?(?P<dm>{mon_cs})\s+(?P<drel>{month_rel})\b",
        # count, unit, direction: dua minggu yang lalu
        rf"(?P<en>{count_n})\s+(?P<eu>{_alt(set(lex.count_units))})\s+(?P<edir>{dirs})\b",
        # fixed relative expressions: kemarin, pekan depan
        "|".join(rf"(?P<f{i}>{r.pattern})\b" for i, r in enumerate(lex.relative)),
        # a bare weekday: "kata X, Senin."
        rf"(?:{lex.weekday_before})?(?P<gwd>{wd})(?:\s+(?:{lex.day_parts}))?"
        rf"(?:\s+(?P<gdir>{lex.weekday_future}|{lex.weekday_past})\b)?",
    ]
    # ``(?!\s)``: a date never starts with white space; without it a search would try the
    # ``\s*`` of every alternative at each character of a long run of spaces (quadratic)
    pattern = r"(?<![\w/.,-])(?!\s)(?:" + "|".join(f"(?:{a})" for a in alts) + ")"
    starts = starters(
        [*weekdays, *lex.months, *num_words, "("],
        [lex.weekday_before, lex.day_before, lex.month_before, *(r.pattern for r in lex.relative)],
    )
    return _Compiled(
        scan=re.compile(pattern, re.I),
        starts=starts,
        months={k.lower(): v for k, v in lex.months.items()},
        weekdays={k.lower(): v for k, v in weekdays.items()},
        month_rel={" ".join(k.lower().split()): v for k, v in lex.month_relative.items()},
        direction_after=re.compile(rf"\s+({month_rel})\b", re.I),
        units={k.lower(): v for k, v in lex.count_units.items()},
        directions={" ".join(k.lower().split()): v for k, v in lex.count_directions.items()},
        relative=tuple(lex.relative),
        future=re.compile(lex.weekday_future, re.I),
        past=re.compile(lex.weekday_past, re.I),
        name_before=re.compile(lex.name_before),
        short_months=frozenset(k.lower() for k in lex.months if len(k) <= 4),
    )


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if len(s) == 2 else y


def _raw(m: re.Match[str], c: _Compiled, text: str) -> list[RawDate]:
    """The RawDates one scan match stands for (a range gives two); [] if it is none."""
    g = m.group
    start, end = m.start(), m.end()
    if g("iy"):
        return [
            RawDate(
                start,
                end,
                "date",
                int(g("id")),
                int(g("im")),
                int(g("iy")),
                None,
                _int(g("ih")),
                _int(g("imi")),
            )
        ]
    if g("ad"):
        wd = c.weekdays[g("awd").lower()] if g("awd") else None
        year = _year(g("ay") or g("ay2"))
        marked = wd or g("aopen") or g("apre")
        if (year is None or g("asep") == ".") and not marked:
            return []  # a bare "3/4" or "1.2.2024" is no date
        return [
            RawDate(
                start,
                end,
                "date",
                int(g("ad")),
                int(g("am") or g("am2")),
                year,
                wd,
                _int(g("ah")),
                _int(g("ami")),
            )
        ]
    if g("bd"):
        if c.name_before.search(text, max(0, start - 30), start):
            return []
        wd = c.weekdays[g("bwd").lower()] if g("bwd") else None
        month = c.months[g("bm").lower()]
        year = _year(g("by"))
        if (
            text[end - 1] == "."
            and g("bm").lower() not in c.short_months
            and not g("bh")
            and not g("by")
        ):
            end -= 1
        main = RawDate(
            start, end, "date", int(g("bd")), month, year, wd, _int(g("bh")), _int(g("bmi"))
        )
        if g("br"):
            main.start = m.start("bd")
            first = RawDate(start, end, "date", int(g("br")), month, year, wd)
            return [first, main]
        return [main]
    if g("cm"):
        return [RawDate(start, end, "month", None, c.months[g("cm").lower()], int(g("cy")))]
    if g("dm"):
        rel = c.month_rel[" ".join(g("drel").lower().split())]
        return [RawDate(start, end, "month", None, c.months[g("dm").lower()], None, offset=rel)]
    if g("en"):
        n = parse_number(g("en"))
        if n is None or int(n) != n:
            return []
        unit = c.units[g("eu").lower()]
        sign = c.directions[" ".join(g("edir").lower().split())]
        return [RawDate(start, end, "relative", unit=unit, offset=sign * int(n))]
    if g("gwd"):
        d = g("gdir")
        direction = 1 if d and c.future.fullmatch(d) else (-1 if d else 0)
        return [
            RawDate(start, end, "weekday", weekday=c.weekdays[g("gwd").lower()], offset=direction)
        ]
    for i, r in enumerate(c.relative):
        if g(f"f{i}"):
            return [RawDate(start, end, "relative", unit=r.unit, offset=r.offset)]
    return []


def scan(
    text: str, start: int = 0, end: int | None = None, lex: DatesLexicon | None = None
) -> list[RawDate]:
    """Every date expression in ``text[start:end]``, in order (offsets index ``text``).

    Pass ``lex`` (``load(DatesLexicon)``) when scanning many paragraphs: loading is not free.
    """
    c = _compiled(lex or load(DatesLexicon))
    out: list[RawDate] = []
    for m in scan_matches(c.scan, c.starts, text, start, len(text) if end is None else end):
        out.extend(_raw(m, c, text))
    return out


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


_WEEKDAY_NAMES = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fit_year(raw: RawDate, years: list[int]) -> dt.date | None:
    """The date of a partial ``raw`` in the first of ``years`` whose calendar fits its weekday."""
    assert raw.day is not None and raw.month is not None
    for y in years:
        d = _valid(y, raw.month, raw.day)
        if d is not None and (raw.weekday is None or d.isoweekday() == raw.weekday):
            return d
    return None


def _direction_after(text: str, end: int) -> int:
    """+1 / -1 when a direction word ("mendatang", "lalu") follows a date, else 0."""
    c = _compiled(load(DatesLexicon))
    m = c.direction_after.match(text, end)
    return c.month_rel[" ".join(m.group(1).lower().split())] if m else 0


def resolve(
    raw: RawDate, text: str, reference: dt.date | None, offset: int = 0
) -> tuple[DateMention | None, list[Warning]]:
    """The DateMention ``raw`` stands for, against ``reference``, and any warnings.

    ``offset`` is added to the span (to index a larger text). Returns (None, []) when the
    expression needs a reference that is missing or names no real date.
    """
    s = text[raw.start : raw.end]
    span = Span(start=raw.start + offset, end=raw.end + offset, text=s)
    warnings: list[Warning] = []

    def mention(value: str, gran: str, relative: bool = False) -> DateMention:
        return DateMention(text=s, value=value, granularity=gran, relative=relative, span=span)

    if raw.kind == "date":
        assert raw.day is not None and raw.month is not None
        if raw.year is not None:
            d = _valid(raw.year, raw.month, raw.day)
            if d is None:
                return None, []
            if raw.weekday is not None and d.isoweekday() != raw.weekday:
                warnings.append(
                    warn(
                        "weekday_mismatch",
                        f"date {s!r}: {d.isoformat()} is a {_WEEKDAY_NAMES[d.isoweekday()]}, "
                        f"not the {_WEEKDAY_NAMES[raw.weekday]} written; kept the date as written",
                        span,
                    )
                )
        else:
            if reference is None:
                return None, []
            cands = [
                x
                for x in (
                    _valid(y, raw.month, raw.day)
                    for y in (reference.year - 1, reference.year, reference.year + 1)
                )
                if x
            ]
            if not cands:
                return None, []
            cands.sort(key=lambda x: abs((x - reference).days))
            if raw.weekday is None:
                # no weekday to fix the year: the reference year (SPEC), not the nearest date;
                # "17 September lalu" / "mendatang" points before / after the reference
                way = _direction_after(text, raw.end)
                cands.sort(
                    key=lambda x: (
                        (way < 0 and x > reference)
                        or (way > 0 and x < reference)
                        or (way == 0 and x.year != reference.year)
                    )
                )
            fits = [x for x in cands if raw.weekday is None or x.isoweekday() == raw.weekday]
            d = fits[0] if fits else cands[0]
            if not fits:
                warnings.append(
                    warn(
                        "weekday_mismatch",
                        f"date {s!r}: no year near {reference.isoformat()} makes it a "
                        f"{_WEEKDAY_NAMES[raw.weekday or 0]}; took {d.isoformat()}",
                        span,
                    )
                )
        if raw.hour is not None:
            return mention(
                f"{d.isoformat()}T{raw.hour:02d}:{raw.minute or 0:02d}", "datetime"
            ), warnings
        return mention(d.isoformat(), "day"), warnings
    if raw.kind == "month":
        assert raw.month is not None
        if raw.year is not None:
            return mention(f"{raw.year:04d}-{raw.month:02d}", "month"), []
        if reference is None:
            return None, []
        y = reference.year
        if raw.offset > 0 and raw.month < reference.month:
            y += 1
        elif raw.offset < 0 and raw.month > reference.month:
            y -= 1
        return mention(f"{y:04d}-{raw.month:02d}", "month"), []
    if reference is None:
        return None, []
    if raw.kind == "weekday":
        assert raw.weekday is not None
        delta = (reference.isoweekday() - raw.weekday) % 7
        if raw.offset > 0:
            d = reference + dt.timedelta(days=(raw.weekday - reference.isoweekday()) % 7 or 7)
        else:
            d = reference - dt.timedelta(days=delta or (7 if raw.offset < 0 else 0))
        return mention(d.isoformat(), "day", True), []
    if raw.unit in ("day", "week"):
        d = reference + dt.timedelta(days=raw.offset * (7 if raw.unit == "week" else 1))
        return mention(d.isoformat(), "day", True), []
    if raw.unit == "month":
        y, mo = _add_months(reference, raw.offset)
        return mention(f"{y:04d}-{mo:02d}", "month", True), []
    return mention(f"{reference.year + raw.offset:04d}", "year", True), []


def _as_date(reference: dt.date | dt.datetime | str | None) -> dt.date | None:
    if reference is None:
        return None
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    return dt.date.fromisoformat(reference[:10])


def parse_date_ex(
    text: str, reference: dt.date | dt.datetime | str | None = None
) -> tuple[DateMention | None, list[Warning]]:
    """The first date expression in ``text`` and any warnings (weekday contradictions).

    Partial and relative expressions are resolved against ``reference`` (default: today).
    """
    ref = _as_date(reference) or dt.date.today()
    for raw in scan(text):
        got, warnings = resolve(raw, text, ref)
        if got is not None:
            return got, warnings
    return None, []


def parse_date(
    text: str, reference: dt.date | dt.datetime | str | None = None
) -> DateMention | None:
    """``Kamis (18/4/2024)`` → 2024-04-18; ``November 2024`` → 2024-11; None if no date."""
    return parse_date_ex(text, reference)[0]


#: a date or datetime in ISO 8601 form, whatever its values
_ISO_SHAPED = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
)


def parse_published(text: str) -> str | None:
    """A caller's ``published``: ISO (``2024-04-18``, ``2024-04-18T09:15``) or an Indonesian date."""
    s = text.strip()
    try:
        if "T" in s or (len(s) > 10 and s[10] == " "):
            return dt.datetime.fromisoformat(s).isoformat(timespec="minutes")[:16]
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        if _ISO_SHAPED.fullmatch(s):  # ISO in form with an impossible value: T25:00, 02-30
            return None
    got = parse_date(s)
    if got is None or got.granularity not in ("day", "datetime") or got.relative:
        return None
    return got.value
