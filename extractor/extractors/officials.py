"""Officials: named people holding a public position.

Indonesian news names an official with a title phrase — title, unit, body, region — next
to the name: ``Ketua KASN Rudi Hartono``, ``Sekretaris Daerah Provinsi Bali Wayan Gede
Sudana``, ``Ketua Bawaslu Bandarlampung, Suharso``, ``Andi Pratama, Komisioner Bawaslu``.
The extractor reads every title phrase in body and caption sentences, takes the name that
closes it (or the name it is in apposition to), merges the records of one person (``Wayan
Sudana`` is ``Wayan Gede Sudana``), then collects every mention of the name and its shorter
forms. All words it knows live in ``patterns/positions.toml``, ``organizations.toml``,
``regions.toml`` and ``names.toml``.
"""

from __future__ import annotations

from extractor.document import Article
from extractor.models import Official
from extractor.people.api import reader_for, resolve
from extractor.people.index import (
    find_parents,
    lengthen,
    mentions,
    merge,
    place_locals,
    respell,
)
from extractor.people.lexicon import (  # noqa: F401  (schemas re-exported: other modules import them here)
    CommonWordLexicon,
    NameLexicon,
    OrganizationLexicon,
    PositionLexicon,
    RegionLexicon,
    get_lex,
    has_start,
    tokenize,
)
from extractor.people.places import resolve_region


def extract(art: Article) -> list[Official]:
    """Officials named in the article's body and captions, one record per person."""
    if not art.paragraphs:
        return []
    lex = get_lex()
    text = art.text
    if not any(has_start(lex, text[p.start : p.end]) for p in art.paragraphs):
        return []  # no title phrase can open: no candidate, so no official
    reader = reader_for(art)
    recs = merge(list(reader.candidates()))
    recs = [r for r in recs if any(len(w) > 2 and any(c.islower() for c in w) for w in r.name)]
    if not recs:
        return []
    place_locals(recs, reader.lex)
    find_parents(reader, recs)
    respell(reader, recs)
    lengthen(reader, recs)
    out: list[Official] = []
    # places resolved without doubt locate the ambiguous ones (a district named in many
    # regencies is the one in the regency the article's other officials serve)
    places = [resolve_region(r.region, r.rtype) if r.region else None for r in recs]
    near = [p.code for p in places if p is not None and p.type != "Kecamatan"]
    for rec, place, (spans, aliases) in zip(recs, places, mentions(reader, recs), strict=True):
        if place is None and rec.region and near:
            place = resolve_region(rec.region, rec.rtype, near)
        out.append(
            Official(
                name=" ".join(rec.name),
                aliases=aliases,
                position=rec.position,
                organization=rec.org,
                region=place.name if place else rec.region,
                region_code=place.code if place else None,
                mentions=[art.span(s, e) for s, e in spans],
            )
        )
    return out


def resolve_name(art: Article, start: int, end: int) -> Official | None:
    """The official a name span refers to (kept for callers of this module; the people
    layer's :func:`extractor.people.resolve` is the one implementation)."""
    return resolve(art, start, end)
