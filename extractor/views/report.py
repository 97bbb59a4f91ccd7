"""A corpus report: one HTML page a researcher can open or send.

``python -m extractor report OUT.parquet -o report.html`` reads a batch output (a Parquet
folder of tables) and writes articles by relevance and month, figures per year and
measure, the most-quoted and most-mentioned officials, sanction types by status and, when
``link`` has written the corpus-level tables, conflicts between outlets.

Charts: matplotlib (the ``report`` extra), rendered to SVG and inlined, so the page has no
network assets and no JavaScript. Why matplotlib: it is the maintained, dependency-light
standard that renders static SVG offline; Plotly/Bokeh/Altair produce JavaScript pages and
Vega needs a renderer. Tables are read with pyarrow (a core dependency) and whatever
columns a table has: older outputs without relevance or corpus tables still render.
"""

from __future__ import annotations

import html
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MISSING_PLOT = "the report needs matplotlib: pip install 'extractor[report]'"


def check_dependencies() -> None:
    """Raise ImportError with a one-line message when the plotting library is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise ImportError(MISSING_PLOT) from exc


def read_tables(out: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Every table under a Parquet batch output, as lists of row dicts."""
    import pyarrow.parquet as pq

    root = Path(out)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a Parquet output folder (batch -o OUT.parquet)")
    tables: dict[str, list[dict[str, Any]]] = {}
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        parts = sorted(sub.glob("*.parquet"))
        rows: list[dict[str, Any]] = []
        for part in parts:
            rows.extend(pq.read_table(part).to_pylist())
        if parts:
            tables[sub.name] = rows
    for name in ("officials", "quotes", "statistics", "articles"):  # `link` adds ids here
        if f"{name}_linked" in tables:
            tables[name] = tables.pop(f"{name}_linked")
    if "articles" not in tables:
        raise FileNotFoundError(f"{root} has no articles table: is it a batch output?")
    return tables


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.find("<svg") :]


def _bar_chart(title: str, xs: list[str], series: dict[str, list[float]], ylabel: str) -> str:
    """A stacked bar chart as inline SVG (an empty note when there is nothing to draw)."""
    if not xs or not series:
        return f"<p><i>{html.escape(title)}: no data.</i></p>"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(4.0, 0.45 * len(xs) + 2), 3.2))
    bottom = [0.0] * len(xs)
    for name, ys in series.items():
        ax.bar(xs, ys, bottom=bottom, label=name)
        bottom = [b + y for b, y in zip(bottom, ys, strict=True)]
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", rotation=60, labelsize=8)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False)
    return _svg(fig)


def _stack(rows: Iterable[tuple[str, str]]) -> tuple[list[str], dict[str, list[float]]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    xs: set[str] = set()
    for x, group in rows:
        counts[group][x] += 1
        xs.add(x)
    order = sorted(xs)
    return order, {g: [float(c[x]) for x in order] for g, c in sorted(counts.items())}


def _table(head: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return "<p><i>none</i></p>"
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape('' if c is None else str(c))}</td>" for c in r)
        + "</tr>"
        for r in rows
    )
    return f"<table><tr>{th}</tr>{body}</table>"


def _month(published: Any) -> str:
    s = "" if published is None else str(published)
    return s[:7] if len(s) >= 7 and s[4] == "-" else "unknown"


def sections(t: dict[str, list[dict[str, Any]]], top: int = 15) -> list[tuple[str, str]]:
    """The report's sections as (title, HTML) pairs."""
    arts = t["articles"]
    out: list[tuple[str, str]] = []
    label_of = {a["doc_id"]: a.get("relevance_label") or "unscored" for a in arts}
    xs, series = _stack((_month(a.get("published")), label_of[a["doc_id"]]) for a in arts)
    labels = Counter(label_of.values())
    out.append(
        (
            "Articles by relevance and month",
            "<p>"
            + ", ".join(f"{html.escape(k)}: {v}" for k, v in labels.most_common())
            + "</p>"
            + _bar_chart("articles per month", xs, series, "articles"),
        )
    )
    stats = t.get("figures") or t.get("statistics") or []
    what = "distinct figures (linked across outlets)" if "figures" in t else "statistics"
    xs, series = _stack((str(s.get("year") or "no year"), s.get("measure") or "?") for s in stats)
    out.append(
        (
            f"Figures per year and measure ({what})",
            _bar_chart(f"{what} per year", xs, series, "count"),
        )
    )
    officials = t.get("officials") or []
    key = "person_id" if officials and "person_id" in officials[0] else "name"
    names: dict[Any, str] = {}
    mentioned: Counter[Any] = Counter()
    for o in officials:
        names.setdefault(o.get(key), o.get("name"))
        mentioned[o.get(key)] += 1
    quoted = Counter(
        q.get("person_id") or q.get("speaker") for q in t.get("quotes") or [] if q.get("speaker")
    )
    out.append(
        (
            "Most-mentioned officials (articles)",
            _table(
                ["official", "articles", "position (first seen)"],
                [
                    [
                        names[k],
                        n,
                        next((o.get("position") for o in officials if o.get(key) == k), ""),
                    ]
                    for k, n in mentioned.most_common(top)
                ],
            ),
        )
    )
    out.append(
        (
            "Most-quoted speakers (quotes)",
            _table(
                ["speaker", "quotes"], [[names.get(k, k), n] for k, n in quoted.most_common(top)]
            ),
        )
    )
    by_status: dict[str, Counter[str]] = defaultdict(Counter)
    for s in t.get("sanctions") or []:
        by_status[s.get("type") or "?"][s.get("status") or "?"] += 1
    statuses = sorted({st for c in by_status.values() for st in c})
    out.append(
        (
            "Sanction types by status",
            _table(
                ["type", *statuses, "total"],
                [
                    [ty, *(c[st] for st in statuses), sum(c.values())]
                    for ty, c in sorted(by_status.items(), key=lambda kv: -sum(kv[1].values()))
                ],
            ),
        )
    )
    figures = t.get("figures")
    if figures is not None:
        conflicts = [f for f in figures if f.get("conflict")]
        out.append(
            (
                "Conflicts between outlets",
                _table(
                    ["value", "unit", "measure", "topic", "year", "source", "articles"],
                    [
                        [
                            f.get("value"),
                            f.get("unit"),
                            f.get("measure"),
                            f.get("topic"),
                            f.get("year"),
                            f.get("source"),
                            f.get("n_articles") or len(f.get("doc_ids") or []),
                        ]
                        for f in conflicts[: top * 2]
                    ],
                ),
            )
        )
    errors = t.get("errors") or []
    if errors:
        kinds = Counter(e.get("error_type") for e in errors)
        out.append(("Articles that failed", _table(["error", "articles"], kinds.most_common())))
    return out


_CSS = (
    "body{font:14px/1.45 system-ui,sans-serif;margin:24px;max-width:1100px}"
    "h2{border-bottom:1px solid #ddd;margin-top:28px}td,th{padding:2px 10px;text-align:left}"
    "tr:nth-child(even){background:#f6f6f6}svg{max-width:100%;height:auto}"
)


def render(out: str | Path, *, title: str | None = None) -> str:
    """The whole report for a batch output folder, as one HTML page."""
    check_dependencies()
    t = read_tables(out)
    head = title or f"extractor report: {Path(out).name}"
    n = len(t["articles"])
    body = "".join(f"<h2>{html.escape(name)}</h2>{content}" for name, content in sections(t))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(head)}</title>'
        f"<style>{_CSS}</style></head><body><h1>{html.escape(head)}</h1>"
        f"<p>{n} articles; facts: "
        + ", ".join(
            f"{k} {len(t.get(k) or [])}"
            for k in ("officials", "quotes", "sanctions", "statistics", "dates")
        )
        + f"</p>{body}</body></html>\n"
    )


def write(out: str | Path, dest: str | Path) -> Path:
    """Write :func:`render` to ``dest``."""
    page = render(out)
    p = Path(dest)
    p.write_text(page, encoding="utf-8")
    return p
