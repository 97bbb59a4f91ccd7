"""The clause layer: clause splits, count links and the predicate that governs each count.

Invented sentences only. Counts are marked by hand (the caller's job), so these tests check
the layer's grammar, not the statistics extractor's nouns.
"""

from __future__ import annotations

import re

import pytest

from extractor.clauses import Cue, Item, attach, brackets, expand, link, split, word_list
from extractor.patterns import PatternError


def _items(text: str, marks: list[str]) -> list[Item]:
    """Items for the marked count phrases, in order ("212 pegawai", "66,9 persen" …)."""
    out, pos = [], 0
    for mark in marks:
        i = text.index(mark, pos)
        out.append(Item(i, i + len(mark), percent="persen" in mark))
        pos = i + len(mark)
    return out


def _cues(text: str, words: dict[str, str]) -> list[Cue]:
    out = []
    for word, label in words.items():
        for m in re.finditer(rf"(?<!\w){word}(?!\w)", text):
            out.append(Cue(m.start(), m.end(), label, nominal=word.startswith("pe")))
    return out


CUES = {
    "dilaporkan": "reported",
    "di laporkan": "reported",
    "terbukti": "proven",
    "dijatuhi": "sanctioned",
    "diregistrasi": "other",
    "merekomendasikan": "recommended",
    "penjatuhan": "sanctioned",
    "diduga": "recorded",
    "menindak": "recorded",
}


def _read(text: str, marks: list[str]) -> list[tuple[str | None, str, bool]]:
    items = _items(text, marks)
    clauses = link(text, 0, len(text), items)
    return [
        (r.cue.label if r.cue else None, r.how, r.negated)
        for r in attach(text, items, clauses, _cues(text, CUES))
    ]


@pytest.mark.parametrize("split_word", ["dilaporkan", "di laporkan"])
def test_relative_clause_belongs_to_the_number_it_follows(split_word: str) -> None:
    text = f"Sebanyak 40 pegawai dari 95 pegawai yang {split_word} terbukti melanggar aturan."
    got = _read(text, ["40 pegawai", "95 pegawai"])
    assert got[0][:2] == ("proven", "main")
    assert got[1][:2] == ("reported", "relative")


def test_share_takes_its_counts_predicate() -> None:
    for text, marks in (
        ("Ada 31 guru atau 44,5 persen yang terbukti melanggar.", ["31 guru", "44,5 persen"]),
        ("Sebanyak 18 camat (12,5 persen) dijatuhi hukuman.", ["18 camat", "12,5 persen"]),
    ):
        items = _items(text, marks)
        link(text, 0, len(text), items)
        assert items[1].share_of == 0
        got = _read(text, marks)
        assert got[0][0] == got[1][0] is not None


def test_partitives_and_follow_ups() -> None:
    text = "Dari 130 laporan yang diregistrasi, 57 di antaranya terbukti melanggar."
    items = _items(text, ["130 laporan", "57"])
    link(text, 0, len(text), items)
    assert items[0].base and items[1].partitive and items[1].whole == 0
    assert [g[0] for g in _read(text, ["130 laporan", "57"])] == ["other", "proven"]
    text = "Dari jumlah tersebut, 61 orang telah dijatuhi sanksi."
    items = _items(text, ["61 orang"])
    link(text, 0, len(text), items)
    assert items[0].partitive and items[0].whole is None  # its whole is in an earlier sentence


def test_list_items_are_clauses_of_their_own() -> None:
    text = "Rinciannya, 40 temuan, 75 laporan, 60 diregistrasi, 15 tidak diregistrasi."
    marks = ["40 temuan", "75 laporan", "60", "15"]
    got = _read(text, marks)
    assert got[0][0] is None and got[1][0] is None  # nothing said of them in their own clause
    assert got[2] == ("other", "main", False)
    assert got[3][2] is True  # "tidak diregistrasi": negated


def test_labelled_list_items_share_the_verb_before_the_first() -> None:
    text = "Petugas menindak 120 pelanggar, Satlantas Timur 45 pelanggar, dan PJR 30 pelanggar."
    got = _read(text, ["120 pelanggar", "45 pelanggar", "30 pelanggar"])
    assert [g[0] for g in got] == ["recorded"] * 3
    # a lower-case word between the counts is no label: the verb does not carry over
    text = "Petugas menindak 120 pelanggar, kemarin juga 45 pelanggar."
    assert _read(text, ["120 pelanggar", "45 pelanggar"])[1][0] is None


def test_negation_after_a_count() -> None:
    items = _items("Sedangkan 66 sisanya belum dijatuhi sanksi.", ["66"])
    link("Sedangkan 66 sisanya belum dijatuhi sanksi.", 0, 42, items)
    assert items[0].partitive and items[0].negated
    assert _read("Ada 9 orang tidak netral dilaporkan.", ["9 orang"])[0] == (
        "reported",
        "main",
        False,
    )


def test_modal_and_forecast() -> None:
    text = "Jumlah pelanggaran diperkirakan akan mencapai 300 kasus tahun depan."
    items = _items(text, ["300 kasus"])
    link(text, 0, len(text), items)
    assert items[0].forecast
    # a modal verb is no predicate of what happened; the relative clause decides
    got = _read("BKD akan dijatuhi 12 pegawai yang terbukti melanggar.", ["12 pegawai"])
    assert got[0][0] == "proven"


def test_condition_opens_a_clause() -> None:
    clauses = split("Jika 5 kades terbukti melanggar, mereka akan dipecat.", 0, 52)
    assert clauses[0].conditional


def test_verb_before_the_count_outranks_a_noun() -> None:
    text = "Komisi merekomendasikan penjatuhan sanksi kepada 70 pegawai."
    assert _read(text, ["70 pegawai"])[0] == ("recommended", "before", False)


def test_description_is_outranked_by_the_governing_verb() -> None:
    text = "Panwas dilaporkan 3 kades yang diduga berkampanye."
    cues = [
        Cue(7, 17, "reported"),
        Cue(text.index("diduga"), text.index("diduga") + 6, "recorded", weak=True),
    ]
    items = _items(text, ["3 kades"])
    got = attach(text, items, link(text, 0, len(text), items), cues)
    assert got[0].cue is not None and got[0].cue.label == "reported"


def test_bracketed_breakdown() -> None:
    text = "Terbanyak di Papua Tengah (21 kasus), Gorontalo (9), dan Riau (4)."
    got = [(m.group("name"), m.group("num")) for m in brackets(text, 0, len(text))]
    assert got == [("Papua Tengah", "21"), ("Gorontalo", "9"), ("Riau", "4")]


def test_shared_vocabulary_expands_and_fails_loudly() -> None:
    assert "belum" in word_list("negation")
    assert re.fullmatch(expand("<@negation>"), "tidak")
    assert "Selasa" in word_list("weekdays")
    with pytest.raises(PatternError):
        expand("<@no_such_list>")


def test_a_demand_opens_what_is_asked_for() -> None:
    text = "Panwas meminta agar 7 pegawai dijatuhi hukuman."
    items = _items(text, ["7 pegawai"])
    clauses = link(text, 0, len(text), items)
    assert clauses[0].asked is not None
    assert _read(text, ["7 pegawai"])[0][0] is None  # asked for, not done


def test_tally_items_of_a_sanction_list() -> None:
    from extractor.clauses.layer import tallies

    text = (
        "Majelis menjatuhkan sanksi berupa teguran (tujuh orang), Peringatan Keras (2), "
        "peringatan keras terakhir (seorang) serta pemberhentian tetap (1)."
    )
    got = [(t.label.lower(), t.value) for t in tallies(text, 0, len(text))]
    assert got == [
        ("teguran", 7),
        ("peringatan keras", 2),
        ("peringatan keras terakhir", 1),
        ("pemberhentian tetap", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sanksinya penundaan pangkat selama dua (2) tahun dan penurunan pangkat selama tiga (3) tahun.",
        "Ia hanya mendapat teguran (lisan) dari atasannya.",
        "Sanksi peringatan (2) diberikan kepada ketua panitia.",  # one item is no list
    ],
)
def test_no_tally(text: str) -> None:
    from extractor.clauses.layer import tallies

    assert tallies(text, 0, len(text)) == []


def test_a_share_with_a_partitive_makes_its_count_a_part() -> None:
    text = "Sebanyak 1.200 ASN atau 60,5 persen di antaranya terbukti melanggar."
    items = _items(text, ["1.200 ASN", "60,5 persen"])
    link(text, 0, len(text), items)
    assert items[0].partitive and items[1].share_of == 0
