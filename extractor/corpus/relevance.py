"""Relevance: is an article about ASN neutrality, about elections, or off topic?

A scraped corpus is mostly celebrity, sports and business news; researchers need to keep the
few articles that matter. The score is read from cue words only (one regex scan per group,
no parsing), so it costs far less than extraction. The cue lexicon, weights and label
thresholds are data (``patterns/relevance.toml``); the formula is documented there. The
cues that were counted are returned as spans, so a reader sees why an article was kept.
"""

from __future__ import annotations

import functools
import math
import re
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extractor.models import Relevance, Span
from extractor.patterns import PatternFile, lexicon, load

#: the cue groups the score formula combines, in the order cues are reported
GROUPS = ("subject", "neutrality", "discipline", "election")


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
            unknown = set(group.term_weights) - set(group.terms) - set(group.cased)
            if unknown:
                raise ValueError(f"groups.{name}.term_weights names no term: {sorted(unknown)}")
            try:
                _compile(group)
            except re.error as exc:
                raise ValueError(f"groups.{name}: bad regex: {exc}") from None
        return self


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
        if group.terms:
            parts.append(f"(?P<{g}>" + "|".join(group.terms) + ")")
            info[g] = _Group(g, group.weight, None, overrides)
        if group.cased:
            parts.append(f"(?P<{g}_c>" + "|".join(t.lower() for t in group.cased) + ")")
            cased = re.compile("(?:" + "|".join(group.cased) + ")")
            info[f"{g}_c"] = _Group(g, group.weight, cased, overrides)
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b"), info


class _Group(NamedTuple):
    name: str
    weight: float
    cased: re.Pattern[str] | None
    overrides: tuple[tuple[re.Pattern[str], float], ...]

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


def parts(text: str) -> tuple[dict[str, float], list[Span]]:
    """Per-group strengths in [0, 1) and every cue span, in text order."""
    lex = load(RelevanceLexicon)
    rx, info = _scanner(lex)
    evidence = dict.fromkeys(GROUPS, 0.0)
    cues: list[Span] = []
    seen: set[str] = set()
    for m in rx.finditer(_lower(text)):
        group = info[m.lastgroup or ""]
        start, end = m.span()
        if group.cased is not None and not group.cased.fullmatch(text, start, end):
            continue
        low = m.group()
        weight = group.weigh(low) if group.overrides else group.weight
        if low in seen:
            weight *= lex.repeat_weight
        seen.add(low)
        evidence[group.name] += weight
        cues.append(Span.model_construct(start=start, end=end, text=text[start:end]))
    strengths = {g: _strength(evidence[g], lex.saturation) for g in GROUPS}
    return strengths, cues


def score(text: str) -> Relevance:
    """The :class:`Relevance` of one article text (spans index ``text``)."""
    lex = load(RelevanceLexicon)
    s, cues = parts(text or "")
    # noisy-OR: each kind of conduct evidence adds to the others instead of the largest winning
    conduct = 1.0 - (1.0 - s["neutrality"]) * (1.0 - s["discipline"]) * (
        1.0 - s["election"] * lex.election_link
    )
    asn = s["subject"] * conduct
    election = s["election"] * lex.election_cap
    value = round(max(asn, election), 4)
    if asn >= lex.thresholds.asn_neutrality:
        label = "asn_neutrality"
    elif election >= lex.thresholds.election_other:
        label = "election_other"
    else:
        label = "off_topic"
    return Relevance(score=value, label=label, cues=cues[: lex.max_cues])


__all__ = ["GROUPS", "RelevanceLexicon", "parts", "score"]
