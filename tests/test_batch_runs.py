"""Batch runs a researcher can trust: resume, stop, lock, disk full, start checks, time
limit, and outputs that fit DuckDB and pandas (issue 9, items 3, 5–8, 10 and 12)."""

from __future__ import annotations

import builtins
import errno
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

from batch_helpers import article, run_main, tree_bytes, write_jsonl  # noqa: E402

from extractor import batch, parallel, tables  # noqa: E402
from extractor.batch import writers  # noqa: E402
from extractor.pipeline import Extractor, default_extractor  # noqa: E402


def with_duplicates(n: int) -> list[dict]:
    """n articles with every third id given twice more: DuplicateId error records."""
    rows = []
    for i in range(n):
        rows.append({"id": f"d{i:03d}", "text": article(i), "published": "2024-03-20"})
        if i % 3 == 0:
            rows.append({"id": f"d{i:03d}", "text": article(i + 100)})
    return rows


# -- item 5: resume keeps duplicate-id error records ----------------------------------------
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_resume_keeps_duplicate_id_records_and_the_same_bytes(tmp_path: Path, kind: str) -> None:
    rows = with_duplicates(12)  # 16 records, 4 of them DuplicateId
    src = tmp_path / "in.jsonl"
    clean, out = tmp_path / f"clean.{kind}", tmp_path / f"out.{kind}"
    argv = ("--workers", "1", "--chunk-size", "2", "--part-size", "4")
    # what a run killed after the first 7 records leaves behind
    assert run_main(write_jsonl(src, rows[:7]), "-o", out, *argv) == 3
    write_jsonl(src, rows)
    assert run_main(src, "-o", clean, *argv) == 3
    assert run_main(src, "-o", out, *argv, "--resume") == 3
    if kind == "jsonl":
        for name in ("out.jsonl", "out.errors.jsonl"):
            ref = (tmp_path / name.replace("out", "clean")).read_bytes()
            assert (tmp_path / name).read_bytes() == ref, name
        assert len((tmp_path / "out.errors.jsonl").read_text().splitlines()) == 4
    else:
        assert tree_bytes(out) == tree_bytes(clean)
        assert len(pd.read_parquet(out / "errors")) == 4


# -- item 8: Ctrl-C and SIGTERM save what is finished --------------------------------------
def _child(argv: list[str], err: str) -> None:
    sys.stderr = open(err, "w", encoding="utf-8")  # noqa: SIM115
    code = batch.main(argv)
    sys.stderr.flush()
    raise SystemExit(code)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_parquet_run_saves_finished_articles_and_resume_matches(
    tmp_path: Path, sig: int
) -> None:
    n = 300
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"s{i:04d}", "text": article(i)} for i in range(n)]
    )
    out = tmp_path / "out.parquet"
    argv = [str(src), "-o", str(out), "--workers", "2", "--chunk-size", "4", "--part-size", "1000"]
    default_extractor()  # the forked run inherits it
    err = tmp_path / "stderr.txt"
    proc = multiprocessing.get_context("fork").Process(
        target=_child, args=([*argv, "--progress"], str(err))
    )
    proc.start()
    end = time.monotonic() + 120
    while not (err.exists() and " articles/s" in err.read_text("utf-8")):  # some are done
        assert proc.exitcode is None and time.monotonic() < end, err.read_text("utf-8")
        time.sleep(0.05)
    os.kill(proc.pid, sig)
    proc.join(120)
    text = err.read_text("utf-8")
    assert proc.exitcode == 130, text
    saved = len(pd.read_parquet(out / "articles"))
    assert 0 < saved < n  # not thrown away: the part is shorter than --part-size
    assert f"saved {saved} records" in text and "--resume" in text and "Traceback" not in text
    assert run_main(*argv, "--resume") == 0
    clean = tmp_path / "clean.parquet"
    assert run_main(argv[0], "-o", clean, *argv[3:]) == 0
    assert tree_bytes(out) == tree_bytes(clean)


# -- item 7: one line instead of a traceback -----------------------------------------------
def test_a_second_run_on_a_locked_output_is_refused(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1)}])
    out = tmp_path / "out.jsonl"
    lock = writers.OutputLock(out)
    lock.acquire()  # as a run in progress holds it
    try:
        assert run_main(src, "-o", out, "--workers", "1") == 1
        assert "another batch run is writing" in capsys.readouterr().err
        assert not out.exists()
    finally:
        lock.release()
    assert run_main(src, "-o", out, "--workers", "1") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.jsonl",
        "out.errors.jsonl",
        "out.jsonl",
    ]


def test_more_workers_than_cores_is_capped_with_a_warning(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1)}])
    too_many = parallel.cpu_count() + 3
    assert run_main(src, "-o", tmp_path / "o.jsonl", "--workers", too_many) == 0
    assert f"--workers {too_many} is more than the" in capsys.readouterr().err


def test_disk_full_is_one_line_and_leaves_only_whole_lines(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    rows = [{"id": f"f{i}", "text": article(i)} for i in range(12)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    assert run_main(src, "-o", clean, "--workers", "1", "--chunk-size", "4") == 0
    capsys.readouterr()

    class FullDisk:
        """A file that takes two writes, then half of the third before the disk is full."""

        def __init__(self, fh):
            self.fh, self.writes = fh, 0

        def write(self, data: bytes) -> int:
            self.writes += 1
            if self.writes == 3:
                self.fh.write(data[: len(data) // 2])
                self.fh.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self.fh.write(data)

        def __getattr__(self, name):
            return getattr(self.fh, name)

    real_init = writers.JsonlWriter.__init__

    def init(self, *a, **k):
        real_init(self, *a, **k)
        self.fh[0] = FullDisk(self.fh[0])

    monkeypatch.setattr(writers.JsonlWriter, "__init__", init)
    assert run_main(src, "-o", out, "--workers", "1", "--chunk-size", "4") == 1
    err = capsys.readouterr().err.strip()
    assert "No space left on device" in err and len(err.splitlines()) == 1
    assert out.read_bytes() == b"".join(clean.read_bytes().splitlines(keepends=True)[:8])
    monkeypatch.setattr(writers.JsonlWriter, "__init__", real_init)
    assert run_main(src, "-o", out, "--workers", "1", "--resume") == 0
    assert out.read_bytes() == clean.read_bytes()


def test_output_problems_are_one_line(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1)}])
    (tmp_path / "adir.jsonl").mkdir()
    (tmp_path / "afile").write_text("x")
    assert run_main(src, "-o", tmp_path / "adir.jsonl") == 1
    assert run_main(src, "-o", tmp_path / "afile" / "out.parquet") == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert all(x.startswith("python -m extractor batch: error:") for x in lines)
    assert "is a folder" in lines[0] and "afile is not a folder" in lines[1]


def test_an_unwritable_output_folder_is_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1)}])
    ro = tmp_path / "readonly"
    ro.mkdir()
    ro.chmod(0o500)
    if os.access(ro, os.W_OK):  # root ignores permissions: refuse as the kernel would
        real_open = os.open

        def denied(path, *args, **kwargs):
            if str(path).startswith(str(ro)):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", denied)
    try:
        assert run_main(src, "-o", ro / "out.parquet") == 1
    finally:
        monkeypatch.undo()
        ro.chmod(0o700)
    err = capsys.readouterr().err.strip()
    assert "Permission denied" in err and len(err.splitlines()) == 1
    assert list(ro.iterdir()) == []


# -- item 6: checks before the first article; nothing left behind ---------------------------
def test_missing_pyarrow_is_found_before_any_work_and_leaves_nothing(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1)}])
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    out = tmp_path / "new" / "out.parquet"
    assert run_main(src, "-o", out) == 1
    assert "pip install pyarrow" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_run_that_fails_at_start_leaves_nothing_behind(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1)}])

    def broken() -> None:
        raise RuntimeError("patterns/x.toml: invalid")

    monkeypatch.setattr(parallel, "worker_extractor", broken)
    for out in (tmp_path / "a" / "out.jsonl", tmp_path / "b" / "out.parquet"):
        assert run_main(src, "-o", out) == 1
        assert "cannot start the extractor" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_pyarrow_is_a_core_dependency() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert any(d.startswith("pyarrow") for d in project["project"]["dependencies"])


# -- item 3: a per-article time limit --------------------------------------------------------
def test_an_article_over_the_time_limit_is_an_error_record(tmp_path: Path, monkeypatch) -> None:
    real = Extractor.extract

    def slow_on_marker(self, text, **kw):
        if "LAMBAT" in text:  # stands for a text the tokenizer chews on for minutes
            while True:
                time.sleep(0.01)
        return real(self, text, **kw)

    monkeypatch.setattr(Extractor, "extract", slow_on_marker)  # forked workers inherit it
    rows = [{"id": "a", "text": article(1)}, {"id": "slow", "text": "LAMBAT " + article(2)}]
    rows.append({"id": "b", "text": article(3)})
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert run_main(src, "-o", out, "--workers", "1", "--time-limit", "0.5") == 3
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ["a", "b"]
    (err,) = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert err["doc_id"] == "slow" and err["error_type"] == "TimeLimit"


# -- item 10: outputs that fit DuckDB and pandas -------------------------------------------
def test_keep_columns_published_timestamp_spans_and_warnings_table(tmp_path: Path) -> None:
    rows = [
        {"id": f"k{i}", "text": article(i), "published": "2024-03-20T08:30", "url": f"https://x/{i}",
         "title": f"Judul {i}", "outlet": "Harian Contoh", "category": "politik"}
        for i in range(3)
    ]  # fmt: skip
    rows[1]["text"] = "Rapat digelar kemarin di balai desa."  # a relative date, no reference
    rows[1].pop("published")
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.parquet"
    keep = ("--keep-columns", "title,outlet,category")
    assert run_main(src, "-o", out, "--workers", "1", *keep) == 0
    art = pd.read_parquet(out / "articles")
    assert art["title"].tolist() == ["Judul 0", "Judul 1", "Judul 2"]
    assert art["input_outlet"].tolist() == ["Harian Contoh"] * 3  # 'outlet' is the text's own
    assert art["category"].tolist() == ["politik"] * 3
    assert str(art["published"].dtype).startswith("datetime64")
    assert art["published"][0] == pd.Timestamp("2024-03-20 08:30")
    assert (
        str(pq.read_schema(out / "articles" / "part-000000.parquet").field("reference_date").type)
        == "date32[day]"
    )
    quotes = pd.read_parquet(out / "quotes")
    assert {"span_start", "span_end"} <= set(quotes.columns) and "end" not in quotes.columns
    q = quotes[quotes.text == "Semua aduan kami periksa"].iloc[0]
    assert rows[int(q["doc_id"][1:])]["text"][q["span_start"] : q["span_end"]].startswith(q["text"])
    warns = pd.read_parquet(out / "warnings")
    assert list(warns.columns) == ["doc_id", "idx", "code", "message", "span_start", "span_end"]
    assert (
        art.set_index("doc_id")["n_warnings"].to_dict()
        == warns.groupby("doc_id").size().reindex(art["doc_id"], fill_value=0).to_dict()
    )
    # JSONL keeps the url and the kept columns under "input"
    jl = tmp_path / "out.jsonl"
    assert run_main(src, "-o", jl, "--workers", "1", *keep) == 0
    facts, meta = next(batch.read_jsonl(jl))
    assert facts.doc_id == "k0"
    assert meta == {
        "url": "https://x/0",
        "title": "Judul 0",
        "outlet": "Harian Contoh",
        "category": "politik",
    }


def test_schema_tables_documents_every_column(capsys) -> None:
    from extractor.cli import main

    assert main(["schema", "--tables"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == set(tables.TABLES)
    for name, cols in tables.COLUMNS.items():
        props = doc[name]["properties"]
        assert list(props) == list(cols)
        assert all(p["description"] and p["x-arrow-type"] == cols[c] for c, p in props.items())


def test_only_relevant_keeps_off_topic_articles_in_articles_only(
    tmp_path: Path, monkeypatch
) -> None:
    from extractor.models import Relevance

    real = Extractor.extract

    def labelled(self, text, **kw):
        facts = real(self, text, **kw)
        label = "off_topic" if (facts.doc_id or "").startswith("off") else "asn_neutrality"
        facts.relevance = Relevance(score=0.0 if label == "off_topic" else 0.9, label=label)
        return facts

    monkeypatch.setattr(Extractor, "extract", labelled)
    rows = [{"id": "on1", "text": article(1)}, {"id": "off2", "text": article(2)}]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.parquet"
    assert run_main(src, "-o", out, "--workers", "1", "--only-relevant") == 0
    art = pd.read_parquet(out / "articles")
    assert art["doc_id"].tolist() == ["on1", "off2"]
    assert art["relevance_label"].tolist() == ["asn_neutrality", "off_topic"]
    assert set(pd.read_parquet(out / "quotes")["doc_id"]) == {"on1"}
    assert set(pd.read_parquet(out / "officials")["doc_id"]) == {"on1"}


def test_html_pages_for_a_sample(tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"h{i}", "text": article(i)} for i in range(4)]
    )
    pages = tmp_path / "pages"
    assert run_main(src, "-o", tmp_path / "o.jsonl", "--workers", "1", "--html", pages) == 0
    assert (pages / "index.html").exists()
    assert len(list(pages.glob("h*.html"))) == 4
    assert "Rudi Hartono" in next(pages.glob("h0-*.html")).read_text("utf-8")


# -- item 12: no import circle ---------------------------------------------------------------
def test_pipe_with_processes_does_not_import_batch() -> None:
    code = (
        "import sys; from extractor.pipeline import Extractor;"
        "ex = Extractor(); out = list(ex.pipe(['Rapat digelar.'] * 3, n_process=2, batch_size=1));"
        "assert len(out) == 3;"
        "print('extractor.batch' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_html_sample_is_the_same_pages_for_any_worker_count(tmp_path: Path) -> None:
    rows = [{"id": f"h{i:02d}", "text": article(i)} for i in range(20)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    chosen = []
    for workers in ("1", "2"):
        pages = tmp_path / f"pages{workers}"
        out = tmp_path / f"o{workers}.jsonl"
        argv = ("--workers", workers, "--chunk-size", "3", "--html", pages, "--html-sample", "5")
        assert run_main(src, "-o", out, *argv) == 0
        chosen.append(sorted(p.name for p in pages.glob("h*.html")))
    assert chosen[0] == chosen[1] and 0 < len(chosen[0]) < 20


def test_resume_refuses_an_output_with_other_columns(tmp_path: Path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": article(1), "title": "T"}])
    out = tmp_path / "out.parquet"
    assert run_main(src, "-o", out, "--workers", "1") == 0
    before = tree_bytes(out)
    assert run_main(src, "-o", out, "--resume", "--keep-columns", "title") == 1
    assert "other --keep-columns" in capsys.readouterr().err
    assert tree_bytes(out) == before


def test_disk_full_in_parquet_keeps_whole_parts_and_resume_completes(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"id": f"p{i}", "text": article(i)} for i in range(9)]
    )
    clean, out = tmp_path / "clean.parquet", tmp_path / "out.parquet"
    argv = ("--workers", "1", "--chunk-size", "2", "--part-size", "4")
    assert run_main(src, "-o", clean, *argv) == 0
    real = pq.write_table
    calls = []

    def full_disk(table, where, **kw):
        calls.append(where)
        if len(calls) == len(tables.TABLES) + 3:  # part 1, its fourth file
            Path(where).write_bytes(b"PAR1 half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(table, where, **kw)

    monkeypatch.setattr(pq, "write_table", full_disk)
    assert run_main(src, "-o", out, *argv) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err.splitlines()[-1] and "Traceback" not in err
    assert not list(out.rglob(".*"))  # no temporary file left
    assert len(pd.read_parquet(out / "articles")) == 4  # part 0, whole
    monkeypatch.setattr(pq, "write_table", real)
    assert run_main(src, "-o", out, *argv, "--resume") == 0
    assert tree_bytes(out) == tree_bytes(clean)


def test_the_time_limit_also_stops_a_runaway_regular_expression() -> None:
    import re

    with pytest.raises(parallel.TimeLimitExceeded), parallel.time_limit(0.2):
        re.match(r"(a+)+$", "a" * 30 + "b")  # catastrophic backtracking, in C
