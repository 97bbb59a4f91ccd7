"""The people layer's look-up indexes answer exactly what a scan over everything answers.

The indexes (:class:`ShortFormIndex`, the speakers' word index, the name matcher) exist for
speed only; these tests compare each with the plain computation it replaces, on invented
names and sentences.
"""

from __future__ import annotations

import itertools

from extractor.extractors.quotes_lexicon import WORD, call_state
from extractor.people import speakers
from extractor.people.names import ShortFormIndex, is_short_form

FULL_NAMES = [
    ["Rahmat", "Hidayat"],
    ["Wahyu", "Setiawan"],
    ["Joko", "Widodo"],
    ["Andi", "Saputra", "Pratama"],
    ["Deddy", "Kurniawan"],
    ["Siti", "Rahmawati"],
    ["Rahmat"],
    ["Budi", "Raharjo"],
]
SHORT_FORMS = [
    ["Rahmat"],
    ["Rahm"],  # too short to be clipped; still a word of two names
    ["Hidayat"],
    ["Setia"],  # a clipped "Setiawan"
    ["Jokowi"],  # a blend of "Joko" and "Widodo"
    ["Andy", "Pratama"],  # spelling-tolerant ("Andy" is "Andi")
    ["Dedi"],
    ["Saputra", "Andi"],  # wrong order: no one
    ["Siti", "Rahmawati", "Putri"],  # longer than any name
    ["Budiman"],
    ["Raha"],
]


def test_short_form_index_finds_every_name_a_form_fits() -> None:
    index = ShortFormIndex()
    for i, full in enumerate(FULL_NAMES):
        index.add(i, full)
    for short in SHORT_FORMS:
        want = [i for i, full in enumerate(FULL_NAMES) if is_short_form(short, full)]
        got = [i for i in index.candidates(short) if is_short_form(short, FULL_NAMES[i])]
        assert got == want, short
    assert index.candidates(["Jokowi"]) and index.candidates(["Setia"])  # the rules are used
    assert index.candidates([]) == []


def test_short_form_index_narrows_the_search() -> None:
    index = ShortFormIndex()
    for i, full in enumerate(FULL_NAMES):
        index.add(i, full)
    assert index.candidates(["Wahyu"]) == [1]
    assert index.candidates(["Zulkifli"]) == []


TEXT = (
    "Kepala Dinas Rahmat Hidayat hadir. Rahmat\n  Hidayat mengatakan, Rahmat_Hidayat bukan "
    "nama. RahmatHidayat juga bukan. Kata Rahmat, “Siap.” Wakil Rahmat Hidayati datang; "
    "Rahmat  Hidayat."
)


def test_name_occurrences_match_the_regex() -> None:
    call_state.memo = {}
    try:
        for words in (["Rahmat", "Hidayat"], ["Rahmat"], ["Hidayat"], ["Kata", "Rahmat"]):
            want = [m.span() for m in speakers._name_pattern(tuple(words)).finditer(TEXT)]
            assert speakers._occurrences(TEXT, words) == want, words
        assert speakers._occurrences(TEXT, ["Rahmat", "Hidayat"])  # not vacuous
    finally:
        call_state.memo = None


def test_word_runs_by_scan_and_by_index_agree() -> None:
    index: dict[str, list[int]] = {}
    for m in WORD.finditer(TEXT):
        index.setdefault(m.group(), []).append(m.start())
    words = speakers._Words(TEXT)
    asked = [*index, "Rahm", "zzz"]
    for run in itertools.islice(itertools.cycle(asked), 3 * len(asked)):  # scans, then index
        assert words.run_starts(run) == index.get(run, []), run
    assert words.run_starts("Rahmat")
