"""The people layer's word lists, compiled: schemas, tokens and the phrase trie.

Every word the layer knows lives in ``patterns/positions.toml``, ``organizations.toml``,
``regions.toml``, ``names.toml`` and ``common_words.toml``; this module declares their
schemas, compiles them once per process into :class:`Lex` (tries, frozensets) and tokenises
text into :class:`Tok` (words, numbers, academic degrees, punctuation).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from extractor.patterns import PatternFile, lexicon, load

# --------------------------------------------------------------------------------------
# pattern schemas


class TitleEntry(PatternFile):
    forms: list[str]
    name: str
    government: str | None = None
    org: str | None = None
    field_org: str | None = None
    state_only: bool = False  # "Rektor": an official only at a state university
    needs_body: bool = False  # "Divisi": a post only where a public body is named


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
    member_titles: list[str]  # posts several people hold at once: a list of names shares it
    headless_title: str  # the title "Wakil" + a body implies ("Wakil KASN" → Wakil Ketua)
    personal_posts: list[str]  # posts that serve a person ("Sekretaris Pribadi X, Y")
    list_joiners: list[str]  # "dan", "serta": join the names of such a list
    body_links: list[str]  # "pada", "di": a post's body after it ("Kepala Bidang … pada BKD")
    post_joiners: list[str]  # "merangkap": two posts of one person ("Ketua merangkap Anggota")
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
    lone_units: list[str]  # "Ketua Majelis X": a head alone names a panel, not a body
    national_words: list[str]  # "Negara": a body's last word when it serves the whole country
    state_marker: str  # "Negeri": a university with it in its name is the state's
    party_bodies: list[str]  # names of party bodies start so: their campaign units are posts
    place_in_name: list[str]  # heads of bodies whose name ends in a place, without its type
    state_universities: list[str]  # the names of those without it ("Universitas Gadjah Mada")


@lexicon("regions")
class RegionLexicon(PatternFile):
    """patterns/regions.toml: provinces, regencies, cities, their short forms and type words."""

    abbreviations: dict[str, str]
    # spellings news uses that the gazetteer (extractor.people.places) does not hold
    variants: dict[str, str]
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
    distributives: list[str]  # "masing-masing selaku Anggota …": the post of every listed name
    plural_markers: list[str]  # "para", "sejumlah": a post counted in the plural
    list_openers: list[str]  # "yakni", "adalah": the holders' names follow
    list_pronouns: list[str]  # "Mereka adalah A dan B": a next sentence lists the holders
    title_joins: list[str]
    title_blockers: list[str]
    not_name_suffixes: list[str]
    name_particles: list[str]
    name_connectors: list[str]  # lower-case words inside a name: "bin", "binti", "van"
    body_joiners: list[str]  # "for", "and": English words inside a body's name, never a person's
    alias_cues: str
    expansions: dict[str, str]
    name_links: list[str]
    filled_links: list[str]
    relatives: list[str]
    relative_qualifiers: list[str]
    copulas: list[str]  # "merupakan": the relative is named before the relational noun
    campaign: list[str]
    dropped_links: list[str]
    ordinals: list[str]
    ordinal_prefix: str


@lexicon("common_words")
class CommonWordLexicon(PatternFile):
    """patterns/common_words.toml: words news writes mostly in lower case (never name words)."""

    words: list[str]


# --------------------------------------------------------------------------------------
# compiled lexicons

WORD = r"[^\W\d_](?:[\w'’-]*[^\W_])?"
LETTERS = re.compile(r"[^\W\d_]+")
ROMAN = re.compile(r"[IVX]+")

# Longest stretches read from one starting token (real ones are about half as long): each
# start reads a bounded stretch, so a chain of title words ("Kepala Kepala …") stays linear.
MAX_TITLE = 16  # modifiers and titles ("Menteri Koordinator Bidang Politik, Hukum, …")
MAX_ROLE = 40  # a whole title phrase with its units, bodies and region
MAX_NOISE = 16  # honorifics and ranks before a name ("Letjen TNI (Purn) H.")


class Tok:
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


class Phrases:
    """Multi-word phrase lookup by case-folded words, longest match first.

    A trie of words: a match walks the text once, however many phrases share its first
    words ("Kepala Dinas", "Kepala Desa", … ), so a lookup costs the phrase's length.
    """

    def __init__(self) -> None:
        # word → child node; the key None holds a phrase's (comma positions, value)
        self._root: dict = {}

    def add(self, phrase: str, value: object) -> None:
        words = tuple(w.casefold() for w in re.findall(WORD, phrase))
        if not words:
            return
        # a phrase written with a comma list ("Bidang Politik, Hukum, dan Keamanan") also
        # matches where the text writes the commas: the words the commas follow are marked
        commas = frozenset(
            len(re.findall(WORD, phrase[: m.start()])) for m in re.finditer(",", phrase)
        )
        node = self._root
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault(None, (commas, value))  # the first value given a phrase wins

    def firsts(self) -> set[str]:
        """The case-folded words a phrase can start with."""
        return set(self._root)

    def match(self, toks: list[Tok], i: int) -> tuple[object, int] | None:
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
class Region:
    name: str
    type: str | None


@dataclass
class Lex:
    token_re: re.Pattern[str]
    titles: Phrases
    modifiers: Phrases
    orgs: Phrases
    regions: Phrases
    types: dict[str, str]
    directions: frozenset[str]
    national: Phrases
    place_cues: frozenset[str]
    org_heads: frozenset[str]
    honorifics: frozenset[str]  # one-word forms
    ranks: frozenset[str]  # one-word forms
    noise: Phrases  # honorifics and ranks of any length → "rank" | "honorific"
    rank_tails: frozenset[str]
    countries: Phrases
    company_markers: frozenset[str]
    common: frozenset[str]
    units: frozenset[str]
    title_words: frozenset[str]
    not_names: frozenset[str]
    expansions: dict[str, str]
    links: Phrases
    joins: Phrases
    alias_cue: re.Pattern[str]
    blockers: frozenset[str]
    suffixes: tuple[str, ...]
    particles: frozenset[str]
    parents: list[tuple[str, ParentEntry]]  # (position without modifiers, entry), longest first
    modifier_names: tuple[str, ...]
    placed: tuple[str, ...]  # bodies named by their place ("Kejaksaan Negeri" + a place)
    place_named: frozenset[str]  # facilities whose name is a place ("Bandar Udara Sentani")
    post_modifiers: frozenset[str] = field(default_factory=frozenset)
    name_links: Phrases = field(default_factory=Phrases)
    distributives: frozenset[str] = field(default_factory=frozenset)  # "masing-masing"
    plural_markers: frozenset[str] = field(default_factory=frozenset)  # "para"
    list_openers: Phrases = field(default_factory=Phrases)  # "yakni", "antara lain"
    list_pronouns: frozenset[str] = field(default_factory=frozenset)  # "mereka"
    filled: Phrases = field(default_factory=Phrases)  # "diisi oleh": a post filled by a name
    relatives: Phrases = field(default_factory=Phrases)  # "anak", "istri": a relative's title
    relative_qualifiers: frozenset[str] = field(default_factory=frozenset)  # "sulung"
    copulas: frozenset[str] = field(default_factory=frozenset)  # "merupakan", "adalah"
    campaign: Phrases = field(default_factory=Phrases)  # "Tim Pemenangan": no public office
    ordinals: frozenset[str] = field(default_factory=frozenset)
    connectors: frozenset[str] = field(default_factory=frozenset)  # "bin", "binti", "van"
    body_joiners: frozenset[str] = field(default_factory=frozenset)  # "for", "and", "of"
    ordinal_prefix: str = ""
    home: Phrases = field(default_factory=Phrases)
    dropped_links: Phrases = field(default_factory=Phrases)
    factions: dict[str, str] = field(default_factory=dict)
    faction_bodies: dict[str, str] = field(default_factory=dict)
    vocab: frozenset[str] = field(default_factory=frozenset)
    starts: frozenset[str] = field(default_factory=frozenset)  # words that can open a phrase
    joiners: frozenset[str] = field(default_factory=frozenset)  # "dan"
    headless: TitleEntry | None = None  # "Ketua": the title "Wakil KASN" leaves out
    personal_posts: frozenset[str] = field(default_factory=frozenset)  # "Ajudan"
    member_titles: tuple[str, ...] = ()  # "Anggota", "Hakim Anggota": several hold them at once
    list_joiners: frozenset[str] = field(default_factory=frozenset)  # "dan", "serta"
    body_links: frozenset[str] = field(default_factory=frozenset)  # "pada", "di"
    post_joiners: frozenset[str] = field(default_factory=frozenset)  # "merangkap"
    joined_modifiers: frozenset[str] = field(default_factory=frozenset)  # "Wakil"
    numbered_units: frozenset[str] = field(default_factory=frozenset)  # "komisi"
    lone_units: frozenset[str] = field(default_factory=frozenset)  # "Majelis"
    national_words: frozenset[str] = field(default_factory=frozenset)  # "Negara"
    state_marker: str = ""  # "Negeri"
    party_bodies: tuple[str, ...] = ()  # "Partai", "Dewan Pimpinan"
    place_in_name: frozenset[str] = field(default_factory=frozenset)  # "Universitas"
    state_universities: frozenset[str] = field(default_factory=frozenset)
    government_types: tuple[str, ...] = ()  # most local first
    government: str = ""
    unknown_type: str = ""
    local_bodies: dict[str, str] = field(default_factory=dict)
    # the first letters-only piece of each opening word: a paragraph none of whose letter
    # runs is one of them holds no title phrase (None: some opening word has no such piece)
    start_keys: frozenset[str] | None = None


@functools.lru_cache(maxsize=4)
def compile_lex(
    pos: PositionLexicon,
    org: OrganizationLexicon,
    reg: RegionLexicon,
    nam: NameLexicon,
    com: CommonWordLexicon,
) -> Lex:
    token_re = re.compile(rf"(?P<d>{nam.degrees})|(?P<w>{WORD})|(?P<n>\d[\d.,/]*)|(?P<p>\S)")
    titles, modifiers, orgs, regions, national, links = (Phrases() for _ in range(6))
    joins = Phrases()
    for j in nam.title_joins:
        joins.add(j, True)
    noise, countries = Phrases(), Phrases()
    for h in nam.honorifics:
        noise.add(h, "honorific")
    for r in nam.ranks:
        noise.add(r, "rank")
    for c in reg.countries:
        countries.add(c, True)
    for name in reg.untyped:
        regions.add(name, Region(name, None))
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
    # provinces, regencies and cities from the official gazetteer (extractor.people.places);
    # a name that is both reads as a province, then a city, unless the text writes its type
    from extractor.people.places import gazetteer

    gaz = gazetteer()
    first = {reg.province_type: 0, reg.city_type: 1, reg.regency_type: 2}
    placed = sorted((p for p in gaz.places if p.type in first), key=lambda p: first[p.type])
    for p in placed:
        regions.add(p.name, Region(p.name, p.type))
    for variant, official in reg.variants.items():
        for p in sorted(gaz.lookup(official), key=lambda p: first.get(p.type, 9)):
            if p.type in first:
                regions.add(variant, Region(variant, p.type))
    for short, full in reg.abbreviations.items():
        words = full.split()
        typ = reg.types.get(words[0])
        if typ:
            regions.add(short, Region(" ".join(words[1:]), typ))
        else:
            regions.add(short, Region(full, reg.province_type))
    for p in placed:
        if " " in p.name:  # "Kuburaya" for Kubu Raya: a place written as one word is still a place
            glued = p.name.replace(" ", "").capitalize()
            if regions.match([Tok(glued, 0, len(glued), "w")], 0) is None:
                regions.add(glued, Region(p.name, p.type))  # the official spelling
    for n in reg.national:
        national.add(n, True)
    for link in nam.apposition_links:
        links.add(link, True)
    fold = lambda xs: frozenset(x.casefold() for x in xs)  # noqa: E731
    lex = Lex(
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
    lex.distributives = fold(nam.distributives)
    lex.plural_markers = fold(nam.plural_markers)
    lex.list_pronouns = fold(nam.list_pronouns)
    for opener in nam.list_openers:
        lex.list_openers.add(opener, True)
    for link in nam.name_links:
        lex.name_links.add(link, True)
    for rel in nam.relatives:
        lex.relatives.add(rel, True)
    lex.relative_qualifiers = fold(nam.relative_qualifiers)
    lex.copulas = fold(nam.copulas)
    for c in nam.campaign:
        lex.campaign.add(c, True)
    for link in nam.filled_links:
        lex.name_links.add(link, True)
        lex.filled.add(link, True)
    lex.ordinals = fold(nam.ordinals)
    lex.connectors = fold(nam.name_connectors)
    lex.body_joiners = fold(nam.body_joiners)
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
    lex.member_titles = tuple(pos.member_titles)
    lex.personal_posts = frozenset(pos.personal_posts)
    hl = titles.match(tokenize(lex, pos.headless_title, 0, len(pos.headless_title)), 0)
    lex.headless = hl[0] if hl else None  # type: ignore[assignment]
    lex.list_joiners = fold(pos.list_joiners)
    lex.body_links = fold(pos.body_links)
    lex.post_joiners = fold(pos.post_joiners)
    lex.joined_modifiers = frozenset(pos.joined_modifiers)
    lex.numbered_units = fold(org.numbered_units)
    lex.lone_units = frozenset(org.lone_units)
    lex.national_words = frozenset(org.national_words)
    lex.state_marker = org.state_marker
    lex.party_bodies = tuple(org.party_bodies)
    lex.place_in_name = frozenset(org.place_in_name)
    lex.state_universities = frozenset(org.state_universities)
    lex.government_types = tuple(reg.government_types)
    lex.government = reg.government
    lex.unknown_type = reg.unknown_type
    lex.local_bodies = dict(reg.local_bodies)
    keys = [LETTERS.match(s) for s in lex.starts]
    lex.start_keys = frozenset(m.group() for m in keys if m) if all(keys) else None
    return lex


def ranks_first(nam: NameLexicon) -> set[str]:
    """First words of the ranks: a rank opens a name ("Bripka Eka Setiawan")."""
    return {r.split()[0].casefold() for r in nam.ranks}


def get_lex() -> Lex:
    return compile_lex(
        load(PositionLexicon),
        load(OrganizationLexicon),
        load(RegionLexicon),
        load(NameLexicon),
        load(CommonWordLexicon),
    )


def has_start(lex: Lex, text: str) -> bool:
    """Can the text hold a title phrase? A word token that opens one starts a run of letters
    (the character before a word token is never a letter), so a text none of whose letter
    runs is an opening word's first piece has none — checked without tokenising."""
    keys = lex.start_keys
    return keys is None or not keys.isdisjoint(LETTERS.findall(text.casefold()))


def tokenize(lex: Lex, text: str, start: int, end: int) -> list[Tok]:
    return [
        Tok(m.group(), m.start(), m.end(), m.lastgroup or "p")
        for m in lex.token_re.finditer(text, start, end)
    ]
