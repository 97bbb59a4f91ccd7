"""Officials: named people holding a public position.

Indonesian news names an official with a title phrase — title, unit, body, region — next
to the name: ``Ketua KASN Agus Pramusinto``, ``Sekretaris Daerah Provinsi Bali Dewa Made
Indra``, ``Ketua Bawaslu Bandarlampung, Candrawansah``, ``Ahmadi Azis, Komisioner Bawaslu``.
The extractor reads every title phrase in body and caption sentences, takes the name that
closes it (or the name it is in apposition to), merges the records of one person (``Dewa
Indra`` is ``Dewa Made Indra``), then collects every mention of the name and its shorter
forms. All words it knows live in ``patterns/positions.toml``, ``organizations.toml``,
``regions.toml`` and ``names.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.document import Article
from extractor.models import Official
from extractor.patterns import PatternFile, lexicon, load

# --------------------------------------------------------------------------------------
# pattern schemas


class TitleEntry(PatternFile):
    forms: list[str]
    name: str
    government: str | None = None
    org: str | None = None
    field_org: str | None = None


class ParentEntry(PatternFile):
    position: str
    bodies: list[str]
    default: str | None = None


class OrgEntry(PatternFile):
    forms: list[str]
    name: str


@lexicon("positions")
class PositionLexicon(PatternFile):
    """patterns/positions.toml: titles (with expansions) and the prefixes that qualify them."""

    modifiers: dict[str, str]
    joined_modifiers: list[str]  # "Wakil" + "Ketua Umum" → one position, "Wakil Ketua Umum"
    joiners: list[str]  # "dan": a title's or a body's name goes on after it
    post_modifiers: list[str]  # "Wakil Ketua Sementara": a qualifier after the title
    title: list[TitleEntry]
    parent: list[ParentEntry]


@lexicon("organizations")
class OrganizationLexicon(PatternFile):
    """patterns/organizations.toml: public bodies, their forms and expanded names."""

    heads: list[str]
    company_markers: list[str]
    placed: list[str]
    place_named: list[str]
    org: list[OrgEntry]
    faction_prefixes: dict[str, str]
    faction_bodies: dict[str, str]
    state_companies: list[str]
    numbered_units: list[str]  # "Komisi II": a numbered unit of a body, not a body


@lexicon("regions")
class RegionLexicon(PatternFile):
    """patterns/regions.toml: provinces, regencies, cities, their short forms and type words."""

    provinces: list[str]
    regencies: list[str]
    cities: list[str]
    abbreviations: dict[str, str]
    types: dict[str, str]
    directions: list[str]
    national: list[str]
    place_cues: list[str]
    untyped: list[str]
    countries: list[str]
    home_country: list[str]
    government_types: list[str]  # types with a government, most local first
    province_type: str
    regency_type: str
    city_type: str
    government: str  # "Pemerintah" (Kabupaten …)
    unknown_type: str  # "Daerah": a government whose region's type is not known
    local_bodies: dict[str, str]  # sub-district type → the body its titles serve


@lexicon("names")
class NameLexicon(PatternFile):
    """patterns/names.toml: honorifics, ranks, degrees and words that are never names."""

    honorifics: list[str]
    ranks: list[str]
    rank_tails: list[str]
    degrees: str
    units: list[str]
    title_words: list[str]
    not_names: list[str]
    apposition_links: list[str]
    title_joins: list[str]
    title_blockers: list[str]
    not_name_suffixes: list[str]
    name_particles: list[str]
    alias_cues: str
    expansions: dict[str, str]
    name_links: list[str]
    dropped_links: list[str]
    ordinals: list[str]
    ordinal_prefix: str


@lexicon("common_words")
class CommonWordLexicon(PatternFile):
    """patterns/common_words.toml: words news writes mostly in lower case (never name words)."""

    words: list[str]


# --------------------------------------------------------------------------------------
# compiled lexicons

_WORD = r"[^\W\d_](?:[\w'’-]*[^\W_])?"
_LETTERS = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"[IVX]+")

# Longest stretches read from one starting token (real ones are about half as long): each
# start reads a bounded stretch, so a chain of title words ("Kepala Kepala …") stays linear.
_MAX_TITLE = 16  # modifiers and titles ("Menteri Koordinator Bidang Politik, Hukum, …")
_MAX_ROLE = 40  # a whole title phrase with its units, bodies and region
_MAX_NOISE = 16  # honorifics and ranks before a name ("Letjen TNI (Purn) H.")


class _Tok:
    """A token with its case-folded form (a plain slotted class: tokens are made by the
    hundred per article, and a frozen dataclass costs several times more to build)."""

    __slots__ = ("cap", "end", "fold", "kind", "start", "text")

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind  # w (word) | n (number) | d (degree) | p (punctuation)
        self.fold = text.casefold()
        self.cap = kind == "w" and text[0].isupper()


class _Phrases:
    """Multi-word phrase lookup by case-folded words, longest match first.

    A trie of words: a match walks the text once, however many phrases share its first
    words ("Kepala Dinas", "Kepala Desa", … ), so a lookup costs the phrase's length.
    """

    def __init__(self) -> None:
        # word → child node; the key None holds a phrase's (comma positions, value)
        self._root: dict = {}

    def add(self, phrase: str, value: object) -> None:
        words = tuple(w.casefold() for w in re.findall(_WORD, phrase))
        if not words:
            return
        # a phrase written with a comma list ("Bidang Politik, Hukum, dan Keamanan") also
        # matches where the text writes the commas: the words the commas follow are marked
        commas = frozenset(
            len(re.findall(_WORD, phrase[: m.start()])) for m in re.finditer(",", phrase)
        )
        node = self._root
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault(None, (commas, value))  # the first value given a phrase wins

    def firsts(self) -> set[str]:
        """The case-folded words a phrase can start with."""
        return set(self._root)

    def match(self, toks: list[_Tok], i: int) -> tuple[object, int] | None:
        """(value, index after the match) of the longest phrase starting at word token i.

        Inside a phrase, "-" and "." are passed over ("PDI-P", "Kab."), and so is a comma
        where the phrase writes one (the positions passed are checked at its end)."""
        n = len(toks)
        if i >= n or toks[i].kind != "w":
            return None
        node = self._root.get(toks[i].fold)
        if node is None:
            return None
        j, k = i + 1, 1
        seen: set[int] = set()
        best: tuple[object, int] | None = None
        while True:
            term = node.get(None)
            if term is not None and (not seen or seen <= term[0]):
                best = (term[1], j)
            if len(node) == (term is not None):
                return best  # no longer phrase
            while j < n and toks[j].kind == "p" and toks[j].text in "-.,":
                if toks[j].text == ",":
                    seen.add(k)
                j += 1
            if j >= n or toks[j].kind != "w":
                return best
            child = node.get(toks[j].fold)
            if child is None:
                return best
            node = child
            j += 1
            k += 1


@dataclass(frozen=True)
class _Region:
    name: str
    type: str | None


@dataclass
class _Lex:
    token_re: re.Pattern[str]
    titles: _Phrases
    modifiers: _Phrases
    orgs: _Phrases
    regions: _Phrases
    types: dict[str, str]
    directions: frozenset[str]
    national: _Phrases
    place_cues: frozenset[str]
    org_heads: frozenset[str]
    honorifics: frozenset[str]  # one-word forms
    ranks: frozenset[str]  # one-word forms
    noise: _Phrases  # honorifics and ranks of any length → "rank" | "honorific"
    rank_tails: frozenset[str]
    countries: _Phrases
    company_markers: frozenset[str]
    common: frozenset[str]
    units: frozenset[str]
    title_words: frozenset[str]
    not_names: frozenset[str]
    expansions: dict[str, str]
    links: _Phrases
    joins: _Phrases
    alias_cue: re.Pattern[str]
    blockers: frozenset[str]
    suffixes: tuple[str, ...]
    particles: frozenset[str]
    parents: list[tuple[str, ParentEntry]]  # (position without modifiers, entry), longest first
    modifier_names: tuple[str, ...]
    placed: tuple[str, ...]  # bodies named by their place ("Kejaksaan Negeri" + a place)
    place_named: frozenset[str]  # facilities whose name is a place ("Bandar Udara Sentani")
    post_modifiers: frozenset[str] = field(default_factory=frozenset)
    name_links: _Phrases = field(default_factory=_Phrases)
    ordinals: frozenset[str] = field(default_factory=frozenset)
    ordinal_prefix: str = ""
    home: _Phrases = field(default_factory=_Phrases)
    dropped_links: _Phrases = field(default_factory=_Phrases)
    factions: dict[str, str] = field(default_factory=dict)
    faction_bodies: dict[str, str] = field(default_factory=dict)
    vocab: frozenset[str] = field(default_factory=frozenset)
    starts: frozenset[str] = field(default_factory=frozenset)  # words that can open a phrase
    joiners: frozenset[str] = field(default_factory=frozenset)  # "dan"
    joined_modifiers: frozenset[str] = field(default_factory=frozenset)  # "Wakil"
    numbered_units: frozenset[str] = field(default_factory=frozenset)  # "komisi"
    government_types: tuple[str, ...] = ()  # most local first
    government: str = ""
    unknown_type: str = ""
    local_bodies: dict[str, str] = field(default_factory=dict)
    # the first letters-only piece of each opening word: a paragraph none of whose letter
    # runs is one of them holds no title phrase (None: some opening word has no such piece)
    start_keys: frozenset[str] | None = None


@functools.lru_cache(maxsize=4)
def _compile(
    pos: PositionLexicon,
    org: OrganizationLexicon,
    reg: RegionLexicon,
    nam: NameLexicon,
    com: CommonWordLexicon,
) -> _Lex:
    token_re = re.compile(rf"(?P<d>{nam.degrees})|(?P<w>{_WORD})|(?P<n>\d[\d.,/]*)|(?P<p>\S)")
    titles, modifiers, orgs, regions, national, links = (_Phrases() for _ in range(6))
    joins = _Phrases()
    for j in nam.title_joins:
        joins.add(j, True)
    noise, countries = _Phrases(), _Phrases()
    for h in nam.honorifics:
        noise.add(h, "honorific")
    for r in nam.ranks:
        noise.add(r, "rank")
    for c in reg.countries:
        countries.add(c, True)
    for name in reg.untyped:
        regions.add(name, _Region(name, None))
    for t in pos.title:
        for f in t.forms:
            titles.add(f, t)
    for f, name in pos.modifiers.items():
        modifiers.add(f, name)
    for o in org.org:
        for f in o.forms:
            orgs.add(f, o)
    for f in org.state_companies:  # a known body's own entry (added first) wins
        orgs.add(f, OrgEntry(forms=[f], name=f))
    for name in reg.provinces:
        regions.add(name, _Region(reg.abbreviations.get(name, name), reg.province_type))
    for name in reg.cities:
        regions.add(name, _Region(name, reg.city_type))
    for name in reg.regencies:  # a name in both lists reads as a regency unless "Kota" is written
        regions.add(name, _Region(name, reg.regency_type))
    for short, full in reg.abbreviations.items():
        words = full.split()
        typ = reg.types.get(words[0])
        if typ:
            regions.add(short, _Region(" ".join(words[1:]), typ))
        else:
            regions.add(short, _Region(full, reg.province_type))
    for name in [*reg.regencies, *reg.cities]:
        if " " in name:  # "Kuburaya" for Kubu Raya: a place written as one word is still a place
            glued = name.replace(" ", "")
            if regions.match([_Tok(glued, 0, len(glued), "w")], 0) is None:
                typ = reg.regency_type if name in reg.regencies else reg.city_type
                regions.add(glued, _Region(name, typ))
    for n in reg.national:
        national.add(n, True)
    for link in nam.apposition_links:
        links.add(link, True)
    fold = lambda xs: frozenset(x.casefold() for x in xs)  # noqa: E731
    lex = _Lex(
        token_re=token_re,
        titles=titles,
        modifiers=modifiers,
        orgs=orgs,
        regions=regions,
        types={k.casefold(): v for k, v in reg.types.items()},
        directions=fold(reg.directions),
        national=national,
        place_cues=fold(reg.place_cues),
        org_heads=fold(org.heads),
        honorifics=fold(h for h in nam.honorifics if " " not in h),
        ranks=fold(r for r in nam.ranks if " " not in r),
        noise=noise,
        rank_tails=fold(nam.rank_tails),
        countries=countries,
        company_markers=frozenset(org.company_markers),
        common=fold(com.words),
        units=fold(nam.units),
        title_words=fold(nam.title_words) | fold(nam.expansions),
        not_names=fold(nam.not_names),
        expansions={k.casefold(): v for k, v in nam.expansions.items()},
        links=links,
        joins=joins,
        alias_cue=re.compile(nam.alias_cues, re.I),
        blockers=frozenset(nam.title_blockers) | {"-"},
        suffixes=tuple(nam.not_name_suffixes),
        particles=fold(nam.name_particles),
        parents=sorted(((p.position, p) for p in pos.parent), key=lambda x: -len(x[0])),
        modifier_names=tuple(sorted(set(pos.modifiers.values()), key=len, reverse=True)),
        placed=tuple(org.placed),
        place_named=frozenset(org.place_named),
    )
    vocab = set(
        lex.title_words | lex.not_names | lex.org_heads | lex.units | lex.ranks | lex.honorifics
    )
    vocab |= set(lex.types)
    vocab |= fold(com.words)
    for phrase in [*nam.honorifics, *nam.ranks]:
        vocab |= fold(phrase.split())
    for t in pos.title:
        for f in t.forms:
            if " " not in f:
                vocab.add(f.casefold())
    for f in pos.modifiers:
        if " " not in f:
            vocab.add(f.casefold())
    for o in org.org:
        for f in o.forms:
            if " " not in f:
                vocab.add(f.casefold())
    lex.post_modifiers = fold(pos.post_modifiers)
    for link in nam.name_links:
        lex.name_links.add(link, True)
    lex.ordinals = fold(nam.ordinals)
    lex.ordinal_prefix = nam.ordinal_prefix.casefold()
    lex.factions = dict(org.faction_prefixes)
    lex.faction_bodies = dict(org.faction_bodies)
    for link in nam.dropped_links:
        lex.dropped_links.add(link, True)
    for c in reg.home_country:
        lex.home.add(c, True)
    vocab |= lex.post_modifiers
    lex.vocab = frozenset(vocab)
    lex.starts = frozenset(
        titles.firsts() | modifiers.firsts() | {f for f in noise.firsts() if f in ranks_first(nam)}
    )
    lex.joiners = fold(pos.joiners)
    lex.joined_modifiers = frozenset(pos.joined_modifiers)
    lex.numbered_units = fold(org.numbered_units)
    lex.government_types = tuple(reg.government_types)
    lex.government = reg.government
    lex.unknown_type = reg.unknown_type
    lex.local_bodies = dict(reg.local_bodies)
    keys = [_LETTERS.match(s) for s in lex.starts]
    lex.start_keys = frozenset(m.group() for m in keys if m) if all(keys) else None
    return lex


def ranks_first(nam: NameLexicon) -> set[str]:
    """First words of the ranks: a rank opens a name ("Bripka Eka Setiawan")."""
    return {r.split()[0].casefold() for r in nam.ranks}


def _lex() -> _Lex:
    return _compile(
        load(PositionLexicon),
        load(OrganizationLexicon),
        load(RegionLexicon),
        load(NameLexicon),
        load(CommonWordLexicon),
    )


def _has_start(lex: _Lex, text: str) -> bool:
    """Can the text hold a title phrase? A word token that opens one starts a run of letters
    (the character before a word token is never a letter), so a text none of whose letter
    runs is an opening word's first piece has none — checked without tokenising."""
    keys = lex.start_keys
    return keys is None or not keys.isdisjoint(_LETTERS.findall(text.casefold()))


def _tokens(lex: _Lex, text: str, start: int, end: int) -> list[_Tok]:
    return [
        _Tok(m.group(), m.start(), m.end(), m.lastgroup or "p")
        for m in lex.token_re.finditer(text, start, end)
    ]


# --------------------------------------------------------------------------------------
# names


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """A spelling-tolerant key: ``Deddy`` and ``Dedi``, ``Andy`` and ``Andi`` agree."""
    w = word.casefold().replace("y", "i").replace("’", "").replace("'", "")
    out = []
    for ch in w:
        if ch.isalpha() and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def _prefixed(word: str) -> bool:
    """A word with a one-letter prefix ("E-Government", "e-KTP"): never a name."""
    return len(word) > 2 and word[1] == "-" and word[0].isalpha()


def _same_word(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def _name_text(text: str, toks: list[_Tok]) -> list[str]:
    """The name's words as written, an initial with its stop ("M. Wahibul Minan")."""
    return [
        t.text + "." if len(t.text) == 1 and text[t.end : t.end + 1] == "." else t.text
        for t in toks
    ]


def _is_sub(short: list[str], full: list[str]) -> bool:
    """``short`` is the person ``full``: its words in order, or a clipped first word (``Afif``)."""
    if not short or len(short) > len(full):
        return False
    k = 0
    for w in full:
        if k < len(short) and _same_word(short[k], w):
            k += 1
    if k == len(short):
        return True
    if len(short) == 1 and len(short[0]) >= 4:
        s = _fold(short[0])
        if any(_fold(w).startswith(s) and len(_fold(w)) > len(s) for w in full):
            return True
        # a blend of the first name and the start of the next: "Jokowi" is Joko Widodo
        if len(full) >= 2:
            first, second = _fold(full[0]), _fold(full[1])
            rest = s[len(first) :]
            return s.startswith(first) and len(rest) >= 2 and second.startswith(rest)
    return False


@dataclass
class _Cand:
    name: list[str]
    position: str | None
    org: str | None
    region: str | None
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    # the government a regional title serves when the phrase named no body and no region
    # ("Sekkab Firman", "Bupati Agus"): filled from the article's one region of that kind
    local: str | None = None
    rtype: str | None = None  # the region's type: Provinsi | Kabupaten | Kota | …
    # a post inside a larger body ("Direktur Jenderal", "Kabag Hukum", "Jaksa") named
    # without it: the body is found in the paragraph or the article (see _parents)
    parent: ParentEntry | None = None
    field_org: str | None = None  # "Menteri" alone: the ministry found names the field
    para: int = -1


@dataclass(frozen=True)
class _Body:
    para: int
    start: int
    end: int
    name: str
    region: str | None


def _with_region(org: str, region: _Region, lex: _Lex) -> str:
    """A body and the place it serves: "Pemprov Jabar" → Pemerintah Provinsi Jawa Barat."""
    typ = region.type if region.type in lex.government_types else None
    if typ and org.endswith(" " + typ):
        typ = None
    return " ".join(x for x in (org, typ, region.name) if x)


class _Reader:
    """Reads title phrases and names in one article."""

    def __init__(self, art: Article, lex: _Lex) -> None:
        self.art = art
        self.lex = lex
        self.text = art.text
        # Whole paragraphs, tokenised once: a title phrase never spans a stop, and reading
        # paragraphs keeps a name whose sentence was split off badly (",Kapolres X …").
        self.sents: list[list[_Tok]] = [
            _tokens(lex, art.text, p.start, p.end) for p in art.paragraphs
        ]
        lower: set[str] = set()
        places: set[str] = set()
        caps: dict[str, int] = {}
        for toks in self.sents:
            for k, t in enumerate(toks):
                if t.kind != "w":
                    continue
                if t.cap:
                    caps[t.text] = caps.get(t.text, 0) + 1
                if t.text[0].islower() and k > 0:
                    lower.add(t.fold)
                if k > 0 and toks[k - 1].fold in lex.place_cues and t.cap:
                    places.add(t.fold)
        self.lower = frozenset(lower)
        self.places = frozenset(places)
        self.caps = caps
        self.acronyms = self.defined_acronyms()
        self.shorts = self.body_shorts()

    def defined_acronyms(self) -> dict[str, str]:
        """Acronyms the article spells out: ``Badan Kepegawaian … Daerah (BKPPD)`` → the name.

        The bracketed acronym must be the initials of the capitalised words just before it
        ("dan" may join them), so a bracketed short name or place is never taken.
        """
        out: dict[str, str] = {}
        for toks in self.sents:
            for k, t in enumerate(toks):
                if t.text != "(" or k + 2 >= len(toks) or toks[k + 2].text != ")":
                    continue
                acr = toks[k + 1].text
                if not (len(acr) >= 3 and acr.isalpha() and acr.isupper()) or acr in out:
                    continue
                initials = ""
                j = k - 1
                while j >= 0 and k - j <= 2 * len(acr) and len(initials) < len(acr):
                    w = toks[j]
                    if w.kind != "w":
                        break
                    if w.cap:
                        initials = w.text[0] + initials
                    elif w.fold not in self.lex.joiners:
                        break
                    j -= 1
                if initials == acr:
                    out[acr] = " ".join(x.text for x in toks[j + 1 : k])
        return out

    def body_shorts(self) -> frozenset[str]:
        """Short names the article gives a body in brackets: ``Universitas Negeri Medan
        (Unimed)``: a bracketed word after a capitalised run with a common word in it (a
        person's "Jusuf Kalla (JK)" has none). Such a word is never a person's name."""
        out: set[str] = set()
        lex = self.lex
        for toks in self.sents:
            for k, t in enumerate(toks):
                if t.text != "(" or k + 2 >= len(toks) or toks[k + 2].text != ")":
                    continue
                short = toks[k + 1]
                if short.kind != "w" or not short.cap or len(short.text) < 3:
                    continue
                j = k - 1
                body = False
                while j >= 0 and toks[j].cap and k - j <= 6:
                    body = body or toks[j].fold in lex.vocab or toks[j].text in lex.blockers
                    j -= 1
                if body and k - j > 2:
                    out.add(short.text)
        return frozenset(out)

    # -- word classes ------------------------------------------------------------------
    def is_initial(self, toks: list[_Tok], k: int) -> bool:
        t = toks[k]
        return (
            t.kind == "w"
            and len(t.text) == 1
            and t.text.isupper()
            and k + 1 < len(toks)
            and toks[k + 1].text == "."
            and t.fold not in self.lex.honorifics
        )

    def is_name_word(self, toks: list[_Tok], k: int) -> bool:
        if k >= len(toks):
            return False
        t = toks[k]
        if t.kind != "w" or not t.text[0].isupper():
            return False
        if "-" in t.text and (
            t.fold.partition("-")[0] == t.fold.rpartition("-")[2]  # "Hati-hati"
            or _prefixed(t.text)  # "E-Government"
            or self.ticket(t.text)
        ):
            return False
        if self.is_initial(toks, k):
            return True
        w = t.fold
        if len(t.text) < 2 or not any(c.islower() for c in t.text):
            return False
        return not (w in self.lex.vocab or w in self.lower or w.endswith(self.lex.suffixes))

    def ticket(self, word: str) -> bool:
        """Two capitalised names joined by a hyphen, the first also written alone in the
        article ("Jokowi-Ma'ruf", "Prabowo-Sandi"): an election ticket, not one person (but
        "Jean-Yves Le Drian")."""
        head, _, tail = word.partition("-")
        return (
            len(head) >= 3
            and len(tail) >= 3
            and head[0].isupper()
            and tail[0].isupper()
            and any(c.islower() for c in tail)
            and head in self.caps
        )

    def skip_noise(self, toks: list[_Tok], k: int) -> int:
        """Past honorifics and ranks (with their stops): ``Irjen. Pol.``, ``Dr H``, ``Prof.``."""
        n = len(toks)
        stop = k + _MAX_NOISE
        rank = False
        while k < n and k < stop:
            t = toks[k]
            if t.kind == "d":
                k += 1
                continue
            if t.kind != "w" or self.is_initial(toks, k):
                if (
                    rank
                    and t.text == "("
                    and k + 2 < n
                    and toks[k + 2].text == ")"
                    and toks[k + 1].fold in self.lex.rank_tails  # "Mayjen TNI (Purn)"
                ):
                    k += 3
                    continue
                break
            m = self.lex.noise.match(toks, k)
            if m is None and rank and t.fold in self.lex.rank_tails:
                m = ("rank", k + 1)
            if m is None:
                break
            rank = rank or m[0] == "rank"
            k = m[1]
            if k < n and toks[k].text == ".":
                k += 1
        return k

    def is_rank(self, toks: list[_Tok], k: int) -> bool:
        m = self.lex.noise.match(toks, k)
        return m is not None and m[0] == "rank"

    def name_run(self, toks: list[_Tok], k: int) -> int:
        """End of the run of name words starting at k (k when there is none)."""
        j = k
        while j < len(toks) and j - k < 12:
            if self.is_initial(toks, j):
                j += 2
                continue
            if self.is_name_word(toks, j):
                j += 1
                continue
            if self.particle(toks, j) and (
                j > k or (self.is_name_word(toks, j + 1) and self.lex.titles.match(toks, j) is None)
            ):
                j += 1
                continue
            if (  # an initial without its stop inside a name: "Yasonna H Laoly"
                j > k
                and toks[j].kind == "w"
                and len(toks[j].text) == 1
                and toks[j].text.isupper()
                and j + 1 < len(toks)
                and self.is_name_word(toks, j + 1)
            ):
                j += 1
                continue
            if j == k and self.bare_initials(toks, j):
                j += 1  # "M Rizal Sumadiputra", "FX Hadi Rudyatmo", "I Dewa Gede Palguna"
                continue
            break
        return j

    def common_first(self, toks: list[_Tok], k: int) -> bool:
        """A capitalised common word opening the name that closes a title phrase (``Sulung``,
        ``Bintang``): a name's when the article never writes it in lower case and a proper
        name word follows."""
        if k + 1 >= len(toks):
            return False
        t = toks[k]
        lex = self.lex
        return (
            t.kind == "w"
            and t.cap
            and t.text[1:].islower()
            and t.fold in lex.common
            and t.fold not in self.lower
            and t.fold not in lex.title_words
            and t.fold not in lex.not_names
            and t.fold not in lex.units
            and t.fold not in lex.org_heads
            and t.fold not in lex.starts
            and self.is_name_word(toks, k + 1)
            and not self.title_case(toks)
        )

    def title_case(self, toks: list[_Tok]) -> bool:
        """Is the paragraph written in title case (a headline or subheading), where a
        capitalised common word is no sign of a name?"""
        caps = lower = 0
        for t in toks:
            if t.kind == "w":
                if t.text[0].isupper():
                    caps += 1
                elif len(t.text) > 3:  # a content word ("dan", "di", "ke" are kept small)
                    lower += 1
        return 4 * lower < caps

    def bare_initials(self, toks: list[_Tok], k: int) -> bool:
        """One or two capital letters without stops that open a name ("M Rizal", "YF Sukasno",
        the Balinese "I Dewa"): not a known word, body or place, and a name word follows."""
        t = toks[k]
        if not (t.kind == "w" and len(t.text) <= 2 and t.text.isupper()):
            return False
        lex = self.lex
        if t.fold in lex.vocab or t.fold in lex.not_names or lex.noise.match(toks, k):
            return False
        if t.text in lex.company_markers:  # "Direktur PT Bio Farma …"
            return False
        if lex.orgs.match(toks, k) or lex.regions.match(toks, k) or lex.national.match(toks, k):
            return False
        if k > 0 and toks[k - 1].end == t.start:
            return False  # glued to the word before ("PDI-P")
        return k + 1 < len(toks) and toks[k + 1].start > t.end and self.is_name_word(toks, k + 1)

    def particle(self, toks: list[_Tok], k: int) -> bool:
        """A capitalised word that is a title word elsewhere but part of a name here."""
        return (
            k < len(toks)
            and toks[k].fold in self.lex.particles
            and toks[k].text[0].isupper()
            and toks[k].text[1:].islower()
        )

    def words(self, toks: list[_Tok], i: int, j: int) -> list[_Tok]:
        out: list[_Tok] = []
        for t in toks[i:j]:
            if t.kind != "w":
                continue
            if out and _same_word(out[-1].text, t.text):  # "Gatot Gatot Eddy" (a typo) → once
                continue
            out.append(t)
        return out

    # -- title phrases -----------------------------------------------------------------
    def title_at(self, toks: list[_Tok], i: int) -> tuple[list[str], TitleEntry | None, int] | None:
        """Modifiers and a title starting at i: (position words, last title entry, end)."""
        parts: list[str] = []
        j = i
        entry: TitleEntry | None = None
        n = min(len(toks), i + _MAX_TITLE)
        while j < n:
            m = self.lex.titles.match(toks, j)
            if m:
                entry = m[0]  # type: ignore[assignment]
                name = entry.name  # type: ignore[union-attr]
                if parts and name.startswith(parts[-1] + " "):
                    parts.pop()  # "Kepala Kakanwil": the short form repeats the title
                parts.append(name)
                j = m[1]
                if j < len(toks) and toks[j].cap and toks[j].fold in self.lex.post_modifiers:
                    parts[-1] = f"{name} {toks[j].text}"  # "Wakil Ketua Sementara DPRD"
                    j += 1
                continue
            m = self.lex.modifiers.match(toks, j)
            if m and entry is None:
                parts.append(m[0])  # type: ignore[arg-type]
                j = m[1]
                continue
            break
        if entry is None:
            return None
        if parts[0] in self.lex.joined_modifiers and len(parts) > 1:
            parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
        return parts, entry, j

    def region_at(self, toks: list[_Tok], k: int) -> tuple[_Region, int] | None:
        t = toks[k]
        if not t.cap:
            return None
        typ = self.lex.types.get(t.fold)
        if typ:
            j = k + 1
            if j < len(toks) and toks[j].text == ".":
                j += 1
            m = self.lex.regions.match(toks, j)
            if m:
                reg: _Region = m[0]  # type: ignore[assignment]
                return _Region(reg.name, typ), m[1]
            e = j
            while (
                e < len(toks) and toks[e].cap and toks[e].fold not in self.lex.vocab and e - j < 3
            ):
                e += 1
                if toks[e - 1].fold in self.lex.directions:
                    break
            if e > j and typ in self.lex.local_bodies:
                return _Region(" ".join(x.text for x in toks[j:e]), typ), e
            if e > j and e - j == 1:
                return _Region(toks[j].text, typ), e
            return None
        m = self.lex.regions.match(toks, k)
        if m:
            return m[0], m[1]  # type: ignore[return-value]
        return None

    def role(
        self, toks: list[_Tok], i: int
    ) -> tuple[list[str], TitleEntry, list[str], _Region | None, int] | None:
        """The title phrase at i: (position words, title, organisation words, region, end)."""
        got = self.title_at(toks, i)
        if got is None:
            return None
        pos, entry, k = got
        assert entry is not None
        orgs: list[str] = []
        region: _Region | None = None
        # a unit's name goes on in common words: "Biro … dan Kerja Sama Luar Negeri"
        unit = pos[-1].rpartition(" ")[2].casefold() in self.lex.units
        n = len(toks)
        stop = i + _MAX_ROLE
        if self.numbered(toks, k):  # "Asisten III", "Wakil Ketua II"
            pos.append(toks[k].text)
            k += 1
        fraction_seen = False
        o = self.ordinal(toks, k)
        if o > k:  # "Presiden ketiga Indonesia, X": after an ordinal, the country it serves
            m = self.lex.home.match(toks, o) or self.lex.countries.match(toks, o)
            k = m[1] if m and toks[o].cap else o
        while k < n and k < stop:
            t = toks[k]
            if t.kind == "p":
                if t.text == "(":
                    e = k + 1
                    while e < n and e - k < 8 and toks[e].text != ")":
                        e += 1
                    if e < n and toks[e].text == ")":
                        # "Wakil Wali Kota (Tangsel)": a bracketed place is the region
                        r = (
                            self.region_at(toks, k + 1)
                            if region is None
                            and e > k + 1
                            and not self.lex.titles.match(toks, k + 1)  # "(Karo)": Kepala Biro
                            else None
                        )
                        if r and r[1] == e:
                            region = r[0]
                        k = e + 1
                        continue
                    break
                if t.text in ",/&" and k + 1 < n and self.role_word(toks, k + 1):
                    k += 1
                    continue
                if t.text == "," and self.stray(t) and k + 1 < n:
                    # a comma left where a scrape dropped a hyperlinked word ("Wakil Ketua  ,DPR")
                    k += 1
                    continue
                if (
                    t.text == "."
                    and k > 0
                    and toks[k - 1].fold in self.lex.ranks | self.lex.honorifics
                ):
                    k += 1
                    continue
                break
            if t.kind == "n":
                if k + 1 < n and toks[k + 1].cap and self.role_word(toks, k + 1):
                    k += 1
                    continue
                break
            if t.kind == "d":
                break
            faction = self.faction(t) if not orgs else None
            if faction:  # "anggota F-Demokrat DKI": the faction is the post's, not the body's
                pos.append(faction)
                fraction_seen = True
                k += 1
                continue
            m = self.lex.orgs.match(toks, k)
            if m and (
                t.cap
                # "wakil ketua umum partai Gerindra": a body's head word in lower case
                or (t.fold in self.lex.org_heads and m[1] > k + 1 and toks[k + 1].cap)
            ):
                orgs.append(m[0].name)  # type: ignore[union-attr]
                k = m[1]
                continue
            if not orgs:
                got2 = self.title_at(toks, k)
                if got2 and t.text[0].isupper():
                    pos += got2[0]
                    entry = got2[1] or entry
                    k = got2[2]
                    unit = unit or pos[-1].rpartition(" ")[2].casefold() in self.lex.units
                    if self.numbered(toks, k):
                        pos.append(toks[k].text)
                        k += 1
                    continue
            w = t.fold
            if (
                w in self.lex.joiners
                and k + 1 < n
                and toks[k + 1].cap
                and (
                    self.role_word(toks, k + 1)
                    # "Bidang Organisasi dan Keanggotaan": a unit's name goes on in common words
                    or (unit and not orgs and toks[k + 1].fold in self.lex.common)
                )
            ):
                (orgs if orgs else pos).append(w)
                k += 1
                continue
            if (
                unit
                and not orgs
                and w in self.lex.types
                and k + 2 < n
                and toks[k + 1].text == "/"
                and toks[k + 2].fold in self.lex.types
            ):
                # "Kasubag Produk Hukum Daerah Kab/Kota Wilayah I": a unit for regencies/cities
                pos.append(f"{self.lex.types[w]}/{self.lex.types[toks[k + 2].fold]}")
                k += 3
                if self.numbered(toks, k + 1) and toks[k].cap and toks[k].fold in self.lex.common:
                    pos += [toks[k].text, toks[k + 1].text]  # "Wilayah I"
                    k += 2
                continue
            if region is None:
                r = self.region_at(toks, k)
                if r:
                    region, k = r
                    continue
            m = self.lex.national.match(toks, k) or self.lex.countries.match(toks, k)
            if m and t.text[0].isupper():
                k = m[1]
                continue
            if not t.text[0].isupper():
                break
            if w in self.lex.org_heads and (
                orgs or w not in self.lex.numbered_units or not self.roman(toks, k + 1)
            ):
                orgs.append(t.text)
                k += 1
                continue
            if w in self.lex.units or w in self.lex.numbered_units:
                unit = True
                pos.append(t.text)
                if k + 1 < n and self.roman(toks, k + 1):
                    pos.append(toks[k + 1].text)
                    k += 1
                k += 1
                continue
            if orgs:  # "Badan Nasional Penanggulangan Bencana (BNPB)": the body's name, bracketed
                j = k
                while j < n and j - k < 5 and toks[j].cap:
                    j += 1
                if (
                    j > k
                    and j + 2 < n
                    and toks[j].text == "("
                    and toks[j + 2].text == ")"
                    and self.is_acronym(toks, j + 1)
                    # "KONI Ending Fuad Hamidy (EFH)": a person's initials, not a body's
                    and toks[j + 1].text[0].upper() != toks[k].text[0].upper()
                ):
                    orgs.extend(x.text for x in toks[k:j])
                    k = j
                    continue
            if (
                self.particle(toks, k)
                and self.is_name_word(toks, k + 1)
                and self.lex.titles.match(toks, k) is None
            ):
                break  # "Gubernur NTB Lalu Muhammad Iqbal": the name starts here
            if (orgs or unit) and _prefixed(t.text):
                (orgs if orgs else pos).append(t.text)  # "Bidang Penyelenggaraan E-Government"
                k += 1
                continue
            if w in self.lex.title_words or (
                (orgs or unit) and w in self.lex.common and (region is None or not orgs)
            ):
                # a body's name goes on in common words: "Badan … Penanggulangan Bencana"
                (orgs if orgs else pos).append(self.lex.expansions.get(w, t.text))
                k += 1
                continue
            if w in self.lex.ranks or w in self.lex.honorifics:
                break
            if self.unknown_body(toks, k) and (
                toks[i].text[0].isupper() or t.text in self.acronyms
            ):
                # "Kepala BKPPD Kasmuddin": a body's acronym the lexicon does not know, spelled
                # out where the article defines it ("Badan … Daerah (BKPPD)")
                orgs.append(self.acronyms.get(t.text, t.text))
                k += 1
                continue
            if (
                region is None
                and (w in self.places)
                and k + 1 < n
                and self.is_name_word(toks, k + 1)
            ):
                region = _Region(t.text, None)
                k += 1
                continue
            break
        assert entry is not None
        if fraction_seen and not orgs:
            body = self.lex.faction_bodies.get("regional" if region else "national")
            if body:
                orgs.append(body)
        return pos, entry, orgs, region, k

    def phrase(self, toks: list[_Tok], i: int) -> _Cand | None:
        """Read the title phrase at i and the name that closes it."""
        got = self.role(toks, i)
        if got is None:
            return None
        pos, entry, orgs, region, k = got
        n = len(toks)
        if k < n and toks[k].text == ",":  # "Ketua Bawaslu Bandarlampung, Candrawansah"
            if (
                not orgs
                and region is None
                and len(pos) == 1
                and i > 0
                and toks[i - 1].fold in self.lex.honorifics
            ):
                return None  # "Menurut Pak Kadis, Doni …": a title used as an address
            k += 1
        k = self.linked(toks, k)
        k = self.skip_noise(toks, k)
        e = self.name_run(toks, k)
        if e == k and region is not None and self.common_first(toks, k):
            # after the place the title serves, the name starts: "Ketua Bawaslu Ponorogo
            # Sulung Muna Rimbawan", "Plt Kepala Dinas PUPR Kabupaten Bekasi, Entah Ismanto"
            e = self.name_run(toks, k + 1)
        if e == k:
            return None
        # "Kapolsek Setu, AKP Aba Wahid Key": the run was the place, the rank opens the name
        r = e + 1 if e + 1 < n and toks[e].text == "," else e
        local = entry.government in self.lex.local_bodies
        if region is None and local and r > e and self.name_run(toks, r) > r:
            # "Kades Matarape, Tahang Arsad": a village head's title names the village first
            region = _Region(" ".join(x.text for x in self.words(toks, k, e)), entry.government)
            k, e = r, self.name_run(toks, r)
        elif any(o in self.lex.place_named for o in orgs) and (
            (r > e and e - k <= 2 and self.name_run(toks, r) > r) or (r == e and e - k >= 3)
        ):
            # "Kepala Bandara Sentani, Anthonius Praptono", "Kepala Rutan Salemba Anton
            # Wijaya": the facility's place comes first
            if r > e:
                orgs.extend(x.text for x in self.words(toks, k, e))
                k, e = r, self.name_run(toks, r)
            elif self.lex.regions.match(toks, e - 1):
                return None  # "Plt Direktur RSUD Pangeran Jaya Sumitra Kotabaru": all its name
            else:
                orgs.append(toks[k].text)
                k += 1
        elif r < n and self.is_rank(toks, r) and region is None:
            k2 = self.skip_noise(toks, r)
            e2 = self.name_run(toks, k2)
            if e2 > k2:
                region = _Region(" ".join(x.text for x in self.words(toks, k, e)), None)
                k, e = k2, e2
        if e < n and (
            toks[e].kind == "n"
            or toks[e].text == "#"  # "Ketua Umum Laskar #02": a numbered group, not a person
            or (
                toks[e].cap
                and (self.lex.titles.match(toks, e) or self.lex.modifiers.match(toks, e))
            )
        ):
            return None  # headline style: "Camat Dukung 01", "Mendagri Ingatkan Pjs Bupati"
        if self.inside_body_name(toks, k, e) or self.only_place(toks, k, e):
            return None
        name = self.words(toks, k, e)
        if name[0].text in self.shorts:
            return None  # "Ketua LPPMP Unimed": the body's short name, not a person
        # a place the title serves, read into the name: "Kades Tambun Selatan Suryadi"
        for idx, tk in enumerate(name[:-1]):
            if tk.fold in self.lex.directions and region is None:
                region = _Region(" ".join(x.text for x in name[: idx + 1]), entry.government)
                name = name[idx + 1 :]
                break
        if region is None and len(name) > 1 and name[0].fold in self.places:
            region = _Region(name[0].text, None)
            name = name[1:]
        cand = self.make(pos, entry, orgs, region, name)
        # "… atau akrab disapa Cak Imin"
        after = self.lex.alias_cue.match(self.text, toks[e - 1].end + 1 if e - 1 < n else 0)
        if after:
            at = [x for x in range(e, n) if toks[x].start >= after.end()]
            if at:
                a0 = at[0]
                a1 = self.name_run(toks, a0)
                if a1 > a0:
                    cand.aliases.append(" ".join(x.text for x in self.words(toks, a0, a1)))
        return cand

    def faction(self, t: _Tok) -> str | None:
        """A party's faction written as a prefix on its name ("F-Demokrat"): the body's name."""
        head, dash, rest = t.text.partition("-")
        fr = self.lex.factions.get(head) if dash and rest else None
        if fr is None:
            return None
        sub = _tokens(self.lex, rest, 0, len(rest))
        m = self.lex.orgs.match(sub, 0)
        return f"{fr} {m[0].name}" if m and m[1] == len(sub) else None  # type: ignore[union-attr]

    def linked(self, toks: list[_Tok], k: int) -> int:
        """Skip a link word between a title phrase and its name ("… yakni Mawardi Yahya",
        "… atau ,Laode"): the index where the name would start, else k."""
        m = self.lex.name_links.match(toks, k)
        if m and toks[k].text[0].islower():  # "Bupati Lingga Alias Wello": a name's word
            j = m[1]
            return j + 1 if j < len(toks) and toks[j].text == "," else j
        m = self.lex.dropped_links.match(toks, k)
        if m and m[1] < len(toks) and toks[m[1]].text == "," and self.stray(toks[m[1]]):
            return m[1] + 1
        return k

    def inside_body_name(self, toks: list[_Tok], k: int, e: int) -> bool:
        """Is the run k..e part of a body's name rather than a person's?

        ``Kepala Balai Besar …``, ``Ketua Forum Warga Kota Jakarta (FAKTA)``: the run goes
        on with a capitalised word of a body or programme, or with an acronym in brackets
        that does not start with the run's first letter (``Penanggulangan Bencana (BNPB)``;
        but ``Jusuf Kalla (JK)``, ``Edy Sofyan (EDS)``).
        """
        n = len(toks)
        if e >= n:
            return False
        t = toks[e]
        if t.cap and t.fold not in self.lex.not_names and t.fold in self.lex.vocab:
            return True
        if t.text in self.lex.company_markers:
            return True
        if (  # "Direktur Policy WWF …": an acronym right after the run
            self.is_acronym(toks, e)
            and t.start == toks[e - 1].end + 1
            and not self.lex.noise.match(toks, e)
            and t.text.isupper()
        ):
            return True
        if (  # "Pengkajian dan Materi", "Observsi dan Informasi"
            t.fold in self.lex.joiners
            and e + 1 < n
            and toks[e + 1].cap
            and toks[e + 1].fold in self.lex.vocab
            and toks[e + 1].fold not in self.lex.starts
            and not self.lex.noise.match(toks, e + 1)
            and toks[e + 1].fold not in self.lex.not_names
        ):
            return True
        if t.text == "(" and e + 2 < n and toks[e + 2].text == ")" and self.is_acronym(toks, e + 1):
            return toks[e + 1].text[0].upper() != toks[k].text[0].upper()
        return False

    @staticmethod
    def is_acronym(toks: list[_Tok], k: int) -> bool:
        return (
            k < len(toks)
            and toks[k].kind == "w"
            and len(toks[k].text) >= 2
            and sum(c.isupper() for c in toks[k].text) >= 2
        )

    def only_place(self, toks: list[_Tok], k: int, e: int) -> bool:
        """Is the run k..e nothing but a known region or country ("Kaltim", "Jakarta Timur")?"""
        m = self.lex.regions.match(toks, k) or self.lex.countries.match(toks, k)
        return m is not None and m[1] >= e

    def stray(self, t: _Tok) -> bool:
        """A comma with white space before it: left where a scrape dropped a linked word."""
        return t.start > 0 and self.text[t.start - 1] in " \t\xa0"

    def ordinal(self, toks: list[_Tok], k: int) -> int:
        """The index after an ordinal that numbers the title before it ("Presiden ke-3",
        "Presiden ketiga"), else k: the ordinal is not part of the position."""
        if k >= len(toks) or toks[k].kind != "w":
            return k
        f = toks[k].fold
        if f in self.lex.ordinals:
            return k + 1
        pre = self.lex.ordinal_prefix
        if not pre:
            return k
        if f == pre and k + 1 < len(toks) and toks[k + 1].kind == "n":
            return k + 2
        head, dash, tail = f.partition("-")
        if head == pre and dash and tail.isdigit():
            return k + 1
        if (
            head == pre
            and dash == ""
            and k + 2 < len(toks)
            and toks[k + 1].text == "-"
            and toks[k + 2].kind == "n"
        ):
            return k + 3
        return k

    def numbered(self, toks: list[_Tok], k: int) -> bool:
        """A roman numeral that numbers the title before it (not the Balinese "I" of a name)."""
        if not self.roman(toks, k):
            return False
        return len(toks[k].text) > 1 or not (k + 1 < len(toks) and self.is_name_word(toks, k + 1))

    def unknown_body(self, toks: list[_Tok], k: int) -> bool:
        """An all-capital acronym the lexicon does not know, followed by a name or region."""
        t = toks[k]
        if not (t.kind == "w" and len(t.text) >= 3 and t.text.isupper()):
            return False
        if t.fold in self.lex.vocab or t.fold in self.lex.not_names or self.roman(toks, k):
            return False
        j = k + 1
        if j < len(toks) and toks[j].text == ",":
            j += 1
        if j >= len(toks):
            return False
        return (
            self.is_name_word(toks, j)
            or self.is_rank(toks, j)
            or self.region_at(toks, j) is not None
            or toks[j].kind == "d"
            or self.lex.noise.match(toks, j) is not None
        )

    @staticmethod
    def roman(toks: list[_Tok], k: int) -> bool:
        return k < len(toks) and toks[k].kind == "w" and _ROMAN.fullmatch(toks[k].text) is not None

    def role_word(self, toks: list[_Tok], k: int) -> bool:
        """Does the title phrase go on at k (after a comma, "dan", a number)?"""
        while k < len(toks) and toks[k].kind == "w" and toks[k].fold in self.lex.joiners:
            k += 1  # "… dan Kepala …" (a loop: a chain of "dan" must not recurse)
        if k >= len(toks):
            return False
        t = toks[k]
        if t.kind != "w":
            return False
        w = t.fold
        if not t.text[0].isupper():
            return False
        return (
            w in self.lex.title_words
            or w in self.lex.units
            or w in self.lex.org_heads
            or self.lex.orgs.match(toks, k) is not None
        )

    def make(
        self,
        pos: list[str],
        entry: TitleEntry,
        orgs: list[str],
        region: _Region | None,
        name: list[_Tok],
    ) -> _Cand:
        position = " ".join(pos)
        gov = entry.government
        org: str | None
        region_name = region.name if region else None
        field = position.partition(entry.name + " ")[2] if entry.field_org else ""
        if orgs:
            org = " ".join(orgs)
        elif entry.org:
            org = entry.org
        elif field and entry.field_org:  # "Menteri Agama" → Kementerian Agama
            org = f"{entry.field_org} {field}"
        elif gov:
            typ = (region.type if region and region.type else None) if gov == "region" else gov
            if typ is None and gov != "region":
                typ = gov
            lex = self.lex
            org = " ".join(x for x in (lex.government, typ or lex.unknown_type, region_name) if x)
            if gov in lex.local_bodies and region:
                org = f"{lex.local_bodies[gov]} {region.name}"
        else:
            org = None
        if org and region and (orgs or entry.org):
            org = _with_region(org, region, self.lex)
        return _Cand(
            name=_name_text(self.text, name),
            position=position or None,
            org=org,
            region=region_name,
            start=name[0].start,
            end=name[-1].end,
            local=gov if gov and region is None and not orgs and not entry.org else None,
            rtype=region.type if region else None,
            parent=None if org else self.parent_of(position),
            field_org=entry.field_org if entry.field_org and not field else None,
        )

    def parent_of(self, position: str) -> ParentEntry | None:
        """The parent entry of a post (its modifiers "Wakil", "Plt" … set aside)."""
        base = position
        stripped = True
        while stripped:
            stripped = False
            for mod in self.lex.modifier_names:
                if base.startswith(mod + " "):
                    base = base[len(mod) + 1 :]
                    stripped = True
        for key, entry in self.lex.parents:
            if base == key or base.startswith(key + " "):
                return entry
        return None

    def bodies(self) -> list[_Body]:
        """The bodies the article names, where: a known body (with the place it serves, which
        a body of a place must have: "Kejaksaan Tinggi" alone is no body) or an unknown one
        read from its head word ("Kementerian Kelautan dan Perikanan")."""
        lex = self.lex
        heads = {h.casefold() for p in lex.parents for h in p[1].bodies if " " not in h}
        out: list[_Body] = []
        for idx, toks in enumerate(self.sents):
            n = len(toks)
            k = 0
            while k < n:
                t = toks[k]
                if not t.cap:
                    k += 1
                    continue
                name: str | None = None
                m = lex.orgs.match(toks, k)
                region: _Region | None = None
                if m:
                    name, j = m[0].name, m[1]  # type: ignore[attr-defined]
                    r = self.region_at(toks, j) if j < n else None
                    if r:
                        region, j = r
                        name = _with_region(name, region, lex)
                    elif any(name == p or name.startswith(p + " ") for p in lex.placed):
                        name = None
                elif t.fold in heads:
                    j = k + 1
                    words = [t.text]
                    while j < n and len(words) < 9:
                        w = toks[j]
                        more = w.kind == "w" and w.cap and lex.titles.match(toks, j) is None
                        if not more and not (
                            w.fold in lex.joiners
                            and j + 1 < n
                            and toks[j + 1].cap
                            and len(words) > 1
                        ):
                            break
                        words.append(w.text)
                        j += 1
                    if words[-1] in lex.joiners:
                        words.pop()
                        j -= 1
                    name = " ".join(words) if len(words) > 1 else None
                    r = self.region_at(toks, j) if name and j < n else None
                    if name and r:
                        region, j = r
                        name = _with_region(name, region, lex)
                    elif name and any(name.startswith(p + " ") for p in lex.placed):
                        name = None
                else:
                    j = k + 1
                if name:
                    body = _Body(
                        idx, t.start, toks[j - 1].end, name, region.name if region else None
                    )
                    last = out[-1] if out else None
                    if (
                        last
                        and last.para == idx
                        and last.name.partition(" ")[0].casefold() in lex.units
                        and self.text[last.end : body.start].strip() in ("", ",")
                    ):  # "Biro Hukum, Sekretariat Daerah Provinsi …": a unit of the body
                        body = _Body(idx, last.start, body.end, f"{last.name} {name}", body.region)
                        out.pop()
                    out.append(body)
                k = max(j, k + 1)
        return out

    def apposition(self, toks: list[_Tok], i: int) -> _Cand | None:
        """``Ahmadi Azis, Komisioner Bawaslu …`` / ``Budi selaku Ketua …``: the name before."""
        j = i - 1
        bracket = j >= 0 and toks[j].text == "("  # "Ruben Tarigan (Wakil Ketua DPRD Sumut)"
        if j >= 0 and (toks[j].text == "," or bracket):
            j -= 1
        else:
            back = i
            # "selaku", "sebagai": a link word right before the title
            while (
                back > 0
                and toks[back - 1].kind == "w"
                and toks[back - 1].text.islower()
                and i - back < 3
            ):
                back -= 1
            m = self.lex.links.match(toks, back) if back < i else None
            if not m or m[1] != i:
                return None
            j = back - 1
        if j < 0 or not self.is_name_word(toks, j):
            return None
        s = j
        while s - 1 >= 0 and (
            self.is_name_word(toks, s - 1)
            or (toks[s - 1].text == "." and s >= 2 and self.is_initial(toks, s - 2))
        ):
            s -= 1
        if s > 0 and (toks[s - 1].cap and toks[s - 1].fold not in self.lex.not_names):
            return None  # the run starts inside another title phrase
        got = self.role(toks, i)
        if got is None:
            return None
        pos, entry, orgs, region, end = got
        if bracket and (end >= len(toks) or toks[end].text != ")"):
            return None
        if not bracket:
            # "kata Ray, Presiden Jokowi": the title phrase names its own person
            k = end + 1 if end < len(toks) and toks[end].text == "," else end
            k = self.skip_noise(toks, self.linked(toks, k))
            if self.name_run(toks, k) > k:
                return None
        for t in toks[end : end + 6]:  # "Galih Saksono, Direktur Realti PT PP Properti"
            if t.kind == "p":
                break
            if t.text in self.lex.company_markers:
                return None
        head = self.title_at(toks, i)
        if head is None or not all(t.text[0].isupper() for t in toks[i : head[2]] if t.kind == "w"):
            return None
        if self.only_place(toks, s, j + 1):
            return None  # "di Kaltim, Wakil Gubernur …": a place, not a person
        if s > 0 and toks[s - 1].text == ")":
            # "Universitas … (Unisri) Solo Icshandy Nugraha, Ketua …": the place closes the
            # body's name before the bracket; the person's name starts after it
            m = self.lex.regions.match(toks, s)
            if m and m[1] <= j:
                s = m[1]
        name = self.words(toks, s, j + 1)
        if not name:
            return None
        return self.make(pos, entry, orgs, region, name)

    def joined(self, toks: list[_Tok], i: int) -> _Cand | None:
        """``Wali Kota yang juga Ketua DPC PDIP FX Hadi Rudyatmo``: two posts of one person;
        the first named is the one the story gives them, the second phrase names them."""
        got = self.role(toks, i)
        if got is None:
            return None
        pos, entry, orgs, region, k = got
        m = self.lex.joins.match(toks, k)
        if m is None or m[1] >= len(toks) or not toks[m[1]].cap:
            return None
        later = self.phrase(toks, m[1])
        if later is None:
            return None
        e = k
        while e < len(toks) and toks[e].start < later.end:
            e += 1
        name = [t for t in self.words(toks, m[1], e) if later.start <= t.start]
        return self.make(pos, entry, orgs, region, name) if name else None

    def blocked(self, toks: list[_Tok], i: int) -> bool:
        """A title after "calon", "Jalan", "Jl." … names an office or a street, not a person;
        one glued to a name word is part of a name ("Lukman Hakim Saifuddin")."""
        if i > 0 and self.is_name_word(toks, i - 1) and not self.is_initial(toks, i - 1):
            if toks[i].text[0].islower():
                return True  # "Pelatih kepala PSIS": a lower-case title glued to a noun
            m = self.lex.titles.match(toks, i)
            if m and m[1] < len(toks) and self.is_name_word(toks, m[1]):
                return True
        j = i - 1
        if j >= 1 and toks[j].text == ".":
            j -= 1
        return j >= 0 and toks[j].text in self.lex.blockers

    # -- article -----------------------------------------------------------------------
    def candidates(self) -> Iterator[_Cand]:
        for para, toks in enumerate(self.sents):
            i = 0
            n = len(toks)
            while i < n:
                t = toks[i]
                if t.kind == "w" and t.fold in self.lex.starts and not self.blocked(toks, i):
                    cand = self.phrase(toks, i)
                    if cand is None:
                        cand = self.joined(toks, i)
                    if cand is None and (
                        self.lex.titles.match(toks, i) or self.lex.modifiers.match(toks, i)
                    ):
                        cand = self.apposition(toks, i)
                    if cand is None and t.cap and self.is_rank(toks, i):
                        k = self.skip_noise(toks, i)
                        e = self.name_run(toks, k)
                        if e > k and k > i:
                            name = self.words(toks, k, e)
                            cand = _Cand(
                                _name_text(self.text, name),
                                None,
                                None,
                                None,
                                name[0].start,
                                name[-1].end,
                            )
                    if cand is not None:
                        cand.para = para
                        yield cand
                        i += 1
                        while i < n and toks[i].end <= cand.end:
                            i += 1
                        continue
                i += 1


def _merge(cands: list[_Cand]) -> list[_Cand]:
    """One record per person: shorter forms join the fullest name they are part of."""
    groups: list[list[_Cand]] = []
    for c in sorted(cands, key=lambda c: (-len(c.name), c.start)):
        hits = [g for g in groups if _is_sub(c.name, g[0].name)]
        if len(hits) > 1 and c.org:
            hits = [g for g in hits if any(x.org == c.org for x in g)] or hits[:1]
        if hits:
            hits[0].append(c)
        else:
            groups.append([c])
    out = []
    for g in groups:
        full = g[0]
        best = max(
            g, key=lambda c: (c.position is not None, c.org is not None, len(c.org or ""), -c.start)
        )
        placed = best if best.region else next((c for c in g if c.region), best)
        rec = _Cand(
            name=full.name,
            position=best.position,
            org=best.org,
            region=placed.region,
            start=min(c.start for c in g),
            end=full.end,
            aliases=[a for c in g for a in c.aliases],
            local=best.local if placed.region is None else None,
            rtype=placed.rtype,
            parent=best.parent,
            field_org=best.field_org,
            para=best.para,
        )
        out.append(rec)
    out.sort(key=lambda c: c.start)
    return out


def _respell(reader: _Reader, recs: list[_Cand]) -> None:
    """A name word the article spells once, one letter off the spelling it uses more often,
    is a typo: "Wakil Wali Kota Banyamin Davnie" … "kata Benyamin" → Benyamin Davnie."""
    caps = reader.caps
    taken = {w for r in recs for w in r.name}
    for r in recs:
        for idx, w in enumerate(r.name):
            n = caps.get(w, 0)
            if len(w) < 5 or n > 1:
                continue
            best = None
            for v, m in caps.items():
                if (
                    len(v) == len(w)
                    and v[0] == w[0]
                    and m >= 2
                    and m > n
                    and v not in taken
                    and sum(a != b for a, b in zip(v, w, strict=True)) == 1
                    and v.casefold() not in reader.lex.vocab
                ):
                    best = v
                    break
            if best:
                r.aliases.append(" ".join(r.name))
                r.name = [*r.name[:idx], best, *r.name[idx + 1 :]]


def _place(recs: list[_Cand], lex: _Lex) -> None:
    """Give a regional official named without a place the article's one region of that kind.

    A story about one regency names "Bupati Agus" and "Sekkab Firman" next to "Kepala BKPPD
    Pasangkayu": they serve Pasangkayu. Nothing is filled when the article's officials serve
    two regions of that kind.
    """
    if not any(r.local for r in recs):
        return
    types = lex.government_types  # most local first; the last is the widest (a province)
    seen: dict[str, set[str]] = {}
    for r in recs:
        if r.region and r.rtype in types:
            seen.setdefault(r.rtype, set()).add(r.region)
    if not seen:
        return
    for r in recs:
        if not r.local or r.region:
            continue
        kinds = types if r.local == "region" else (r.local,)
        # the most local kind the article names ("Pemkab Pasangkayu, Provinsi Sulawesi Barat")
        kind = next((k for k in kinds if k in seen), None)
        if kind is None or len(seen[kind]) != 1:
            continue
        if r.local == "region" and kind != types[-1] and len(seen.keys() & set(types[:-1])) > 1:
            continue  # an article about a regency and a city: which one is not said
        r.region = next(iter(seen[kind]))
        r.org = f"{lex.government} {kind} {r.region}"


def _parents(reader: _Reader, recs: list[_Cand]) -> None:
    """Give a post named without its body the body it belongs to: the nearest one of its
    kind the paragraph names before it (else after it), else the one body of its kind the
    article names, else the body the post implies ("Jaksa" → the Kejaksaan)."""
    todo = [r for r in recs if r.parent is not None and not r.org]
    if not todo:
        return
    bodies = reader.bodies()
    for r in todo:
        assert r.parent is not None
        heads = r.parent.bodies
        fits = [b for b in bodies if any(b.name == h or b.name.startswith(h + " ") for h in heads)]
        same = [b for b in fits if b.para == r.para]
        before = [b for b in same if b.start < r.start]
        pick = before[-1] if before else (same[0] if same else None)
        if pick is None and len({b.name for b in fits}) == 1:
            pick = fits[0]
        if pick is not None:
            r.org = pick.name
            r.region = r.region or pick.region
        else:
            r.org = r.parent.default
        if r.org and r.field_org and r.position and r.org.startswith(r.field_org + " "):
            r.position += r.org[len(r.field_org) :]  # "Menteri" → Menteri Kelautan dan Perikanan


def _mentions(reader: _Reader, recs: list[_Cand]) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Every mention of each person (full name, shorter forms, stated aliases), in text order."""
    art = reader.art
    lex = reader.lex
    spans: list[tuple[int, int]] = []
    if art.layout.headline is not None:
        for r in art.layout.regions:
            if r.kind == "headline":
                spans.append((r.start, r.end))
    toks_all = [_tokens(lex, art.text, s, e) for s, e in spans] + reader.sents
    found: list[list[tuple[int, int]]] = [[] for _ in recs]
    aliases: list[list[str]] = [[] for _ in recs]
    explicit = [[a.split() for a in r.aliases] for r in recs]
    for toks in toks_all:
        k = 0
        n = len(toks)
        while k < n:
            e = reader.name_run(toks, k) if toks[k].cap else k
            if e == k:
                k += 1
                continue
            words = reader.words(toks, k, e)
            # the longest stretch of the run that names one person
            done = False
            for a in range(len(words)):
                for b in range(len(words), a, -1):
                    ws = [w.text for w in words[a:b]]
                    hits = [
                        ri
                        for ri, r in enumerate(recs)
                        if _is_sub(ws, r.name)
                        or any(len(x) == len(ws) and _is_sub(ws, x) for x in explicit[ri])
                    ]
                    if len(hits) == 1:
                        ri = hits[0]
                        found[ri].append((words[a].start, words[b - 1].end))
                        form = " ".join(_name_text(art.text, words[a:b]))
                        if form != " ".join(recs[ri].name) and form not in aliases[ri]:
                            aliases[ri].append(form)
                        done = True
                        break
                if done:
                    break
            k = e
    return [(sorted(set(f)), a) for f, a in zip(found, aliases, strict=True)]


def extract(art: Article) -> list[Official]:
    """Officials named in the article's body and captions, one record per person."""
    if not art.paragraphs:
        return []
    lex = _lex()
    text = art.text
    if not any(_has_start(lex, text[p.start : p.end]) for p in art.paragraphs):
        return []  # no title phrase can open: no candidate, so no official
    reader = _Reader(art, lex)
    recs = _merge(list(reader.candidates()))
    recs = [r for r in recs if any(len(w) > 2 and any(c.islower() for c in w) for w in r.name)]
    if not recs:
        return []
    _place(recs, reader.lex)
    _parents(reader, recs)
    _respell(reader, recs)
    out: list[Official] = []
    for rec, (spans, aliases) in zip(recs, _mentions(reader, recs), strict=True):
        out.append(
            Official(
                name=" ".join(rec.name),
                aliases=aliases,
                position=rec.position,
                organization=rec.org,
                region=rec.region,
                mentions=[art.span(s, e) for s, e in spans],
            )
        )
    return out


def resolve_name(art: Article, start: int, end: int) -> Official | None:
    """The official a name span (``Dewa``, ``Agus Pramusinto``) refers to, or None.

    A span that overlaps a recorded mention is that official; otherwise the span's words
    must be the full name or a shorter form of exactly one official's name or aliases.
    """
    for o in art.officials:
        for m in o.mentions:
            if m.start < end and start < m.end:
                return o
    lex = _lex()
    words = [
        t.text
        for t in _tokens(lex, art.text, start, end)
        if t.kind == "w" and t.fold not in lex.honorifics and t.fold not in lex.ranks
    ]
    if not words:
        return None
    hits = [
        o
        for o in art.officials
        if _is_sub(words, o.name.split()) or any(_is_sub(words, a.split()) for a in o.aliases)
    ]
    return hits[0] if len(hits) == 1 else None
