"""Figures across outlets: one row per distinct reported number, and where outlets disagree.

A statistic is the same figure in two articles when its value, topic and year agree and its
source, region and measure do not disagree: an outlet that leaves out the source or the
region, or says only "tercatat" (``recorded``) where another says ``reported``, is giving
the same count; two stated sources, two regions or two specific measures keep two figures
apart (also through a third row: checks are made on the whole group). ``persons``, ``cases`` and ``reports`` count the same things in news
("941 pelanggar" is written both ways), so they are one unit class, ``percent`` another.
Small, unattributed numbers ("1 orang direkomendasikan") are everywhere and mean nothing
together: they stay one figure per article unless a source and a region pin them down.
A conflict is two figures of one source, year, measure, topic and region with different
values, reported by different (not syndicated) articles and not explained by different
``as_of`` dates.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from typing import Any

from pydantic import Field

from extractor.corpus.aliases import fold
from extractor.patterns import PatternFile, lexicon, load

#: an unattributed number below this is too common to link across articles
MIN_SHARED_VALUE = 10
#: measures that say little about how a count was made ("tercatat", or none read): they
#: agree with any specific measure (reported, proven, sanctioned) of the same value
VAGUE_MEASURES = frozenset({"recorded", "other"})


@lexicon("figures")
class FiguresLexicon(PatternFile):
    """patterns/figures.toml: how the noun counted is read and compared."""

    number_words: frozenset[str]
    generic_nouns: frozenset[str]
    generic_min_value: float = Field(ge=0)
    min_stem: int = Field(ge=1)


_WORD = re.compile(r"[^\W\d_]+")


def counted_noun(text: str | None) -> str:
    """The noun a statistic counts (``1.904 pelanggaran`` → ``pelanggaran``), "" when none."""
    lex = load(FiguresLexicon)
    for w in _WORD.findall((text or "").lower()):
        if w not in lex.number_words:
            return w
    return ""


def nouns_agree(a: str, b: str, value: float) -> bool:
    """One counted thing: the same noun or one inside the other, or a generic person word
    (or none) against any noun when the number is large and not round (a coincidence is
    unlikely)."""
    lex = load(FiguresLexicon)
    if a == b:
        return True
    if a and b and min(len(a), len(b)) >= lex.min_stem and (a.startswith(b) or b.startswith(a)):
        return True
    vague = (not a or a in lex.generic_nouns) or (not b or b in lex.generic_nouns)
    return vague and value % 10 != 0 and value >= lex.generic_min_value


def unit_class(unit: str | None) -> str:
    """``percent`` or ``count`` (persons, cases and reports are counted alike in news)."""
    return "percent" if unit == "percent" else "count"


def _norm(value: Any) -> str:
    return fold(str(value)) if value not in (None, "") else ""


def _shared(row: dict[str, Any]) -> bool:
    """Whether a row may join other articles' rows: attributed and placed, or a number large
    and exact enough (with a source or a year) that two outlets giving it are one count."""
    value = row.get("value")
    source, region = _norm(row.get("source")), _region_key(row)
    return bool(source and region) or (
        value is not None
        and value >= MIN_SHARED_VALUE
        and not row.get("approximate")
        and (bool(source) or row.get("year") is not None)
    )


def figure_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The exact key of one statistics row (the doc_id too, for a generic number)."""
    base = (
        row.get("value"),
        unit_class(row.get("unit")),
        row.get("measure"),
        row.get("topic"),
        row.get("year"),
        _norm(row.get("source")),
        _region_key(row),
    )
    return base if _shared(row) else (*base, str(row["doc_id"]))


@functools.lru_cache(maxsize=4096)
def _code(region: str) -> str | None:
    from extractor.people.places import region_code

    return region_code(region)


def _region_key(row: dict[str, Any]) -> str:
    """A region the gazetteer knows, as its code; a word it does not know (``Polres``,
    ``Wilayah``: a body or a common noun read as a place) is no region."""
    if code := row.get("region_code"):
        return str(code)
    region = row.get("region")
    return (_code(str(region)) or "") if region else ""


class _Cluster:
    """Rows taken for one figure, and what a further row must be compatible with."""

    __slots__ = ("measures", "nouns", "regions", "rows", "sources")

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.sources = {s for r in rows if (s := _norm(r.get("source")))}
        self.regions = {c for r in rows if (c := _region_key(r))}
        self.measures = {m for r in rows if (m := r.get("measure")) and m not in VAGUE_MEASURES}
        self.nouns = {counted_noun(r.get("text")) for r in rows}

    def fits(self, other: _Cluster) -> bool:
        """A stated source, region or specific measure conflicts only with a different one
        stated: an outlet that leaves one out is still giving the same count, of the
        same thing (:func:`nouns_agree`)."""
        value = float(self.rows[0].get("value") or 0)
        return (
            len(self.sources | other.sources) <= 1
            and len(self.measures | other.measures) <= 1
            and all(
                a == b or a.startswith(b + ".") or b.startswith(a + ".")
                for a in self.regions
                for b in other.regions
            )
            and any(nouns_agree(a, b, value) for a in self.nouns for b in other.nouns)
        )

    def take(self, other: _Cluster) -> None:
        self.rows.extend(other.rows)
        self.sources |= other.sources
        self.regions |= other.regions
        self.measures |= other.measures
        self.nouns |= other.nouns

    def key(self) -> tuple[Any, ...]:
        """The figure's key: value, unit class, measure, topic, year, source, region."""
        r = self.rows[0]
        measures = Counter(r.get("measure") for r in self.rows)
        measure = next(iter(self.measures), None) or max(
            measures, key=lambda m: (m != "other", measures[m], str(m))
        )
        return (
            r.get("value"),
            unit_class(r.get("unit")),
            measure,
            r.get("topic"),
            r.get("year"),
            next(iter(self.sources), ""),
            min(self.regions, key=len, default=""),
        )


def _clusters(stats: list[dict[str, Any]]) -> list[tuple[tuple[Any, ...], list[dict[str, Any]]]]:
    """Rows grouped into figures: rows with one exact key first, then, within one value,
    unit class, topic and year, groups whose sources, regions and measures are compatible
    (largest first, each joining the first group it fits)."""
    exact: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in stats:
        if row.get("value") is not None:
            exact[figure_key(row)].append(row)
    blocks: dict[tuple[Any, ...], list[list[dict[str, Any]]]] = defaultdict(list)
    out: list[tuple[tuple[Any, ...], list[dict[str, Any]]]] = []
    for key, rows in exact.items():
        if len(key) > 7:  # a generic number: its article's own figure
            out.append((key, rows))
        else:
            blocks[(key[0], key[1], key[3], key[4])].append(rows)
    for groups in blocks.values():
        groups.sort(key=lambda rows: (-len(rows), repr(figure_key(rows[0]))))
        kept: list[_Cluster] = []
        for rows in groups:
            c = _Cluster(list(rows))
            home = next((k for k in kept if k.fits(c)), None)
            if home is None:
                kept.append(c)
            else:
                home.take(c)
        seen: set[tuple[Any, ...]] = set()
        for c in kept:
            key = c.key()
            if key in seen:  # two figures alike in their summary: keep them apart
                key = (*key, min(str(r["doc_id"]) for r in c.rows))
            seen.add(key)
            out.append((key, c.rows))
    return out


def figure_id(key: tuple[Any, ...]) -> str:
    """A stable id from the figure's key."""
    return "f" + hashlib.sha1(repr(key).encode()).hexdigest()[:12]


def build(
    stats: list[dict[str, Any]],
    articles: dict[str, dict[str, Any]],
    duplicate_of: dict[str, str],
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    """The ``figures`` rows and ``(doc_id, idx) → figure_id`` for the statistics rows.

    ``articles`` maps doc_id to ``{"published": iso, "outlet": str}``.
    """
    ids: dict[tuple[str, int], str] = {}
    figures: list[dict[str, Any]] = []
    for key, rows in _clusters(stats):
        fid = figure_id(key)
        for r in rows:
            ids[(str(r["doc_id"]), int(r["idx"]))] = fid
        docs = sorted({str(r["doc_id"]) for r in rows})
        pubs = [(p, d) for d in docs if (p := (articles.get(d) or {}).get("published"))]
        outlets = sorted({o for d in docs if (o := (articles.get(d) or {}).get("outlet"))})
        first = min(pubs) if pubs else (None, docs[0])
        figures.append(
            {
                "figure_id": fid,
                "value": float(key[0]),
                "unit": Counter(r.get("unit") for r in rows).most_common(1)[0][0],
                "units": sorted({u for r in rows if (u := r.get("unit"))}),
                "measure": key[2],
                "topic": key[3],
                "year": key[4],
                "source": _most_common(r.get("source") for r in rows),
                "region": _most_common(r.get("region") for r in rows if _region_key(r))
                or _most_common(r.get("region") for r in rows),
                "as_of": sorted({a for r in rows if (a := r.get("as_of"))}),
                "approximate": all(bool(r.get("approximate")) for r in rows),
                "doc_ids": docs,
                "n_articles": len(docs),
                "n_independent": len({duplicate_of.get(d, d) for d in docs}),
                "outlets": outlets,
                "n_outlets": len(outlets),
                "earliest_published": first[0],
                "earliest_doc_id": first[1],
                "conflict": False,
                "conflicting_values": [],
            }
        )
    _mark_conflicts(figures, duplicate_of)
    return figures, ids


def _most_common(values: Any) -> Any:
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else None


def _mark_conflicts(figures: list[dict[str, Any]], duplicate_of: dict[str, str]) -> None:
    """Flag figures of one attributed count that independent articles give differently.

    An article that gives several values under one key is giving a breakdown (per region,
    per month), not a disagreement: only articles with one value for the key take part.
    A count whose measure or topic is ``other`` says too little to disagree about (police
    counts of different crimes share source, year and measure).
    """
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for f in figures:
        if f["source"] and not f["approximate"] and "other" not in (f["measure"], f["topic"]):
            key = (
                fold(f["source"]),
                f["year"],
                f["measure"],
                f["topic"],
                unit_class(f["unit"]),
                fold(f["region"]) if f["region"] else "",
            )
            groups[key].append(f)
    for members in groups.values():
        if len({f["value"] for f in members}) < 2:
            continue
        values_of: dict[str, set[float]] = defaultdict(set)  # origin article -> its values
        for f in members:
            for d in f["doc_ids"]:
                values_of[duplicate_of.get(d, d)].add(f["value"])
        single = {o: next(iter(v)) for o, v in values_of.items() if len(v) == 1}
        if len(set(single.values())) < 2:
            continue
        for f in members:
            if not any(single.get(duplicate_of.get(d, d)) == f["value"] for d in f["doc_ids"]):
                continue
            others = {v for v in single.values() if v != f["value"]}
            if f["as_of"]:  # a count at another date is a later count, not a disagreement
                dated = {
                    g["value"]
                    for g in members
                    if g["as_of"] and not set(g["as_of"]) & set(f["as_of"])
                }
                others -= dated
            if others:
                f["conflict"] = True
                f["conflicting_values"] = sorted(others)


__all__ = ["MIN_SHARED_VALUE", "VAGUE_MEASURES", "build", "figure_id", "figure_key", "unit_class"]
