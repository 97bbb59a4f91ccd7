"""Corpus linking on small invented batch outputs: people, figures, near-duplicates, CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("rapidfuzz")
pytest.importorskip("numpy")

import pyarrow.parquet as pq

from extractor.corpus import dedup, link
from extractor.models import ArticleFacts, Official, Quote, Statistic
from extractor.tables import FACT_TABLES, arrow_table, facts_to_rows

LOREM = (
    "Warga desa berkumpul di balai pertemuan sejak pagi untuk membahas rencana perbaikan "
    "saluran irigasi yang rusak setelah banjir bulan lalu. Kepala dusun menjelaskan bahwa "
    "dana gotong royong sudah terkumpul dan pekerjaan dimulai pekan depan dengan bantuan "
    "relawan dari kecamatan tetangga serta pemuda karang taruna setempat."
)


def official(name: str, *aliases: str, position=None, organization=None, region=None) -> Official:
    return Official(
        name=name,
        aliases=list(aliases),
        position=position,
        organization=organization,
        region=region,
    )


def stat(
    value,
    unit="persons",
    measure="sanctioned",
    topic="asn_neutrality",
    year=2026,
    source="KASN",
    region=None,
    text="x",
) -> Statistic:
    return Statistic(
        value=value,
        unit=unit,
        measure=measure,
        topic=topic,
        year=year,
        source=source,
        region=region,
    )


def article(doc_id: str, published: str, **records: Any) -> ArticleFacts:
    return ArticleFacts(doc_id=doc_id, published=published, **records)


def write_batch(
    folder: Path, facts: list[ArticleFacts], urls: dict[str, str] | None = None
) -> Path:
    """A batch output as ``batch`` writes it: one part per table, fixed schemas."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in FACT_TABLES}
    for f in facts:
        for table, rs in facts_to_rows(f, url=(urls or {}).get(f.doc_id)).items():
            rows.setdefault(table, []).extend(rs)
    for table in FACT_TABLES:
        (folder / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow_table(table, rows[table]), folder / table / "part-000000.parquet")
    return folder


def table(out: Path, name: str) -> list[dict[str, Any]]:
    return pq.read_table(out / name).to_pylist()


def pid_of(out: Path, doc_id: str, name: str) -> str:
    rows = [
        r for r in table(out, "officials_linked") if r["doc_id"] == doc_id and r["name"] == name
    ]
    assert len(rows) == 1, rows
    return rows[0]["person_id"]


@pytest.fixture
def people_out(tmp_path: Path) -> Path:
    facts = [
        article(
            "a1",
            "2026-03-01",
            officials=[official("Joko Widodo", "Jokowi", position="Presiden")],
            quotes=[Quote(text="Kita jaga netralitas.", kind="direct", speaker="Jokowi")],
        ),
        article("a2", "2026-03-05", officials=[official("Jokowi", position="Presiden")]),
        # two one-word "Budi"s in different bodies, and one in the same body as a full name
        article(
            "b1",
            "2026-03-02",
            officials=[official("Budi", position="Kepala", organization="Dinas Perikanan")],
        ),
        article(
            "b2",
            "2026-03-03",
            officials=[official("Budi", position="Ketua", organization="Bawaslu")],
        ),
        article(
            "b3",
            "2026-03-04",
            officials=[official("Budi Santoso", "Budi", position="Ketua", organization="Bawaslu")],
        ),
        # the same full name in two regions is two people; without a region, the only one
        article(
            "c1",
            "2026-03-02",
            officials=[official("Rina Marlina", position="Camat", region="Kabupaten Sukamaju")],
        ),
        article(
            "c2",
            "2026-03-06",
            officials=[official("Rina Marlina", position="Camat", region="Kabupaten Sukamaju")],
        ),
        article(
            "c3",
            "2026-03-06",
            officials=[official("Rina Marlina", position="Kepala Sekolah", region="Kota Lembah")],
        ),
        # a spelling variant; a short form inside exactly one longer name
        article(
            "d1", "2026-03-01", officials=[official("Benyamin Dalimunthe", position="Wali Kota")]
        ),
        article(
            "d2", "2026-03-02", officials=[official("Banyamin Dalimunthe", position="Wali Kota")]
        ),
        article(
            "e1",
            "2026-03-01",
            officials=[official("Hendra Gunawan Saputra", position="Sekretaris Daerah")],
        ),
        article(
            "e2", "2026-03-09", officials=[official("Hendra Gunawan", position="Sekretaris Daerah")]
        ),
        # a short form inside two longer names of different people: ambiguous, stays apart
        article(
            "f1",
            "2026-03-01",
            officials=[official("Agus Salim Harahap", position="Bupati", organization="Pemkab A")],
        ),
        article(
            "f2",
            "2026-03-01",
            officials=[
                official("Agus Salim Nasution", position="Rektor", organization="Universitas B")
            ],
        ),
        article("f3", "2026-03-01", officials=[official("Agus Salim")]),
        # a spelling variant in another region is another person
        article(
            "h1",
            "2026-03-01",
            officials=[official("Yohanes Sitompul", position="Camat", region="Kabupaten Sukamaju")],
        ),
        article(
            "h2",
            "2026-03-02",
            officials=[official("Yohannes Sitompul", position="Camat", region="Kota Lembah")],
        ),
        # a one-word name in another village is another village head
        article(
            "v1",
            "2026-03-01",
            officials=[official("Sutrisno", position="Kepala Desa", region="Desa Sukamaju")],
        ),
        article(
            "v2",
            "2026-03-02",
            officials=[official("Sutrisno Hadi", position="Kepala Desa", region="Desa Sukamundur")],
        ),
        # a region written inside another is one region; "Bandung Barat" is not "Bandung"
        article(
            "r1",
            "2026-03-01",
            officials=[official("Wawan Setiadi", position="Kapolres", region="Jakarta Pusat")],
        ),
        article(
            "r2",
            "2026-03-02",
            officials=[
                official("Wawan Setiadi", position="Kapolres", region="Metro Jakarta Pusat")
            ],
        ),
        article(
            "r3",
            "2026-03-01",
            officials=[official("Yanto Sumarno", position="Camat", region="Bandung")],
        ),
        article(
            "r4",
            "2026-03-02",
            officials=[official("Yanto Sumarno", position="Camat", region="Bandung Barat")],
        ),
        # a spelling variant in another body is another person
        article(
            "s3",
            "2026-03-01",
            officials=[
                official("Arif Wibisono", position="Kapolres", organization="Polres Jepara")
            ],
        ),
        article(
            "s4",
            "2026-03-02",
            officials=[official("Arief Wibisono", position="Ketua", organization="KPU")],
        ),
        # two words, two different people
        article(
            "g1",
            "2026-03-01",
            officials=[official("Dewi Lestari", position="Anggota", organization="KPU")],
        ),
        article(
            "g2",
            "2026-03-01",
            officials=[official("Dewi Kartika", position="Anggota", organization="KPU")],
        ),
    ]
    out = write_batch(tmp_path / "out.parquet", facts)
    summary = link(out)
    assert summary.articles == len(facts)
    return out


def test_public_figure_nickname_merges(people_out: Path):
    jokowi = pid_of(people_out, "a1", "Joko Widodo")
    assert pid_of(people_out, "a2", "Jokowi") == jokowi
    person = next(p for p in table(people_out, "people") if p["person_id"] == jokowi)
    assert person["name"] == "Joko Widodo" and "Jokowi" in person["name_variants"]
    assert person["n_articles"] == 2
    assert person["first_seen"] == "2026-03-01" and person["last_seen"] == "2026-03-05"
    assert person["positions"][0]["position"] == "Presiden"
    assert person["positions"][0]["n_articles"] == 2
    # the quote's speaker names the article's official: same person
    quote = table(people_out, "quotes_linked")[0]
    assert quote["person_id"] == jokowi


def write_parts(folder: Path, facts: list[ArticleFacts]) -> Path:
    """A batch output with one part per article (same-named parts in every table)."""
    for n, f in enumerate(facts):
        rows = facts_to_rows(f)
        for t in FACT_TABLES:
            (folder / t).mkdir(parents=True, exist_ok=True)
            part = folder / t / f"part-{n:06d}.parquet"
            pq.write_table(arrow_table(t, rows.get(t, [])), part)
    return folder


def test_quote_speakers_are_linked_row_by_row_across_parts(tmp_path: Path):
    def q(speaker: str | None) -> Quote:
        return Quote(text="Kami siap bekerja.", kind="direct", speaker=speaker)

    dinsos = {"position": "Kepala Dinas", "organization": "Dinas Sosial"}
    facts = [
        article(
            "q1",
            "2026-04-01",
            officials=[official("Sri Wahyuni", **dinsos)],
            quotes=[q("Sri Wahyuni")],
        ),
        article(
            "q2", "2026-04-02", quotes=[q(None), q("Ahmad Fauzi"), q("Bambang"), q("Ahmad Fauzi")]
        ),
        article(
            "q3",
            "2026-04-03",
            officials=[official("Sri Wahyuni", **dinsos)],
            quotes=[q("Ahmad Fauzi")],
        ),
    ]
    out = write_parts(tmp_path / "out.parquet", facts)
    summary = link(out)
    assert summary.linked_speakers == 4  # not the quote without a speaker, not one-word Bambang
    assert len(list((out / "quotes_linked").glob("part-*.parquet"))) == 3
    quotes = [(r["doc_id"], r["speaker"], r["person_id"]) for r in table(out, "quotes_linked")]
    sri = pid_of(out, "q1", "Sri Wahyuni")
    assert pid_of(out, "q3", "Sri Wahyuni") == sri
    assert quotes[0] == ("q1", "Sri Wahyuni", sri)
    assert [p is None for _, _, p in quotes[1:5]] == [True, False, True, False]
    fauzi = quotes[2][2]
    assert quotes[4][2] == fauzi and quotes[5] == ("q3", "Ahmad Fauzi", fauzi) and fauzi != sri
    assert any(p["person_id"] == fauzi and p["name"] == "Ahmad Fauzi" for p in table(out, "people"))


def test_one_word_names_need_agreement(people_out: Path):
    fisheries, bawaslu = pid_of(people_out, "b1", "Budi"), pid_of(people_out, "b2", "Budi")
    assert fisheries != bawaslu  # two Budis in different bodies
    assert pid_of(people_out, "b3", "Budi Santoso") == bawaslu  # same body: the one Budi
    assert fisheries != pid_of(people_out, "b3", "Budi Santoso")


def test_same_name_in_two_regions_is_two_people(people_out: Path):
    assert pid_of(people_out, "c1", "Rina Marlina") == pid_of(people_out, "c2", "Rina Marlina")
    assert pid_of(people_out, "c1", "Rina Marlina") != pid_of(people_out, "c3", "Rina Marlina")


def test_guards_on_region_and_body(people_out: Path):
    assert pid_of(people_out, "v1", "Sutrisno") != pid_of(people_out, "v2", "Sutrisno Hadi")
    assert pid_of(people_out, "r1", "Wawan Setiadi") == pid_of(people_out, "r2", "Wawan Setiadi")
    assert pid_of(people_out, "r3", "Yanto Sumarno") != pid_of(people_out, "r4", "Yanto Sumarno")
    assert pid_of(people_out, "s3", "Arif Wibisono") != pid_of(people_out, "s4", "Arief Wibisono")


def test_spelling_variants_and_short_forms(people_out: Path):
    assert pid_of(people_out, "d1", "Benyamin Dalimunthe") == pid_of(
        people_out, "d2", "Banyamin Dalimunthe"
    )
    assert pid_of(people_out, "e1", "Hendra Gunawan Saputra") == pid_of(
        people_out, "e2", "Hendra Gunawan"
    )
    ids = {
        pid_of(people_out, d, n)
        for d, n in (
            ("f1", "Agus Salim Harahap"),
            ("f2", "Agus Salim Nasution"),
            ("f3", "Agus Salim"),
        )
    }
    assert len(ids) == 3  # ambiguous short form: no merge
    assert pid_of(people_out, "g1", "Dewi Lestari") != pid_of(people_out, "g2", "Dewi Kartika")
    assert pid_of(people_out, "h1", "Yohanes Sitompul") != pid_of(
        people_out, "h2", "Yohannes Sitompul"
    )


def test_every_official_row_has_a_person(people_out: Path):
    rows = table(people_out, "officials_linked")
    people = {p["person_id"] for p in table(people_out, "people")}
    assert rows and all(r["person_id"] in people for r in rows)
    # the batch's own table is left as it was
    assert (
        "person_id" not in pq.read_schema(next((people_out / "officials").glob("*.parquet"))).names
    )


def test_rerun_replaces_the_column(people_out: Path):
    import extractor.corpus

    before = table(people_out, "officials_linked")
    extractor.corpus.link(people_out)  # still the function after the module ran once
    extractor.corpus.link(people_out)
    after = table(people_out, "officials_linked")
    assert after == before and list(after[0]).count("person_id") == 1


# -- figures and duplicates ---------------------------------------------------------
def figures_out(tmp_path: Path) -> Path:
    syndicated = "Komisi merilis data pelanggaran netralitas pegawai. " + LOREM
    facts = [
        article("k1", "2026-04-02", statistics=[stat(403, measure="reported"), stat(97)]),
        article(
            "k2", "2026-04-01", statistics=[stat(403, unit="cases", measure="reported"), stat(97)]
        ),
        article("k3", "2026-04-03", statistics=[stat(97)]),  # a copy of k1 (see texts)
        article("k4", "2026-04-04", statistics=[stat(95)]),  # another outlet disagrees
        # small unattributed numbers are not linked across articles
        article(
            "s1", "2026-04-01", statistics=[stat(1, measure="recommended", source=None, year=None)]
        ),
        article(
            "s2", "2026-04-01", statistics=[stat(1, measure="recommended", source=None, year=None)]
        ),
    ]
    urls = {
        "k1": "https://news.satu.co.id/a",
        "k2": "https://www.dua.com/b",
        "k3": "https://tiga.com/c",
        "k4": "https://empat.com/d",
    }
    out = write_batch(tmp_path / "fig.parquet", facts, urls)
    texts = tmp_path / "in.jsonl"
    lines = [
        {"id": "k1", "text": syndicated},
        {"id": "k2", "text": "Berita lain sama sekali. " + LOREM[::-1]},
        {"id": "k3", "text": "JAKARTA - " + syndicated},
        {"id": "k4", "text": "Sebuah laporan berbeda tentang pengawasan pemilu di kota."},
    ]
    texts.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    link(out, texts=[texts])
    return out


def test_figures_merge_across_outlets_and_units(tmp_path: Path):
    out = figures_out(tmp_path)
    figs = table(out, "figures")
    reported = [f for f in figs if f["value"] == 403]
    assert len(reported) == 1  # persons and cases: one figure
    assert reported[0]["doc_ids"] == ["k1", "k2"] and reported[0]["units"] == ["cases", "persons"]
    assert (
        reported[0]["earliest_published"] == "2026-04-01" and reported[0]["earliest_doc_id"] == "k2"
    )
    assert reported[0]["outlets"] == ["dua.com", "satu.co.id"]
    ninety_seven = next(f for f in figs if f["value"] == 97)
    assert ninety_seven["n_articles"] == 3 and ninety_seven["n_independent"] == 2  # k3 copies k1
    small = [f for f in figs if f["value"] == 1]
    assert len(small) == 2  # "1 orang" in two articles: two figures
    stats = table(out, "statistics_linked")
    assert all(s["figure_id"] for s in stats)
    assert len({s["figure_id"] for s in stats if s["value"] == 97}) == 1


def test_conflicting_values_are_flagged(tmp_path: Path):
    out = figures_out(tmp_path)
    figs = {f["value"]: f for f in table(out, "figures")}
    assert figs[97]["conflict"] and figs[97]["conflicting_values"] == [95]
    assert figs[95]["conflict"] and figs[95]["conflicting_values"] == [97]
    assert not figs[403]["conflict"]


def test_duplicate_of_points_at_the_earliest_copy(tmp_path: Path):
    out = figures_out(tmp_path)
    dup = {r["doc_id"]: r["duplicate_of"] for r in table(out, "articles_linked")}
    assert dup["k3"] == "k1" and dup["k1"] is None and dup["k2"] is None and dup["k4"] is None


def test_near_duplicates_directly():
    base = LOREM + " " + LOREM.upper()
    docs = [
        ("x", base, "2026-01-02"),
        ("y", "Baca juga: berita lain. " + base, "2026-01-01"),  # earlier, so the original
        (
            "z",
            "Cerita yang sama sekali lain tentang pasar ikan, harga cabai dan hujan deras "
            "yang turun sejak sore hingga malam di pesisir utara.",
            "2026-01-01",
        ),
    ]
    assert dedup.near_duplicates(docs) == {"x": "y"}
    assert (
        dedup.near_duplicates([("a", "terlalu pendek", None), ("b", "terlalu pendek", None)]) == {}
    )


def _invented_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` different texts of 60 words drawn from a small invented vocabulary."""
    import random

    words = sorted(set(LOREM.lower().replace(".", "").replace(",", "").split()))
    rng = random.Random(seed)
    return [" ".join(rng.choice(words) for _ in range(60)) for _ in range(n)]


def test_band_hashes_find_a_planted_copy_among_many(monkeypatch):
    monkeypatch.setattr(dedup, "_BATCH_SHINGLES", 500)  # several signature batches
    texts = _invented_texts(300)
    original = texts[137]
    words = original.split()
    copy = "Baca juga berita lain hari ini. " + " ".join(words[:-1])  # new lead, last word cut
    # shares half its words with the original: not a copy
    other = " ".join(words[:30] + texts[5].split()[30:])
    docs = [(f"d{i}", t, "2026-02-01") for i, t in enumerate(texts)]
    docs += [("copy", copy, "2026-02-03"), ("other", other, "2026-02-03")]
    assert dedup.near_duplicates(docs) == {"copy": "d137"}
    # a generator is read once into memory, a function is called for each of the two passes
    assert dedup.near_duplicates(d for d in docs) == {"copy": "d137"}
    assert dedup.near_duplicates(lambda: iter(docs)) == {"copy": "d137"}


def test_many_copies_point_at_the_earliest_and_a_repeated_id_keeps_its_first_text(monkeypatch):
    monkeypatch.setattr(dedup, "_GROUP_CELLS", 64)  # a large group, compared row by row
    text = _invented_texts(1, seed=3)[0]
    docs = [(f"c{i:02d}", text, f"2026-03-{i + 1:02d}") for i in range(40)]
    docs.insert(0, ("c39", _invented_texts(1, seed=11)[0], None))  # c39: this text counts
    got = dedup.near_duplicates(docs)
    assert got == {f"c{i:02d}": "c00" for i in range(1, 39)}


def test_signatures_and_bands_are_datasketchs():
    ds = pytest.importorskip("datasketch")
    import numpy as np

    for text in [LOREM, *_invented_texts(3)]:
        sh = dedup.shingle_hashes(text)
        m = ds.MinHash(num_perm=dedup.NUM_PERM, seed=1, hashfunc=lambda x: x)
        m.update_batch(sh)
        assert np.array_equal(dedup.signatures([sh])[0], m.hashvalues)
    for threshold, num_perm in ((dedup.THRESHOLD, dedup.NUM_PERM), (0.5, 128)):
        lsh = ds.MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert dedup.lsh_params(threshold, num_perm) == (lsh.b, lsh.r)


# -- the command line and JSONL outputs --------------------------------------------
def test_cli_link_and_errors(people_out: Path, tmp_path: Path, capsys):
    from extractor.cli import main

    assert main(["link", str(people_out)]) == 0
    assert "people" in capsys.readouterr().err
    assert main(["link", str(tmp_path / "missing.parquet")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such batch output" in err
    not_output = tmp_path / "input.jsonl"
    not_output.write_text('{"id": "1", "text": "Teks."}\n', encoding="utf-8")
    assert main(["link", str(not_output)]) == 1
    assert "not a batch output" in capsys.readouterr().err


def test_link_reads_a_jsonl_output_with_version_1_lines(tmp_path: Path):
    v2 = article("j2", "2026-03-05", officials=[official("Jokowi", position="Presiden")])
    v1 = {
        "schema_version": "1",
        "doc_id": "j1",
        "published": "2026-03-01",
        "officials": [{"name": "Joko Widodo", "aliases": ["Jokowi"], "position": "Presiden"}],
        "warnings": ["an old plain-text warning"],
    }
    out = tmp_path / "run.jsonl"
    out.write_text(
        json.dumps(v1)
        + "\n"
        + v2.model_dump_json()
        + "\n"
        + json.dumps({"doc_id": "bad", "error_type": "X", "error": "y"})
        + "\n",
        encoding="utf-8",
    )
    summary = link(out)
    dest = tmp_path / "run.linked.parquet"
    assert summary.dest == dest and summary.people == 1
    rows = table(dest, "officials_linked")
    assert len({r["person_id"] for r in rows}) == 1 and len(rows) == 2
    assert (dest / "people").is_dir() and (dest / "figures").is_dir()


# -- error classes of the labelled-pair measurement (invented names) ----------------
def _clusters(*mentions: tuple[str, str | None, str | None, str | None]) -> list[int]:
    """Cluster numbers for one mention per article: (name, position, organization, region)."""
    from extractor.corpus.aliases import fold
    from extractor.corpus.people import Mention, cluster

    ms = [
        Mention(
            doc_id=f"d{i}",
            idx=0,
            name=n,
            key=fold(n),
            position=p,
            organization=o,
            region=r,
        )
        for i, (n, p, o, r) in enumerate(mentions)
    ]
    return cluster(ms)


def test_one_word_names_with_posts_worded_differently():
    lab = _clusters(
        ("Sutarmaji", "Jaksa Penuntut Umum", None, None),
        ("Sutarmaji", "Jaksa", "Kejaksaan Negeri Sukamaju", None),
        # a body written inside a longer one, the post cut to one word
        ("Wiratmoko", "Kepala Satuan Lalu Lintas", "Kepolisian Resor Sukamaju", None),
        ("Wiratmoko", "Kepala", "Satuan Lalu Lintas Kepolisian Resor Sukamaju", None),
        # old and new spelling of a one-word name, same post
        ("Soeprapto", "Gubernur Jenderal", None, None),
        ("Suprapto", "Gubernur Jenderal", None, None),
    )
    assert lab[0] == lab[1] and lab[2] == lab[3] and lab[4] == lab[5]


def test_one_word_names_on_a_generic_post_alone_stay_apart():
    lab = _clusters(
        ("Sulastri", "Kepala", None, None),
        ("Sulastri", "Kepala", None, None),
        ("Margono", None, None, None),
        ("Margono", None, None, None),
    )
    assert lab[0] != lab[1] and lab[2] != lab[3]


def test_short_and_long_forms_within_one_body():
    body = "Kementerian Urusan Pesisir"
    lab = _clusters(
        ("Tirta R. Wulandari", "Menteri", body, None),  # an initial for a middle name
        ("Tirta Ratna Wulandari", "Menteri", body, None),
        ("Muhammad Fajar Siregar", "Sekretaris Jenderal", body, None),  # a dropped first name
        ("Fajar Siregar", "Sekretaris Jenderal", body, None),
        ("A. R. Hutapea", "Wakil Menteri", body, None),  # initials written together
        ("AR Hutapea", "Wakil Menteri", body, None),
        ("Gunawan Prasetya", "Direktur Jenderal", body, None),  # one word alone, same post
        ("Prasetya", "Direktur Jenderal", body, None),
    )
    assert lab[0] == lab[1] and lab[2] == lab[3] and lab[4] == lab[5] and lab[6] == lab[7]


def test_spelling_variants_within_one_body():
    lab = _clusters(
        # a vowel apart at the start of a word: too far across the corpus, not in one body
        ("Dewi Ernawati", "Bupati", "Pemerintah Kabupaten Sukamaju", None),
        ("Dewi Irnawati", "Bupati", "Pemerintah Kabupaten Sukamaju", None),
        ("Hendra Mulyono", "Kepala", "Badan Gizi Daerah", None),
        ("Hendra Mulyanto", "Kepala", "Dinas Pasar Daerah", None),  # another body: two people
    )
    assert lab[0] == lab[1] and lab[2] != lab[3]


def test_a_wife_written_with_her_husbands_name_is_another_person():
    post, body, region = "Bupati", "Pemerintah Kabupaten Sukamaju", "Sukamaju"
    lab = _clusters(
        ("Darmaji", post, body, region),
        ("Darmaji", post, body, region),
        ("Darmaji", post, body, region),
        ("Sulistyawati Darmaji", post, body, region),  # her post misread as his
        ("Sulistyawati Darmaji", "Ketua", "Tim Penggerak PKK", region),
    )
    assert lab[0] == lab[1] == lab[2] and lab[3] == lab[4] and lab[0] != lab[3]


def test_figures_with_a_missing_source_or_a_vague_measure_merge():
    from extractor.corpus import figures

    def row(doc, value, unit, measure, source, text, region=None):
        return {
            "doc_id": doc,
            "idx": 0,
            "value": value,
            "unit": unit,
            "measure": measure,
            "topic": "other",
            "year": 2026,
            "source": source,
            "region": region,
            "text": text,
        }

    stats = [
        row("a", 1273, "persons", "recorded", "Polri", "1.273 pelanggar"),
        row("b", 1273, "cases", "other", None, "1.273 pelanggaran"),  # no source, cases
        row("c", 1273, "persons", "proven", None, "1.273 orang"),  # a generic noun, big number
        row("d", 1273, "persons", "reported", "Polri", "1.273 pelanggar"),  # another measure
        row("e", 58, "cases", "recorded", "Polri", "58 kasus", "Wilayah"),  # a word, not a place
        row("f", 58, "cases", "recorded", None, "58 kasus"),
        row("g", 58, "persons", "other", None, "58 orang"),  # a small generic count
        row("h", 58, "persons", "other", "Polri", "58 pelanggar"),  # another noun
    ]
    _, ids = figures.build(stats, {}, {})
    fid = {d: ids[(d, 0)] for d in "abcdefgh"}
    assert fid["a"] == fid["b"] == fid["c"]
    assert fid["d"] != fid["c"]  # reported and proven are two counts
    assert fid["e"] == fid["f"] and fid["g"] != fid["f"] and fid["h"] not in (fid["f"], fid["g"])


def test_counted_noun():
    from extractor.corpus.figures import counted_noun, nouns_agree

    assert counted_noun("1.904 pelanggaran") == "pelanggaran"
    assert counted_noun("dua belas kasus") == "kasus" and counted_noun("1.879") == ""
    assert nouns_agree("pelanggar", "pelanggaran", 37) and not nouns_agree("kasus", "orang", 37)
    assert nouns_agree("orang", "pelanggar", 941) and not nouns_agree("orang", "anggota", 100)


def test_an_article_outside_its_same_named_part_is_still_found(tmp_path: Path):
    """A hand-merged output: the official's article sits in another part than the official."""
    facts = [
        article("m1", "2026-05-01", officials=[official("Dewi Lestari", position="Camat")]),
        article("m2", "2026-05-02"),
    ]
    rows = [facts_to_rows(f) for f in facts]
    out = tmp_path / "out.parquet"
    for t in FACT_TABLES:
        (out / t).mkdir(parents=True)
    articles = rows[0]["articles"] + rows[1]["articles"]
    pq.write_table(arrow_table("articles", articles), out / "articles" / "part-000000.parquet")
    officials = arrow_table("officials", rows[0]["officials"])
    pq.write_table(officials, out / "officials" / "part-000001.parquet")
    assert link(out).articles == 2
    (person,) = table(out, "people")
    assert person["name"] == "Dewi Lestari" and person["first_seen"] == "2026-05-01"


def test_a_one_word_name_joins_a_longer_name_split_in_clusters_that_nest():
    post, body = "Kepala Badan Sandi", "Badan Sandi Nusantara"
    lab = _clusters(
        ("Rendra", post, body, None),
        ("Rendra Wicaksana", post, body, None),
        ("Rendra Wicaksana", post, body, None),
        ("Kolonell Rendra Wicaksana", post, body, None),  # a garbled rank glued to the name
    )
    assert len(set(lab)) == 1


def test_a_one_word_name_stays_apart_when_the_longer_names_do_not_nest():
    post, body = "Kepala Badan Sandi", "Badan Sandi Nusantara"
    lab = _clusters(
        ("Rendra", post, body, None),
        ("Rendra Wicaksana", post, body, None),
        ("Rendra Mahendra", post, body, None),
    )
    assert lab[0] not in (lab[1], lab[2]) and lab[1] != lab[2]
