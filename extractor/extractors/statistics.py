"""Statistics: counts of violations, reports, cases and people, with what was done to them.

A count is a number (from ``Article.numbers``) followed by a counted noun (``489
pelanggaran``, ``18 orang ASN``), a percentage, or a number whose noun is left out because
the sentence goes on counting (``sebanyak 278 terbukti``). The measure comes from the
clause around it: the first cue after the count, else the last one before it (``694
pegawai ASN yang dilaporkan`` → reported). Topic, year, as-of date, region and source are
read from the sentence, then from the sentences before it, then from the whole article;
a run of figures keeps the frame of its first. Counts written as lists (regional
breakdowns, tallies of sanctions) are read in :mod:`extractor.extractors.statistics_lists`.
A figure written twice is one statistic. Every word is in ``patterns/statistics.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from extractor import people
from extractor.clauses.layer import Cue, Item, attach, left, link, right
from extractor.clauses.layer import compiled as clause_grammar
from extractor.clauses.vocabulary import expand
from extractor.document import Article, NumberMention, Sentence
from extractor.extractors.statistics_context import (
    ArticleFacts,
    as_of,
    general_count,
    in_context,
    own_region,
    parts_of_totals,
    region_of,
    source,
    topic_of,
    year_of,
)
from extractor.extractors.statistics_lists import Count as _Count
from extractor.extractors.statistics_lists import bracketed, breakdown, named_before, tallied
from extractor.models import Measure, Statistic, Topic, Unit
from extractor.patterns import PatternFile, lexicon, load


class MeasureCue(BaseModel):
    """Words that say what was done to the counted things."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: Measure
    patterns: list[str]
    #: the cue counts only for these units (all when absent)
    units: list[Unit] | None = None
    #: a description ("yang diduga …"), outranked by a verb that governs the count
    weak: bool = False
    #: says only that the counted things exist ("ada 7 kasus"): a noun's own default outranks it
    existential: bool = False


@lexicon("statistics")
class StatisticsLexicon(PatternFile):
    """patterns/statistics.toml."""

    noun_outranks: list[Topic]
    violation_context: str
    frame: str
    discipline_frame: str
    general_cue_window: int
    frame_carry_sentences: int
    frame_carry_generic_nouns: list[str]
    general_persons_context: str
    general_cases_context: str
    strong_measures: list[Measure]
    not_counted_after: str
    not_counted_cases_after: str
    passive_cue: str
    noun_prefix: str
    bare_after: str
    bare_before: str
    bare_end: str
    skip_before: str
    anaphora_after: str
    exclude_sentence: str
    nominal_cue: str
    share_count: str
    ongoing_before: str
    measure_rank: list[Measure]
    year: str
    year_exclude_before: str
    year_span: str
    year_compared_before: str
    year_phrase_end: str
    relative_year: dict[int, str]
    relative_year_stop: str
    election_year: str
    register_year: str
    as_of_before: str
    region: str
    region_stop: list[str]
    place_before: str
    place_more: str
    units: dict[Unit, list[str]]
    noun_measure: dict[Measure, list[str]]
    noun_topic: dict[Topic, list[str]]
    noun_default_measure: dict[Measure, list[str]]
    default_measure: dict[Unit, Measure]
    topics: dict[Topic, list[str]]
    sources: dict[str, list[str]]
    measures: list[MeasureCue]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _named(groups: dict[str, list[str]], prefix: str) -> tuple[str, list[str]]:
    keys = list(groups)
    return "|".join(f"(?P<{prefix}{i}>{_alt(groups[k])})" for i, k in enumerate(keys)), keys


@dataclass(frozen=True)
class _Compiled:
    noun: re.Pattern[str]
    unit_keys: list[Unit]
    noun_measure: tuple[tuple[Measure, re.Pattern[str]], ...]
    noun_topic: tuple[tuple[Topic, re.Pattern[str]], ...]
    noun_default: tuple[tuple[Measure, re.Pattern[str]], ...]
    bare_after: re.Pattern[str]
    bare_before: re.Pattern[str]
    bare_end: re.Pattern[str]
    skip_before: re.Pattern[str]
    anaphora: re.Pattern[str]
    context: re.Pattern[str]
    frame: re.Pattern[str]
    local_frame: re.Pattern[str]
    general_persons: re.Pattern[str]
    general_cases: re.Pattern[str]
    strong: frozenset[Measure]
    cue_window: int
    frame_carry: int
    carry_generic: frozenset[str]
    not_counted: re.Pattern[str]
    not_counted_cases: re.Pattern[str]
    passive: re.Pattern[str]
    exclude: re.Pattern[str]
    nominal: re.Pattern[str]
    share_count: re.Pattern[str]
    ongoing: re.Pattern[str]
    cues: re.Pattern[str]
    cue_info: tuple[MeasureCue, ...]
    topics: tuple[tuple[Topic, re.Pattern[str]], ...]
    year: re.Pattern[str]
    year_excl: re.Pattern[str]
    year_span: re.Pattern[str]
    year_compared: re.Pattern[str]
    year_phrase_end: re.Pattern[str]
    relative_year: tuple[tuple[int, re.Pattern[str]], ...]
    relative_year_stop: re.Pattern[str]
    election_year: re.Pattern[str]
    register_year: re.Pattern[str]
    as_of: re.Pattern[str]
    region: re.Pattern[str]
    place_before: re.Pattern[str]
    place_more: re.Pattern[str]
    region_stop: frozenset[str]
    sources: re.Pattern[str]
    source_keys: list[str]
    noun_outranks: frozenset[Topic]


@functools.lru_cache(maxsize=4)
def _compiled(lex: StatisticsLexicon) -> _Compiled:
    units, unit_keys = _named({k.value: v for k, v in lex.units.items()}, "u")
    cues = "|".join(f"(?P<m{i}>{_alt(c.patterns)})" for i, c in enumerate(lex.measures))
    sources, source_keys = _named(lex.sources, "s")
    return _Compiled(
        noun=re.compile(rf"{lex.noun_prefix}(?:{units})(?!\w)", re.I),
        unit_keys=[Unit(k) for k in unit_keys],
        noun_measure=tuple(
            (m, re.compile(rf"(?:{_alt(p)})", re.I)) for m, p in lex.noun_measure.items()
        ),
        noun_topic=tuple(
            (t, re.compile(rf"(?:{_alt(p)})", re.I)) for t, p in lex.noun_topic.items()
        ),
        noun_default=tuple(
            (m, re.compile(rf"(?:{_alt(p)})", re.I)) for m, p in lex.noun_default_measure.items()
        ),
        bare_after=re.compile(expand(lex.bare_after), re.I),
        bare_before=re.compile(lex.bare_before, re.I),
        bare_end=re.compile(lex.bare_end, re.I),
        skip_before=re.compile(lex.skip_before, re.I),
        anaphora=re.compile(lex.anaphora_after),
        context=re.compile(lex.violation_context, re.I),
        frame=re.compile(lex.frame, re.I),
        local_frame=re.compile(f"{lex.frame}|{lex.discipline_frame}", re.I),
        general_persons=re.compile(lex.general_persons_context, re.I),
        general_cases=re.compile(lex.general_cases_context, re.I),
        strong=frozenset(lex.strong_measures),
        cue_window=lex.general_cue_window,
        frame_carry=lex.frame_carry_sentences,
        carry_generic=frozenset(w.lower() for w in lex.frame_carry_generic_nouns),
        not_counted=re.compile(lex.not_counted_after, re.I),
        not_counted_cases=re.compile(lex.not_counted_cases_after, re.I),
        passive=re.compile(lex.passive_cue, re.I),
        exclude=re.compile(lex.exclude_sentence, re.I),
        nominal=re.compile(lex.nominal_cue, re.I),
        share_count=re.compile(lex.share_count, re.I),
        ongoing=re.compile(lex.ongoing_before, re.I),
        cues=re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.I),
        cue_info=tuple(lex.measures),
        topics=tuple(
            (t, re.compile(rf"(?<!\w)(?:{_alt(p)})(?!\w)", re.I)) for t, p in lex.topics.items()
        ),
        year=re.compile(lex.year),
        year_excl=re.compile(lex.year_exclude_before, re.I),
        year_span=re.compile(lex.year_span, re.I),
        year_compared=re.compile(lex.year_compared_before, re.I),
        year_phrase_end=re.compile(expand(lex.year_phrase_end), re.I),
        relative_year=tuple((k, re.compile(v, re.I)) for k, v in lex.relative_year.items()),
        relative_year_stop=re.compile(lex.relative_year_stop),
        election_year=re.compile(lex.election_year, re.I),
        register_year=re.compile(lex.register_year),
        as_of=re.compile(expand(lex.as_of_before), re.I),
        region=re.compile(expand(lex.region)),
        place_before=re.compile(lex.place_before),
        place_more=re.compile(lex.place_more),
        region_stop=frozenset(lex.region_stop),
        sources=re.compile(rf"(?<!\w)(?:{sources})(?!\w)"),
        source_keys=source_keys,
        noun_outranks=frozenset(lex.noun_outranks),
    )


def extract(art: Article) -> list[Statistic]:
    """Every distinct count in the body, in text order."""
    lex = load(StatisticsLexicon)
    c = _compiled(lex)
    text = art.text
    sents = art.body_sentences()
    if not sents or not art.numbers:
        return []
    date_spans = [(d.span.start, d.span.end) for d in art.dates if d.span is not None]
    article = ArticleFacts(art, sents, c)
    counts: list[_Count] = []
    by_sent: dict[int, list[_Count]] = {}
    ni = 0
    numbers = sorted(art.numbers, key=lambda n: n.start)
    for si, s in enumerate(sents):
        while ni < len(numbers) and numbers[ni].start < s.start:
            ni += 1
        if ni >= len(numbers) or numbers[ni].start >= s.end:
            continue
        if c.exclude.search(text, s.start, s.end):
            continue
        here: list[_Count] = []
        places = bracketed(text, s) if "(" in text[s.start : s.end] else {}
        k = ni
        while k < len(numbers) and numbers[k].start < s.end:
            n = numbers[k]
            k += 1
            if n.money or any(a <= n.start < b for a, b in date_spans):
                continue
            if n.start in places:
                cnt = breakdown(n, places[n.start], si, here, text, c)
            else:
                cnt = _read_count(n, s, si, text, c, here, counts, by_sent)
            if cnt is not None:
                here.append(cnt)
        if here:
            _measure_clauses(here, s, text, c, lex)
            _share_total(here)
            here = _link_wholes(here, counts)
        if "(" in text[s.start : s.end]:
            here = sorted(here + tallied(s, si, text, c), key=lambda x: x.num.start)
        if here:
            by_sent[si] = here
            counts.extend(here)
    parts_of_totals(counts, c.frame_carry)
    return _finish(art, counts, sents, article, c, lex)


def _share_total(here: list[_Count]) -> None:
    """Regional figures take the measure of the total they break down ("48 kasus, terbanyak di …")."""
    total = None
    for cnt in here:
        if cnt.place is None:
            total = cnt
        elif total is not None and total.cued and not (cnt.place_before and cnt.firm):
            cnt.measure, cnt.cued = total.measure, True


def _read_count(
    n: NumberMention,
    s: Sentence,
    si: int,
    text: str,
    c: _Compiled,
    here: list[_Count],
    counts: list[_Count],
    by_sent: dict[int, list[_Count]],
) -> _Count | None:
    """The count a number makes with the noun after it, or None when it counts nothing."""
    before = left(text, s.start, n.start)
    if c.skip_before.search(before) and not (n.percent and before.rstrip().endswith("(")):
        return None  # a reference, an ordinal, a time; "(38,5 persen)" is a count's share
    after = right(text, n.end, s.end)
    if n.percent:
        return _Count(n, Unit.percent, n.end, si)
    m = c.noun.match(after)
    place = named_before(text, s.start, n.start, c)
    if m is not None and place is not None:  # "Merauke 5 kasus": a figure of a regional list
        unit = c.unit_keys[int(m.lastgroup[1:])]  # type: ignore[index]
        cnt = _Count(n, unit, n.end + m.end(), si, noun=m.group(0).strip())
        cnt.place, cnt.place_at, cnt.place_before = place[0], place[1], True
        return cnt
    if m is not None:
        end = n.end + m.end()
        if c.anaphora.match(right(text, end, s.end)):
            return None  # "ASN tersebut": a figure given before
        unit = c.unit_keys[int(m.lastgroup[1:])]  # type: ignore[index]
        if unit is Unit.persons and c.not_counted.match(right(text, end, s.end)):
            return None  # "16 orang saksi": witnesses, victims, participants
        if unit is Unit.cases and c.not_counted_cases.match(right(text, end, s.end)):
            return None  # "34 kasus infeksi": a disease, not a violation
        return _Count(n, unit, end, si, noun=m.group(0).strip())
    sh = c.share_count.match(after)
    if sh is not None:  # "1588 atau 79,1 persen ASN": the noun stands after the share
        m = c.noun.match(after, sh.end())
        if m is not None:
            unit = c.unit_keys[int(m.lastgroup[1:])]  # type: ignore[index]
            return _Count(n, unit, n.end, si, noun=m.group(0).strip())
    # the noun left out: it is the noun of the count just before
    if not (
        (place is not None and c.bare_end.match(after))  # "terjadi di A 5, di B 3 perkara"
        or c.bare_after.match(after)
        or (c.bare_before.search(before) and c.bare_end.match(after))
        # a follow-up: "Dari laporan tersebut, 42 melibatkan …"
        or clause_grammar().partitive_before.search(before)
        # … and its parallel: "…, sementara 5 melibatkan …"
        or _parallel(text, n, here)
    ):
        return None
    prev = here[-1] if here else None
    if prev is None:
        for cnt in reversed(counts):
            if cnt.sent >= si - 2 and cnt.unit is not Unit.percent:
                prev = cnt
            break
    if prev is None or prev.unit is Unit.percent:
        return None
    cnt = _Count(n, prev.unit, n.end, si, noun=prev.noun, borrowed=True)
    if place is not None:
        cnt.place, cnt.place_at, cnt.place_before = place[0], place[1], True
    return cnt


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text, pos)
    return m.group(1).lower() if m else ""


def _parallel(text: str, n: NumberMention, here: list[_Count]) -> bool:
    """Whether the word after ``n`` is the word after a count that borrowed its noun before it."""
    word = _next_word(text, n.end)
    return bool(word) and any(x.borrowed and _next_word(text, x.num.end) == word for x in here)


_WORD = re.compile(r"\s+(\w+)")


def _measure_clauses(
    here: list[_Count], s: Sentence, text: str, c: _Compiled, lex: StatisticsLexicon
) -> None:
    """Measure of each count from the clause layer: its noun, else the predicate governing it."""
    items = [Item(cnt.num.start, cnt.end, percent=cnt.unit is Unit.percent) for cnt in here]
    clauses = link(text, s.start, s.end, items)
    units = {cnt.unit for cnt in here}
    cues = []
    for m in c.cues.finditer(text, s.start, s.end):
        k = int(m.lastgroup[1:])  # type: ignore[index]
        info = c.cue_info[k]
        if info.units is not None and not units & set(info.units):
            continue
        cues.append(
            Cue(
                m.start(),
                m.end(),
                str(k),
                nominal=bool(c.nominal.match(m.group(0))),
                weak=info.weak,
            )
        )
    readings = attach(text, items, clauses, cues)
    for cnt, it, rd in zip(here, items, readings, strict=True):
        cnt.item = it
        cnt.drop = it.forecast or clauses[it.clause].conditional
        measure: Measure | None = None
        for m, rx in c.noun_measure:
            if cnt.noun and not cnt.borrowed and rx.fullmatch(cnt.noun):
                measure = m
                cnt.noun_measured = True
        cue = rd.cue
        if cue is not None:
            info = c.cue_info[int(cue.label)]
            if info.units is not None and cnt.unit not in info.units and it.share_of is None:
                cue = None
        if cue is not None and cnt.unit is Unit.reports and rd.how == "before":
            cue = None  # "mencatat penerimaan 403 laporan": the reporting noun says reported
        if cue is not None and c.cue_info[int(cue.label)].existential and _noun_default(cnt, c):
            cue = None  # "ada 22 putusan": the ruling says more than "there are"
        if measure is None and cue is not None and not rd.negated:
            measure = c.cue_info[int(cue.label)].measure
            if c.ongoing.search(left(text, s.start, cue.start)):
                measure = Measure.other  # "masih ditindaklanjuti": a stage still under way
            cnt.cue_dist = (
                abs(cue.start - cnt.end) if cue.start >= cnt.end else cnt.num.start - cue.end
            )
            cnt.passive_before = rd.how == "before" and c.passive.match(text, cue.start) is not None
        if rd.negated:
            measure = Measure.other
        cnt.cued = measure is not None
        cnt.firm = cnt.cued and not (cue is not None and cue.weak)
        cnt.stage = (cnt.firm and rd.how in ("main", "relative")) or rd.negated
        cnt.measure = measure or _default(cnt, c, lex)
        if it.share_of is not None:
            cnt.base_cnt = here[it.share_of]
            cnt.measure = cnt.base_cnt.measure
            cnt.cued = True
        if it.whole is not None:
            cnt.whole = here[it.whole]


def _noun_default(cnt: _Count, c: _Compiled) -> Measure | None:
    for m, rx in c.noun_default:
        if cnt.noun and rx.fullmatch(cnt.noun):
            return m
    return None


def _default(cnt: _Count, c: _Compiled, lex: StatisticsLexicon) -> Measure:
    """The measure of a count no predicate speaks of: its noun's ("59 pelanggar"), else its unit's."""
    return _noun_default(cnt, c) or lex.default_measure[cnt.unit]


def _link_wholes(here: list[_Count], counts: list[_Count]) -> list[_Count]:
    """Drop forecasts and repeated bases; a follow-up with no whole in its sentence takes the last figure."""
    out: list[_Count] = []
    earlier = [x for x in counts if x.unit is not Unit.percent and x.kept is not None]
    for cnt in here:
        it = cnt.item
        if cnt.drop or (cnt.base_cnt is not None and cnt.base_cnt.drop):
            continue
        if (
            it is not None
            and it.base
            and any(float(x.num.value) == float(cnt.num.value) for x in earlier)
        ):
            continue  # "dari 176 laporan": the figure given before, not a new one
        if it is not None and it.partitive and cnt.whole is None and earlier:
            cnt.whole = earlier[-1]
        out.append(cnt)
    return out


def _finish(
    art: Article,
    counts: list[_Count],
    sents: list[Sentence],
    article: ArticleFacts,
    c: _Compiled,
    lex: StatisticsLexicon,
) -> list[Statistic]:
    text = art.text
    rank = {m: i for i, m in enumerate(lex.measure_rank)}
    counted = {x.sent for x in counts}
    out: list[Statistic] = []
    seen: dict[tuple, list[int]] = {}
    owns: list[str | None] = []  # the place each record's count names right after itself
    loose_own: list[bool] = []  # … and whether a record of no place may merge with it
    cued: list[bool] = []  # whether each record's measure was read from a predicate
    # the sentences of the last framed count kept, and of the last one with a measure cue
    carry = carry_cued = -1 - c.frame_carry
    carry_noun = ""  # … and the noun of that one
    for i, cnt in enumerate(counts):
        s = sents[cnt.sent]
        base = cnt.base_cnt
        # a run of figures stays in the frame its first figure was given in ("… Pilkada 2020.
        # Sebanyak 645 ASN dijatuhi sanksi. … 78 ASN belum ditindaklanjuti"); a count of the
        # same thing as the last figure with a measure needs no context of its own ("memblokir
        # 26 data kepegawaian … Kanreg IV 5 data kepegawaian"), unless it counts mere "orang"
        noun = cnt.noun.lower()
        run = (
            cnt.sent - carry_cued <= c.frame_carry
            and noun == carry_noun
            and noun not in c.carry_generic
        )
        framed = run or cnt.sent - carry <= c.frame_carry or article.framed(cnt.sent, sents)
        if base is not None:
            if not base.kept:
                continue
        elif framed:
            if not (cnt.cued or run or in_context(cnt, sents, text, c)):
                continue  # "945 ribu ASN" housed, "8 orang" hurt: no violation, no report
        elif not general_count(cnt, s, text, c):
            continue  # suspects, witnesses, disease cases in general news
        cnt.kept = True
        if framed:
            carry = cnt.sent
            if cnt.cued:
                carry_cued, carry_noun = cnt.sent, cnt.noun.lower()
        if base is not None:
            topic, year = base.topic, base.year
        else:
            topic = (
                topic_of(cnt, sents, text, c, article)
                if framed and article.election
                else Topic.other
            )
            # the sentence before lends its year only when it counts nothing itself
            prev = sents[cnt.sent - 1] if cnt.sent and cnt.sent - 1 not in counted else None
            year = year_of(cnt, counts, i, s, text, c, article, prev)
            whole = cnt.whole
            if whole is not None and whole.kept and whole.sent < cnt.sent:
                topic = whole.topic  # a follow-up ("Dari laporan tersebut, 42 …") is of its figure
            if whole is not None and (whole.year is not None or whole.spans_years):
                year = whole.year  # a part of a figure belongs to the figure's year
                cnt.spans_years = whole.spans_years
            if cnt.unit is Unit.percent and (not cnt.cued or topic is Topic.other):
                continue  # a share of buyers, of a tax, of regions: not a count of ours
        cnt.topic, cnt.year = topic, year
        nxt = next((x.place_at for x in counts[i + 1 :] if x.sent == cnt.sent and x.place), s.end)
        region = cnt.place or region_of(cnt, s, text, c, lex, nxt)
        region = (people.official_name(region) or region) if region else None
        # one figure written twice merges, even when its unit word differs ("2007 laporan" …
        # "2007 ASN"); the same value for two regions stays two
        key = (float(cnt.num.value), cnt.unit is Unit.percent, topic, year)
        own = cnt.place or cnt.label or own_region(cnt, s, text, c)
        # a figure of a regional list is not the figure of no region ("pidana 5 perkara … A 5")
        loose = not cnt.place_before
        same = [
            j
            for j in seen.get(key, ())
            if owns[j] == own or (loose and loose_own[j] and None in (owns[j], own))
        ]
        prev = next((j for j in same if out[j].measure == cnt.measure), same[0] if same else None)
        if (
            prev is not None
            and cnt.stage
            and cued[prev]
            and out[prev].measure != cnt.measure
            and cnt.base_cnt is None
        ):
            prev = None  # "5 kades dilaporkan … 5 kades terbukti": one group at two stages
        if prev is not None:
            rec = out[prev]
            if cnt.cued and rank[cnt.measure] < rank[Measure(rec.measure)]:
                rec.measure = cnt.measure.value
            if rec.region is None:
                rec.region = region
            continue
        seen.setdefault(key, []).append(len(out))
        owns.append(own)
        loose_own.append(loose)
        cued.append(cnt.firm)
        out.append(
            Statistic(
                value=cnt.num.value,
                approximate=cnt.num.approximate,
                unit=cnt.unit,
                measure=cnt.measure,
                topic=topic,
                year=year,
                as_of=as_of(cnt, sents, article),
                region=region,
                region_code=people.region_code(region) if region else None,
                source=source(cnt, sents, text, c),
                span=art.span(cnt.num.start, cnt.end),
            )
        )
    return out
