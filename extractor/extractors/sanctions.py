"""Sanctions: every sanction type an article mentions, with its severity and status.

News names sanctions as nouns (``pemecatan``, ``penurunan pangkat``), passive verbs
(``dipecat``, ``dicopot``) and phrases (``sanksi berat berupa …``). Each type's forms are
regexes in ``patterns/sanctions.toml``; they are scanned over the headline and the body
paragraphs. The status comes from the nearest cue before the sanction (``dijatuhi`` →
imposed, ``terancam`` → threatened, ``bukan sekadar`` → mentioned …); a sanction in a list
shares the status of the list's head, and one with no cue of its own continues the status
of the previous sentence's sanction, as a speaker enumerating consequences does.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from extractor.clauses.layer import ClauseLayer, for_article, left, right
from extractor.clauses.vocabulary import expand
from extractor.document import Article
from extractor.models import Sanction, SanctionStatus, SanctionType, Severity
from extractor.patterns import PatternFile, lexicon, load


class TypeRule(BaseModel):
    """The surface forms of one sanction type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: SanctionType
    #: lowercase substrings that every form contains (a fast pre-filter)
    triggers: list[str]
    #: regexes (case-insensitive), tried on word boundaries
    patterns: list[str]
    #: a regex that must occur in the same sentence (routine ``mutasi`` is no sanction)
    requires: str | None = None
    #: forms that count only right beside another sanction ("pidana atau administrasi")
    coordinated: list[str] = []
    #: text before a match (in its clause) that makes it a class of violation, not a sanction
    #: ("merupakan tindak pidana", "unsur pidana pemilu")
    class_before: str | None = None


class TyposRule(BaseModel):
    """Scrape typos of one word; ``<word>`` in a regex stands for the word and its typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: the word itself, written ``<word>`` in regexes
    word: str
    #: typos that are no word of their own: read as the word wherever they stand
    always: list[str]
    #: typos that are words of their own ("saksi", a witness): read as the word only where
    #: ``guard_after`` follows or one of ``guard_before`` stands just before
    guarded: list[str]
    guard_after: str
    guard_before: list[str]


@lexicon("sanctions")
class SanctionsLexicon(PatternFile):
    """patterns/sanctions.toml (every regex case-insensitive)."""

    types: list[TypeRule]
    exclude_before: list[str]
    exclude_after: list[str]
    generic_followed_by: str
    severity: str
    severity_levels: dict[str, Severity]
    status_before: dict[SanctionStatus, list[str]]
    threatened_after: str
    modal_threat_before: str
    modal_proposed_before: str
    negated_before: str
    conditional_before: str
    demand_before: str
    rule_source: str
    exclude_window: int
    modal_window: int
    modal_cues: list[str]
    list_gap: str
    coordination_gap: str
    shared_object: str
    verb: str
    sanksi_typos: TyposRule


@dataclass(frozen=True)
class _Compiled:
    types: tuple[tuple[SanctionType, tuple[str, ...], re.Pattern[str], re.Pattern[str] | None], ...]
    #: per type rule (same order as ``types``): its forms that count only beside another sanction
    coordinated: tuple[re.Pattern[str] | None, ...]
    class_before: tuple[re.Pattern[str] | None, ...]
    coordination_gap: re.Pattern[str]
    shared_object: re.Pattern[str]
    excl_before: re.Pattern[str]
    excl_after: re.Pattern[str]
    generic_followed_by: re.Pattern[str]
    severity: re.Pattern[str]
    cues: re.Pattern[str]
    cue_status: tuple[SanctionStatus, ...]
    threatened_after: re.Pattern[str]
    modal_threat: re.Pattern[str]
    modal_proposed: re.Pattern[str]
    negated: re.Pattern[str]
    conditional: re.Pattern[str]
    demand: re.Pattern[str]
    rule_source: re.Pattern[str]
    modal_cues: frozenset[str]
    list_gap: re.Pattern[str]
    verb: re.Pattern[str]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _typo_fragment(typos: TyposRule) -> str:
    """The regex for "sanksi" or a typo of it; a typo that is a word of its own needs a guard."""
    plain = "|".join(re.escape(w) for w in (typos.word, *typos.always))
    if not typos.guarded:
        return f"(?:{plain})"
    guarded = "|".join(re.escape(w) for w in typos.guarded)
    before = "|".join(rf"(?<=\b{re.escape(w)}\s)" for w in typos.guard_before)
    alts = [plain, f"(?:{guarded})(?={typos.guard_after})"]
    if before:
        alts.append(f"(?:{before})(?:{guarded})")
    return f"(?:{'|'.join(alts)})"


def _triggers(triggers: list[str], typos: TyposRule) -> tuple[str, ...]:
    """Pre-filter substrings, ``<sanksi>`` spelled out as the word and all its typos."""
    out: list[str] = []
    for t in triggers:
        out.extend([typos.word, *typos.always, *typos.guarded] if t == f"<{typos.word}>" else [t])
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _compiled(lex: SanctionsLexicon) -> _Compiled:
    frag = _typo_fragment(lex.sanksi_typos)

    def rx(pattern: str) -> re.Pattern[str]:
        # shared word lists (<@negation>, <@modal> …) first, then the "sanksi" typos
        return re.compile(expand(pattern).replace(f"<{lex.sanksi_typos.word}>", frag), re.I)

    def words(patterns: list[str]) -> re.Pattern[str]:
        return rx(rf"(?<!\w)(?:{_alt(patterns)})(?!\w)")

    types = tuple(
        (
            rule.type,
            _triggers(rule.triggers, lex.sanksi_typos),
            words(rule.patterns),
            rx(rule.requires) if rule.requires else None,
        )
        for rule in lex.types
    )
    statuses = tuple(lex.status_before)
    cues = "|".join(f"(?P<c{i}>{_alt(lex.status_before[s])})" for i, s in enumerate(statuses))
    return _Compiled(
        types=types,
        coordinated=tuple(words(r.coordinated) if r.coordinated else None for r in lex.types),
        class_before=tuple(rx(r.class_before) if r.class_before else None for r in lex.types),
        coordination_gap=rx(lex.coordination_gap),
        shared_object=rx(lex.shared_object),
        excl_before=rx(_alt(lex.exclude_before)),
        excl_after=rx(_alt(lex.exclude_after)),
        generic_followed_by=rx(lex.generic_followed_by),
        severity=rx(lex.severity),
        cues=rx(rf"(?<!\w)(?:{cues})(?!\w)"),
        cue_status=statuses,
        threatened_after=rx(lex.threatened_after),
        modal_threat=rx(lex.modal_threat_before),
        modal_proposed=rx(lex.modal_proposed_before),
        negated=rx(lex.negated_before),
        conditional=rx(lex.conditional_before),
        demand=rx(lex.demand_before),
        rule_source=rx(lex.rule_source),
        modal_cues=frozenset(c.lower() for c in lex.modal_cues),
        list_gap=rx(lex.list_gap),
        verb=rx(lex.verb),
    )


@dataclass
class _Hit:
    start: int
    end: int
    type: SanctionType
    sent: int  # index into the scanned sentences
    status: SanctionStatus | None = None
    severity: Severity | None = None
    drop: bool = False


def _scan_units(art: Article) -> list[tuple[int, int, int]]:
    """(start, end, paragraph-key) of the headline and of every body sentence, in order."""
    units: list[tuple[int, int, int]] = [
        (r.start, r.end, -1) for r in art.layout.of_kind("headline")[:1]
    ]
    units.extend((s.start, s.end, s.paragraph) for s in art.body_sentences())
    return units


def extract(art: Article) -> list[Sanction]:
    """Every sanction the headline and body mention, in text order."""
    lex = load(SanctionsLexicon)
    c = _compiled(lex)
    text = art.text
    units = _scan_units(art)
    starts = [u[0] for u in units]
    lower = text.lower()
    found: list[_Hit] = []
    listed: list[_Hit] = []  # forms that count only beside another sanction
    for ri, (stype, triggers, rx, requires) in enumerate(c.types):
        for ui in _triggered(lower, triggers, starts, units):
            us, ue, _ = units[ui]
            if requires is not None and requires.search(text, us, ue) is None:
                continue
            for out, pattern in ((found, rx), (listed, c.coordinated[ri])):
                if pattern is None:
                    continue
                for m in pattern.finditer(text, us, ue):
                    if _excluded(text, m.start(), m.end(), us, ue, c):
                        continue
                    cls = c.class_before[ri]
                    if cls is not None and cls.search(
                        text, for_article(art).clause_start(m.start(), us), m.start()
                    ):
                        continue  # "merupakan tindak pidana": what a case is, not a sanction
                    out.append(_Hit(m.start(), m.end(), stype, ui))
    shared = _shared_objects(text, units, c)
    if shared:  # the verb read with its object replaces the verb read alone
        spans = {(h.start, h.end) for h in shared}
        found = [h for h in found if (h.start, h.end) not in spans] + shared
    found.extend(h for h in listed if _coordinated(h, found, text, c))
    found.sort(key=lambda h: (h.start, -h.end))
    hits: list[_Hit] = []
    for ui in range(len(units)):
        hits.extend(_resolve_overlaps([h for h in found if h.sent == ui]))
    _assign_severity(hits, units, text, c)
    if hits:
        _assign_status(hits, units, text, c, for_article(art))
    _drop_generic_heads(hits, text, c)
    return [
        Sanction(type=h.type, severity=h.severity, status=h.status, span=art.span(h.start, h.end))
        for h in hits
        if not h.drop
    ]


def _excluded(text: str, start: int, end: int, us: int, ue: int, c: _Compiled) -> bool:
    """A match inside a law's title, an institution's name, a routine change of office …"""
    tail = load(SanctionsLexicon).exclude_window
    return bool(
        c.excl_before.search(text[max(us, start - tail) : start])
        or c.excl_after.match(right(text, end, ue))
    )


def _shared_objects(text: str, units: list[tuple[int, int, int]], c: _Compiled) -> list[_Hit]:
    """'diturunkan atau ditunda pangkatnya': the first verb takes the type it has with the object.

    The verb alone may be no sanction ("diturunkan"); read with the shared object it is one
    ("diturunkan pangkatnya"). The first type rule whose pattern reaches into the object wins.
    """
    out: list[_Hit] = []
    for ui, (us, ue, _) in enumerate(units):
        for m in c.shared_object.finditer(text, us, ue):
            verb = m.group("verb")
            reading = f"{verb} {m.group('object')}"
            for stype, _, rx, requires in c.types:
                if stype is SanctionType.unspecified:
                    continue
                r = rx.match(reading)
                if r is None or r.end() <= len(verb):
                    continue
                if (requires is None or requires.search(text, us, ue)) and not _excluded(
                    text, m.start("verb"), m.end("verb"), us, ue, c
                ):
                    out.append(_Hit(m.start("verb"), m.end("verb"), stype, ui))
                break
    return out


def _coordinated(h: _Hit, found: list[_Hit], text: str, c: _Compiled) -> bool:
    """Whether another sanction stands right beside ``h``, joined by a comma or a conjunction."""
    return any(
        o.sent == h.sent
        and o.type is not h.type
        and (
            (o.end <= h.start and c.coordination_gap.match(text[o.end : h.start]))
            or (h.end <= o.start and c.coordination_gap.match(text[h.end : o.start]))
        )
        for o in found
    )


def _triggered(
    lower: str, triggers: tuple[str, ...], starts: list[int], units: list[tuple[int, int, int]]
) -> list[int]:
    """Indexes of the units holding one of ``triggers`` (plain substring search: fast)."""
    hit: set[int] = set()
    for t in triggers:
        i = lower.find(t)
        while i >= 0:
            ui = bisect.bisect_right(starts, i) - 1
            if ui >= 0 and i < units[ui][1]:
                hit.add(ui)
                i = lower.find(t, units[ui][1])
            else:
                i = lower.find(t, i + 1)
    return sorted(hit)


def _resolve_overlaps(found: list[_Hit]) -> list[_Hit]:
    """A typed sanction replaces an overlapping generic one; the same type keeps the longer."""
    typed = [h for h in found if h.type is not SanctionType.unspecified]
    out: list[_Hit] = []
    for h in found:
        if h.type is SanctionType.unspecified:
            if any(t.start < h.end and h.start < t.end for t in typed):
                continue
        elif any(
            o is not h
            and o.type is h.type
            and o.start <= h.start
            and h.end <= o.end
            and (o.end - o.start) > (h.end - h.start)
            for o in typed
        ):
            continue
        if out and out[-1].type is h.type and out[-1].start == h.start:
            continue
        out.append(h)
    return out


def _assign_severity(
    hits: list[_Hit], units: list[tuple[int, int, int]], text: str, c: _Compiled
) -> None:
    """ringan/sedang/berat after a sanction word applies to it and to what follows in the sentence."""
    lex = load(SanctionsLexicon)
    by_unit: dict[int, list[tuple[int, Severity]]] = {}
    for ui in {h.sent for h in hits}:
        us, ue, _ = units[ui]
        by_unit[ui] = [
            (m.start(), lex.severity_levels[m.group("level").lower()])
            for m in c.severity.finditer(text, us, ue)
        ]
    for h in hits:
        levels = [sev for pos, sev in by_unit[h.sent] if pos <= h.start]
        if levels:
            h.severity = levels[-1]


def _cue_status(before: str, c: _Compiled) -> SanctionStatus | None:
    """The status given by the nearest governing cue in ``before`` (the text up to a sanction)."""
    cues = list(c.cues.finditer(before))
    for m in reversed(cues):
        status = c.cue_status[int(m.lastgroup[1:])]  # type: ignore[index]
        distance = len(before) - m.end()
        if (
            status is SanctionStatus.threatened
            and m.group(0).lower() in c.modal_cues
            and distance > load(SanctionsLexicon).modal_window
        ):
            continue
        if status is SanctionStatus.imposed:
            head = before[: m.start()]
            if c.negated.search(left(head, 0, len(head))):
                return SanctionStatus.mentioned
            if c.modal_threat.search(left(head, 0, len(head))):
                return SanctionStatus.threatened
            if c.modal_proposed.search(left(head, 0, len(head))):
                return SanctionStatus.proposed
        return status
    return None


def _assign_status(
    hits: list[_Hit],
    units: list[tuple[int, int, int]],
    text: str,
    c: _Compiled,
    clauses: ClauseLayer,
) -> None:
    """Each sanction's status from the cues of its own clause (the clause layer bounds the look-back)."""
    prev: _Hit | None = None
    for h in hits:
        us, ue, para = units[h.sent]
        if prev is not None and prev.sent == h.sent and c.list_gap.match(text[prev.end : h.start]):
            h.status = prev.status
            if h.severity is None:
                h.severity = prev.severity
            prev = h
            continue
        lo = max(
            us,
            clauses.clause_start(h.start, us),
            prev.end if prev is not None and prev.sent == h.sent else us,
        )
        status = _cue_status(text[lo : h.start], c)
        if status is None and c.threatened_after.match(right(text, h.end, ue)):
            status = SanctionStatus.threatened
        if status is None and prev is not None and prev.sent == h.sent:
            status = prev.status  # the same clause chain goes on
        if status is None and c.verb.match(text[h.start : h.end]):
            status = SanctionStatus.imposed  # "dicopot", "menghukum": it is reported as done
        if (
            status is None
            and prev is not None
            and prev.sent == h.sent - 1
            and units[prev.sent][2] == para
        ):
            status = prev.status  # the speaker goes on enumerating
        if status is SanctionStatus.imposed:
            status = _governed(text[us : h.start], c)
        if status is SanctionStatus.threatened and c.rule_source.search(text[us : h.start]):
            status = SanctionStatus.mentioned  # "UU … menyatakan bahwa … dapat dipidana": a rule
        h.status = status or SanctionStatus.mentioned
        prev = h


def _governed(head: str, c: _Compiled) -> SanctionStatus:
    """What a sentence's opening makes of a sanction reported as done: a condition, a demand."""
    if c.conditional.search(head):
        return SanctionStatus.threatened
    if c.demand.search(head):
        return SanctionStatus.proposed
    return SanctionStatus.imposed


def _drop_generic_heads(hits: list[_Hit], text: str, c: _Compiled) -> None:
    """'sanksi berat berupa penurunan pangkat': the generic head is not a record of its own."""
    for a, b in itertools.pairwise(hits):
        if (
            a.type is SanctionType.unspecified
            and b.type is not SanctionType.unspecified
            and a.sent == b.sent
            and c.generic_followed_by.match(text[a.end : b.start])
        ):
            a.drop = True
