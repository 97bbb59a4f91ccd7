"""Clauses, count phrases and the predicates that govern them.

Indonesian count phrases do not take "the first cue after the count": in ``212 ASN dari 317
ASN yang dilaporkan terbukti melanggar`` the relative clause ``yang dilaporkan`` belongs to
317, the number it follows, and the main predicate ``terbukti melanggar`` to the subject 212.
This module splits a sentence into clauses, links the counts of a sentence to each other
(a share to its count, a partitive to its whole, a base after ``dari``), and attaches to every
count the predicate that governs it, with its negation and modality. It knows no measures:
the caller finds the cues (its own words) and says what they mean. Every word is in
``patterns/clauses.toml`` and ``patterns/vocabulary.toml``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from extractor.clauses.vocabulary import expand
from extractor.document import Article
from extractor.normalize.numbers import parse_number
from extractor.patterns import PatternFile, lexicon, load


@lexicon("clauses")
class ClausesLexicon(PatternFile):
    """patterns/clauses.toml."""

    reach_chars: int
    boundary: str
    fronted: str
    list_item_before: str
    list_label_gap: str
    list_open: str
    list_kind_gap: str
    share_gap: str
    share_suffix: str
    partitive_after: str
    partitive_before: str
    base_before: str
    relative_head: str
    relative_reach_words: int
    negated_predicate: str
    negated_before: str
    modal_before: str
    purpose_before: str
    forecast_before: str
    conditional_open: str
    demand_open: str
    bracket_item: str
    tally_open: str
    tally_item: str
    tally_min_items: int
    tally_one: list[str]


@dataclass(frozen=True)
class _Compiled:
    reach_chars: int
    boundary: re.Pattern[str]
    fronted: re.Pattern[str]
    list_item: re.Pattern[str]
    list_label: re.Pattern[str]
    list_open: re.Pattern[str]
    list_kind: re.Pattern[str]
    share_gap: re.Pattern[str]
    share_suffix: re.Pattern[str]
    partitive_after: re.Pattern[str]
    partitive_before: re.Pattern[str]
    base_before: re.Pattern[str]
    relative_head: re.Pattern[str]
    reach: int
    negated_predicate: re.Pattern[str]
    negated_before: re.Pattern[str]
    modal_before: re.Pattern[str]
    purpose_before: re.Pattern[str]
    forecast_before: re.Pattern[str]
    conditional_open: re.Pattern[str]
    demand_open: re.Pattern[str]
    bracket_item: re.Pattern[str]
    tally_open: re.Pattern[str]
    tally_item: re.Pattern[str]
    tally_min_items: int
    tally_one: frozenset[str]


@functools.lru_cache(maxsize=4)
def _compiled(lex: ClausesLexicon) -> _Compiled:
    def rx(p: str) -> re.Pattern[str]:
        return re.compile(expand(p), re.I)

    return _Compiled(
        reach_chars=lex.reach_chars,
        boundary=rx(lex.boundary),
        fronted=rx(lex.fronted),
        list_item=rx(lex.list_item_before),
        list_label=rx(lex.list_label_gap),
        list_open=rx(lex.list_open),
        list_kind=rx(lex.list_kind_gap),
        share_gap=rx(lex.share_gap),
        share_suffix=rx(lex.share_suffix),
        partitive_after=rx(lex.partitive_after),
        partitive_before=rx(lex.partitive_before),
        base_before=rx(lex.base_before),
        relative_head=rx(lex.relative_head),
        reach=lex.relative_reach_words,
        negated_predicate=rx(lex.negated_predicate),
        negated_before=rx(lex.negated_before),
        modal_before=rx(lex.modal_before),
        purpose_before=rx(lex.purpose_before),
        forecast_before=rx(lex.forecast_before),
        conditional_open=rx(lex.conditional_open),
        demand_open=rx(lex.demand_open),
        bracket_item=rx(lex.bracket_item),
        tally_open=rx(lex.tally_open),
        tally_item=rx(lex.tally_item),
        tally_min_items=lex.tally_min_items,
        tally_one=frozenset(lex.tally_one),
    )


def compiled() -> _Compiled:
    """The clause grammar, compiled once per process."""
    return _compiled(load(ClausesLexicon))


def left(text: str, lo: int, pos: int) -> str:
    """The text just before ``pos`` (never before ``lo``) that anchored look-behinds read."""
    return text[max(lo, pos - compiled().reach_chars) : pos]


def right_end(pos: int, hi: int) -> int:
    """Where the text after ``pos`` that anchored look-aheads read ends (never after ``hi``)."""
    return min(hi, pos + compiled().reach_chars)


def right(text: str, pos: int, hi: int) -> str:
    """The text just after ``pos`` (never after ``hi``) that anchored look-aheads read."""
    return text[pos : right_end(pos, hi)]


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause ``[start, end)`` of a sentence; ``conditional`` when a condition opens it.

    ``asked`` is where the complement of a demand starts ("meminta agar …"), if there is one:
    predicates after it are asked for, not reported as done.
    """

    start: int
    end: int
    conditional: bool = False
    asked: int | None = None


@dataclass(slots=True)
class Item:
    """A count phrase of one sentence: the caller's number ``[start, end)`` (end after its noun).

    :func:`link` fills in how it stands to the other counts of the sentence.
    """

    start: int
    end: int
    percent: bool = False
    clause: int = -1
    share_of: int | None = None  # index of the count this percentage is the share of
    base: bool = False  # "dari 317 ASN": the whole that a part is taken of
    partitive: bool = False  # "727 di antaranya", "Dari jumlah tersebut, 1.450 ASN"
    whole: int | None = None  # index of the whole a partitive is taken of (same sentence)
    forecast: bool = False  # "diperkirakan mencapai 300": not what happened
    negated: bool = False  # "55 tidak diregister": the predicate after it is negated
    relative: tuple[int, int] | None = None  # where the predicate of its relative clause may be
    tail: int = 0  # end of the phrase, past its share and partitive words


@dataclass(frozen=True, slots=True)
class Cue:
    """A predicate word found by the caller, with what it means to the caller."""

    start: int
    end: int
    label: str
    nominal: bool = False  # a noun ("penjatuhan sanksi"): a verb before the count outranks it
    weak: bool = False  # a description ("yang diduga …"), outranked by a verb governing the count


@dataclass(frozen=True, slots=True)
class Reading:
    """The predicate that governs a count, and how it was attached."""

    cue: Cue | None
    how: str  # relative | main | before | none
    negated: bool = False


def split(text: str, start: int, end: int, item_starts: list[int] | None = None) -> list[Clause]:
    """The clauses of ``text[start:end]``; a comma before a count starts a list item."""
    c = compiled()
    cuts = {start, end}
    for m in c.boundary.finditer(text, start, end):
        cuts.add(m.end())
    fronted = c.fronted.match(text[start:end])
    if fronted is not None:
        cuts.add(start + fronted.end())
    for pos in item_starts or ():
        if c.list_item.search(left(text, start, pos)):
            cuts.add(pos)
    bounds = sorted(p for p in cuts if start <= p <= end)
    out: list[Clause] = []
    for a, b in itertools.pairwise(bounds):
        if b > a:
            demand = c.demand_open.search(text, a, b)
            out.append(
                Clause(
                    a,
                    b,
                    c.conditional_open.match(text[a:b]) is not None,
                    demand.end() if demand else None,
                )
            )
    return out or [Clause(start, end)]


def _clause_index(clauses: list[Clause], pos: int) -> int:
    starts = [cl.start for cl in clauses]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def link(text: str, start: int, end: int, items: list[Item]) -> list[Clause]:
    """Split the sentence and fill each item's structural roles; returns the clauses."""
    c = compiled()
    clauses = split(text, start, end, [it.start for it in items])
    for i, it in enumerate(items):
        it.clause = _clause_index(clauses, it.start)
        cl = clauses[it.clause]
        it.tail = it.end
        if it.percent and i:
            prev = items[i - 1]
            if prev.clause == it.clause and c.share_gap.match(text[prev.end : it.start]):
                it.share_of = i - 1
                if not prev.percent:
                    prev.tail = max(prev.tail, _close(text, it.end, cl.end))
        if c.share_suffix.match(text, it.end) and it.percent:
            it.tail = it.end + 3
        m = c.partitive_after.match(text[it.tail : cl.end])
        if m:
            it.partitive = True
            it.tail += m.end()
        elif c.partitive_before.search(left(text, start, it.start)):
            it.partitive = True
        if c.base_before.search(left(text, cl.start, it.start)):
            it.base = True
        if it.partitive or (i and items[i - 1].base and not it.base):
            wholes = [j for j in range(i) if items[j].base or not items[j].percent]
            it.whole = wholes[-1] if wholes else None
        it.forecast = c.forecast_before.search(left(text, cl.start, it.start)) is not None
    for i, it in enumerate(items):
        if it.share_of is not None:
            it.tail = max(it.tail, items[it.share_of].tail)
            continue
        # a share's own words ("atau 66,9 persen ASN") stand between a count and its predicate
        j = i + 1
        tail = it.tail
        while j < len(items) and items[j].share_of == i:
            tail = max(tail, items[j].tail if items[j].tail > items[j].end else items[j].end)
            j += 1
        if not it.partitive and any(items[k].partitive for k in range(i + 1, j)):
            # "1.596 ASN atau 78,5% di antaranya": the partitive of the share is the count's
            it.partitive = True
            wholes = [k for k in range(i) if items[k].base or not items[k].percent]
            it.whole = wholes[-1] if wholes else None
        cl = clauses[it.clause]
        at = _skip_noun(text, tail, cl.end)
        rel = c.relative_head.match(text[at : cl.end])
        if rel is not None:
            it.relative = (at + rel.start(), _words_end(text, at + rel.end(), cl.end, c.reach))
        it.negated = c.negated_predicate.match(text[tail : cl.end]) is not None
        for k in range(i + 1, j):
            items[k].relative, items[k].negated = it.relative, it.negated
    return clauses


def _close(text: str, pos: int, end: int) -> int:
    """Past a closing bracket right after ``pos`` ("(38,5 persen)")."""
    m = re.match(r"\s*\)", text[pos:end])
    return pos + m.end() if m else pos


_NOUN_TAIL = re.compile(r"(?:\s*\([^()]{1,40}\))?(?:\s+(?-i:[A-Z][\w.-]*)){0,3}")


def _skip_noun(text: str, pos: int, end: int) -> int:
    """Past an acronym in brackets and capitalised words that name the counted ("ASN (ASN) Kota X")."""
    m = _NOUN_TAIL.match(text[pos:end])
    return pos + m.end() if m else pos


def _words_end(text: str, pos: int, end: int, n: int) -> int:
    """The end of the ``n``-th word from ``pos`` (or ``end``)."""
    m = re.match(rf"(?:\W*\w+){{1,{max(1, n)}}}", text[pos:end])
    return pos + m.end() if m else pos


def attach(text: str, items: list[Item], clauses: list[Clause], cues: list[Cue]) -> list[Reading]:
    """The governing predicate of every item (shares get their count's reading).

    Order: the predicate of the item's own relative clause unless it is a mere description;
    the main predicate after the count in its clause (past every relative clause), shared by
    counts joined only by commas or conjunctions; the last verb before the count in its
    clause (it takes the count as its object); a descriptive relative; nothing.
    """
    c = compiled()
    cues = sorted(cues, key=lambda q: q.start)
    rel_cues: list[Cue | None] = []
    rel_spans: list[tuple[int, int]] = []
    for it in items:
        rel_cue = None
        if it.relative:
            rel_cue = next((q for q in cues if it.relative[0] <= q.start < it.relative[1]), None)
            # the relative clause runs to the end of its predicate; what follows is the main one
            rel_spans.append((it.relative[0], rel_cue.end if rel_cue else it.relative[1]))
        rel_cues.append(rel_cue)
    out: list[Reading] = [Reading(None, "none")] * len(items)
    for i, it in enumerate(items):
        if it.share_of is not None:
            continue
        cl = clauses[it.clause]
        rel_cue = rel_cues[i]
        reading: Reading | None = None
        if rel_cue is not None and not rel_cue.weak:
            reading = Reading(rel_cue, "relative", _negated(text, it.relative[0], rel_cue, c))
        done = [q for q in cues if cl.asked is None or q.start < cl.asked]  # not what is asked for
        if reading is None and not it.base:
            main = _main_cue(text, it, items, i, cl, done, rel_spans, c)
            if main is not None:
                reading = Reading(main, "main", it.negated or _negated(text, it.tail, main, c))
        if reading is None:
            lo = max(
                cl.start, items[i - 1].tail if i and items[i - 1].clause == it.clause else cl.start
            )
            before = [
                q
                for q in done
                if lo <= q.start and q.end <= it.start and not _modal(text, lo, q, c)
            ]
            verbs = [q for q in before if not q.nominal]
            pick = (verbs or before or [None])[-1]
            if pick is not None:
                reading = Reading(pick, "before", _negated(text, lo, pick, c))
        if reading is None and rel_cue is not None:
            reading = Reading(rel_cue, "relative", False)
        if reading is None and it.negated:
            reading = Reading(None, "none", True)
        out[i] = reading or Reading(None, "none")
    # a verb before a list governs all its items: "melaporkan 5 kades, dan 2 ASN yang diduga …"
    for i, it in enumerate(items):
        if it.share_of is not None or it.base or clauses[it.clause].start != it.start:
            continue
        prev = next((j for j in range(i - 1, -1, -1) if items[j].share_of is None), None)
        if prev is None or items[prev].clause != it.clause - 1:
            continue
        mine, theirs = out[i], out[prev]
        weak = mine.cue is None or (mine.how == "relative" and mine.cue.weak)
        if weak and theirs.how == "before" and not mine.negated:
            out[i] = theirs
    # a labelled item of a list takes the verb of the item before: "menindak 9 pelanggar, Satlantas
    # 4 pelanggar"; after a breakdown word the labels may be lower-case kinds ("di antaranya
    # administrasi 6 perkara, kode etik 12 perkara")
    first: dict[int, int] = {}  # item -> the first item of its labelled list
    for i, it in enumerate(items):
        if i == 0 or it.share_of is not None or it.base or out[i].cue is not None or out[i].negated:
            continue
        prev = next((j for j in range(i - 1, -1, -1) if items[j].share_of is None), None)
        if prev is None or items[prev].clause != it.clause or out[prev].how != "before":
            continue
        gap = text[items[prev].tail : it.start]
        head = first.get(prev, prev)
        if c.list_label.match(gap) or (
            c.list_kind.match(gap)
            and c.list_open.search(left(text, clauses[it.clause].start, items[head].start))
        ):
            out[i] = out[prev]
            first[i] = head
    # counts joined by a conjunction share the predicate after the last: "5 kades, dan 1 ASN melanggar"
    for i in range(len(items) - 2, -1, -1):
        it, nxt = items[i], items[i + 1]
        if out[i].cue is not None or out[i].negated or it.share_of is not None or it.base:
            continue
        if (
            nxt.clause == it.clause + 1
            and out[i + 1].how == "main"
            and _gaps()[1].fullmatch(text, it.tail, nxt.start)
        ):
            out[i] = out[i + 1]
    for i, it in enumerate(items):
        if it.share_of is not None:
            out[i] = out[it.share_of]
    return out


@functools.lru_cache(maxsize=1)
def _gaps() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may stand between two counts that share a predicate: a comma or a conjunction
    or alternative (or nothing); and the stricter gap of counts joined by a conjunction."""
    return (
        re.compile(expand(r"[\s,]*(?:(?:<@conjunctions>|<@alternatives>)\s+)?"), re.I),
        re.compile(expand(r"[\s,]*<@conjunctions>\s+"), re.I),
    )


def _main_cue(
    text: str,
    it: Item,
    items: list[Item],
    i: int,
    cl: Clause,
    cues: list[Cue],
    rel_spans: list[tuple[int, int]],
    c: _Compiled,
) -> Cue | None:
    """The first cue after the count in its clause that no relative clause owns."""
    hi = cl.end
    for nxt in items[i + 1 :]:
        if nxt.clause != it.clause or nxt.share_of is not None or nxt.base:
            continue
        gap = text[it.tail : nxt.start]
        if _gaps()[0].fullmatch(gap):
            continue  # "12 ASN dan 5 kades terbukti": joined counts share the predicate
        hi = nxt.start
        break
    for q in cues:
        if q.start < it.tail or q.start >= hi:
            continue
        if any(a <= q.start < b for a, b in rel_spans):
            continue
        if _modal(text, it.tail, q, c):
            continue
        return q
    return None


def _negated(text: str, lo: int, cue: Cue, c: _Compiled) -> bool:
    return c.negated_before.search(left(text, lo, cue.start)) is not None


def _modal(text: str, lo: int, cue: Cue, c: _Compiled) -> bool:
    """A cue that is merely possible, required, or the aim of another predicate governs nothing."""
    before = left(text, lo, cue.start)
    return c.modal_before.search(before) is not None or c.purpose_before.search(before) is not None


def brackets(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Bracketed figures after a name in ``text[start:end]``: "Maluku (33)", "Bali (12 kasus)"."""
    return list(compiled().bracket_item.finditer(text, start, end))


@dataclass(frozen=True, slots=True)
class Tally:
    """One item of a bracketed tally: its label ("Peringatan Keras") and its count."""

    label: str
    start: int  # where the count in brackets starts
    end: int
    value: int


def tallies(text: str, start: int, end: int) -> list[Tally]:
    """The items of every bracketed tally of sanctions in ``text[start:end]``, in text order."""
    c = compiled()
    out: list[Tally] = []
    pos = start
    while (opened := c.tally_open.search(text, pos, end)) is not None:
        items: list[Tally] = []
        at = opened.start()
        while (m := c.tally_item.match(text, at, end)) is not None:
            num = m.group("num")
            value = 1 if num.lower() in c.tally_one else parse_number(num)
            if value is None or not float(value).is_integer():
                break
            items.append(Tally(m.group("label").strip(), m.start("num"), m.end("num"), int(value)))
            at = m.end()
        if len(items) >= c.tally_min_items:
            out.extend(items)
        pos = max(at, opened.end())
    return out


class ClauseLayer:
    """The clauses of an article's headline and body sentences, for look-ups by position."""

    def __init__(self, art: Article) -> None:
        units = [(r.start, r.end) for r in art.layout.of_kind("headline")[:1]]
        units.extend((s.start, s.end) for s in art.body_sentences())
        self.clauses: list[Clause] = []
        for a, b in sorted(units):
            self.clauses.extend(split(art.text, a, b))
        self._starts = [cl.start for cl in self.clauses]

    def clause_at(self, pos: int) -> Clause | None:
        """The clause holding ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return self.clauses[i]
        return None

    def clause_start(self, pos: int, default: int) -> int:
        """Where the clause holding ``pos`` starts (``default`` outside every clause)."""
        cl = self.clause_at(pos)
        return cl.start if cl is not None else default


def for_article(art: Article) -> ClauseLayer:
    """The article's clause layer, built once and kept on the article."""
    got = getattr(art, "clauses", None)
    if isinstance(got, ClauseLayer):
        return got
    built = ClauseLayer(art)
    art.clauses = built
    return built
