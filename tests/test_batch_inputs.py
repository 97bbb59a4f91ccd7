"""Batch inputs that used to lose articles or stop a run: every record gives facts or an
error record with its id, and the run goes on (issue 9, items 2, 4 and 9)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

from batch_helpers import article, run_main  # noqa: E402

from extractor.models import ArticleFacts  # noqa: E402


def ok_lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in out.read_text("utf-8").splitlines()]


def error_lines(out: Path) -> list[dict]:
    path = out.with_name(out.name.replace(".jsonl", ".errors.jsonl"))
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()] if path.exists() else []


def codes(facts: dict) -> list[str]:
    return [w["code"] for w in facts["warnings"]]


# -- item 2: lone surrogates ---------------------------------------------------------------
def test_lone_surrogates_in_id_and_text_are_replaced_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "ok1", "text": article(1)},
        {"id": "sur\ud800", "text": article(2).replace("Aduan", "Adu\udfffan", 1)},
        {"id": "ok3", "text": article(3)},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")  # \ud800 escapes
    for kind in ("jsonl", "parquet"):
        out = tmp_path / f"out.{kind}"
        assert run_main(src, "-o", out, "--workers", "1") == 0
        if kind == "jsonl":
            got = ok_lines(out)
            assert [f["doc_id"] for f in got] == ["ok1", "sur\ufffd", "ok3"]
            assert got[1]["headline"] == "Panwaslu Catat 2 Adu\ufffdan"
            assert codes(got[1]).count("surrogates_replaced") == 2  # id and text
        else:
            ids = pd.read_parquet(out / "articles")["doc_id"].tolist()
            assert ids == ["ok1", "sur\ufffd", "ok3"]
            warns = pd.read_parquet(out / "warnings")
            assert set(warns[warns.doc_id == "sur\ufffd"]["code"]) == {"surrogates_replaced"}


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes need POSIX")
def test_a_txt_file_whose_name_is_not_utf8_gets_a_readable_id(tmp_path: Path) -> None:
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), "utf-8")
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 é in the name
    (folder / name).write_text(article(2), "utf-8")
    out = tmp_path / "out.parquet"
    assert run_main(folder, "-o", out, "--workers", "1") == 0
    assert sorted(pd.read_parquet(out / "articles")["doc_id"]) == ["café", "good"]


# -- item 4: CSV ----------------------------------------------------------------------------
def _csv_bytes(n: int) -> list[bytes]:
    rows = []
    for i in range(n):
        buf = []
        w = csv.writer(_Lines(buf), lineterminator="\n")
        w.writerow([f"c{i:03d}", article(i), "2024-03-20"])
        rows.append("".join(buf).encode("utf-8"))
    return rows


class _Lines:
    def __init__(self, buf: list[str]) -> None:
        self.buf = buf

    def write(self, s: str) -> None:
        self.buf.append(s)


def test_a_non_utf8_byte_in_one_csv_row_costs_a_warning_not_the_rest(tmp_path: Path) -> None:
    rows = _csv_bytes(40)
    rows[20] = rows[20].replace(b"periksa", b"per\xe9ksa")  # one Windows-1252 byte
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,text,published\n" + b"".join(rows))
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "2") == 0
    got = ok_lines(out)
    assert [f["doc_id"] for f in got] == [f"c{i:03d}" for i in range(40)]
    assert codes(got[20])[:1] == ["decoded_cp1252"]
    assert not any("decoded_cp1252" in codes(f) for i, f in enumerate(got) if i != 20)
    assert "Semua aduan kami peréksa" in [q["text"] for q in got[20]["quotes"]]


def test_an_unterminated_quote_costs_one_csv_row(tmp_path: Path) -> None:
    rows = _csv_bytes(30)
    rows[5] = b'c005,"Teks tanpa tanda kutip penutup,2024-03-20\n'  # the quote never closes
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,text,published\n" + b"".join(rows))
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "2") == 3
    assert [f["doc_id"] for f in ok_lines(out)] == [f"c{i:03d}" for i in range(30) if i != 5]
    errors = error_lines(out)
    assert [(e["doc_id"], e["error_type"]) for e in errors] == [("c005", "BadRecord")]
    assert errors[0]["source"].endswith("in.csv:27")  # 5 lines per article before it


def test_a_csv_row_with_an_odd_quote_next_to_a_broken_one_is_kept(tmp_path: Path) -> None:
    rows = _csv_bytes(8)
    rows[2] = b'c002,"Teks rusak,2024-03-20\n'
    rows[3] = b'c003,Rapat ""darurat digelar,2024-03-20\n'  # an odd count of quote marks
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,text,published\n" + b"".join(rows))
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 3
    ok = [f["doc_id"] for f in ok_lines(out)]
    bad = [e["doc_id"] for e in error_lines(out)]
    assert sorted(ok + bad) == [f"c{i:03d}" for i in range(8)]  # every row accounted for
    assert "c002" in bad and {"c000", "c001", "c004", "c005", "c006", "c007"} <= set(ok)


# -- item 9: wrong input, no silence -------------------------------------------------------
def test_an_empty_folder_is_an_error_not_an_empty_success(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out.jsonl"
    assert run_main(tmp_path / "empty", "-o", out) == 1
    err = capsys.readouterr().err.strip()
    assert "no .txt files" in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_missing_id_and_published_columns_are_reported(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["body"], [article(1)], [article(2)]])
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1", "--text-field", "body") == 0
    err = capsys.readouterr().err
    assert "no id column 'id'" in err and "no published column 'published'" in err
    jl = tmp_path / "in.jsonl"
    jl.write_text(json.dumps({"text": article(1)}) + "\n", "utf-8")
    assert run_main(jl, "-o", tmp_path / "o2.jsonl", "--workers", "1") == 0
    err = capsys.readouterr().err
    assert "1 records had no id" in err and "1 records had no published date" in err


@pytest.mark.parametrize(
    ("text", "needle"),
    [("", "empty"), ("  \n\t ", "white space"), ("Rapat\x00digelar", "NUL")],
)
def test_empty_blank_or_nul_text_is_an_error_record(tmp_path: Path, text: str, needle: str) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": "bad", "text": text}, {"id": "good", "text": article(1)}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 3
    assert [f["doc_id"] for f in ok_lines(out)] == ["good"]
    (err,) = error_lines(out)
    assert err["doc_id"] == "bad" and err["error_type"] == "InputError" and needle in err["message"]


def test_a_truncated_parquet_input_is_an_error_record(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "cut.parquet"
    good = tmp_path / "good.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "text": article(1)}]), good)
    bad.write_bytes(good.read_bytes()[:-40])  # the footer is gone
    out = tmp_path / "out.jsonl"
    assert run_main(bad, good, "-o", out, "--workers", "1") == 3
    assert [f["doc_id"] for f in ok_lines(out)] == ["p1"]
    assert [(e["doc_id"], e["error_type"]) for e in error_lines(out)] == [("cut", "TruncatedInput")]
    assert "Traceback" not in capsys.readouterr().err


def test_a_jsonl_line_with_a_non_utf8_byte_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    line = json.dumps(
        {"id": "w", "text": article(1).replace("periksa", "perüksa")}, ensure_ascii=False
    )
    src.write_bytes(line.encode("utf-8").replace("ü".encode(), b"\xfc") + b"\n")
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 0
    (facts,) = ok_lines(out)
    assert facts["doc_id"] == "w" and codes(facts)[0] == "decoded_cp1252"
    assert "Semua aduan kami perüksa" in [q["text"] for q in facts["quotes"]]


def test_txt_decoding_warnings_reach_the_records(tmp_path: Path) -> None:
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "latin.txt").write_bytes(article(1).replace("periksa", "perúksa").encode("cp1252"))
    out = tmp_path / "out.jsonl"
    assert run_main(folder, "-o", out, "--workers", "1") == 0
    (facts,) = ok_lines(out)
    assert codes(facts)[0] == "decoded_cp1252"
    assert "Semua aduan kami perúksa" in [q.text for q in ArticleFacts.model_validate(facts).quotes]
