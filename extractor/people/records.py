"""The records the people layer builds: a person with a post (:class:`Cand`) and a body
named in the article (:class:`Body`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.people.lexicon import Lex, ParentEntry, Region


@dataclass
class Cand:
    name: list[str]
    position: str | None
    org: str | None
    region: str | None
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    # the government a regional title serves when the phrase named no body and no region
    # ("Sekkab Firman", "Bupati Agus"): filled from the article's one region of that kind
    local: str | None = None
    rtype: str | None = None  # the region's type: Provinsi | Kabupaten | Kota | …
    # a post inside a larger body ("Direktur Jenderal", "Kabag Hukum", "Jaksa") named
    # without it: the body is found in the paragraph or the article (see find_parents)
    parent: ParentEntry | None = None
    field_org: str | None = None  # "Menteri" alone: the ministry found names the field
    para: int = -1


@dataclass(frozen=True)
class Body:
    para: int
    start: int
    end: int
    name: str
    region: str | None


def with_region(org: str, region: Region, lex: Lex) -> str:
    """A body and the place it serves: "Pemprov Jabar" → Pemerintah Provinsi Jawa Barat."""
    typ = region.type if region.type in lex.government_types else None
    if typ and org.endswith(" " + typ):
        typ = None
    if typ and org.partition(" ")[0] in lex.place_in_name:
        typ = None  # "Universitas Negeri Padang": the place is part of the body's name
    return " ".join(x for x in (org, typ, region.name) if x)
