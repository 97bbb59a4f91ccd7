"""Quotes, shared parts: the lexicon (``patterns/quotes.toml``) compiled once, the cue-word
index of an article, per-call memo tables, and the records a quote is built in."""

from __future__ import annotations

import bisect
import functools
import re
import threading
from dataclasses import dataclass, field

from extractor.document import Article, Region
from extractor.patterns import PatternFile, lexicon


@lexicon("quotes")
class QuotesLexicon(PatternFile):
    """patterns/quotes.toml: quotation marks, speech cues and speaker references."""

    open_marks: list[str]
    close_marks: list[str]
    ambiguous_marks: list[str]
    #: marks that open only when written against the first quoted word after a space
    strict_open_marks: list[str]
    #: cue roots written beside a quotation (``kata``, ``ujar``); ``-nya`` may be glued on
    cue_roots: list[str]
    #: misspelt cue forms -> root
    cue_typos: dict[str, str]
    #: active verbs introducing reported speech
    indirect_cues: list[str]
    #: cues that report speech only before a comma, colon or complementiser
    separated_cues: list[str]
    #: passive verbs of ``Hal itu disampaikan X`` / ``Dikatakan X, …``
    passive_cues: list[str]
    passive_subjects: list[str]
    #: ``(Hal) senada diungkapkan X``: X becomes the current speaker
    similar_subjects: list[str]
    #: agent marker of a passive verb (``disampaikan oleh X``)
    agent_marker: str
    according_to: list[str]
    pronouns: list[str]
    nya_suffix: str
    adverbs: list[str]
    blockers: list[str]
    relative: str
    #: sentence openers that make a cue hypothetical (``Jika X mengatakan``)
    conditionals: list[str]
    #: first words of a cue's object that make it a thing or topic, not a reported clause
    non_clause_starts: list[str]
    #: words after a closing mark that make the quotation a document's text
    document_after: list[str]
    #: group and first/second-person pronouns: never a speaker's name
    group_pronouns: list[str]
    #: words closing a short object that points back (``hal tersebut``): no reported clause
    anaphors: list[str]
    #: ``Bupati itu mengatakan``: a titled noun phrase pointing back to a speaker
    demonstratives: list[str]
    complementisers: list[str]
    continuations: list[str]
    title_markers: list[str]
    min_words_without_cue: int
    run_on_lines: int
    aside_markers: list[str]
    titles: list[str]
    institutions: list[str]
    name_stops: list[str]
    #: lowercase words inside a long title (``Kepala Bidang Mutasi dan Promosi``)
    connectors: list[str]
    #: conjunctions inside a title (``Biro Humas dan Protokol``)
    title_joiners: list[str]
    #: words opening a companion phrase between a speaker and the cue (``X didampingi Y
    #: menjelaskan``): X speaks
    companions: list[str]
    #: words that may follow a titled name written after a quote with no cue (``"…,"
    #: Kepala BKN X saat rapat``)
    verbless_asides: list[str]
    #: words opening a passive aside between a subject and its cue (``ketika dikonfirmasi``)
    aside_openers: list[str]
    #: words naming a unit inside a title: every word after one names the unit, ``dan``
    #: included (``Kepala Bidang Kedokteran dan Kesehatan Polda X``)
    units: list[str]
    #: first words after a cue that name no one (``kata seorang warga``, ``ujar pemilik akun``)
    unnamed_speakers: list[str]
    #: word starts marking a nickname (``Heru sapaan akrabnya``)
    nickname_markers: list[str]
    #: cue forms that may mean "reportedly" rather than name the speaker (``katanya``)
    hearsay: list[str]
    #: capitalised words that may open an aside between speaker and cue (``X, Selasa (…),``)
    date_words: list[str]
    #: words after which the next word is a place, not a name (``Kota Balikpapan``)
    region_heads: list[str]
    #: words after which the next word is always a place (``Kabupaten Seluma``)
    place_heads: list[str]
    #: words that continue a place name (``Luwu Timur``, ``Lampung Utara``)
    place_suffixes: list[str]


@dataclass(frozen=True)
class QuoteLex:
    marks: re.Pattern[str]
    open_marks: frozenset[str]
    close_marks: frozenset[str]
    root_of: dict[str, str]  # surface cue (lowercase) -> root
    passive_attr: re.Pattern[str]  # "Hal itu disampaikan(nya) (oleh)"
    passive_lead: re.Pattern[str]  # "Dikatakan X, …" / "Dijelaskannya, …" at a sentence start
    passive_aside: re.Pattern[str]  # "…, seperti dijelaskan (oleh) X, …" inside a sentence
    similar: re.Pattern[str]  # "(Hal) senada (juga) diungkapkan (oleh)" at a sentence start
    indirect_words: frozenset[str]
    separated: frozenset[str]
    according_words: frozenset[str]
    cue_words: frozenset[str]  # all of the above with the cue roots
    pronouns: frozenset[str]
    nya: str
    adverbs: frozenset[str]
    blockers: frozenset[str]
    relative: str
    conditionals: frozenset[str]
    group_pronouns: frozenset[str]
    anaphors: frozenset[str]
    demonstratives: frozenset[str]
    non_clause: frozenset[str]
    document_after: re.Pattern[str]
    strict_open: frozenset[str]
    places: dict[str, int]  # first word (casefolded) of a place name -> longest length in words
    place_names: frozenset[str]  # whole place names, casefolded, words joined by one space
    complementisers: frozenset[str]
    continuation: re.Pattern[str]
    title_markers: frozenset[str]
    min_words: int
    run_on_lines: int
    titles: frozenset[str]
    institutions: frozenset[str]
    stops: frozenset[str]
    connectors: frozenset[str]
    region_heads: frozenset[str]
    title_joiners: frozenset[str]
    companions: frozenset[str]
    verbless_asides: frozenset[str]
    aside_openers: frozenset[str]
    units: frozenset[str]
    unnamed_speakers: frozenset[str]
    nickname_markers: tuple[str, ...]
    hearsay: frozenset[str]
    date_words: frozenset[str]
    place_heads: frozenset[str]
    place_suffixes: frozenset[str]
    place_or_region_heads: frozenset[str]  # what makes the next word a place


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def compiled(lex: QuotesLexicon) -> QuoteLex:
    marks = [*lex.open_marks, *lex.close_marks, *lex.ambiguous_marks]
    root_of: dict[str, str] = {}
    for root in lex.cue_roots:
        root_of[root] = root
        root_of[root + lex.nya_suffix] = root
    root_of.update(lex.cue_typos)
    nya = re.escape(lex.nya_suffix)
    place_names = _place_names()
    places: dict[str, int] = {}
    for name in place_names:
        words = name.split()
        places[words[0]] = max(places.get(words[0], 0), len(words))
    return QuoteLex(
        marks=re.compile(_alt(marks)),
        open_marks=frozenset(lex.open_marks),
        close_marks=frozenset(lex.close_marks),
        root_of=root_of,
        passive_attr=re.compile(
            rf"(?:{_alt(lex.passive_subjects)})\s+(?:\w+\s+)?(?P<cue>{_alt(lex.passive_cues)})(?P<nya>{nya})?\b"
            rf"\s*(?:{re.escape(lex.agent_marker)}\s+)?",
            re.I,
        ),
        passive_aside=re.compile(
            rf",\s*(?:{_alt(lex.aside_markers)})\s+(?:yang\s+)?(?P<cue>{_alt(lex.passive_cues)})\b"
            rf"\s*(?:{re.escape(lex.agent_marker)}\s+)?",
            re.I,
        ),
        passive_lead=re.compile(
            rf"(?P<cue>{_alt(lex.passive_cues)})(?:\s+(?=\w)|(?P<nya>{nya})\s*,)", re.I
        ),
        similar=re.compile(
            # ``(?<!\w)``: a word starts the optional subject, so that no attempt inside a
            # long word (a run of digits) rescans the rest of it (linear when searched)
            rf"(?:(?<!\w)\w+\s+)?(?:{_alt(lex.similar_subjects)})\s+(?:\w+\s+)?(?P<cue>{_alt(lex.passive_cues)})\b"
            rf"\s*,?\s*(?:{re.escape(lex.agent_marker)}\b\s*,?\s*)?",
            re.I,
        ),
        indirect_words=frozenset(w.lower() for w in lex.indirect_cues),
        separated=frozenset(w.lower() for w in lex.separated_cues),
        according_words=frozenset(
            w.lower() + suffix for w in lex.according_to for suffix in ("", lex.nya_suffix)
        ),
        cue_words=frozenset(
            [w.lower() for w in lex.indirect_cues]
            + [w.lower() + suffix for w in lex.according_to for suffix in ("", lex.nya_suffix)]
            + list(root_of)
        ),
        pronouns=frozenset(lex.pronouns),
        nya=lex.nya_suffix,
        adverbs=frozenset(lex.adverbs),
        blockers=frozenset(lex.blockers),
        relative=lex.relative,
        conditionals=frozenset(lex.conditionals),
        group_pronouns=frozenset(lex.group_pronouns),
        anaphors=frozenset(lex.anaphors),
        demonstratives=frozenset(w.lower() for w in lex.demonstratives),
        non_clause=frozenset(lex.non_clause_starts),
        # ``(?!(?<=\s)\s)``: never start inside a run of white space (linear when searched)
        document_after=re.compile(
            rf"(?!(?<=\s)\s)[^\w\s]{{0,3}}\s*(?:{_alt(lex.document_after)})\b", re.I
        ),
        strict_open=frozenset(lex.strict_open_marks),
        places=places,
        place_names=frozenset(place_names),
        complementisers=frozenset(lex.complementisers),
        continuation=re.compile(rf"(?:{_alt(lex.continuations)})\b", re.I),
        title_markers=frozenset(lex.title_markers),
        min_words=lex.min_words_without_cue,
        run_on_lines=lex.run_on_lines,
        titles=frozenset(lex.titles),
        institutions=frozenset(lex.institutions),
        stops=frozenset(
            [*lex.name_stops, *lex.group_pronouns, *lex.passive_cues, *lex.according_to, *root_of]
            + [w.lower() for w in lex.indirect_cues]
        ),
        connectors=frozenset(lex.connectors),
        region_heads=frozenset(lex.region_heads),
        title_joiners=frozenset(lex.title_joiners),
        companions=frozenset(lex.companions),
        verbless_asides=frozenset(lex.verbless_asides),
        aside_openers=frozenset(lex.aside_openers),
        units=frozenset(lex.units),
        unnamed_speakers=frozenset(lex.unnamed_speakers),
        nickname_markers=tuple(lex.nickname_markers),
        hearsay=frozenset(lex.hearsay),
        date_words=frozenset(lex.date_words),
        place_heads=frozenset(lex.place_heads),
        place_suffixes=frozenset(lex.place_suffixes),
        place_or_region_heads=frozenset(lex.region_heads) | frozenset(lex.place_heads),
    )


def _place_names() -> frozenset[str]:
    """Every place name the people layer knows (the gazetteer's provinces, regencies and
    cities, their short forms, countries): a raw speaker run that holds one is a title with
    its place (``Kapolres Kutai Kartanegara Irfan``), and the person's name starts after it."""
    from extractor import people

    return people.place_names()


TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*\.?|[^\w\s]")


WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A cue word in the text: where it stands and its lowercase surface."""

    start: int
    end: int
    low: str


@dataclass
class _Index:
    """The cue words of one article, found once by scanning words against sets (no regex
    alternations over the text): sorted hits per kind, with their start offsets for bisect."""

    indirect: list[_Hit]
    according: list[_Hit]
    roots: list[_Hit]
    starts: dict[str, list[int]]

    def within(self, kind: str, start: int, end: int) -> list[_Hit]:
        hits: list[_Hit] = getattr(self, kind)
        pos = self.starts[kind]
        return hits[bisect.bisect_left(pos, start) : bisect.bisect_left(pos, end)]


#: Per-call state: each thread's ``extract`` call keeps its article's indexes here and
#: drops them when it returns, so threads never share them and no article outlives its call.
call_state = threading.local()


def memo_of(kind: str, owner: object) -> dict[str, object]:
    """The memo table of ``kind`` for ``owner`` (the article or its text) in the running
    ``extract`` call; a throwaway table outside one (helpers called directly)."""
    calls: dict[str, tuple[object, dict[str, object]]] | None = getattr(call_state, "memo", None)
    if calls is None:
        return {}
    held = calls.get(kind)
    if held is None or held[0] is not owner:
        held = calls[kind] = (owner, {})
    return held[1]


def cue_index(art: Article, lex: QuoteLex) -> _Index:
    memo = memo_of("index", art)
    found = memo.get("")
    if isinstance(found, _Index):
        return found
    text = art.text
    low = text.lower()
    if len(low) != len(text):  # a character whose lowercase is longer (``İ``): keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    present = set(WORD.findall(low))
    kinds: dict[str, list[_Hit]] = {"indirect": [], "according": [], "roots": []}
    for word in present & lex.cue_words:
        found: list[_Hit] = []
        n = len(word)
        i = low.find(word)
        while i != -1:
            j = i + n
            if (i == 0 or not wordchar(low[i - 1])) and (j == len(low) or not wordchar(low[j])):
                found.append(_Hit(i, j, word))
            i = low.find(word, j)
        if word in lex.indirect_words:
            kinds["indirect"].extend(found)
        if word in lex.according_words:
            kinds["according"].extend(found)
        if word in lex.root_of:
            kinds["roots"].extend(found)
    for hits in kinds.values():
        hits.sort(key=lambda h: h.start)
    idx = _Index(**kinds, starts={k: [h.start for h in v] for k, v in kinds.items()})
    memo[""] = idx
    return idx


def wordchar(c: str) -> bool:
    return c.isalnum() or c == "_"


def cue_at(lex: QuoteLex, text: str, pos: int, end: int) -> tuple[int, str] | None:
    """The cue-root word (``kata``, ``ujarnya``) starting at ``pos``: its end and surface."""
    m = WORD.match(text, pos, end)
    if m is None:
        return None
    w = m.group().lower()
    return (m.end(), w) if w in lex.root_of else None


@dataclass
class Cand:
    """A quote before its speaker is settled (``who``: name | prev | none)."""

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    who: str = "prev"
    name: str | None = None
    name_span: tuple[int, int] | None = None
    raw: str | None = None
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    extra: list[tuple[int, int]] = field(default_factory=list)
    ref: str = ""  # see ``Speaker.ref``; empty for a quote with no cue


@dataclass
class Speaker:
    kind: str  # name | prev
    name: str | None = None
    span: tuple[int, int] | None = None
    end: int = 0  # where the speaker reference ends
    raw: str | None = None  # the name as written, titles stripped
    #: how a ``prev`` speaker is referred to: ``pronoun`` (``dia``, ``-nya``), ``title``
    #: (``kata JPU KPK``) or ``epithet`` (``tegas politisi itu``)
    ref: str = "pronoun"


def first_char(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def rstrip_at(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def set_who(c: Cand, spk: Speaker) -> None:
    c.who = spk.kind
    c.name = spk.name
    c.name_span = spk.span
    c.raw = spk.raw
    c.ref = spk.ref if spk.kind == "prev" else ""


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def paragraph_at(art: Article, pos: int) -> Region | None:
    """The paragraph holding ``pos`` (by bisect on their starts, computed once per article)."""
    memo = memo_of("paragraphs", art)
    starts = memo.get("")
    if not isinstance(starts, list):
        starts = memo[""] = [p.start for p in art.paragraphs]
    k = bisect.bisect_right(starts, pos) - 1
    return art.paragraphs[k] if k >= 0 else None
