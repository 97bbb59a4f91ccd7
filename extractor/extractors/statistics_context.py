"""Statistics, part two: where a count stands in its article.

Article-wide fallbacks (dominant topic, election year, as-of dates) and, per count, its
topic, year, as-of date, region and source, read from its sentence and the ones before it.
Split from :mod:`extractor.extractors.statistics`, which finds the counts and their measures.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from extractor import people
from extractor.clauses.layer import left, right_end
from extractor.clauses.vocabulary import word_list
from extractor.document import Article, Sentence
from extractor.extractors.officials import RegionLexicon
from extractor.models import Topic, Unit
from extractor.patterns import load

if TYPE_CHECKING:
    from extractor.extractors.statistics import StatisticsLexicon, _Compiled, _Count


class ArticleFacts:
    """Article-wide fallbacks (dominant topic, election year, as-of dates), computed on demand."""

    def __init__(self, art: Article, sents: list[Sentence], c: _Compiled) -> None:
        self._art = art
        self._c = c
        self._range = (sents[0].start, sents[-1].end)
        self._topic: Topic | None = None
        self._year: int | bool | None = False
        self._latest: int | None = None
        self._as_of: list[tuple[int, str]] | None = None
        self._framed: dict[int, bool] = {}
        self._headline_framed: bool | None = None
        self._election: bool | None = None
        self.ref_year = art.reference_date.year if art.reference_date else None

    def _chunks(self) -> list[str]:
        text = self._art.text
        out = [text[self._range[0] : self._range[1]]]
        out.extend(text[r.start : r.end] for r in self._art.layout.of_kind("headline")[:1])
        return out

    @property
    def topic(self) -> Topic:
        if self._topic is None:
            counts: Counter[Topic] = Counter()
            for chunk in self._chunks():
                for t, rx in self._c.topics:
                    counts[t] += len(rx.findall(chunk))
            best = [t for t, n in counts.most_common() if n]
            self._topic = best[0] if best else Topic.other
        return self._topic

    def framed(self, si: int, sents: list[Sentence]) -> bool:
        """Whether sentence ``si``, the two before it or the headline speak of elections or discipline."""
        if self._headline_framed is None:
            text = self._art.text
            self._headline_framed = any(
                self._c.local_frame.search(text, r.start, r.end)
                for r in self._art.layout.of_kind("headline")[:1]
            )
        if self._headline_framed:
            return True
        for j in (si, si - 1, si - 2):
            if j < 0:
                continue
            if j not in self._framed:
                self._framed[j] = (
                    self._c.local_frame.search(self._art.text, sents[j].start, sents[j].end)
                    is not None
                )
            if self._framed[j]:
                return True
        return False

    @property
    def election(self) -> bool:
        """Whether the article speaks of elections or neutrality at all (else every topic is other)."""
        if self._election is None:
            self._election = any(self._c.frame.search(chunk) for chunk in self._chunks())
        return self._election

    @property
    def election_year(self) -> int | None:
        if self._year is False:
            years: Counter[int] = Counter()
            for chunk in self._chunks():
                for m in self._c.election_year.finditer(chunk):
                    if self.ref_year is None or int(m.group(1)) <= self.ref_year + 1:
                        years[int(m.group(1))] += 1
            self._year = years.most_common(1)[0][0] if years else None
            self._latest = max(years) if years else None
        return self._year  # type: ignore[return-value]

    @property
    def register_year(self) -> int | None:
        """The year most case numbers of the article were registered in ("…/VIII/2020")."""
        years: Counter[int] = Counter()
        for chunk in self._chunks():
            for m in self._c.register_year.finditer(chunk):
                if self.ref_year is None or int(m.group(1)) <= self.ref_year + 1:
                    years[int(m.group(1))] += 1
        return years.most_common(1)[0][0] if years else None

    @property
    def now_year(self) -> int | None:
        """The year "tahun ini" means: the reference date's; undated, the latest election named."""
        if self.ref_year is not None:
            return self.ref_year
        _ = self.election_year
        return self._latest

    @property
    def as_of(self) -> list[tuple[int, str]]:
        if self._as_of is None:
            text = self._art.text
            self._as_of = [
                (d.span.start, d.value[:10])
                for d in self._art.dates
                if d.span is not None
                and d.granularity in ("day", "datetime")
                and self._c.as_of.search(left(text, 0, d.span.start))
            ]
        return self._as_of


def general_count(cnt: _Count, s: Sentence, text: str, c: _Compiled) -> bool:
    """Outside an election frame: reports of wrongdoing count; people and cases need their own evidence.

    A report counts when its sentence, outside its own noun, speaks of violations, crime or
    complaints ("281 laporan polisi", not "dua laporan kemunculan orangutan"); a noun that
    names its own measure ("545 rekomendasi" of an audit) is no predicate of its own.
    """
    if cnt.unit is Unit.reports:
        return any(
            rx.search(text, lo, hi)
            for rx in (c.general_cases, c.context)
            for lo, hi in ((s.start, cnt.num.start), (cnt.end, s.end))
        )
    strong = (
        cnt.cued
        and not cnt.noun_measured
        and cnt.measure in c.strong
        and cnt.cue_dist <= c.cue_window
        and not cnt.passive_before
    )
    if cnt.unit is Unit.cases:
        return strong or (c.general_cases.search(text, s.start, s.end) is not None)
    if cnt.unit is Unit.persons:
        return strong or (c.general_persons.search(text, s.start, s.end) is not None)
    return False  # a share of buyers, of a tax: not a count of ours


def in_context(cnt: _Count, sents: list[Sentence], text: str, c: _Compiled) -> bool:
    """Whether the count's sentence or the one before speaks of violations, reports or sanctions."""
    for j in (cnt.sent, cnt.sent - 1):
        if j >= 0 and c.context.search(text, sents[j].start, sents[j].end):
            return True
    return False


def topic_of(
    cnt: _Count, sents: list[Sentence], text: str, c: _Compiled, article: ArticleFacts
) -> Topic:
    """The sentence's topic cue, the noun's topic, the previous two sentences', the article's."""
    s = sents[cnt.sent]
    found = _topic_in(text[s.start : s.end], c)
    if found is None or found in c.noun_outranks:
        for t, rx in c.noun_topic:
            if cnt.noun and rx.search(cnt.noun):
                return t
    if found is not None:
        return found
    for j in (cnt.sent - 1, cnt.sent - 2):
        if j >= 0:
            found = _topic_in(text[sents[j].start : sents[j].end], c)
            if found is not None:
                return found
    return article.topic


def _topic_in(chunk: str, c: _Compiled) -> Topic | None:
    for t, rx in c.topics:
        if rx.search(chunk):
            return t
    return None


def years_in(
    text: str,
    lo: int,
    hi: int,
    c: _Compiled,
    max_year: int | None = None,
    ref_year: int | None = None,
    anchor: int | None = None,
) -> list[int | None]:
    """Years written in text[lo:hi], in text order (None for a year in a span of years).

    "tahun ini" / "tahun lalu" count as the reference year (or the one before) only in the
    count's own stretch of clause: no punctuation between them and ``anchor`` (the number).
    """
    found: list[tuple[int, int | None]] = []
    spans = [m.span() for m in c.year_span.finditer(text, max(0, lo - 16), min(len(text), hi + 16))]
    if ref_year is not None and anchor is not None:
        for offset, rx in c.relative_year:
            for m in rx.finditer(text, lo, hi):
                if not c.relative_year_stop.search(
                    text, min(m.end(), anchor), max(m.start(), anchor)
                ):
                    found.append((m.start(), ref_year + offset))
    for m in c.year.finditer(text, lo, hi):
        before = left(text, 0, m.start())
        if c.year_excl.search(before):
            continue
        cmp = c.year_compared.search(before)
        if cmp is not None and (anchor is None or m.start() - len(before) + cmp.start() > anchor):
            continue  # "… 914 temuan, lebih sedikit dibandingkan … Pilkada 2020": the other figure's
        if c.noun.match(text, m.end(), right_end(m.end(), len(text))):
            continue  # "dari 2007 laporan", "sebanyak 2078 pelanggar": a count, not a year
        if max_year is not None and int(m.group(0)) > max_year:
            continue  # a number's year is never after the article's year + 1
        if any(a <= m.start() < b for a, b in spans):
            found.append((m.start(), None))  # "2020–2023": no single year
            continue
        found.append((m.start(), int(m.group(0))))
    return [y for _, y in sorted(found, key=lambda f: f[0])]


def year_of(
    cnt: _Count,
    counts: list[_Count],
    i: int,
    s: Sentence,
    text: str,
    c: _Compiled,
    article: ArticleFacts,
    prev: Sentence | None = None,
) -> int | None:
    """A year in the count's own phrase, the clause before it, after it, earlier in the sentence,
    in the sentence before ("… pada Pemilu 2019 juga ditemukan. Terdapat 914 temuan"); else the article's."""
    prev_end = counts[i - 1].end if i and counts[i - 1].sent == cnt.sent else s.start
    nxt = (
        counts[i + 1].num.start if i + 1 < len(counts) and counts[i + 1].sent == cnt.sent else s.end
    )
    stop = c.year_phrase_end.search(text, cnt.end, nxt)
    for lo, hi, last in (
        # "3 kasus pada 2019 dan 11 kasus pada 2020": the year right after the count phrase
        (cnt.end, stop.start() if stop else nxt, False),
        (prev_end, cnt.num.start, True),
        (cnt.end, nxt, False),
        (s.start, cnt.num.start, True),
        (prev.start, prev.end, True) if prev is not None else (s.start, s.start, True),
    ):
        ys = years_in(
            text,
            lo,
            hi,
            c,
            article.ref_year + 1 if article.ref_year else None,
            article.now_year,
            cnt.num.start,
        )
        if ys:
            year = ys[-1] if last else ys[0]
            cnt.spans_years = year is None
            return year
    return article.election_year or article.ref_year or article.register_year


def as_of(cnt: _Count, sents: list[Sentence], article: ArticleFacts) -> str | None:
    """'per 30 September 2020' in the sentence, before it in the article, or in the next sentence."""
    if not article.as_of:
        return None
    s = sents[cnt.sent]
    same = [v for pos, v in article.as_of if s.start <= pos < s.end]
    if same:
        return same[0]
    before = [v for pos, v in article.as_of if pos < s.start]
    if before:
        return before[-1]
    if cnt.sent + 1 < len(sents):
        nxt = sents[cnt.sent + 1]
        after = [v for pos, v in article.as_of if nxt.start <= pos < nxt.end]
        if after:
            return after[0]
    return None


def region_of(
    cnt: _Count, s: Sentence, text: str, c: _Compiled, lex: StatisticsLexicon, nxt: int
) -> str | None:
    """A place named in the count's sentence: after the count (up to the next count), then before it."""
    stop = set(lex.region_stop) | set(word_list("weekdays"))
    for lo, hi in ((cnt.num.start, nxt), (s.start, cnt.num.start)):
        for m in c.region.finditer(text, lo, hi):
            name = _longer(m, text, c)
            if name.split()[0] not in stop:
                # a short form the region list knows: "Jabar" → "Jawa Barat"
                return load(RegionLexicon).abbreviations.get(name, name)
    return None


def own_region(cnt: _Count, s: Sentence, text: str, c: _Compiled) -> str | None:
    """A place the count phrase names itself ("4 ASN di Medan"): the figure's own region."""
    m = c.region.match(text, cnt.end + 1, right_end(cnt.end + 1, s.end))
    if m is None or text[cnt.end : cnt.end + 1] not in (" ", "\n"):
        return None
    return _longer(m, text, c)


def _longer(m: re.Match[str], text: str, c: _Compiled) -> str:
    """The region's name, run on over the capitalised words after it that make a longer known place."""
    name = m.group("name")
    more = c.place_more.match(text, m.end("name"))
    if more is None:
        return name
    words = more.group(0).split()
    for k in range(len(words), 0, -1):  # "di Bone Bolango": not "Bone"
        longer = " ".join([name, *words[:k]])
        if people.official_name(longer) == longer:
            return longer
    return name


def source(cnt: _Count, sents: list[Sentence], text: str, c: _Compiled) -> str | None:
    """Who counted: a body named in the sentence (nearest before the count), else up to three before."""
    s = sents[cnt.sent]
    before = list(c.sources.finditer(text, s.start, cnt.num.start))
    if before:
        return c.source_keys[int(before[-1].lastgroup[1:])]  # type: ignore[index]
    m = c.sources.search(text, cnt.end, s.end)
    if m is not None:
        return c.source_keys[int(m.lastgroup[1:])]  # type: ignore[index]
    for j in range(cnt.sent - 1, max(-1, cnt.sent - 4), -1):
        found = list(c.sources.finditer(text, sents[j].start, sents[j].end))
        if found:
            return c.source_keys[int(found[-1].lastgroup[1:])]  # type: ignore[index]
    return None


def parts_of_totals(counts: list[_Count], reach: int) -> None:
    """Counts listed together that add up to a figure stated with a predicate take its measure.

    "1 kades di A dan 10 kades di B. Ada 11 kades yang dilaporkan …": the parts were reported
    too, whether the total comes before or after them (at most ``reach`` sentences away).
    """
    groups: dict[int, list[_Count]] = {}
    for cnt in counts:
        if cnt.unit is not Unit.percent and not cnt.firm and cnt.base_cnt is None:
            groups.setdefault(cnt.sent, []).append(cnt)
    for parts in groups.values():
        if len(parts) < 2 or len({p.unit for p in parts}) > 1:
            continue
        total = sum(float(p.num.value) for p in parts)
        for cnt in counts:
            if (
                cnt.firm
                and cnt.unit is parts[0].unit
                and abs(cnt.sent - parts[0].sent) <= reach
                and float(cnt.num.value) == total
            ):
                for p in parts:
                    p.measure, p.cued = cnt.measure, True
                break
