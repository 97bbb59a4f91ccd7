"""``python -m extractor batch``: inputs, outputs, errors, resume after a kill, flat tables."""

from __future__ import annotations

import csv
import gzip
import json
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

from batch_helpers import run_main, tree_bytes, write_jsonl  # noqa: E402

from extractor import batch, parallel, tables  # noqa: E402
from extractor.models import ArticleFacts  # noqa: E402


def article(i: int) -> str:
    """A short synthetic article with a quote and a date (fast to extract)."""
    return (
        f"Bawaslu Catat {i} Laporan\n\n"
        f"Ketua Bawaslu Kota Balikpapan, Budi Santoso mengatakan ada {i} laporan "
        f"pelanggaran netralitas ASN pada Senin (18/3/2024).\n\n"
        f'"Kami akan menindaklanjuti semua laporan," kata Budi.'
    )


def records(n: int, start: int = 0) -> list[dict]:
    return [
        {"id": f"a{i:05d}", "text": article(i), "published": "2024-03-19", "url": f"https://x/{i}"}
        for i in range(start, start + n)
    ]


def jsonl_ids(path: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in path.read_text("utf-8").splitlines()]


def parquet_ids(folder: Path, table: str = "articles") -> list[str]:
    return pd.read_parquet(folder / table)["doc_id"].tolist()


# -- inputs ------------------------------------------------------------------------------
def test_txt_folder_is_recursive_and_clashing_stems_get_relative_paths(tmp_path: Path) -> None:
    src = tmp_path / "txt"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    (src / "one.txt").write_text(article(1), "utf-8")
    (src / "a" / "same.txt").write_text(article(2), "utf-8")
    (src / "b" / "same.txt").write_text(article(3), "utf-8")
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 0
    lines = out.read_text("utf-8").splitlines()
    assert [ArticleFacts.model_validate_json(x).doc_id for x in lines] == [
        "a/same.txt",
        "b/same.txt",
        "one",
    ]
    facts = ArticleFacts.model_validate_json(lines[2])
    assert facts.quotes and facts.quotes[0].speaker == "Budi Santoso"


def test_jsonl_gz_csv_and_parquet_with_custom_field_names(tmp_path: Path) -> None:
    rows = [{"key": r["id"], "body": r["text"], "date": r["published"]} for r in records(6)]
    gz = tmp_path / "in.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows[:2])
    csv_path = tmp_path / "in.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["key", "body", "date"])
        w.writeheader()
        w.writerows(rows[2:4])
    pq_path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows[4:]), pq_path)
    out = tmp_path / "out.jsonl"
    code = run_main(
        gz, csv_path, pq_path, "-o", out, "--workers", "1",
        "--id-field", "key", "--text-field", "body", "--published-field", "date",
    )  # fmt: skip
    assert code == 0
    facts = [ArticleFacts.model_validate_json(x) for x in out.read_text("utf-8").splitlines()]
    assert [f.doc_id for f in facts] == [r["key"] for r in rows]
    assert {f.published for f in facts} == {"2024-03-19"}


def test_bad_records_become_error_records_and_the_run_goes_on(tmp_path: Path) -> None:
    good = records(3)
    lines = [
        json.dumps(good[0]),
        "{not json",
        json.dumps({"id": "no-text", "body": "x"}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "bad-date", "text": article(9), "published": "kemarin lusa"}),
        json.dumps(good[1]),
        json.dumps(good[0]),  # the same id again
        json.dumps(good[2])[:40],  # a truncated last line
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines), "utf-8")
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 3  # done, with error records
    assert jsonl_ids(out) == ["a00000", "a00001"]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    by_id = {e["doc_id"]: e["error_type"] for e in errors}
    assert by_id == {
        "in:2": "JSONDecodeError",
        "no-text": "MissingText",
        "number": "TypeError",
        "bad-date": "ValueError",
        "a00000": "DuplicateId",
        "in:8": "TruncatedRecord",
    }
    assert all(e["message"] and "\n" not in e["message"] for e in errors)


def test_truncated_gzip_gives_an_error_record_after_the_readable_part(tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records(400)).encode())
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 3
    ids = jsonl_ids(out)
    assert 0 < len(ids) < 400 and ids == [f"a{i:05d}" for i in range(len(ids))]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert [e["error_type"] for e in errors] == ["TruncatedInput"]


def test_truncated_csv_and_short_rows_become_error_records(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "published"])
        w.writerows([f"a{i}", article(i), "2024-03-19"] for i in range(3))
        fh.write('short\ncut,"Bawaslu Catat')  # a row without text, then a cut-off one
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 3
    assert jsonl_ids(out) == ["a0", "a1", "a2"]
    errors = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert [(e["doc_id"], e["error_type"]) for e in errors] == [
        ("short", "BadRecord"),
        ("cut", "BadRecord"),
    ]


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: p.with_suffix(".csv").write_text("id,body\n1,x\n"), "no text column 'text'"),
        (lambda p: p.with_suffix(".xlsx").write_bytes(b"x"), "unknown input type"),
    ],
)
def test_unusable_inputs_fail_with_one_line(tmp_path, capsys, make, needle) -> None:
    make(tmp_path / "in")
    src = next(tmp_path.glob("in.*"))
    assert run_main(src, "-o", tmp_path / "out.jsonl") == 1
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out.jsonl").exists()


def test_usage_errors_exit_2_with_one_line(tmp_path, capsys) -> None:
    assert run_main(tmp_path, "-o", tmp_path / "o.jsonl", "--workers", "x") == 2
    assert run_main(tmp_path, "-o", tmp_path / "o.jsonl", "--scheduler", "tcp://h:1") == 2
    assert run_main(tmp_path) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(x.startswith("python -m extractor batch: error:") for x in lines)
    assert run_main(tmp_path, "-o", tmp_path / "out.csv") == 1  # output type


def test_existing_output_needs_resume_or_force(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(2))
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1") == 0
    first = out.read_bytes()
    assert run_main(src, "-o", out, "--workers", "1") == 1
    assert "--resume" in capsys.readouterr().err
    assert run_main(src, "-o", out, "--workers", "1", "--force") == 0
    assert out.read_bytes() == first


# -- outputs ------------------------------------------------------------------------------
def test_parquet_tables_are_keyed_by_doc_id_and_typed(tmp_path: Path, capsys) -> None:
    rows = [*records(5), {"id": "broken", "text": None}]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.parquet"
    assert run_main(src, "-o", out, "--workers", "1", "--part-size", "4") == 3
    loaded = {name: pd.read_parquet(out / name) for name in tables.TABLES}
    assert loaded["articles"]["doc_id"].tolist() == [r["id"] for r in rows[:5]]
    assert loaded["articles"]["url"].tolist() == [r["url"] for r in rows[:5]]
    assert set(loaded["quotes"]["doc_id"]) <= set(loaded["articles"]["doc_id"])
    assert set(loaded["quotes"]["doc_id"]) == {r["id"] for r in rows[:5]}
    assert set(loaded["quotes"]["speaker"]) == {"Budi Santoso"}
    assert loaded["articles"]["n_quotes"].sum() == len(loaded["quotes"])
    assert loaded["dates"]["value"].tolist() == ["2024-03-18"] * 5
    assert loaded["errors"][["doc_id", "error_type"]].values.tolist() == [["broken", "TypeError"]]
    for name in tables.TABLES:  # every part of every table has the declared schema
        for part in sorted((out / name).glob("*.parquet")):
            assert pq.read_schema(part).names == list(tables.COLUMNS[name])
    (summary,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("batch done")]
    n_quotes = len(loaded["quotes"])
    assert "5 articles" in summary and "1 errors" in summary and f"{n_quotes} quotes" in summary


def test_same_input_gives_byte_identical_output_for_any_worker_count(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(parallel, "RECYCLE_AFTER", 5)  # fresh worker processes mid-run too
    src = write_jsonl(tmp_path / "in.jsonl", records(40))
    for kind in ("jsonl", "parquet"):
        a, b = tmp_path / f"a.{kind}", tmp_path / f"b.{kind}"
        assert run_main(src, "-o", a, "--workers", "1", "--part-size", "16") == 0
        assert (
            run_main(src, "-o", b, "--workers", "2", "--chunk-size", "3", "--part-size", "16") == 0
        )
        if kind == "jsonl":
            assert a.read_bytes() == b.read_bytes()
        else:
            assert tree_bytes(a) == tree_bytes(b)


def test_parquet_rows_do_not_depend_on_how_chunks_and_parts_cut_them(tmp_path: Path) -> None:
    rows: list[dict] = []
    for i in range(23):  # error records and articles with no quote among the others
        if i % 5 == 2:
            rows.append({"id": f"e{i}", "text": None})
        elif i % 4 == 1:
            rows.append({"id": f"n{i}", "text": "Rapat digelar di Jakarta."})
        else:
            rows.append({"id": f"a{i}", "text": article(i), "url": f"https://x/{i}"})
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    from extractor.pipeline import default_extractor

    ex = default_extractor()
    expected = tables.TableBuilder()  # the same rows, built in this process
    for r in rows:
        if r["text"] is not None:
            expected.add_facts(ex.extract(r["text"], doc_id=r["id"]), url=r.get("url"))
    want = expected.to_arrow()
    assert want["quotes"].num_rows > 0 and want["articles"]["n_quotes"].to_pylist().count(0) > 0
    trees = []
    for chunk in ("1", "4", "64"):
        out = tmp_path / f"c{chunk}.parquet"
        argv = ("--workers", "2", "--chunk-size", chunk, "--part-size", "3")
        assert run_main(src, "-o", out, *argv) == 3
        for name in tables.FACT_TABLES:
            assert pq.read_table(out / name).equals(want[name]), name
        assert parquet_ids(out, "errors") == ["e2", "e7", "e12", "e17", "e22"]
        parts = sorted((out / "articles").glob("part-*.parquet"))
        sizes = [
            pq.read_metadata(p).num_rows + pq.read_metadata(out / "errors" / p.name).num_rows
            for p in parts
        ]
        assert sizes == [3] * 7 + [2]  # every part holds part-size records, errors included
        trees.append(tree_bytes(out))
    assert trees[0] == trees[1] == trees[2]


def test_resume_drops_a_partial_line_and_completes_exactly_once(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(12))
    clean = tmp_path / "clean.jsonl"
    assert run_main(src, "-o", clean, "--workers", "1") == 0
    lines = clean.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:5]) + lines[5][:30])  # as a kill mid-write leaves it
    assert run_main(src, "-o", out, "--workers", "1", "--resume") == 0
    assert out.read_bytes() == clean.read_bytes()


def test_parquet_resume_removes_an_uncommitted_part(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(10))
    clean = tmp_path / "clean.parquet"
    assert run_main(src, "-o", clean, "--workers", "1", "--part-size", "4") == 0
    out = tmp_path / "out.parquet"
    import shutil

    shutil.copytree(clean, out)
    # a kill after part 1's other tables were renamed but before its articles file (the commit)
    (out / "articles" / "part-000001.parquet").unlink()
    (out / "articles" / "part-000002.parquet").unlink()
    (out / "quotes" / ".part-000002.parquet.tmp").write_bytes(b"half")
    assert run_main(src, "-o", out, "--workers", "1", "--part-size", "4", "--resume") == 0
    assert tree_bytes(out) == tree_bytes(clean)


def _child(argv: list[str], err: str) -> None:
    sys.stderr = open(err, "w", encoding="utf-8")  # noqa: SIM115
    code = batch.main(argv)
    sys.stderr.flush()
    raise SystemExit(code)


class _Run:
    """``batch.main(argv)`` in a forked process (it inherits the loaded Extractor)."""

    def __init__(self, tmp: Path, *argv: str | Path) -> None:
        self.err = tmp / f"stderr-{time.monotonic_ns()}.txt"
        ctx = multiprocessing.get_context("fork")
        self.proc = ctx.Process(target=_child, args=([str(a) for a in argv], str(self.err)))
        self.proc.start()

    def poll(self) -> int | None:
        return self.proc.exitcode

    def communicate(self) -> tuple[str, str]:
        return "", self.err.read_text("utf-8") if self.err.exists() else ""

    def signal(self, sig: int) -> None:
        os.kill(self.proc.pid, sig)

    def wait(self, timeout: float = 120) -> tuple[int | None, str]:
        self.proc.join(timeout)
        return self.proc.exitcode, self.communicate()[1]


def _wait_for(pred, proc: _Run, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not pred():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the run made no progress"
        time.sleep(0.02)


def test_sigkill_halfway_then_resume_holds_every_article_exactly_once(tmp_path: Path) -> None:
    n = 600
    src = write_jsonl(tmp_path / "in.jsonl", records(n))
    out = tmp_path / "out.parquet"
    args = (src, "-o", out, "--workers", "2", "--chunk-size", "8", "--part-size", "50")
    from extractor.pipeline import default_extractor

    default_extractor()  # loaded once here; the forked run inherits it
    proc = _Run(tmp_path, *args)
    _wait_for(lambda: len(list((out / "articles").glob("part-*.parquet"))) >= 3, proc)
    proc.signal(signal.SIGKILL)
    proc.wait()
    for p in out.rglob("part-*.parquet"):  # whatever is visible is complete and valid
        pq.read_table(p)
    done = parquet_ids(out)
    assert 0 < len(done) < n
    code, err = _Run(tmp_path, *args, "--resume").wait()
    assert code == 0, err
    ids = parquet_ids(out)
    assert ids == [f"a{i:05d}" for i in range(n)]  # each once, in input order
    assert f"{n - len(done)} articles" in err and f"{len(done)} already done" in err
    clean = tmp_path / "clean.parquet"
    assert run_main(*args[:2], clean, *args[3:]) == 0
    assert tree_bytes(out) == tree_bytes(clean)


def test_sigint_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    n = 400
    src = write_jsonl(tmp_path / "in.jsonl", records(n))
    out = tmp_path / "out.jsonl"
    args = (src, "-o", out, "--workers", "2", "--chunk-size", "8")
    from extractor.pipeline import default_extractor

    default_extractor()
    proc = _Run(tmp_path, *args)
    _wait_for(lambda: out.exists() and out.stat().st_size > 10_000, proc)
    proc.signal(signal.SIGINT)
    code, err = proc.wait()
    assert code == 130 and "--resume" in err and "Traceback" not in err
    assert out.read_bytes().endswith(b"\n")
    assert 0 < len(jsonl_ids(out)) < n
    assert run_main(*args, "--resume") == 0
    assert jsonl_ids(out) == [f"a{i:05d}" for i in range(n)]


# -- library -------------------------------------------------------------------------------
def test_extract_frame_returns_flat_tables_and_errors() -> None:
    df = pd.DataFrame(
        {
            "id": ["x1", "x2", "x3"],
            "text": [article(7), 3.5, article(8)],
            "published": ["2024-03-19", None, float("nan")],
        }
    )
    out = tables.extract_frame(df)
    assert set(out) == set(tables.TABLES)
    assert out["articles"]["doc_id"].tolist() == ["x1", "x3"]
    assert out["articles"]["published_iso"].tolist()[0] == "2024-03-19"
    assert out["articles"]["published"].tolist()[0] == pd.Timestamp("2024-03-19")
    assert out["errors"]["doc_id"].tolist() == ["x2"]
    joined = out["quotes"].merge(out["articles"], on="doc_id")
    assert sorted(set(joined["doc_id"])) == ["x1", "x3"]
    with pytest.raises(KeyError, match="no text column"):
        tables.extract_frame(df.rename(columns={"text": "body"}))
    with pytest.warns(UserWarning, match="no column 'published'"):
        tables.extract_frame(df[["id", "text"]].iloc[:1])


def test_facts_to_tables_keeps_every_record() -> None:
    from extractor import extract

    facts = [extract(article(i), doc_id=f"d{i}") for i in range(3)]
    out = tables.facts_to_tables(facts, urls=["u0", "u1", "u2"])
    assert out["articles"]["url"].tolist() == ["u0", "u1", "u2"]
    assert len(out["dates"]) == sum(len(f.dates) for f in facts)
    row = out["quotes"].iloc[0]
    assert article(0)[row["span_start"] : row["span_end"]] == facts[0].quotes[0].span.text


def test_pipe_with_processes_keeps_input_order() -> None:
    from extractor.pipeline import default_extractor

    items = [{"id": f"p{i}", "text": article(i)} for i in range(20)] + [article(99)]
    ex = default_extractor()
    serial = [f.model_dump() for f in ex.pipe(items)]
    parallel = [f.model_dump() for f in ex.pipe(items, n_process=2, batch_size=3)]
    assert parallel == serial
    assert [f["doc_id"] for f in parallel][-2:] == ["p19", "20"]
