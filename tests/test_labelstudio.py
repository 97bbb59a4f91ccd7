"""Label Studio round trip: offsets in UTF-16 units, gold → tasks → gold lossless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor
from extractor.cli import main
from extractor.views.labelstudio import Utf16, labeling_config, to_gold, to_task

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EMOJI = "🗳️😀 "  # astral characters: two UTF-16 units each

TEXT = (
    f"{EMOJI}Ketua Bawaslu Kota Medan Sari Wulandari mengatakan ada 7 ASN dilaporkan.\n\n"
    f'"Kami proses semuanya {EMOJI}," kata Sari, Rabu (6/3/2024). Bupati Toba Markus '
    "Simanjuntak menyebut 2 ASN dijatuhi hukuman disiplin berat."
)

#: the fields the scorer reads, per record kind
KEYS = {
    "officials": ("name", "position", "organization", "region", "region_code", "optional"),
    "quotes": ("text", "kind", "speaker", "cue", "optional"),
    "sanctions": ("type", "severity", "status", "optional"),
    "statistics": (
        "value",
        "unit",
        "measure",
        "topic",
        "year",
        "region",
        "region_code",
        "as_of",
        "source",
        "approximate",
        "optional",
    ),
    "dates": ("text", "value", "granularity", "relative", "optional"),
}


def _canon(gold: dict) -> dict:
    out = {
        k: gold.get(k)
        for k in ("doc_id", "headline", "outlet", "dateline", "published", "reference_date")
    }
    for kind, keys in KEYS.items():
        out[kind] = sorted(
            json.dumps({k: r.get(k) or None for k in keys}, sort_keys=True, ensure_ascii=False)
            for r in gold.get(kind, [])
        )
    out["aliases"] = sorted(a for o in gold.get("officials", []) for a in o.get("aliases", []))
    return out


def test_utf16_offsets_both_ways() -> None:
    text = "a😀b🗳c"
    u = Utf16(text)
    for i in range(len(text) + 1):
        assert u.to16(i) == len(text[:i].encode("utf-16-le")) // 2
        assert u.from16(u.to16(i)) == i


def test_task_regions_use_utf16_offsets() -> None:
    facts = extractor.extract(TEXT, doc_id="emoji-1").model_dump(mode="json")
    task = to_task(TEXT, facts)
    regions = [r for r in task["predictions"][0]["result"] if r.get("type") == "labels"]
    assert regions, "the extractor found facts to pre-annotate"
    units = TEXT.encode("utf-16-le")
    for r in regions:
        v = r["value"]
        assert units[2 * v["start"] : 2 * v["end"]].decode("utf-16-le") == v["text"]
    labels = {r["value"]["labels"][0] for r in regions}
    assert {"Official", "DirectQuote", "Statistic", "Date"} <= labels


def test_speaker_is_a_relation_to_the_official() -> None:
    facts = extractor.extract(TEXT, doc_id="emoji-1").model_dump(mode="json")
    result = to_task(TEXT, facts)["predictions"][0]["result"]
    rel = [r for r in result if r.get("type") == "relation"]
    assert rel and rel[0]["labels"] == ["speaker"]
    # an annotator moves the speaker: drawing a new relation changes the gold speaker
    byid = {r["id"]: r for r in result if r.get("from_name") == "label"}
    other = next(r["id"] for r in byid.values() if "Markus" in r["value"]["text"])
    rel[0]["to_id"] = other
    gold = to_gold({"data": to_task(TEXT, facts)["data"], "annotations": [{"result": result}]})
    assert gold["quotes"][0]["speaker"].startswith("Markus")


def test_extracted_facts_round_trip() -> None:
    facts = extractor.extract(TEXT, doc_id="emoji-1").model_dump(mode="json")
    back = to_gold(json.loads(json.dumps(to_task(TEXT, facts))))
    assert _canon(back) == _canon(facts)
    for o in back["officials"]:
        for m in o["mentions"]:
            assert TEXT[m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize("gold_file", sorted(CORPUS.glob("*.json")), ids=lambda p: p.stem)
def test_gold_round_trip_is_lossless(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = gold_file.with_suffix(".txt").read_text(encoding="utf-8-sig")
    shifted = EMOJI + text  # astral characters before every span
    for recs in (gold.get("quotes", []), gold.get("dates", [])):
        for r in recs:
            for key in ("span", "speaker_span"):
                if r.get(key):
                    r[key] = None  # spans are re-found in the shifted text
    for o in gold.get("officials", []):
        o["mentions"] = []
    back = to_gold(json.loads(json.dumps(to_task(shifted, gold))))
    assert _canon(back) == _canon(gold)


def test_config_declares_every_label_and_control() -> None:
    xml = labeling_config()
    for label in ("Official", "DirectQuote", "IndirectQuote", "Sanction", "Statistic", "Date"):
        assert f'value="{label}"' in xml
    assert '<Relation value="speaker"/>' in xml and 'perRegion="true"' in xml


def test_cli_export_then_import_then_evaluate(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "emoji-1.txt").write_text(TEXT, encoding="utf-8")
    tasks = tmp_path / "tasks.json"
    assert main(["export", "--format", "label-studio", str(src), "-o", str(tasks)]) == 0
    assert tasks.with_suffix(".xml").exists()
    exported = json.loads(tasks.read_text(encoding="utf-8"))
    assert len(exported) == 1 and exported[0]["data"]["text"] == TEXT
    gold_dir = tmp_path / "gold"
    assert main(["import-gold", "--format", "label-studio", str(tasks), str(gold_dir)]) == 0
    assert (gold_dir / "emoji-1.json").exists()
    # scoring the extractor against its own uncorrected pre-annotations is perfect
    assert main(["evaluate", str(gold_dir), str(gold_dir), "--min", "officials=1.0"]) == 0


def test_import_refuses_path_like_doc_ids(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(json.dumps([{"data": {"text": "x", "doc_id": "../evil"}}]), encoding="utf-8")
    assert main(["import-gold", str(export), str(tmp_path / "g")]) == 1
    assert not (tmp_path / "evil.json").exists()
