"""Label Studio round trip: extracted facts out as pre-annotated tasks, corrected gold back.

Why the JSON format by hand and not ``label-studio-sdk``/``label-studio-converter``: the
task, prediction and relation formats are small, documented JSON; the SDK is an HTTP
client with a large dependency tree, and the converter targets NER/CoNLL, not records
with attributes and relations. What matters and is easy to get wrong is the offsets:
Label Studio counts text offsets in UTF-16 code units (JavaScript strings), Python in
code points — every character outside the Basic Multilingual Plane (emoji) shifts every
later span. :class:`Utf16` converts both ways.

One region per record (or per official mention); the record's attributes are per-region
controls (``perRegion``), so an annotator corrects a value where it stands. A quote's
speaker is a ``speaker`` relation from the quote to a mention of the person, and also a
per-region text field for speakers who are not officials. Records that have no span (gold
written without offsets) are placed on the first occurrence of their words when that can
be found; otherwise they travel in the task's ``data.unplaced`` and come back unchanged.

``gold → tasks → gold`` keeps every field the scorer uses (tests/test_labelstudio.py).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FROM_TEXT = "text"
LABELS = {
    "officials": "Official",
    "direct": "DirectQuote",
    "indirect": "IndirectQuote",
    "sanctions": "Sanction",
    "statistics": "Statistic",
    "dates": "Date",
}
_KIND_OF = {v: k for k, v in LABELS.items()}
#: per-region text fields, by label
TEXT_FIELDS: dict[str, list[str]] = {
    "Official": ["name", "aliases", "position", "organization", "region", "region_code"],
    "DirectQuote": ["quote", "speaker", "cue"],
    "IndirectQuote": ["quote", "speaker", "cue"],
    "Sanction": [],
    "Statistic": ["value", "year", "as_of", "region", "region_code", "source"],
    "Date": ["value"],
}
#: per-region choice fields: name → (choices, multiple)
CHOICES: dict[str, tuple[list[str], bool]] = {
    "type": (
        [
            "verbal_reprimand",
            "written_reprimand",
            "statement_of_dissatisfaction",
            "allowance_cut",
            "promotion_delay",
            "demotion",
            "position_demotion",
            "removal_from_office",
            "transfer",
            "dismissal",
            "criminal",
            "administrative",
            "moral",
            "unspecified",
        ],
        False,
    ),
    "severity": (["light", "moderate", "severe"], False),
    "status": (["imposed", "recommended", "proposed", "threatened", "mentioned"], False),
    "unit": (["cases", "persons", "reports", "percent"], False),
    "measure": (["reported", "recorded", "proven", "recommended", "sanctioned", "other"], True),
    "topic": (["asn_neutrality", "money_politics", "election_violation", "other"], False),
    "granularity": (["datetime", "day", "month", "year"], False),
    "flags": (["optional", "approximate", "relative"], True),
}
_CHOICES_FOR = {
    "Sanction": ["type", "severity", "status"],
    "Statistic": ["unit", "measure", "topic"],
    "Date": ["granularity"],
}
_HEADER = ("headline", "outlet", "dateline", "published", "reference_date")


class Utf16:
    """Offsets between Python code points and UTF-16 code units for one text."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to16(self, i: int) -> int:
        return i + bisect_right(self._astral, i - 1)

    def from16(self, u: int) -> int:
        # each astral character before i adds one unit: find i with i + astral_before(i) == u
        lo, hi = 0, u
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to16(mid) < u:
                lo = mid + 1
            else:
                hi = mid
        return lo


def labeling_config() -> str:
    """The Label Studio labeling config (XML) the tasks are written for."""
    labels = "".join(f'<Label value="{v}"/>' for v in LABELS.values())
    fields = sorted({f for fs in TEXT_FIELDS.values() for f in fs})
    areas = "".join(
        f'<TextArea name="{f}" toName="{FROM_TEXT}" perRegion="true" editable="true" '
        f'placeholder="{f}" maxSubmissions="20"/>'
        for f in fields
    )
    choices = "".join(
        f'<Choices name="{n}" toName="{FROM_TEXT}" perRegion="true" '
        f'choice="{"multiple" if multi else "single"}" showInline="true">'
        + "".join(f'<Choice value="{c}"/>' for c in cs)
        + "</Choices>"
        for n, (cs, multi) in CHOICES.items()
    )
    header = "".join(
        f'<TextArea name="{h}" toName="{FROM_TEXT}" maxSubmissions="1" editable="true" '
        f'placeholder="{h}"/>'
        for h in _HEADER
    )
    return (
        "<View>\n"
        f'  <Labels name="label" toName="{FROM_TEXT}">{labels}</Labels>\n'
        f'  <Text name="{FROM_TEXT}" value="$text" granularity="symbol"/>\n'
        '  <Relations><Relation value="speaker"/></Relations>\n'
        f"  {header}\n  {areas}\n  {choices}\n"
        "</View>\n"
    )


# -- records → task ------------------------------------------------------------------


def _find(text: str, words: str | None) -> tuple[int, int] | None:
    if not words:
        return None
    i = text.find(words)
    return (i, i + len(words)) if i >= 0 else None


def _as_list(v: Any) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, list):
        return [str(x) for x in v]
    return [str(v)]


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.u = Utf16(text)
        self.result: list[dict[str, Any]] = []
        self.n = 0

    def region(self, label: str, start: int, end: int, attrs: dict[str, Any]) -> str:
        self.n += 1
        rid = f"r{self.n}"
        value = {"start": self.u.to16(start), "end": self.u.to16(end), "text": self.text[start:end]}
        base = {
            "id": rid,
            "from_name": "label",
            "to_name": FROM_TEXT,
            "type": "labels",
            "origin": "prediction",
        }
        self.result.append({**base, "value": {**value, "labels": [label]}})
        for name, v in attrs.items():
            vals = _as_list(v)
            if not vals:
                continue
            if name in CHOICES:
                self.result.append(
                    {
                        **base,
                        "from_name": name,
                        "type": "choices",
                        "value": {**value, "choices": vals},
                    }
                )
            else:
                self.result.append(
                    {
                        **base,
                        "from_name": name,
                        "type": "textarea",
                        "value": {**value, "text": vals},
                    }
                )
        return rid


def _flags(rec: dict[str, Any]) -> list[str]:
    return [f for f in ("optional", "approximate", "relative") if rec.get(f)]


def to_task(
    text: str, facts: dict[str, Any], *, model_version: str = "extractor"
) -> dict[str, Any]:
    """One Label Studio task: the text, the header fields and the facts as a prediction."""
    b = _Builder(text)
    unplaced: dict[str, list[dict[str, Any]]] = {}
    mention_of: dict[str, str] = {}  # official name / alias (folded) → a mention region id

    def span_of(rec: dict[str, Any], key: str, words: str | None) -> tuple[int, int] | None:
        sp = rec.get(key)
        if sp:
            return sp["start"], sp["end"]
        return _find(text, words)

    for o in facts.get("officials", []):
        attrs = {
            "name": o.get("name"),
            "aliases": o.get("aliases") or [],
            "position": o.get("position"),
            "organization": o.get("organization"),
            "region": o.get("region"),
            "region_code": o.get("region_code"),
            "flags": _flags(o),
        }
        spans = [(m["start"], m["end"]) for m in o.get("mentions") or []]
        if not spans:
            found = _find(text, o.get("name")) or next(
                (f for f in (_find(text, a) for a in o.get("aliases") or []) if f), None
            )
            spans = [found] if found else []
        if not spans:
            unplaced.setdefault("officials", []).append(o)
            continue
        # the first mention carries the attributes; later ones only mark where it stands
        first = b.region("Official", *spans[0], attrs)
        for s in spans[1:]:
            b.region("Official", *s, {"name": o.get("name")})
        for n in [o.get("name"), *(o.get("aliases") or [])]:
            if n:
                mention_of.setdefault(n.casefold(), first)
    for q in facts.get("quotes", []):
        label = LABELS[q.get("kind", "direct")]
        sp = span_of(q, "span", q.get("text"))
        if sp is None:
            unplaced.setdefault("quotes", []).append(q)
            continue
        rid = b.region(
            label,
            *sp,
            {
                "quote": q.get("text"),
                "speaker": q.get("speaker"),
                "cue": q.get("cue"),
                "flags": _flags(q),
            },
        )
        target = mention_of.get((q.get("speaker") or "").casefold())
        if target:
            b.result.append(
                {
                    "from_id": rid,
                    "to_id": target,
                    "type": "relation",
                    "direction": "right",
                    "labels": ["speaker"],
                }
            )
    # sanctions, statistics and dates: one region each, attributes as the config declares
    for kind, label, words in (
        ("sanctions", "Sanction", None),
        ("statistics", "Statistic", None),
        ("dates", "Date", "text"),
    ):
        for rec in facts.get(kind, []):
            sp = span_of(rec, "span", rec.get(words) if words else None)
            if sp is None:
                unplaced.setdefault(kind, []).append(rec)
                continue
            fields = TEXT_FIELDS[label] + _CHOICES_FOR[label]
            b.region(label, *sp, {**{f: rec.get(f) for f in fields}, "flags": _flags(rec)})
    data: dict[str, Any] = {"text": text, "doc_id": facts.get("doc_id")}
    for h in _HEADER:
        data[h] = facts.get(h)
    if facts.get("notes"):
        data["notes"] = facts["notes"]
    if unplaced:
        data["unplaced"] = unplaced
    return {"data": data, "predictions": [{"model_version": model_version, "result": b.result}]}


# -- task → gold ---------------------------------------------------------------------


def _scalar(vals: list[str]) -> Any:
    if not vals:
        return None
    return vals[0] if len(vals) == 1 else vals


def _number(v: str) -> int | float:
    f = float(v)
    return int(f) if f.is_integer() and "." not in v and "e" not in v.lower() else f


def _results(task: dict[str, Any]) -> list[dict[str, Any]]:
    """The annotation to read: the latest non-cancelled annotation, else the prediction."""
    anns = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if anns:
        return anns[-1].get("result") or []
    preds = task.get("predictions") or []
    return preds[-1].get("result") or [] if preds else []


def to_gold(task: dict[str, Any]) -> dict[str, Any]:
    """A SPEC gold file (schema version 1) from one task, annotated or not."""
    data = task.get("data") or {}
    text: str = data.get("text") or ""
    u = Utf16(text)
    regions: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    speaker_of: dict[str, str] = {}
    for r in _results(task):
        if r.get("type") == "relation":
            if "speaker" in (r.get("labels") or ["speaker"]):
                speaker_of[r["from_id"]] = r["to_id"]
            continue
        rid, v = r.get("id"), r.get("value") or {}
        if rid not in regions:
            regions[rid] = {"fields": {}}
            order.append(rid)
        reg = regions[rid]
        if "start" in v:
            reg["start"], reg["end"] = u.from16(v["start"]), u.from16(v["end"])
        if r.get("type") == "labels":
            reg["label"] = (v.get("labels") or [None])[0]
        elif r.get("type") == "choices":
            reg["fields"][r["from_name"]] = list(v.get("choices") or [])
        elif r.get("type") == "textarea":
            reg["fields"][r["from_name"]] = [t for t in v.get("text") or [] if t != ""]
    gold: dict[str, Any] = {"schema_version": "1", "doc_id": data.get("doc_id")}
    for h in _HEADER:
        gold[h] = data.get(h)
    out: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("officials", "quotes", "sanctions", "statistics", "dates")
    }
    officials_by_name: dict[str, dict[str, Any]] = {}
    name_of_region: dict[str, str] = {}
    for rid in order:
        reg = regions[rid]
        if reg.get("label") != "Official":
            continue
        f = reg["fields"]
        span = _span(text, reg)
        name = _scalar(f.get("name", [])) or (span["text"] if span else None)
        if not name:
            continue
        name_of_region[rid] = name
        off = officials_by_name.get(name)
        if off is None:
            off = {
                "name": name,
                "aliases": [],
                "position": None,
                "organization": None,
                "region": None,
                "mentions": [],
            }
            officials_by_name[name] = off
            out["officials"].append(off)
        for key in ("position", "organization", "region", "region_code"):
            if f.get(key):
                off[key] = _scalar(f[key])
        off["aliases"] += [a for a in f.get("aliases", []) if a not in off["aliases"]]
        if "optional" in f.get("flags", []):
            off["optional"] = True
        if span:
            off["mentions"].append(span)
    for rid in order:
        reg = regions[rid]
        label, f, span = reg.get("label"), reg["fields"], _span(text, reg)
        flags = f.get("flags", [])
        rec: dict[str, Any]
        if label in ("DirectQuote", "IndirectQuote"):
            rec = {
                "text": _scalar(f.get("quote", [])) or (span["text"] if span else ""),
                "kind": "direct" if label == "DirectQuote" else "indirect",
                "speaker": _speaker(f, speaker_of.get(rid), name_of_region, officials_by_name),
                "cue": _scalar(f.get("cue", [])),
                "span": span,
            }
            kind = "quotes"
        elif label == "Sanction":
            rec = {
                "type": _scalar(f.get("type", [])) or "unspecified",
                "severity": _scalar(f.get("severity", [])),
                "status": _scalar(f.get("status", [])) or "mentioned",
                "span": span,
            }
            kind = "sanctions"
        elif label == "Statistic":
            value = _scalar(f.get("value", []))
            year = _scalar(f.get("year", []))
            rec = {
                "value": _number(value) if value is not None else None,
                "approximate": "approximate" in flags,
                "unit": _scalar(f.get("unit", [])),
                "measure": _scalar(f.get("measure", [])),
                "topic": _scalar(f.get("topic", [])),
                "year": int(year) if year not in (None, "") else None,
                "as_of": _scalar(f.get("as_of", [])),
                "region": _scalar(f.get("region", [])),
                "region_code": _scalar(f.get("region_code", [])),
                "source": _scalar(f.get("source", [])),
                "span": span,
            }
            kind = "statistics"
        elif label == "Date":
            rec = {
                "text": span["text"] if span else "",
                "value": _scalar(f.get("value", [])),
                "granularity": _scalar(f.get("granularity", [])) or "day",
                "relative": "relative" in flags,
                "span": span,
            }
            kind = "dates"
        else:
            continue
        if "optional" in flags:
            rec["optional"] = True
        out[kind].append(rec)
    for kind, recs in (data.get("unplaced") or {}).items():
        out.setdefault(kind, []).extend(recs)
    gold.update(out)
    if data.get("notes"):
        gold["notes"] = data["notes"]
    return gold


def _speaker(
    fields: dict[str, list[str]],
    target: str | None,
    name_of_region: dict[str, str],
    officials: dict[str, dict[str, Any]],
) -> str | None:
    """The relation's person wins; the typed speaker stays when it names that person."""
    typed = _scalar(fields.get("speaker", []))
    if target is None or target not in name_of_region:
        return typed
    name = name_of_region[target]
    forms = {name.casefold(), *(a.casefold() for a in officials[name]["aliases"])}
    return typed if typed and typed.casefold() in forms else name


def _span(text: str, reg: dict[str, Any]) -> dict[str, Any] | None:
    if "start" not in reg:
        return None
    s, e = reg["start"], reg["end"]
    return {"start": s, "end": e, "text": text[s:e]}


# -- files ---------------------------------------------------------------------------


def write_tasks(pairs: Iterable[tuple[str, dict[str, Any]]], out: str | Path) -> tuple[Path, Path]:
    """Write tasks for ``(text, facts_dict)`` pairs to ``out`` and the config beside it."""
    out = Path(out)
    tasks = [to_task(text, facts) for text, facts in pairs]
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    config = out.with_suffix(".xml")
    config.write_text(labeling_config(), encoding="utf-8")
    return out, config


def import_gold(export: str | Path, gold_dir: str | Path) -> list[Path]:
    """Turn a Label Studio JSON export into ``GOLD_DIR/<doc_id>.json`` and ``.txt`` files."""
    tasks = json.loads(Path(export).read_text(encoding="utf-8"))
    if isinstance(tasks, dict):
        tasks = [tasks]
    gold_dir = Path(gold_dir)
    gold_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for i, task in enumerate(tasks):
        gold = to_gold(task)
        doc_id = str(gold.get("doc_id") or task.get("id") or i)
        if not doc_id or "/" in doc_id or "\\" in doc_id or doc_id.startswith("."):
            raise ValueError(f"task {i}: doc_id {doc_id!r} cannot be a file name")
        gold["doc_id"] = doc_id
        p = gold_dir / f"{doc_id}.json"
        p.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        (gold_dir / f"{doc_id}.txt").write_text(
            (task.get("data") or {}).get("text") or "", encoding="utf-8"
        )
        written.append(p)
    return written
