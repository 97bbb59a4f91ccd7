"""The output contract of SPEC.md (schema version 2) as Pydantic models.

Every field carries a one-line description: these models are the documentation a user
sees in their editor and in ``python -m extractor schema``. Spans index the text exactly
as it was given to :func:`extractor.extract`; record fields hold the (repaired) text.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "2"
#: versions a reader accepts: version 2 only adds fields, so version-1 files still validate
READABLE_VERSIONS = ("1", "2")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, validate_assignment=False)


class Span(_Record):
    """Character offsets into the input text: ``input[start:end] == text``."""

    start: int = Field(ge=0, description="Offset of the first character, in code points.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The input's characters between start and end, verbatim.")


class QuoteKind(str, Enum):
    direct = "direct"
    indirect = "indirect"


class SanctionType(str, Enum):
    verbal_reprimand = "verbal_reprimand"
    written_reprimand = "written_reprimand"
    statement_of_dissatisfaction = "statement_of_dissatisfaction"
    allowance_cut = "allowance_cut"
    promotion_delay = "promotion_delay"
    demotion = "demotion"
    position_demotion = "position_demotion"
    removal_from_office = "removal_from_office"
    transfer = "transfer"
    dismissal = "dismissal"
    criminal = "criminal"
    administrative = "administrative"
    moral = "moral"
    unspecified = "unspecified"


class Severity(str, Enum):
    light = "light"
    moderate = "moderate"
    severe = "severe"


class SanctionStatus(str, Enum):
    imposed = "imposed"
    recommended = "recommended"
    proposed = "proposed"
    threatened = "threatened"
    mentioned = "mentioned"


class Unit(str, Enum):
    cases = "cases"
    persons = "persons"
    reports = "reports"
    percent = "percent"


class Measure(str, Enum):
    reported = "reported"
    recorded = "recorded"
    proven = "proven"
    recommended = "recommended"
    sanctioned = "sanctioned"
    other = "other"


class Topic(str, Enum):
    asn_neutrality = "asn_neutrality"
    money_politics = "money_politics"
    election_violation = "election_violation"
    other = "other"


class Granularity(str, Enum):
    datetime = "datetime"
    day = "day"
    month = "month"
    year = "year"


class Official(_Record):
    """A named person holding a public position, once per person per article."""

    name: str = Field(
        description="Fullest form of the name, without honorifics or academic titles."
    )
    aliases: list[str] = Field(default_factory=list, description="Shorter forms the article uses.")
    position: str | None = Field(
        default=None, description="Title, acronyms expanded: 'Sekretaris Daerah'."
    )
    organization: str | None = Field(
        default=None, description="Body the position belongs to, expanded."
    )
    region: str | None = Field(
        default=None, description="Province, regency or city the position serves."
    )
    region_code: str | None = Field(
        default=None,
        description="Kemendagri code of the region ('51' Bali, '51.71' Kota Denpasar); "
        "null when unknown or not in the gazetteer.",
    )
    mentions: list[Span] = Field(
        default_factory=list, description="Every mention, full name or alias."
    )


class Quote(_Record):
    """Something a person is reported to have said."""

    text: str = Field(description="The quoted or reported words, without marks, speaker and cue.")
    kind: QuoteKind = Field(
        description="'direct' (inside quotation marks) or 'indirect' (reported)."
    )
    speaker: str | None = Field(
        default=None, description="Official's name, else the raw name; null if unresolved."
    )
    cue: str | None = Field(
        default=None, description="Speech verb as written: 'kata', 'tegas', 'mengatakan'."
    )
    span: Span | None = Field(default=None, description="Where the quoted words stand.")
    speaker_span: Span | None = Field(
        default=None, description="Where the speaker is named, if in the text."
    )


class Sanction(_Record):
    """A sanction type the article mentions, whoever it concerns."""

    type: SanctionType = Field(description="Sanction type (SPEC enum).")
    severity: Severity | None = Field(
        default=None, description="ringan/sedang/berat → light/moderate/severe."
    )
    status: SanctionStatus = Field(
        description="imposed, recommended, proposed, threatened or mentioned."
    )
    span: Span | None = Field(default=None, description="The words naming the sanction.")


class Statistic(_Record):
    """A count of violations, reports, cases or people."""

    value: int | float = Field(description="The number, normalised: '2.034' → 2034.")
    approximate: bool = Field(
        default=False, description="True for 'ratusan', 'sekitar' and the like."
    )
    unit: Unit = Field(description="cases, persons, reports or percent.")
    measure: Measure = Field(
        description="reported, recorded, proven, recommended, sanctioned or other."
    )
    topic: Topic = Field(description="asn_neutrality, money_politics, election_violation or other.")
    year: int | None = Field(
        default=None, description="Year the counted events belong to, or of the election."
    )
    as_of: str | None = Field(default=None, description="ISO date of 'per 30 September 2020'.")
    region: str | None = Field(default=None, description="Where, when narrower than national.")
    region_code: str | None = Field(
        default=None,
        description="Kemendagri code of the region ('35.09' Kabupaten Jember); null when unknown.",
    )
    source: str | None = Field(default=None, description="Who counted: 'KASN', 'Bawaslu'.")
    span: Span | None = Field(default=None, description="The number and what it counts.")


class DateMention(_Record):
    """A calendar expression, normalised to ISO at its stated precision."""

    text: str = Field(description="The expression as written.")
    value: str = Field(description="ISO value: '2024-04-18', '2023-11-15T09:15', '2024-11'.")
    granularity: Granularity = Field(description="datetime, day, month or year.")
    relative: bool = Field(default=False, description="True for 'kemarin', 'pekan depan' …")
    span: Span | None = Field(default=None, description="Where the expression stands.")


#: Every warning code, with what it means. Codes are stable: scripts filter on them.
WARNING_CODES: dict[str, str] = {
    "truncated": "the text was longer than the size limit; only its start was analysed",
    "decoded_cp1252": "bytes that are not UTF-8 were read as Windows-1252",
    "decoded_utf16": "the file was read as UTF-16 without a byte-order mark",
    "mojibake_repaired": "UTF-8 misread as a one-byte code page was repaired",
    "html_stripped": "the input was HTML; its tags were removed",
    "html_entities_unescaped": "HTML entities such as &amp; were replaced by their characters",
    "invisible_removed": "zero-width characters and direction marks were removed",
    "surrogates_replaced": "lone surrogate code points were replaced with U+FFFD",
    "weekday_mismatch": "a date's weekday contradicts its day; the date as written stands",
    "partial_date_unresolved": "day-and-month dates without a year to take (no reference date)",
    "relative_date_unresolved": "relative dates ('kemarin', 'pekan depan') without a reference date",
    "speaker_unresolved": "a quote whose speaker could not be resolved",
    "no_text": "the record held no text to analyse",
    "legacy": "a version-1 warning: plain text, read from an older file",
}


class Warning(_Record):
    """Something the extractor repaired or could not resolve; ``code`` is stable.

    Codes (``WARNING_CODES``): ``truncated``, ``decoded_cp1252``, ``decoded_utf16``,
    ``mojibake_repaired``, ``html_stripped``, ``html_entities_unescaped``,
    ``invisible_removed``, ``surrogates_replaced``, ``weekday_mismatch``,
    ``partial_date_unresolved``, ``relative_date_unresolved``, ``speaker_unresolved``,
    ``no_text``, ``legacy`` (a version-1 plain-text warning). Build one with :func:`warn`.
    """

    code: str = Field(description="Stable machine-readable code, e.g. 'weekday_mismatch'.")
    message: str = Field(description="What happened, in one line for a reader.")
    span: Span | None = Field(
        default=None, description="Where in the input it happened, when it has one place."
    )

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def warn(code: str, message: str, span: Span | None = None) -> Warning:
    """A :class:`Warning`; ``code`` must be one of ``WARNING_CODES`` (typos fail loudly)."""
    if code not in WARNING_CODES:
        raise ValueError(f"unknown warning code {code!r}; add it to WARNING_CODES")
    return Warning(code=code, message=message, span=span)


class Relevance(_Record):
    """How much an article is about ASN neutrality in elections, and the words that decided it."""

    score: float = Field(ge=0.0, le=1.0, description="0 (off topic) to 1 (about ASN neutrality).")
    label: Literal["asn_neutrality", "election_other", "off_topic"] = Field(
        description="asn_neutrality, election_other or off_topic (thresholds: patterns/relevance.toml)."
    )
    cues: list[Span] = Field(default_factory=list, description="The cue words that were counted.")


class ArticleFacts(_Record):
    """Everything extracted from one article."""

    schema_version: Literal["1", "2"] = Field(
        default=SCHEMA_VERSION, description="Output contract version ('1' files still read)."
    )
    doc_id: str | None = Field(default=None, description="Caller's id, else the file stem.")
    headline: str | None = Field(
        default=None, description="First non-empty line when it reads as a headline."
    )
    outlet: str | None = Field(
        default=None, description="Site or paper named in the dateline or credit."
    )
    dateline: str | None = Field(default=None, description="Place of the dateline: 'DENPASAR'.")
    published: str | None = Field(default=None, description="Publication date/datetime, ISO.")
    reference_date: str | None = Field(
        default=None, description="Date used to resolve partial and relative dates."
    )
    officials: list[Official] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    sanctions: list[Sanction] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    relevance: Relevance | None = Field(
        default=None, description="Relevance to ASN neutrality (v2); null in version-1 files."
    )
    warnings: list[Warning] = Field(
        default_factory=list,
        description="What could not be resolved or was repaired: {code, message, span}.",
    )

    @field_validator("warnings", mode="before")
    @classmethod
    def _read_v1_warnings(cls, value: object) -> object:
        """Version-1 files hold warnings as plain strings: read them as code 'legacy'."""
        if isinstance(value, list):
            return [{"code": "legacy", "message": w} if isinstance(w, str) else w for w in value]
        return value

    def spans(self) -> list[Span]:
        """Every span of every record, for checking the span invariant."""
        out: list[Span] = []
        for o in self.officials:
            out.extend(o.mentions)
        for rec in (*self.quotes, *self.sanctions, *self.statistics, *self.dates):
            if rec.span is not None:
                out.append(rec.span)
            if getattr(rec, "speaker_span", None) is not None:
                out.append(rec.speaker_span)
        out.extend(w.span for w in self.warnings if w.span is not None)
        if self.relevance is not None:
            out.extend(self.relevance.cues)
        return out


__all__ = [
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "WARNING_CODES",
    "ArticleFacts",
    "DateMention",
    "Granularity",
    "Measure",
    "Official",
    "Quote",
    "QuoteKind",
    "Relevance",
    "Sanction",
    "SanctionStatus",
    "SanctionType",
    "Severity",
    "Span",
    "Statistic",
    "Topic",
    "Unit",
    "Warning",
    "warn",
]
