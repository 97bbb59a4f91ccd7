"""The people layer: person names, title phrases, places and the person index.

Officials (``extractor.extractors.officials``) and quotes read people through this one
layer, so the two agree on who a name is. The stable API (add, never rename):

Names (offsets index ``Article.text``):
    name_at(art, pos, limit=None) -> NameSpan | None   the name starting at pos, past
        honorifics, ranks and a title phrase with its place ("Camat Pakusari Fauzi" → Fauzi)
    name_before(art, end) -> NameSpan | None            the name run ending at end
    clean_name(text) -> str                             "Dr. H. Rudi Hartono, M.Si" → "Rudi Hartono"
    is_short_form(short_words, full_words) -> bool      "Wayan Sudana" is "Wayan Gede Sudana"
    fullest(art, name) -> str                           the fullest form the article gives
People and officials:
    resolve(art, start, end) -> Official | None         the official a name span refers to
    official_titled(art, start, end) -> Official | None the one official a bare title names
    reader_for(art) -> Reader                           the shared per-article reader
Places (the official gazetteer, Kemendagri codes):
    read_place(text, start=0, end=None) -> PlaceMatch | None
    find_places(text, start=0, end=None) -> list[PlaceMatch]
    region_code(name, type=None, province=None) -> str | None
    official_name(name, type=None) -> str | None
    resolve_region(name, type=None) -> Place | None     the gazetteer place a written region is
    place_names() -> frozenset[str]                     every province/regency/city spelling, folded
    gazetteer() -> Gazetteer
"""

from __future__ import annotations

from extractor.people.api import (
    NameSpan,
    clean_name,
    forget,
    fullest,
    name_at,
    name_before,
    official_titled,
    reader_for,
    resolve,
)
from extractor.people.names import is_short_form
from extractor.people.places import (
    Gazetteer,
    Place,
    PlaceMatch,
    find_places,
    gazetteer,
    official_name,
    place_names,
    read_place,
    region_code,
    resolve_region,
)

__all__ = [
    "Gazetteer",
    "NameSpan",
    "Place",
    "PlaceMatch",
    "clean_name",
    "find_places",
    "forget",
    "fullest",
    "gazetteer",
    "is_short_form",
    "name_at",
    "name_before",
    "official_name",
    "official_titled",
    "place_names",
    "read_place",
    "reader_for",
    "region_code",
    "resolve",
    "resolve_region",
]
