"""The spot-check CLI as a researcher uses it: summary, --json, stdin, schema, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.models import ArticleFacts


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True, timeout=120
    )


@pytest.fixture(scope="module")
def seed(seed_paths) -> Path:
    return seed_paths[0]


def test_summary_on_a_seed(seed):
    r = run(str(seed))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    head = seed.read_text(encoding="utf-8-sig").splitlines()[0]
    assert out.splitlines()[0] == head
    for section in ("Officials", "Quotes", "Sanctions", "Statistics", "Dates"):
        assert section in out


def test_json_on_every_seed_is_spec_valid_and_spans_match(seed_paths):
    for path in seed_paths:
        r = run("--json", str(path))
        assert r.returncode == 0, r.stderr
        facts = ArticleFacts.model_validate_json(r.stdout)
        text = path.read_text(encoding="utf-8-sig")
        assert facts.doc_id == path.stem
        for span in facts.spans():
            assert text[span.start : span.end] == span.text


def test_stdin_and_published(seed):
    r = run("-", "--json", "--published", "2024-04-18", stdin=seed.read_bytes())
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["doc_id"] == "stdin" and d["published"] == "2024-04-18"
    assert d["reference_date"] == "2024-04-18"


def test_schema_is_json_schema():
    r = run("schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert set(schema["properties"]) >= {"officials", "quotes", "sanctions", "statistics", "dates"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("no-such-file.txt",), 1),
        (("--no-such-flag",), 2),
        ((), 2),
        (("x.txt", "--published", "kapan-kapan"), 2),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, code):
    if args and args[0] == "x.txt":
        (tmp_path / "x.txt").write_text("Judul\n\nIsi.", encoding="utf-8")
        args = (str(tmp_path / "x.txt"), *args[1:])
    r = run(*args)
    assert r.returncode == code
    err = r.stderr.decode().strip()
    assert err and "\n" not in err and "Traceback" not in err


def one_line_error(r: subprocess.CompletedProcess, code: int) -> str:
    assert r.returncode == code, r.stderr
    err = r.stderr.decode().strip()
    assert err and "\n" not in err and "Traceback" not in err, err
    return err


ARTICLE = "Judul Berita\n\nBupati Contoh mengatakan ASN harus netral.\n"


@pytest.mark.parametrize(
    "published", ["2019-09-20T25:00", "2019-02-30", "2019-09-20T10:61", "kemarin"]
)
def test_impossible_published_is_refused(tmp_path, published):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    err = one_line_error(run(str(tmp_path / "a.txt"), "--published", published), 2)
    assert published in err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("news.jsonl", '{"id": "a", "text": "Judul\\n\\nIsi."}\n{"id": "b", "text": "x"}\n'),
        ("news.csv", 'id,text\na,"Judul berita. Isi berita."\n'),
        ("news.txt", '{"id": "a", "text": "Judul\\n\\nIsi."}\n'),  # JSON lines whatever the name
    ],
)
def test_a_corpus_file_points_to_batch(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    err = one_line_error(run(str(path)), 2)
    assert "corpus" in err and "batch" in err


def test_a_folder_points_to_batch(tmp_path):
    err = one_line_error(run(str(tmp_path)), 2)
    assert "batch" in err


def test_closed_stdin_is_one_line():
    r = subprocess.run(
        [sys.executable, "-m", "extractor", "-"],
        stdin=None,
        capture_output=True,
        timeout=120,
        close_fds=True,
        preexec_fn=lambda: __import__("os").close(0),
    )
    assert "standard input" in one_line_error(r, 1)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [("--json",), (), ("schema",)])
def test_full_disk_on_stdout_is_one_line(tmp_path, args):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = list(args) if args == ("schema",) else [*args, str(tmp_path / "a.txt")]
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [sys.executable, "-m", "extractor", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert "No space left" in one_line_error(r, 1)


def test_piped_summary_wraps_and_never_cuts_names():
    from extractor.cli import render
    from extractor.models import Official

    long_org = "Badan Pengawas Pemilihan Umum Kabupaten Contoh Raya Selatan Bagian Timur"
    facts = ArticleFacts(
        doc_id="w",
        officials=[
            Official(
                name="Raden Mas Bambang Sutrisno Wicaksono Hadiningrat",
                position="Koordinator Divisi Penanganan Pelanggaran dan Penyelesaian Sengketa",
                organization=long_org,
                region="Kabupaten Contoh Raya",
            )
        ],
    )
    out = render(facts, width=60)
    assert "…" not in out
    words = " ".join(out.split())
    for value in (facts.officials[0].name, facts.officials[0].position, long_org):
        for word in value.split():
            assert word in words
    assert max(len(line) for line in out.splitlines()) <= 60


def test_width_flag(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = run(str(tmp_path / "a.txt"), "--width", "50")
    assert r.returncode == 0, r.stderr
    assert max(len(line) for line in r.stdout.decode().splitlines()) <= 50
    one_line_error(run(str(tmp_path / "a.txt"), "--width", "abc"), 2)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_still_gives_json(tmp_path):
    name = bytes(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as f:
        f.write(ARTICLE.encode())
    r = subprocess.run(
        [sys.executable.encode(), b"-m", b"extractor", b"--json", name],
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["doc_id"] == "caf\ufffd"
