"""The scorer: SPEC's matching rules, the CLI, and exact agreement with shared/tools/score.py."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor import evaluate
from extractor.evaluate import Report, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SCORE_PY = SHARED / "tools" / "score.py"

needs_score_py = pytest.mark.skipif(
    not SCORE_PY.is_file(), reason="../shared/tools/score.py absent"
)


def doc(doc_id: str = "d1", **records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"doc_id": doc_id, **records}


# -- matching rules ----------------------------------------------------------------------


def test_gold_scored_as_prediction_is_perfect() -> None:
    golds = load_gold(CORPUS)
    report = score(golds, {g["doc_id"]: g for g in golds})
    for category, counts in report.counts.items():
        assert counts.fp == counts.fn == 0, category
        assert counts.f1 == 1.0, category
    assert all(a.value == 1.0 for a in report.accuracy.values())
    assert all(d.clean for d in report.documents)


def test_empty_prediction_misses_every_required_record() -> None:
    gold = doc(
        officials=[{"name": "Dewa Made Indra"}, {"name": "Agus Pramusinto", "optional": True}],
        dates=[{"value": "2024-04-18", "granularity": "day"}],
    )
    report = score([gold], {"d1": doc()})
    assert (report.counts["officials"].tp, report.counts["officials"].fn) == (0, 1)
    assert report.counts["officials"].precision == 1.0  # nothing said, nothing wrong
    assert report.counts["officials"].recall == 0.0
    assert [f.record["name"] for f in report.documents[0].missed if f.category == "officials"] == [
        "Dewa Made Indra"
    ]
    assert report.missing_docs == []
    assert score([gold], {}).missing_docs == ["d1"]


def test_official_names_fold_case_and_space_and_roles_fold_acronyms() -> None:
    gold = doc(
        officials=[
            {
                "name": "Dewa Made Indra",
                "position": "Sekretaris Daerah",
                "organization": "Pemerintah Provinsi Bali",
            }
        ]
    )
    pred = doc(
        officials=[
            {"name": "dewa  made INDRA", "position": "Sekda", "organization": "Pemprov Bali"}
        ]
    )
    report = score([gold], {"d1": pred})
    assert report.counts["officials"].tp == 1
    assert report.accuracy["official.position"].value == 1.0
    assert report.accuracy["official.organization"].value == 1.0

    wrong = doc(officials=[{"name": "Dewa Made Indra", "position": "Ketua", "organization": None}])
    report = score([gold], {"d1": wrong})
    assert report.accuracy["official.position"].value == 0.0
    assert {m.attribute for m in report.documents[0].wrong} == {
        "official.position",
        "official.organization",
    }


def test_a_shorter_name_is_not_the_official() -> None:
    gold = doc(officials=[{"name": "Dewa Made Indra", "aliases": ["Dewa Indra"]}])
    report = score([gold], {"d1": doc(officials=[{"name": "Dewa Indra"}])})
    assert (report.counts["officials"].tp, report.counts["officials"].fp) == (0, 1)


def test_quote_overlap_thresholds_differ_by_kind() -> None:
    ten = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh"
    seven = "satu dua tiga empat lima enam tujuh"  # dice 14/17 = 0.82
    six = "satu dua tiga empat lima enam"  # dice 12/16 = 0.75
    three = "satu dua tiga"  # dice 6/13 = 0.46
    four = "satu dua tiga empat"  # dice 8/14 = 0.57
    gold = doc(quotes=[{"text": ten, "kind": "direct"}, {"text": ten, "kind": "indirect"}])
    for direct, indirect, tps in ((seven, four, (1, 1)), (six, three, (0, 0))):
        pred = doc(
            quotes=[{"text": direct, "kind": "direct"}, {"text": indirect, "kind": "indirect"}]
        )
        report = score([gold], {"d1": pred})
        assert (report.counts["quotes.direct"].tp, report.counts["quotes.indirect"].tp) == tps
    # a quote of the wrong kind is neither a match nor an extra of the other kind
    report = score([gold], {"d1": doc(quotes=[{"text": ten, "kind": "other"}])})
    assert report.counts["quotes.direct"].fp == report.counts["quotes.indirect"].fp == 0


def test_quotes_match_one_to_one_and_speaker_accepts_aliases() -> None:
    gold = doc(
        officials=[{"name": "Dewa Made Indra", "aliases": ["Dewa Indra", "Dewa"]}],
        quotes=[
            {"text": "ASN harus netral", "kind": "direct", "speaker": "Dewa Made Indra"},
            {"text": "kata seorang warga", "kind": "direct", "speaker": None},
        ],
    )
    pred = doc(
        quotes=[
            {"text": "ASN harus netral", "kind": "direct", "speaker": "Dewa"},
            {"text": "ASN harus netral", "kind": "direct", "speaker": "Dewa"},
            {"text": "kata seorang warga", "kind": "direct", "speaker": "Siapa"},
        ]
    )
    report = score([gold], {"d1": pred})
    c = report.counts["quotes.direct"]
    assert (c.tp, c.fp, c.fn) == (2, 1, 0)
    # the quote without a gold speaker is not scored for its speaker
    assert (
        report.accuracy["quotes.direct.speaker"].ok,
        report.accuracy["quotes.direct.speaker"].n,
    ) == (1, 1)


def test_a_required_gold_record_wins_a_tie_over_an_optional_one() -> None:
    gold = doc(
        quotes=[
            {"text": "tidak ada ampun", "kind": "direct", "optional": True},
            {"text": "tidak ada ampun", "kind": "direct"},
        ]
    )
    report = score([gold], {"d1": doc(quotes=[{"text": "tidak ada ampun", "kind": "direct"}])})
    c = report.counts["quotes.direct"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)


def test_sanctions_compare_type_sets_without_unspecified() -> None:
    gold = doc(
        sanctions=[
            {"type": "demotion", "status": "imposed"},
            {"type": "demotion", "status": "threatened"},
            {"type": "transfer", "status": "imposed", "optional": True},
            {"type": "dismissal", "status": "mentioned"},
            {"type": "unspecified", "status": "mentioned"},
        ]
    )
    pred = doc(
        sanctions=[
            {"type": "demotion", "status": "threatened"},
            {"type": "demotion", "status": "threatened"},
            {"type": "criminal", "status": "mentioned"},
            {"type": "unspecified", "status": "imposed"},
        ]
    )
    report = score([gold], {"d1": pred})
    c = report.counts["sanctions"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)  # demotion / criminal / dismissal (transfer optional)
    assert report.accuracy["sanctions.status"].value == 1.0  # either gold status is right
    d = report.documents[0]
    assert [f.record["type"] for f in d.missed] == ["dismissal"]
    assert [f.record["type"] for f in d.extra] == ["criminal"]


def test_statistics_match_on_value_and_any_gold_measure() -> None:
    gold = doc(
        statistics=[
            {"value": 694, "measure": "reported", "year": 2020, "topic": "asn_neutrality"},
            {
                "value": 256,
                "measure": ["proven", "sanctioned"],
                "year": 2020,
                "topic": "asn_neutrality",
            },
        ]
    )
    pred = doc(
        statistics=[
            {"value": 694.0, "measure": "recorded", "year": 2020, "topic": "asn_neutrality"},
            {"value": 256, "measure": "sanctioned", "year": 2024, "topic": "asn_neutrality"},
        ]
    )
    report = score([gold], {"d1": pred})
    c = report.counts["statistics"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert report.accuracy["statistics.year"].value == 0.0
    assert report.accuracy["statistics.topic"].value == 1.0
    assert [m.attribute for m in report.documents[0].wrong] == ["statistics.year"]


def test_dates_are_distinct_days_and_months_and_relative_extras_are_free() -> None:
    gold = doc(
        dates=[
            {"value": "2023-11-15T09:15", "granularity": "datetime"},
            {"value": "2023-11-15", "granularity": "day"},
            {"value": "2024-11", "granularity": "month"},
            {"value": "2024", "granularity": "year"},
            {"value": "2024-07-17", "granularity": "day", "relative": True, "optional": True},
        ]
    )
    pred = doc(
        dates=[
            {"value": "2023-11-15", "granularity": "day"},
            {"value": "2023-11-15T10:00", "granularity": "datetime"},
            {"value": "2025", "granularity": "year"},
            {"value": "2024-07-10", "granularity": "day", "relative": True},
            {"value": "2024-01-01", "granularity": "day"},
        ]
    )
    report = score([gold], {"d1": pred})
    c = report.counts["dates"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)  # 2023-11-15 / 2024-01-01 / 2024-11
    assert [f.record["value"] for f in report.documents[0].extra] == ["2024-01-01"]


def test_text_report_names_the_records() -> None:
    gold = doc(
        officials=[{"name": "Agus Pramusinto", "position": "Ketua"}],
        quotes=[
            {"text": "netralitas ASN harus dijaga", "kind": "direct", "speaker": "Agus Pramusinto"}
        ],
        statistics=[
            {"value": 694, "unit": "persons", "measure": "reported", "topic": "asn_neutrality"}
        ],
    )
    pred = doc(sanctions=[{"type": "dismissal", "status": "threatened"}])
    text = score([gold], {"d1": pred}).format()
    assert "missed officials" in text and "Agus Pramusinto" in text
    assert "netralitas ASN harus dijaga" in text
    assert "694 persons reported" in text
    assert "extra  sanctions" in text and "dismissal [threatened]" in text


def test_pattern_table_agrees_with_reference_scorer() -> None:
    if not SCORE_PY.is_file():
        pytest.skip("../shared/tools/score.py absent")
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    assert spec and spec.loader
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    lex = evaluate.patterns.load(evaluate.EvaluateLexicon)
    assert lex.acronyms == ref.ACRONYMS
    probes = [
        *lex.acronyms,
        *lex.ignored_words,
        "Pemerintah Kota Balikpapan",
        "Ketua KASN RI",
        "Dan",
    ]
    for probe in probes:
        assert evaluate.folded_words(probe) == ref.expand(probe), probe


# -- command line --------------------------------------------------------------------------


def test_cli_usage_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "error" in err
    assert evaluate.main([str(CORPUS), str(CORPUS), "--pred", str(CORPUS)]) == 2
    assert evaluate.main([str(CORPUS), "--min", "nonsense=0.5"]) == 2
    assert evaluate.main(["--help"]) == 0


def test_cli_unreadable_input_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([str(tmp_path / "nowhere")]) == 1
    assert evaluate.main([str(tmp_path)]) == 1  # no gold files
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert evaluate.main([str(tmp_path), "--pred", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all("Traceback" not in line for line in err)


def test_cli_scores_predictions_and_applies_minimums(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golds = load_gold(CORPUS)
    preds = [copy.deepcopy(g) for g in golds]
    preds[0]["officials"] = []
    jsonl = tmp_path / "pred.jsonl"
    jsonl.write_text("\n".join(json.dumps(p) for p in preds) + "\n", encoding="utf-8")

    assert evaluate.main([str(CORPUS), "--pred", str(jsonl), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["prf"]["officials"]["fn"] == len(
        [o for o in golds[0]["officials"] if not o.get("optional")]
    )
    missed = out["documents"][0]["missed"]
    assert {m["record"]["name"] for m in missed} == {o["name"] for o in golds[0]["officials"]}

    assert evaluate.main([str(CORPUS), "--pred", str(jsonl), "--min", "officials=1.0"]) == 3
    assert "SHORT: officials F1" in capsys.readouterr().err


def test_cli_runs_the_extractor_on_texts_beside_the_gold(
    extractor_, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from extractor import pipeline

    monkeypatch.setattr(pipeline, "Extractor", lambda *a, **k: extractor_)  # one load per session
    assert evaluate.main([str(CORPUS), "--json", "--summary"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["prf"]) == set(evaluate.CATEGORIES)
    assert out["missing_docs"] == []
    assert "documents" not in out


# -- agreement with the reference scorer ------------------------------------------------------

_STATUSES = ["imposed", "recommended", "proposed", "threatened", "mentioned"]
_MEASURES = ["reported", "recorded", "proven", "recommended", "sanctioned", "other"]
_TOPICS = ["asn_neutrality", "money_politics", "election_violation", "other"]
_TYPES = [
    "verbal_reprimand",
    "written_reprimand",
    "demotion",
    "transfer",
    "dismissal",
    "criminal",
    "unspecified",
]


def _edit_text(text: str, rng: random.Random) -> str:
    words = text.split()
    keep = [w for w in words if rng.random() > rng.choice([0.05, 0.3, 0.6])]
    return " ".join(keep or words[:1])


def _perturb_record(category: str, r: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    r = copy.deepcopy(r)
    r.pop("optional", None) if rng.random() < 0.5 else None
    roll = rng.random()
    if category == "officials":
        if roll < 0.2:
            r["name"] = r["name"].upper().replace(" ", "  ")
        elif roll < 0.35:
            r["name"] = r["name"] + " Putra"
        elif roll < 0.5:
            r["position"] = rng.choice(["Sekda", "Ketua", "Kepala Dinas", None, "Kadis Pendidikan"])
        elif roll < 0.65:
            r["organization"] = rng.choice(
                ["Pemprov Bali", "KASN", "Bawaslu Kota Balikpapan", None, "DPRD RI"]
            )
    elif category == "quotes":
        if roll < 0.4:
            r["text"] = _edit_text(r.get("text") or "", rng)
        elif roll < 0.55:
            r["speaker"] = rng.choice(
                [None, "Dewa", "Seseorang Lain", (r.get("speaker") or "").lower()]
            )
        elif roll < 0.65:
            r["kind"] = "indirect" if r.get("kind") == "direct" else "direct"
    elif category == "sanctions":
        if roll < 0.3:
            r["status"] = rng.choice(_STATUSES)
        elif roll < 0.5:
            r["type"] = rng.choice(_TYPES)
    elif category == "statistics":
        if roll < 0.2:
            r["value"] = r["value"] + rng.choice([1, 0.5, 1000])
        elif roll < 0.4:
            r["measure"] = rng.choice(_MEASURES)
        elif roll < 0.5:
            r["year"] = (r.get("year") or 2020) + 1
        elif roll < 0.6:
            r["topic"] = rng.choice(_TOPICS)
        elif roll < 0.7:
            r["value"] = str(r["value"])  # a string value still compares as a number
    elif category == "dates":
        if roll < 0.2:
            r["value"] = (r.get("value") or "2024-01-01")[:8] + "28"
        elif roll < 0.35:
            r["relative"] = not r.get("relative")
        elif roll < 0.45:
            r["granularity"] = rng.choice(["day", "month", "year", "datetime"])
    return r


_INVENTED: dict[str, list[dict[str, Any]]] = {
    "officials": [{"name": "Nama Karangan", "position": "Camat"}],
    "quotes": [
        {
            "text": "kalimat yang tidak pernah diucapkan siapa pun",
            "kind": "direct",
            "speaker": None,
        },
        {"text": "hal yang dilaporkan tanpa dasar", "kind": "indirect", "speaker": "Nama Karangan"},
    ],
    "sanctions": [
        {"type": "moral", "status": "mentioned"},
        {"type": "unspecified", "status": "imposed"},
    ],
    "statistics": [{"value": 123456, "measure": "recorded", "topic": "other", "year": None}],
    "dates": [
        {"value": "1999-01-02", "granularity": "day", "relative": False},
        {"value": "1999-03-04", "granularity": "day", "relative": True},
        {"value": "1999-05", "granularity": "month"},
    ],
}


def perturbed(golds: list[dict[str, Any]], seed: int, mode: str) -> list[dict[str, Any]]:
    """Predictions derived from gold: records dropped, added, duplicated or changed."""
    rng = random.Random(seed)
    out = []
    for g in golds:
        if mode == "random" and rng.random() < 0.1:
            continue  # a document without prediction
        p = copy.deepcopy(g)
        for category in ("officials", "quotes", "sanctions", "statistics", "dates"):
            records = list(p.get(category) or [])
            if mode in ("dropped", "random"):
                records = [
                    r
                    for i, r in enumerate(records)
                    if (i % 2 if mode == "dropped" else rng.random() > 0.25)
                ]
            if mode in ("changed", "random"):
                records = [_perturb_record(category, r, rng) for r in records]
            if mode == "optional_only":
                records = [r for r in records if not r.get("optional")]
            if mode in ("added", "random"):
                records += copy.deepcopy(_INVENTED[category])
                if records and rng.random() < 0.5:
                    records.append(copy.deepcopy(rng.choice(records)))
            rng.shuffle(records) if mode == "random" else None
            p[category] = records
        out.append(p)
    return out


def _gold_dirs() -> list[Any]:
    """corpus/ always; ../shared/gold as a visible skip when the shared data is absent."""
    absent = not (SHARED / "gold").is_dir()
    reason = f"{SHARED / 'gold'} absent (a clean clone): shared-gold agreement skipped"
    return [CORPUS, pytest.param(SHARED / "gold", marks=pytest.mark.skipif(absent, reason=reason))]


def _reference(gold_dir: Path, pred: Path) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, str(SCORE_PY), str(gold_dir), str(pred), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def _assert_agrees(gold_dir: Path, pred: Path, capsys: pytest.CaptureFixture[str]) -> Report:
    ref = _reference(gold_dir, pred)
    report = evaluate.evaluate(gold_dir, pred=pred)
    mine = report.to_dict(documents=False)
    assert mine["prf"] == ref["prf"]
    assert mine["acc"] == ref["acc"]
    assert mine["missing_docs"] == ref["missing_docs"]
    # the CLI prints the same numbers
    capsys.readouterr()
    assert evaluate.main([str(gold_dir), "--pred", str(pred), "--json", "--summary"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        k: ref[k] for k in ("prf", "acc", "missing_docs")
    }
    return report


def _write_dir(folder: Path, docs: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / f"{d['doc_id']}.json").write_text(
            json.dumps(d, ensure_ascii=False), encoding="utf-8"
        )
    return folder


@needs_score_py
@pytest.mark.parametrize("gold_dir", _gold_dirs(), ids=lambda p: p.parent.name + "/" + p.name)
@pytest.mark.parametrize(
    ("mode", "seed"),
    [
        ("gold", 0),
        ("dropped", 0),
        ("added", 1),
        ("changed", 2),
        ("changed", 3),
        ("optional_only", 0),
        ("random", 4),
        ("random", 5),
        ("random", 6),
        ("random", 7),
    ],
)
def test_agrees_with_reference_on_perturbed_predictions(
    gold_dir: Path, mode: str, seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golds = load_gold(gold_dir)
    preds = golds if mode == "gold" else perturbed(golds, seed, mode)
    if seed % 2:  # half of the sets as JSONL, half as a folder
        pred: Path = tmp_path / "pred.jsonl"
        pred.write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8"
        )
    else:
        pred = _write_dir(tmp_path / "pred", preds)
    report = _assert_agrees(gold_dir, pred, capsys)
    if mode == "gold":
        assert all(c.f1 == 1.0 for c in report.counts.values())
    elif mode in ("dropped", "added"):
        assert any(c.f1 < 1.0 for c in report.counts.values())


@needs_score_py
@pytest.mark.parametrize("gold_dir", _gold_dirs(), ids=lambda p: p.parent.name + "/" + p.name)
def test_agrees_with_reference_on_extractor_output(
    gold_dir: Path, extractor_, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golds = load_gold(gold_dir)
    text_dirs = [gold_dir, SHARED / "seeds", SHARED / "dev"]
    preds = evaluate.predict(golds, text_dirs, extractor_)
    assert preds, "no texts found for the gold documents"
    _assert_agrees(gold_dir, _write_dir(tmp_path / "pred", list(preds.values())), capsys)


@pytest.mark.skipif(
    importlib.util.find_spec("extractor.cli") is None, reason="extractor.cli absent"
)
def test_python_m_extractor_evaluate_is_wired(capsys: pytest.CaptureFixture[str]) -> None:
    from extractor import cli

    assert cli.main(["evaluate", str(CORPUS), "--pred", str(CORPUS), "--json", "--summary"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert all(v["f1"] == 1.0 for v in out["prf"].values())


# -- list-valued gold (SPEC "Gold annotations and scoring") and unsafe doc ids -------------------


LIST_GOLD = doc(
    officials=[
        {
            "name": "Wayan Contoh",
            "position": ["Sekretaris Daerah", "Kepala BKD"],
            "organization": ["Pemerintah Kabupaten Contoh", "BKD"],
        }
    ],
    statistics=[{"value": 12, "unit": "persons", "measure": ["proven", "sanctioned"]}],
)


@pytest.mark.parametrize(
    ("position", "organization", "expected"),
    [
        ("Sekda", "Pemkab Contoh", 1.0),  # the first split
        ("Kepala Badan Kepegawaian Daerah", "Badan Kepegawaian Daerah", 1.0),  # the second
        # words from both splits pooled are not one of the splits
        ("Kepala Sekretaris", "Pemerintah Badan", 0.0),
        (None, None, 0.0),
    ],
)
def test_list_valued_position_and_organization_accept_any_one_split(
    position: str | None, organization: str | None, expected: float
) -> None:
    pred = doc(
        officials=[{"name": "Wayan Contoh", "position": position, "organization": organization}]
    )
    report = score([LIST_GOLD], {"d1": pred})
    assert report.accuracy["official.position"].value == expected
    assert report.accuracy["official.organization"].value == expected


@pytest.mark.parametrize(("measure", "tp"), [("proven", 1), ("sanctioned", 1), ("reported", 0)])
def test_list_valued_measure_accepts_any_one(measure: str, tp: int) -> None:
    pred = doc(statistics=[{"value": 12, "unit": "persons", "measure": measure}])
    assert score([LIST_GOLD], {"d1": pred}).counts["statistics"].tp == tp


@needs_score_py
def test_list_valued_gold_agrees_with_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold_dir = _write_dir(tmp_path / "gold", [LIST_GOLD])
    for i, (position, org, measure) in enumerate(
        [
            ("Kepala Sekretaris", "Pemerintah Badan", "reported"),
            ("Sekda", "BKD", "sanctioned"),
            (["Sekda"], ["Pemkab Contoh", "BKD"], ["proven"]),  # gold scored as a prediction
        ]
    ):
        pred = doc(
            officials=[{"name": "Wayan Contoh", "position": position, "organization": org}],
            statistics=[{"value": 12, "unit": "persons", "measure": measure}],
        )
        _assert_agrees(gold_dir, _write_dir(tmp_path / f"pred{i}", [pred]), capsys)


@pytest.mark.parametrize(
    "doc_id", ["../secret", "..", "sub/dir", "a\\b", "/etc/passwd", "nul\x00byte", ".hidden"]
)
def test_a_doc_id_that_is_a_path_is_refused(doc_id: str, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (tmp_path / "secret.txt").write_text("Judul\n\nRahasia.", encoding="utf-8")
    with pytest.raises(evaluate.EvaluateError, match="not a plain file name"):
        evaluate.predict([{"doc_id": doc_id}], [texts])


def test_cli_refuses_a_path_doc_id_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "g.json").write_text(json.dumps(doc("../outside")), encoding="utf-8")
    (tmp_path / "outside.txt").write_text("Judul\n\nIsi.", encoding="utf-8")
    assert evaluate.main([str(gold_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not a plain file name" in err
