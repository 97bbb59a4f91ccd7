"""Figures across outlets: one row per distinct reported number, and where outlets disagree.

A statistic is the same figure in two articles when its value, measure, topic, year, source
and region agree; ``persons``, ``cases`` and ``reports`` count the same things in news
("941 pelanggar" is written both ways), so they are one unit class, ``percent`` another.
Small, unattributed numbers ("1 orang direkomendasikan") are everywhere and mean nothing
together: they stay one figure per article unless a source and a region pin them down.
A conflict is two figures of one source, year, measure, topic and region with different
values, reported by different (not syndicated) articles and not explained by different
``as_of`` dates.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Any

from extractor.corpus.aliases import fold

#: an unattributed number below this is too common to link across articles
MIN_SHARED_VALUE = 10


def unit_class(unit: str | None) -> str:
    """``percent`` or ``count`` (persons, cases and reports are counted alike in news)."""
    return "percent" if unit == "percent" else "count"


def _norm(value: Any) -> str:
    return fold(str(value)) if value not in (None, "") else ""


def figure_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two statistics rows one figure (the doc_id too, for a generic number)."""
    value = row.get("value")
    source, region = _norm(row.get("source")), _norm(row.get("region_code") or row.get("region"))
    shared = (source and region) or (
        value is not None
        and value >= MIN_SHARED_VALUE
        and not row.get("approximate")
        and (source or row.get("year") is not None)
    )
    base = (
        value,
        unit_class(row.get("unit")),
        row.get("measure"),
        row.get("topic"),
        row.get("year"),
        source,
        region,
    )
    return base if shared else (*base, str(row["doc_id"]))


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
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in stats:
        if row.get("value") is None:
            continue
        groups[figure_key(row)].append(row)
    ids: dict[tuple[str, int], str] = {}
    figures: list[dict[str, Any]] = []
    for key, rows in groups.items():
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
                "region": _most_common(r.get("region") for r in rows),
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


__all__ = ["MIN_SHARED_VALUE", "build", "figure_id", "figure_key", "unit_class"]
