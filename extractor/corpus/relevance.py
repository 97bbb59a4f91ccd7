"""Relevance: is an article about ASN neutrality, about elections, or off topic?

A scraped corpus is mostly celebrity, sports and business news; researchers need to keep the
few articles that matter. The score is read from cue words and where they stand (one regex
scan over the text, no parsing), so it costs far less than extraction. Where matters: an
election named in the headline or lead is the story, one named first deep in a story on
something else is a passing mention; civil servants are tied to an election named near
them. The cue lexicon, weights and label thresholds are data (``patterns/relevance.toml``);
the formula is documented there. The cues that were counted are returned as spans, so a
reader sees why an article was kept.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extractor.models import Relevance, Span
from extractor.patterns import PatternFile, lexicon, load

#: the cue groups the score formula combines, in the order cues are reported
GROUPS = ("subject", "neutrality", "discipline", "election", "foreign", "after", "recruitment")


class CueGroup(BaseModel):
    """One group of cue words and the evidence each match adds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weight: float = Field(gt=0)
    #: case-insensitive regexes in lower case (they run over the lower-cased text)
    terms: list[str]
    #: case-sensitive regexes (acronyms), matched on word boundaries
    cased: list[str] = []
    #: a term (as written in ``terms`` or ``cased``) whose match adds this weight instead
    term_weights: dict[str, float] = {}
    #: terms (as written) that count for the group but do not tie civil servants to it
    #: (a village-head election is an election, not a civil servant taking sides)
    unlinked: list[str] = []
    #: add the country names of ``patterns/regions.toml`` as cased terms
    countries: bool = False


class Thresholds(BaseModel):
    """Minimum part scores for the two relevant labels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    asn_neutrality: float = Field(ge=0, le=1)
    election_other: float = Field(ge=0, le=1)


@lexicon("relevance")
class RelevanceLexicon(PatternFile):
    """patterns/relevance.toml: cue groups, their weights and the label thresholds."""

    election_link: float = Field(ge=0, le=1)
    election_cap: float = Field(ge=0, le=1)
    #: election cues tie civil servants to an election only within this many characters of a
    #: civil-servant cue, unless the headline names either
    link_window: int = Field(ge=0)
    #: share of the discipline strength that counts for civil servants without a neutrality
    #: or election cue (1: a sanction story is relevant, 0: only neutrality is)
    discipline_alone: float = Field(ge=0, le=1)
    #: the first line, up to this many characters, is read as the headline
    headline_chars: int = Field(ge=0)
    #: election evidence that makes elections the story without a cue in the headline ...
    central_evidence: float = Field(gt=0)
    #: ... when the first election cue lies in the lead, the first this many characters,
    #: or election cues stand in at least this many sentences (the story keeps returning to it)
    lead_chars: int = Field(ge=0)
    central_sentences: int = Field(ge=1)
    #: a headline holds a group only with this much of its evidence (one ambiguous
    #: "kampanye" does not make an election headline); the same floor makes a cue "strong"
    headline_evidence: float = Field(ge=0)
    #: factor on an election score whose cues are neither in the headline nor repeated
    passing_factor: float = Field(ge=0, le=1)
    #: how much foreign-election and after-the-election cues lower the election score
    foreign_penalty: float = Field(ge=0, le=1)
    after_penalty: float = Field(ge=0, le=1)
    #: factor off the civil-servant score when the headline names a recruitment (the
    #: hiring is the story)
    recruitment_penalty: float = Field(ge=0, le=1)
    saturation: float = Field(gt=0)
    #: a cue word seen again adds this share of its weight (six "pemilu" are not six cues)
    repeat_weight: float = Field(ge=0, le=1)
    max_cues: int = Field(ge=0)
    thresholds: Thresholds
    groups: dict[str, CueGroup]

    @model_validator(mode="after")
    def _check(self) -> RelevanceLexicon:
        missing = set(GROUPS) - set(self.groups)
        extra = set(self.groups) - set(GROUPS)
        if missing or extra:
            raise ValueError(f"relevance groups must be exactly {GROUPS}")
        for name, group in self.groups.items():
            upper = [t for t in group.terms if t != t.lower()]
            if upper:
                raise ValueError(
                    f"groups.{name}.terms match lower-cased text; write {upper} in lower case"
                )
            unknown = (
                (set(group.term_weights) | set(group.unlinked))
                - set(group.terms)
                - set(group.cased)
            )
            if unknown:
                raise ValueError(
                    f"groups.{name}.term_weights/unlinked name no term: {sorted(unknown)}"
                )
            try:
                _compile(group)
            except re.error as exc:
                raise ValueError(f"groups.{name}: bad regex: {exc}") from None
        return self


def _countries() -> list[str]:
    """Country names (``patterns/regions.toml``) as regexes, longest first."""
    from extractor.people.lexicon import RegionLexicon

    names = sorted(load(RegionLexicon).countries, key=len, reverse=True)
    return [r"\s+".join(map(re.escape, n.split())) for n in names]


def _compile(group: CueGroup) -> re.Pattern[str]:
    """Check one group's regexes (the scan itself uses :func:`_scanner`)."""
    return re.compile("|".join([*group.terms, *group.cased]) or r"(?!x)x")


@functools.lru_cache(maxsize=4)
def _scanner(lex: RelevanceLexicon) -> tuple[re.Pattern[str], dict[str, _Group]]:
    """One regex over the lower-cased text, a named group per cue group and case.

    (Inline case flags, or one named group per term, make the scan 4-10x slower.) Group
    ``<g>`` holds the lower-case terms, ``<g>_c`` the acronyms, which are then checked
    against the text as written.
    """
    parts: list[str] = []
    info: dict[str, _Group] = {}
    for g in GROUPS:
        group = lex.groups[g]
        overrides = tuple((re.compile(t.lower()), w) for t, w in group.term_weights.items())
        unlinked = (
            re.compile("|".join(t.lower() for t in group.unlinked)) if group.unlinked else None
        )
        if group.terms:
            parts.append(f"(?P<{g}>" + "|".join(group.terms) + ")")
            info[g] = _Group(g, group.weight, None, overrides, unlinked)
        cased_terms = [*group.cased, *(_countries() if group.countries else ())]
        if cased_terms:
            parts.append(f"(?P<{g}_c>" + "|".join(t.lower() for t in cased_terms) + ")")
            cased = re.compile("(?:" + "|".join(cased_terms) + ")")
            info[f"{g}_c"] = _Group(g, group.weight, cased, overrides, unlinked)
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b"), info


class _Group(NamedTuple):
    name: str
    weight: float
    cased: re.Pattern[str] | None
    overrides: tuple[tuple[re.Pattern[str], float], ...]
    unlinked: re.Pattern[str] | None

    def weigh(self, low: str) -> float:
        """The weight of one match (its lower-cased text): a term's own, else the group's."""
        for rx, w in self.overrides:
            if rx.fullmatch(low):
                return w
        return self.weight


def _lower(text: str) -> str:
    """``text.lower()`` with the same length (a few letters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _strength(evidence: float, saturation: float) -> float:
    return 1.0 - math.exp(-evidence / saturation)


#: the end of a sentence or paragraph (scraped text often joins paragraphs with ".,")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?:\s|,)|\n")

#: what lies between a long form and its short form in brackets: "Pemilihan Umum (Pemilu)"
_ABBREVIATION = re.compile(r"\s*[(\[]\s*")


class _Scan(NamedTuple):
    evidence: dict[str, float]
    linked: float  # election evidence that may tie civil servants to an election
    headline: frozenset[str]  # groups with enough evidence in the headline
    lead: int  # where the first strong election cue starts (-1: none)
    sentences: int  # how many sentences hold an election cue
    cues: list[Span]


def _scan(text: str) -> _Scan:
    lex = load(RelevanceLexicon)
    rx, info = _scanner(lex)
    evidence = dict.fromkeys(GROUPS, 0.0)
    subject_at: list[int] = []
    election_at: list[tuple[int, float]] = []  # election cues that may tie civil servants
    first = text.find("\n")
    head_end = min(lex.headline_chars, first if first >= 0 else len(text))
    head_evidence = dict.fromkeys(GROUPS, 0.0)
    lead = -1
    sentences = 0
    election_end = -1
    cues: list[Span] = []
    seen: set[str] = set()
    last = ""
    village = False
    for m in rx.finditer(_lower(text)):
        group = info[m.lastgroup or ""]
        start, end = m.span()
        if group.cased is not None and not group.cased.fullmatch(text, start, end):
            continue
        low = m.group()
        weight = group.weigh(low) if group.overrides else group.weight
        if weight == 0.0:
            continue  # a cue said not to apply ("tidak pernah diberhentikan")
        if low in seen:
            weight *= lex.repeat_weight
        seen.add(low)
        if cues and _ABBREVIATION.fullmatch(text, cues[-1].end, start) and last == group.name:
            weight *= lex.repeat_weight  # "Pemilihan Legislatif (Pileg)": one mention, twice
        last = group.name
        evidence[group.name] += weight
        if group.name == "election":
            if group.unlinked and group.unlinked.fullmatch(low):
                village = True
            else:
                election_at.append((start, weight))
            if lead < 0 and weight >= lex.headline_evidence:
                lead = start
            if election_end < 0 or _SENTENCE_END.search(text, election_end, start):
                sentences += 1
            election_end = end
        elif group.name == "subject":
            subject_at.append(start)
        if start < head_end:
            head_evidence[group.name] += weight
        cues.append(Span.model_construct(start=start, end=end, text=text[start:end]))
    headline = frozenset(g for g, e in head_evidence.items() if e and e >= lex.headline_evidence)
    # an article that names a village-head election is about that election throughout; else
    # an election cue ties civil servants when one is named near it, or the headline names either
    if village:
        linked = 0.0
    elif headline & {"subject", "election"}:
        linked = sum(w for _, w in election_at)
    else:
        linked = sum(w for at, w in election_at if _near(subject_at, at, lex.link_window))
    return _Scan(evidence, linked, headline, lead, sentences, cues)


def _near(positions: list[int], at: int, window: int) -> bool:
    """Whether a position in the sorted ``positions`` lies within ``window`` of ``at``."""
    i = bisect.bisect_left(positions, at - window)
    return i < len(positions) and positions[i] <= at + window


def parts(text: str) -> tuple[dict[str, float], list[Span]]:
    """Per-group strengths in [0, 1) and every cue span, in text order."""
    lex = load(RelevanceLexicon)
    scan = _scan(text)
    strengths = {g: _strength(scan.evidence[g], lex.saturation) for g in GROUPS}
    return strengths, scan.cues


def _penalty(scan: _Scan, group: str, s: dict[str, float]) -> float:
    """A foreign or after-the-election cue in the body of a story whose headline names an
    election (and not the cue) is a detail ("voting abroad", "before the swearing-in"); in
    the headline it is the story ("award night for the elected"), and counts in full."""
    if group in scan.headline:
        return 1.0
    if "election" in scan.headline:
        return 0.0
    return s[group]


def score(text: str) -> Relevance:
    """The :class:`Relevance` of one article text (spans index ``text``)."""
    lex = load(RelevanceLexicon)
    scan = _scan(text or "")
    s = {g: _strength(scan.evidence[g], lex.saturation) for g in GROUPS}
    # an election is the story when the headline names it, or its cues add up and start in
    # the lead; named first deep in a story on another topic, it is a passing mention
    central = "election" in scan.headline or (
        scan.evidence["election"] >= lex.central_evidence
        and (0 <= scan.lead < lex.lead_chars or scan.sentences >= lex.central_sentences)
    )
    # civil servants tied to neutrality or to an election named near them; discipline words
    # add to that, and alone (a sanction for truancy) count `discipline_alone`
    tied = 1.0 - (1.0 - s["neutrality"]) * (
        1.0 - _strength(scan.linked, lex.saturation) * lex.election_link
    )
    conduct = (
        1.0 - (1.0 - tied) * (1.0 - s["discipline"])
        if tied > 0
        else s["discipline"] * lex.discipline_alone
    )
    asn = (
        s["subject"] * conduct * (1.0 - lex.recruitment_penalty * ("recruitment" in scan.headline))
    )
    # a foreign election or the swearing-in after one is not what the label is for
    election = (
        s["election"]
        * lex.election_cap
        * (1.0 if central else lex.passing_factor)
        * (1.0 - lex.foreign_penalty * _penalty(scan, "foreign", s))
        * (1.0 - lex.after_penalty * _penalty(scan, "after", s))
    )
    value = round(max(asn, election), 4)
    if asn >= lex.thresholds.asn_neutrality:
        label = "asn_neutrality"
    elif election >= lex.thresholds.election_other:
        label = "election_other"
    else:
        label = "off_topic"
    return Relevance(score=value, label=label, cues=scan.cues[: lex.max_cues])


__all__ = ["GROUPS", "RelevanceLexicon", "parts", "score"]
