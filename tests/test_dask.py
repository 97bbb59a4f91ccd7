"""The optional Dask engine: bags, data frames and ``batch --engine dask`` on a LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from extractor import batch  # noqa: E402
from extractor import dask as xdask  # noqa: E402
from extractor.tables import TABLES  # noqa: E402


def article(i: int) -> str:
    return (
        f"Bawaslu Catat {i} Laporan\n\n"
        f"Ketua Bawaslu Kota Balikpapan, Budi Santoso mengatakan ada {i} laporan "
        f"pelanggaran netralitas ASN pada Senin (18/3/2024).\n\n"
        f'"Kami akan menindaklanjuti semua laporan," kata Budi.'
    )


@pytest.fixture(scope="module")
def cluster():
    # one in-process worker thread keeps CI light; the Extractor is built once on it
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as lc,
        Client(lc) as client,
    ):
        yield lc, client


def test_extract_bag_gives_article_facts_dicts(cluster) -> None:
    items = [{"id": f"b{i}", "text": article(i)} for i in range(6)]
    out = xdask.extract_bag(db.from_sequence(items, npartitions=3)).compute()
    assert [f["doc_id"] for f in out] == [f"b{i}" for i in range(6)]
    assert all({q["speaker"] for q in f["quotes"]} == {"Budi Santoso"} for f in out)
    json.dumps(out)  # JSON-ready


@pytest.mark.filterwarnings("ignore:no column 'published'")
def test_extract_tables_over_a_dask_dataframe(cluster) -> None:
    pdf = pd.DataFrame({"id": [f"d{i}" for i in range(5)], "text": [article(i) for i in range(5)]})
    pdf.loc[2, "text"] = None
    tables = xdask.extract_tables(dd.from_pandas(pdf, npartitions=2))
    assert set(tables) == set(TABLES)
    articles, quotes, errors = dask.compute(tables["articles"], tables["quotes"], tables["errors"])
    assert articles["doc_id"].tolist() == ["d0", "d1", "d3", "d4"]
    assert sorted(set(quotes["doc_id"])) == ["d0", "d1", "d3", "d4"]
    assert errors["doc_id"].tolist() == ["d2"]


def test_extract_bag_gives_bare_texts_ids_unique_across_partitions(cluster) -> None:
    out = xdask.extract_bag(db.from_sequence([article(i) for i in range(6)], npartitions=3))
    ids = [f["doc_id"] for f in out.compute()]
    assert len(set(ids)) == 6 and ids[:2] == ["0:0", "0:1"]


def test_extract_tables_over_a_bag_of_texts_and_records(cluster) -> None:
    items = [{"id": "r0", "text": article(0)}, article(1), {"id": "r2"}, article(3)]
    tables = xdask.extract_tables(db.from_sequence(items, npartitions=2))
    articles, errors = dask.compute(tables["articles"], tables["errors"])
    assert articles["doc_id"].tolist() == ["r0", "0:1", "1:1"]
    assert errors["doc_id"].tolist() == ["r2"]


@pytest.mark.filterwarnings("ignore:no column 'published'")
def test_tables_computed_together_extract_each_partition_once(cluster, monkeypatch) -> None:
    from extractor.pipeline import Extractor

    calls: list[str] = []
    real = Extractor.extract

    def counting(self, text, **kw):
        calls.append(kw.get("doc_id"))
        return real(self, text, **kw)

    monkeypatch.setattr(Extractor, "extract", counting)  # the cluster runs in this process
    pdf = pd.DataFrame({"id": [f"c{i}" for i in range(4)], "text": [article(i) for i in range(4)]})
    tables = xdask.extract_tables(dd.from_pandas(pdf, npartitions=2))
    computed = dask.compute(*tables.values())
    assert len(computed) == len(TABLES)
    assert sorted(calls) == ["c0", "c1", "c2", "c3"]  # once each, for all eight tables


def test_batch_engine_dask_matches_the_local_engine(cluster, tmp_path: Path) -> None:
    lc, _ = cluster
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"j{i:03d}", "text": article(i)} for i in range(30)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert batch.main([str(src), "-o", str(local), "--workers", "1"]) == 0
    argv = [str(src), "-o", str(remote), "--engine", "dask", "--scheduler", lc.scheduler_address]
    assert batch.main([*argv, "--chunk-size", "4"]) == 0
    assert remote.read_bytes() == local.read_bytes()


def test_batch_engine_dask_writes_the_same_parquet_as_the_local_engine(
    cluster, tmp_path: Path
) -> None:
    lc, _ = cluster
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"j{i:03d}", "text": article(i)} for i in range(30)] + [{"id": "bad"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    local, remote = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    assert batch.main([str(src), "-o", str(local), "--workers", "1", "--part-size", "7"]) == 3
    argv = [str(src), "-o", str(remote), "--engine", "dask", "--scheduler", lc.scheduler_address]
    assert batch.main([*argv, "--chunk-size", "4", "--part-size", "7"]) == 3
    files = sorted(p.relative_to(local) for p in local.rglob("*.parquet"))
    assert files == sorted(p.relative_to(remote) for p in remote.rglob("*.parquet"))
    assert all((local / f).read_bytes() == (remote / f).read_bytes() for f in files)
    assert pd.read_parquet(remote / "errors")["doc_id"].tolist() == ["bad"]


def test_unreachable_scheduler_is_one_line(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": article(1)}) + "\n", "utf-8")
    argv = [str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask"]
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        assert batch.main([*argv, "--scheduler", "tcp://127.0.0.1:1"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach Dask scheduler" in err and "Traceback" not in err


def test_missing_dask_gives_a_clear_message(monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'", name="distributed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(batch.InputError, match=r"pip install 'extractor\[dask\]'"):
        xdask.require_dask("distributed")
