"""One self-contained HTML page per article: the text with every fact highlighted.

Why a small template and not displaCy's span renderer: displaCy renders token spans one
``spans_key`` at a time and needs a ``Doc``; a researcher checking an article wants every
fact type at once, on character offsets, with the facts' values (speaker, measure, ISO
date) beside them. The layering idea is displaCy's: overlapping spans become stacked
underlines, so nested facts (a statistic inside a quote inside an official's sentence)
stay readable. No network assets, no JavaScript: the page opens offline and can be mailed.

Spans index the text as it was given. When the input was repaired (mojibake, HTML), the
page shows the repaired text and moves every span onto it, so highlights stay exact.

Batch pages: :class:`BatchHtml` collects article pages for a deterministic sample (or all)
and writes an ``index.html`` listing them with their fact counts::

    pages = BatchHtml("html/", sample=200)
    for text, facts in results:
        pages.add(text, facts)
    pages.close()
"""

from __future__ import annotations

import hashlib
import html
import itertools
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.models import ArticleFacts

#: fact kind → (legend label, colour)
KINDS: dict[str, tuple[str, str]] = {
    "official": ("official", "#1f77b4"),
    "direct": ("direct quote", "#2ca02c"),
    "indirect": ("indirect quote", "#98df8a"),
    "sanction": ("sanction", "#d62728"),
    "statistic": ("statistic", "#ff7f0e"),
    "date": ("date", "#9467bd"),
    "warning": ("warning", "#7f7f7f"),
}
_STEP = 4  # px between stacked underlines


@dataclass
class Mark:
    """One highlighted span: where, what kind, its tag and its details."""

    start: int
    end: int
    kind: str
    tag: str
    detail: str
    anchor: str
    link: str | None = None
    level: int = field(default=0, compare=False)


def _warning_parts(w: Any) -> tuple[str, str, Any]:
    """(code, message, span) of a warning, whether a record or a plain string."""
    if isinstance(w, str):
        return "", w, None
    return getattr(w, "code", "") or "", getattr(w, "message", str(w)), getattr(w, "span", None)


def _official_anchors(facts: ArticleFacts) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, o in enumerate(facts.officials):
        for n in (o.name, *o.aliases):
            out.setdefault(n.casefold(), f"off-{i}")
    return out


def _fmt_value(v: float) -> str:
    return f"{v:g}" if isinstance(v, float) else f"{v:,}"


def marks(facts: ArticleFacts) -> list[Mark]:
    """Every fact's span as a :class:`Mark` (offsets into the text as given)."""
    out: list[Mark] = []
    who = _official_anchors(facts)
    for i, o in enumerate(facts.officials):
        detail = " · ".join(x for x in (o.name, o.position, o.organization, o.region) if x)
        for k, m in enumerate(o.mentions):
            out.append(
                Mark(
                    m.start,
                    m.end,
                    "official",
                    o.name if k == 0 else "",
                    detail,
                    f"off-{i}-{k}",
                    f"#off-{i}",
                )
            )
    for i, q in enumerate(facts.quotes):
        if q.span is None:
            continue
        speaker = q.speaker or "?"
        link = who.get((q.speaker or "").casefold())
        detail = f"{q.kind} quote · speaker: {speaker}" + (f" · cue: {q.cue}" if q.cue else "")
        out.append(
            Mark(
                q.span.start,
                q.span.end,
                str(q.kind),
                f"“ {speaker}",
                detail,
                f"q-{i}",
                f"#{link}" if link else None,
            )
        )
    for i, s in enumerate(facts.sanctions):
        if s.span is not None:
            sev = f" ({s.severity})" if s.severity else ""
            out.append(
                Mark(
                    s.span.start,
                    s.span.end,
                    "sanction",
                    f"{s.type}{sev} · {s.status}",
                    f"sanction: {s.type}{sev}, {s.status}",
                    f"s-{i}",
                )
            )
    for i, st in enumerate(facts.statistics):
        if st.span is not None:
            val = ("~" if st.approximate else "") + _fmt_value(st.value)
            parts = [val, str(st.unit), str(st.measure), str(st.year or "")]
            out.append(
                Mark(
                    st.span.start,
                    st.span.end,
                    "statistic",
                    " ".join(p for p in parts if p),
                    f"statistic: {' '.join(parts)} · topic {st.topic}"
                    + (f" · {st.region}" if st.region else "")
                    + (f" · source {st.source}" if st.source else ""),
                    f"st-{i}",
                )
            )
    for i, d in enumerate(facts.dates):
        if d.span is not None:
            out.append(
                Mark(
                    d.span.start,
                    d.span.end,
                    "date",
                    d.value,
                    f"date: {d.value} ({d.granularity}{', relative' if d.relative else ''})",
                    f"d-{i}",
                )
            )
    for i, w in enumerate(facts.warnings):
        code, msg, span = _warning_parts(w)
        if span is not None:
            out.append(Mark(span.start, span.end, "warning", "!", f"{code}: {msg}", f"w-{i}"))
    return out


def _to_shown(text: str) -> tuple[str, Callable[[int, bool], int]]:
    """The text to show (repaired when the input needed it) and an offset map onto it."""
    from extractor import repair

    fixed = repair.repair(text)
    if fixed.identity:
        return text, lambda i, end: i
    edits = sorted(fixed.edits, key=lambda e: e[2])
    o_starts = [e[2] for e in edits]

    def move(i: int, end: bool) -> int:
        k = bisect_right(o_starts, i) - 1
        if k < 0:
            return i
        rs, re_, os_, oe = edits[k]
        if i >= oe and not (end and i == os_):
            return re_ + (i - oe)
        return re_ if end and i > os_ else rs

    return fixed.text, move


def _levels(ms: list[Mark]) -> int:
    """Give overlapping marks distinct underline levels; return how many levels."""
    ends: list[int] = []  # end offset of the mark holding each level
    for m in sorted(ms, key=lambda m: (m.start, -m.end)):
        free = next((k for k, e in enumerate(ends) if e <= m.start), None)
        if free is None:
            ends.append(m.end)
            m.level = len(ends) - 1
        else:
            ends[free] = m.end
            m.level = free
    return len(ends)


def _segment_style(active: list[Mark]) -> str:
    layers = [
        f"linear-gradient({KINDS[m.kind][1]},{KINDS[m.kind][1]}) 0 calc(100% - {m.level * _STEP}px)"
        f"/100% 3px no-repeat"
        for m in sorted(active, key=lambda m: m.level)
    ]
    pad = (max(m.level for m in active) + 1) * _STEP
    return f"background:{','.join(layers)};padding-bottom:{pad}px"


def render_text(text: str, ms: list[Mark]) -> str:
    """The article body as HTML: segments between span boundaries, stacked underlines."""
    _levels(ms)
    bounds = sorted({0, len(text), *(m.start for m in ms), *(m.end for m in ms)})
    starts: dict[int, list[Mark]] = {}
    for m in ms:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    active: list[Mark] = []
    for a, b in itertools.pairwise(bounds):
        active = [m for m in active if m.end > a]
        for m in sorted(starts.get(a, []), key=lambda m: m.level):
            out.append(
                f'<a class="tag k-{m.kind}" id="{m.anchor}" title="{html.escape(m.detail)}"'
                + (f' href="{m.link}"' if m.link else "")
                + f">{html.escape(m.tag) if m.tag else '•'}</a>"
            )
            if m.end > m.start:
                active.append(m)
        chunk = html.escape(text[a:b])
        if active:
            tip = html.escape(" | ".join(m.detail for m in active))
            out.append(
                f'<span class="hl" style="{_segment_style(active)}" title="{tip}">{chunk}</span>'
            )
        else:
            out.append(chunk)
    return "".join(out)


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#222}
header{padding:12px 24px;background:#f4f4f4;border-bottom:1px solid #ddd}
header h1{font-size:20px;margin:0 0 6px}
.meta span{margin-right:16px;color:#555}
.legend span{display:inline-block;margin:6px 12px 0 0;padding-bottom:2px;border-bottom:3px solid}
main{display:flex;gap:24px;padding:16px 24px}
article{flex:3;white-space:pre-wrap;line-height:2.5;max-width:52em}
aside{flex:2;font-size:13px;line-height:1.4;min-width:18em}
aside h2{font-size:14px;margin:16px 0 4px;border-bottom:1px solid #ddd}
aside table{border-collapse:collapse;width:100%}
aside td,aside th{text-align:left;padding:2px 6px 2px 0;vertical-align:top}
.hl{-webkit-box-decoration-break:clone;box-decoration-break:clone}
.tag{font-size:10px;line-height:1;vertical-align:super;margin:0 2px;padding:1px 3px;
border-radius:3px;color:#fff;text-decoration:none;white-space:nowrap}
.warn{background:#fff6d5;border-left:3px solid #e0b000;padding:4px 6px;margin:4px 0}
"""


def _table(title: str, head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return ""
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<h2>{html.escape(title)} ({len(rows)})</h2><table><tr>{th}</tr>{body}</table>"


def _link(anchor: str, text: str) -> str:
    return f'<a href="#{anchor}">{html.escape(text)}</a>'


def _sidebar(facts: ArticleFacts) -> str:
    e = html.escape
    parts: list[str] = []
    warns = []
    for i, w in enumerate(facts.warnings):
        code, msg, span = _warning_parts(w)
        where = f" {_link(f'w-{i}', '→ in text')}" if span is not None else ""
        warns.append(f'<div class="warn"><b>{e(code)}</b> {e(msg)}{where}</div>')
    if warns:
        parts.append(f"<h2>Warnings ({len(warns)})</h2>" + "".join(warns))
    parts.append(
        _table(
            "Officials",
            ["name", "position", "organization", "region", "n"],
            [
                [
                    f'<span id="off-{i}">{_link(f"off-{i}-0", o.name) if o.mentions else e(o.name)}</span>',
                    e(o.position or ""),
                    e(o.organization or ""),
                    e(o.region or ""),
                    str(len(o.mentions)),
                ]
                for i, o in enumerate(facts.officials)
            ],
        )
    )
    parts.append(
        _table(
            "Quotes",
            ["speaker", "kind", "quote"],
            [
                [
                    e(q.speaker or "?"),
                    e(str(q.kind)),
                    _link(f"q-{i}", q.text[:80] + ("…" if len(q.text) > 80 else ""))
                    if q.span
                    else e(q.text[:80]),
                ]
                for i, q in enumerate(facts.quotes)
            ],
        )
    )
    parts.append(
        _table(
            "Sanctions",
            ["type", "severity", "status"],
            [
                [
                    _link(f"s-{i}", str(s.type)) if s.span else e(str(s.type)),
                    e(str(s.severity or "")),
                    e(str(s.status)),
                ]
                for i, s in enumerate(facts.sanctions)
            ],
        )
    )
    parts.append(
        _table(
            "Statistics",
            ["value", "unit", "measure", "topic", "year", "region"],
            [
                [
                    _link(f"st-{i}", _fmt_value(s.value)) if s.span else e(_fmt_value(s.value)),
                    e(str(s.unit)),
                    e(str(s.measure)),
                    e(str(s.topic)),
                    e(str(s.year or "")),
                    e(s.region or ""),
                ]
                for i, s in enumerate(facts.statistics)
            ],
        )
    )
    parts.append(
        _table(
            "Dates",
            ["as written", "value"],
            [
                [_link(f"d-{i}", d.text) if d.span else e(d.text), e(d.value)]
                for i, d in enumerate(facts.dates)
            ],
        )
    )
    return "".join(parts)


def render_article(text: str, facts: ArticleFacts, *, title: str | None = None) -> str:
    """The whole page for one article. ``text`` is the input the spans index."""
    shown, move = _to_shown(text)
    ms = marks(facts)
    for m in ms:
        m.start, m.end = move(m.start, False), move(m.end, True)
        m.end = max(m.start, m.end)
    kind_css = "".join(f".k-{k}{{background:{c}}}" for k, (_, c) in KINDS.items())
    legend = "".join(
        f'<span style="border-color:{c}">{html.escape(name)}</span>' for name, c in KINDS.values()
    )
    meta = "".join(
        f"<span><b>{k}</b> {html.escape(str(v))}</span>"
        for k, v in (
            ("id", facts.doc_id),
            ("outlet", facts.outlet),
            ("dateline", facts.dateline),
            ("published", facts.published),
            ("reference date", facts.reference_date),
        )
        if v
    )
    rel = getattr(facts, "relevance", None)
    if rel is not None:
        meta += f"<span><b>relevance</b> {html.escape(str(rel.label))} ({rel.score:.2f})</span>"
    head = title or facts.headline or facts.doc_id or "article"
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{html.escape(head)}</title><style>{_CSS}{kind_css}</style></head><body>"
        f"<header><h1>{html.escape(head)}</h1><div class=meta>{meta}</div>"
        f"<div class=legend>{legend}</div></header>"
        f"<main><article>{render_text(shown, ms)}</article>"
        f"<aside>{_sidebar(facts)}</aside></main></body></html>\n"
    )


def write_article(path: str | Path, text: str, facts: ArticleFacts) -> Path:
    """Write :func:`render_article` to ``path`` (UTF-8)."""
    p = Path(path)
    p.write_text(render_article(text, facts), encoding="utf-8")
    return p


def _counts(facts: ArticleFacts) -> dict[str, int]:
    return {
        "officials": len(facts.officials),
        "quotes": len(facts.quotes),
        "sanctions": len(facts.sanctions),
        "statistics": len(facts.statistics),
        "dates": len(facts.dates),
        "warnings": len(facts.warnings),
    }


def _safe_name(doc_id: str) -> str:
    """A file name for a doc_id: readable when it can be, always unique and harmless."""
    keep = "".join(c if c.isalnum() or c in "-_." else "_" for c in doc_id)[:60].strip("._")
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{keep or 'doc'}-{digest}.html"


class BatchHtml:
    """Article pages for a batch run and an ``index.html`` listing them.

    ``sample=None`` writes every article; ``sample=N`` keeps a deterministic sample of
    about N articles (chosen by a hash of the doc_id, so the same corpus gives the same
    pages whatever the order or the number of workers).
    """

    def __init__(self, directory: str | Path, sample: int | None = None, total: int | None = None):
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.sample = sample
        self.total = total
        self.rows: list[tuple[str, str, str, dict[str, int]]] = []

    def _keep(self, doc_id: str) -> bool:
        if self.sample is None:
            return True
        if self.total:  # a known corpus size: keep each article with probability N/total
            h = int(hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16)
            return h / 0xFFFFFFFF < self.sample / self.total
        return len(self.rows) < self.sample

    def add(self, text: str, facts: ArticleFacts) -> bool:
        """Write the article's page if it is in the sample; True when written."""
        doc_id = facts.doc_id or str(len(self.rows))
        if not self._keep(doc_id):
            return False
        name = _safe_name(doc_id)
        write_article(self.dir / name, text, facts)
        self.rows.append((doc_id, name, facts.headline or "", _counts(facts)))
        return True

    def close(self) -> Path:
        """Write ``index.html`` (sorted by doc_id) and return its path."""
        cols = ["officials", "quotes", "sanctions", "statistics", "dates", "warnings"]
        head = "".join(f"<th>{c}</th>" for c in ["doc_id", "headline", *cols])
        body = "".join(
            f'<tr><td><a href="{html.escape(name)}">{html.escape(doc_id)}</a></td>'
            f"<td>{html.escape(headline)}</td>"
            + "".join(f"<td>{n[c]}</td>" for c in cols)
            + "</tr>"
            for doc_id, name, headline, n in sorted(self.rows)
        )
        page = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>extractor: articles</title>'
            "<style>body{font:14px system-ui,sans-serif;margin:24px}td,th{padding:2px 8px;"
            "text-align:left}tr:nth-child(even){background:#f6f6f6}</style></head><body>"
            f"<h1>{len(self.rows)} articles</h1><table><tr>{head}</tr>{body}</table></body></html>\n"
        )
        out = self.dir / "index.html"
        out.write_text(page, encoding="utf-8")
        return out
