"""Statistics, part three: the record of one count, and counts written as lists.

:class:`Count` is what :mod:`extractor.extractors.statistics` reads for every number. The
counts that stand in lists are read here: a regional breakdown in brackets ("Sulawesi Utara
(64 kasus), Maluku (33)") and a tally of sanctions ("peringatan (enam orang), peringatan keras
(seorang)"), whose items the clause layer finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor import people
from extractor.clauses.layer import Item, brackets, left, tallies
from extractor.document import NumberMention, Sentence
from extractor.models import Measure, Topic, Unit

if TYPE_CHECKING:
    from extractor.extractors.statistics import _Compiled


@dataclass
class Count:
    """One count of an article: its number, noun, measure and where it stands."""

    num: NumberMention
    unit: Unit
    end: int  # end of the counted noun (or of the number)
    sent: int  # index into the body sentences
    noun: str = ""
    borrowed: bool = False  # the noun is the previous count's ("sebanyak 278 terbukti")
    place: str | None = None  # the region of a bracketed breakdown ("Maluku (33)")
    place_at: int = 0  # where that region's name starts
    place_before: bool = False  # the region is named right before the number ("Merauke 5 kasus")
    label: str | None = None  # the item of a tally ("peringatan keras (seorang)")
    stage: bool = False  # its own predicate names a stage ("dilaporkan", "terbukti"): not a repeat
    firm: bool = False  # its measure was read from a predicate that is no mere description
    measure: Measure = Measure.other
    cued: bool = False
    cue_dist: int = 0  # characters between the count and its measure cue
    noun_measured: bool = False  # the measure came from the counted noun ("492 rekomendasi")
    passive_before: bool = False  # the cue is a passive verb before the count
    topic: Topic = Topic.other
    year: int | None = None
    spans_years: bool = False  # its year is null because it counts over several years
    kept: bool = False
    item: Item | None = None  # the count phrase as the clause layer linked it
    drop: bool = False  # a forecast or a condition: not what happened
    base_cnt: Count | None = None  # the count this share is of
    whole: Count | None = None  # the figure a partitive or follow-up is part of


def bracketed(text: str, s: Sentence) -> dict[int, tuple[str, str, int]]:
    """Number start -> (place, noun) for "Sulawesi Utara (64 kasus), Maluku (33)" in the sentence."""
    out: dict[int, tuple[str, str]] = {}
    for m in brackets(text, s.start, s.end):
        words = m.group("name").split()
        for i in range(len(words)):  # the longest tail of the capitalised run that is a place
            name = people.official_name(" ".join(words[i:]))
            if name is not None:
                out[m.start("num")] = (name, m.group("noun"), m.start("name"))
                break
    return out


def named_before(text: str, lo: int, pos: int, c: _Compiled) -> tuple[str, int] | None:
    """The region named right before the number at ``pos`` ("di Kabupaten A 6 kasus"), and where."""
    m = c.place_before.search(left(text, lo, pos))
    if m is None:
        return None
    at = pos - (len(m.string) - m.start())
    words = m.group(0).split()
    for i in range(len(words)):  # the longest tail of the capitalised run that is a place
        if words[i] in c.region_stop:
            continue
        name = people.official_name(" ".join(words[i:]))
        if name is not None:
            return name, at + m.group(0).index(words[i])
    return None


def breakdown(
    n: NumberMention,
    place: tuple[str, str, int],
    si: int,
    here: list[Count],
    text: str,
    c: _Compiled,
) -> Count | None:
    """A regional figure of a breakdown: its own noun, else the noun of the count before it."""
    name, noun, at = place
    m = c.noun.match(text, n.end) if noun else None
    if m is not None:
        unit = c.unit_keys[int(m.lastgroup[1:])]  # type: ignore[index]
        cnt = Count(n, unit, m.end(), si, noun=m.group(0).strip())
    else:
        prev = next((x for x in reversed(here) if x.unit is not Unit.percent), None)
        if prev is None:
            return None
        cnt = Count(n, prev.unit, n.end, si, noun=prev.noun, borrowed=True)
    cnt.place, cnt.place_at = name, at
    return cnt


def tallied(s: Sentence, si: int, text: str, c: _Compiled) -> list[Count]:
    """Persons given each sanction of a bracketed tally ("peringatan keras (seorang)").

    The measure is the predicate's before the list ("direkomendasikan sanksi berupa …"),
    else sanctioned: the list names what each person was given.
    """
    out: list[Count] = []
    for t in tallies(text, s.start, s.end):
        measure = Measure.sanctioned
        before = [m for m in c.cues.finditer(text, s.start, t.start)]
        if before:
            got = c.cue_info[int(before[-1].lastgroup[1:])].measure  # type: ignore[index]
            if got is Measure.recommended:
                measure = got
        n = NumberMention(t.start, t.end, t.value)
        cnt = Count(n, Unit.persons, t.end, si, label=t.label.lower(), measure=measure)
        cnt.cued = cnt.firm = cnt.stage = True
        out.append(cnt)
    return out
