"""Quotes: direct speech in quotation marks and reported (indirect) speech, with speakers.

News prints speech in a few shapes: ``"…," kata X``, ``X mengatakan, "…"``, ``X
menegaskan bahwa …``, ``Menurut X, …``, ``Hal itu disampaikan X`` after the words, and
quotes with no cue that continue the previous speaker. Scrapes drop opening marks, cut
texts short and print ``”`` for both marks, so quotation marks are paired by where they
stand, not by their glyph alone. Every word the rules look for is in
``patterns/quotes.toml``; speakers are resolved through the officials extractor when it
knows the name, else named by the fullest form of the name in the article.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from dataclasses import dataclass, field

from extractor.document import Article, Region, Sentence
from extractor.models import Quote, QuoteKind
from extractor.patterns import PatternFile, lexicon, load


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
    titles: list[str]
    institutions: list[str]
    name_stops: list[str]
    #: lowercase words inside a long title (``Kepala Bidang Mutasi dan Promosi``)
    connectors: list[str]
    #: conjunctions inside a title (``Biro Humas dan Protokol``)
    title_joiners: list[str]
    #: capitalised words that may open an aside between speaker and cue (``X, Selasa (…),``)
    date_words: list[str]
    #: words after which the next word is a place, not a name (``Kota Balikpapan``)
    region_heads: list[str]
    #: words after which the next word is always a place (``Kabupaten Seluma``)
    place_heads: list[str]
    #: words that continue a place name (``Luwu Timur``, ``Lampung Utara``)
    place_suffixes: list[str]


# ------------------------------------------------------------------ compiled lexicon
@dataclass(frozen=True)
class _Lex:
    marks: re.Pattern[str]
    open_marks: frozenset[str]
    close_marks: frozenset[str]
    root_of: dict[str, str]  # surface cue (lowercase) -> root
    passive_attr: re.Pattern[str]  # "Hal itu disampaikan(nya) (oleh)"
    passive_lead: re.Pattern[str]  # "Dikatakan X, …" / "Dijelaskannya, …" at a sentence start
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
    titles: frozenset[str]
    institutions: frozenset[str]
    stops: frozenset[str]
    connectors: frozenset[str]
    region_heads: frozenset[str]
    title_joiners: frozenset[str]
    date_words: frozenset[str]
    place_heads: frozenset[str]
    place_suffixes: frozenset[str]
    place_or_region_heads: frozenset[str]  # what makes the next word a place


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def _compiled(lex: QuotesLexicon) -> _Lex:
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
    return _Lex(
        marks=re.compile(_alt(marks)),
        open_marks=frozenset(lex.open_marks),
        close_marks=frozenset(lex.close_marks),
        root_of=root_of,
        passive_attr=re.compile(
            rf"(?:{_alt(lex.passive_subjects)})\s+(?:\w+\s+)?(?P<cue>{_alt(lex.passive_cues)})(?P<nya>{nya})?\b"
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
        titles=frozenset(lex.titles),
        institutions=frozenset(lex.institutions),
        stops=frozenset(
            [*lex.name_stops, *lex.group_pronouns, *lex.passive_cues, *lex.according_to, *root_of]
            + [w.lower() for w in lex.indirect_cues]
        ),
        connectors=frozenset(lex.connectors),
        region_heads=frozenset(lex.region_heads),
        title_joiners=frozenset(lex.title_joiners),
        date_words=frozenset(lex.date_words),
        place_heads=frozenset(lex.place_heads),
        place_suffixes=frozenset(lex.place_suffixes),
        place_or_region_heads=frozenset(lex.region_heads) | frozenset(lex.place_heads),
    )


def _place_names() -> set[str]:
    """Provinces, regencies, cities, their short forms and countries (``patterns/regions.toml``):
    a raw speaker run that holds one is a title with its place (``Kapolres Kutai Kartanegara
    Irfan``), and the person's name starts after it."""
    try:
        from extractor.extractors.officials import RegionLexicon

        reg = load(RegionLexicon)
    except Exception:  # the officials module is mid-edit: go without places
        return set()
    names: list[str] = []
    for key in ("provinces", "regencies", "cities", "countries", "untyped"):
        names.extend(getattr(reg, key, None) or [])
    names.extend((getattr(reg, "abbreviations", None) or {}).keys())
    return {" ".join(n.casefold().split()) for n in names if n.strip()}


_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*\.?|[^\w\s]")
_WORD = re.compile(r"\w+")


# ------------------------------------------------------------------ cue words of an article
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
_state = threading.local()


def _memo(kind: str, owner: object) -> dict[str, object]:
    """The memo table of ``kind`` for ``owner`` (the article or its text) in the running
    ``extract`` call; a throwaway table outside one (helpers called directly)."""
    calls: dict[str, tuple[object, dict[str, object]]] | None = getattr(_state, "memo", None)
    if calls is None:
        return {}
    held = calls.get(kind)
    if held is None or held[0] is not owner:
        held = calls[kind] = (owner, {})
    return held[1]


def _index(art: Article, lex: _Lex) -> _Index:
    memo = _memo("index", art)
    found = memo.get("")
    if isinstance(found, _Index):
        return found
    text = art.text
    low = text.lower()
    if len(low) != len(text):  # a character whose lowercase is longer (``İ``): keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    present = set(_WORD.findall(low))
    kinds: dict[str, list[_Hit]] = {"indirect": [], "according": [], "roots": []}
    for word in present & lex.cue_words:
        found: list[_Hit] = []
        n = len(word)
        i = low.find(word)
        while i != -1:
            j = i + n
            if (i == 0 or not _wordchar(low[i - 1])) and (j == len(low) or not _wordchar(low[j])):
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


def _wordchar(c: str) -> bool:
    return c.isalnum() or c == "_"


def _cue_at(lex: _Lex, text: str, pos: int, end: int) -> tuple[int, str] | None:
    """The cue-root word (``kata``, ``ujarnya``) starting at ``pos``: its end and surface."""
    m = _WORD.match(text, pos, end)
    if m is None:
        return None
    w = m.group().lower()
    return (m.end(), w) if w in lex.root_of else None


# ------------------------------------------------------------------ records under construction
@dataclass
class _Cand:
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
    ref: str = ""  # see ``_Speaker.ref``; empty for a quote with no cue


@dataclass
class _Speaker:
    kind: str  # name | prev
    name: str | None = None
    span: tuple[int, int] | None = None
    end: int = 0  # where the speaker reference ends
    raw: str | None = None  # the name as written, titles stripped
    #: how a ``prev`` speaker is referred to: ``pronoun`` (``dia``, ``-nya``), ``title``
    #: (``kata JPU KPK``) or ``epithet`` (``tegas politisi itu``)
    ref: str = "pronoun"


# ------------------------------------------------------------------ entry point
def extract(art: Article) -> list[Quote]:
    """All direct and indirect quotes of the article's body paragraphs, in text order."""
    body = [p for p in art.paragraphs if p.kind == "body"]
    if not body:
        return []
    outer = getattr(_state, "memo", None)
    _state.memo = {}
    try:
        return _extract(art, _compiled(load(QuotesLexicon)), body)
    finally:
        _state.memo = outer


def _extract(art: Article, lex: _Lex, body: list[Region]) -> list[Quote]:
    directs, consumed = _direct_quotes(art, lex, body)
    cands: list[_Cand] = list(directs)
    quoted_all = sorted([(c.start, c.end) for c in directs] + [r for c in directs for r in c.extra])
    cands.extend(_indirect_quotes(art, lex, quoted_all, consumed, directs))
    cands.sort(key=lambda c: c.start)
    _resolve_speakers(art, lex, cands)
    out: list[Quote] = []
    for c in cands:
        if not c.text.strip():
            continue
        if c.speaker is None:
            art.warnings.append(f"quote without a resolvable speaker: {c.text[:60]!r}")
        out.append(
            Quote(
                text=c.text,
                kind=QuoteKind(c.kind),
                speaker=c.speaker,
                cue=c.cue,
                span=art.span(c.start, c.end),
                speaker_span=art.span(*c.speaker_span) if c.speaker_span else None,
            )
        )
    return out


# ------------------------------------------------------------------ direct quotes
def _direct_quotes(
    art: Article, lex: _Lex, body: list[Region]
) -> tuple[list[_Cand], list[tuple[int, int]]]:
    """Pair quotation marks paragraph by paragraph; attach each quote's cue and speaker."""
    text = art.text
    # (pieces, forced as speech, para index, closing mark when it stands in a later paragraph)
    raw: list[tuple[list[tuple[int, int]], bool, int, int | None]] = []
    carry: list[tuple[int, int]] | None = None
    for pi, para in enumerate(body):
        marks = [
            m for m in lex.marks.finditer(text, para.start, para.end)
            if m.group() not in lex.strict_open or _strict_opens(text, m.start(), m.end(), para)
        ]
        open_at: int | None = None
        pieces: list[tuple[int, int]] = []
        if carry is not None:
            # the previous paragraph's quote continues only if this one opens with a mark;
            # a mark followed by a space or a comma closes it instead (``" ujar X``: a scrape
            # broke the paragraph inside the quote)
            first = _first_char(text, para.start, para.end)
            if marks and marks[0].start() == first:
                q = marks[0].end()
                if q >= para.end or text[q].isspace() or text[q] in ",.;:":
                    raw.append((carry, True, pi, marks[0].start()))
                    marks = marks[1:]
                else:
                    pieces = carry
                    open_at = q
                    marks = marks[1:]
            else:
                raw.append((carry, _opens_para(text, body[pi - 1], carry), pi - 1, None))
            carry = None
        for k, m in enumerate(marks):
            g, p, q = m.group(), m.start(), m.end()
            left_space = p == para.start or text[p - 1].isspace() or text[p - 1] in "([{—–-:"
            right_space = q >= para.end or text[q].isspace() or text[q] in ",.;:!?)"
            if open_at is None:
                orphan = (
                    k == 0
                    and not pieces
                    and g not in lex.open_marks
                    and not left_space
                    and (right_space or _cue_at(lex, text, q, para.end) is not None)
                )
                if orphan:
                    start = _first_char(text, para.start, p)
                    raw.append(([(start, p)], True, pi, None))
                else:
                    open_at = q
            elif g in lex.open_marks and left_space and not right_space and not pieces and p > open_at:
                # an opener while open: the earlier quote was never closed
                raw.append(([(open_at, _rstrip(text, open_at, p))], False, pi, None))
                open_at = q
            else:
                pieces.append((open_at, p))
                raw.append((pieces, False, pi, None))
                pieces = []
                open_at = None
        if open_at is not None:
            pieces.append((open_at, _rstrip(text, open_at, para.end)))
            carry = pieces
    if carry is not None:
        raw.append((carry, _opens_para(text, body[-1], carry), len(body) - 1, None))

    out: list[_Cand] = []
    consumed: list[tuple[int, int]] = []
    body_starts = [p.start for p in body]
    for pieces, forced, pi, closer in raw:
        para = body[pi]
        first_para = body[max(0, bisect.bisect_right(body_starts, pieces[0][0]) - 1)]
        start, end = pieces[0][0], pieces[-1][1]
        inner = " ".join(text[a:b] for a, b in pieces)
        qtext = _clean_quote(inner)
        if not qtext:
            continue
        close_at = end if closer is None else closer  # the closing mark (or paragraph end)
        if lex.document_after.match(text, close_at, para.end):
            continue  # ``"…," seperti dikutip dari draf RKUHP``: a document's text
        after = _post_attribution(art, lex, close_at, para.end)
        before = None if forced else _pre_attribution(art, lex, first_para.start, start, out)
        has_cue = after is not None or before is not None
        # ``"A," kata X. "B."``: a quote right after an attributed one in its paragraph
        follows = bool(out) and para.start <= out[-1].end and len(_WORD.findall(text[out[-1].end : start])) <= 12
        forced = forced or len(pieces) > 1 or follows
        if not has_cue and not _looks_like_speech(text, lex, start, qtext, forced):
            continue
        c = _Cand(start=start, end=end, text=qtext, kind="direct", cue=None)
        c.extra = pieces[1:]
        if after is not None:
            cue, spk, _cue_start = after
            c.cue = cue
            _set_who(c, spk)
            consumed.append((close_at, spk.end))
        elif before is not None:
            cue, spk = before
            c.cue = cue
            _set_who(c, spk)
        out.append(c)
    return out, consumed


def _strict_opens(text: str, p: int, q: int, para: Region) -> bool:
    """``,,Kami …``: a strict mark opens only after a space and against a word."""
    left = p == para.start or text[p - 1].isspace()
    return left and q < para.end and text[q].isalnum()


def _opens_para(text: str, para: Region, pieces: list[tuple[int, int]]) -> bool:
    """An unclosed quote whose mark opens its paragraph: speech cut short, not a term."""
    first = _first_char(text, para.start, para.end)
    return len(pieces) == 1 and pieces[0][0] - first <= 2


def _first_char(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _clean_quote(inner: str) -> str:
    """Quote text: without surrounding white space and a trailing comma."""
    t = inner.strip()
    while t.endswith(",") or t.endswith(" "):
        t = t[:-1].rstrip()
    return t


def _looks_like_speech(text: str, lex: _Lex, start: int, qtext: str, forced: bool) -> bool:
    """A quote with no cue: speech if it reads as sentences, not a title, term or scare quote."""
    prev = _WORD.findall(text[max(0, start - 40) : start])
    if prev and prev[-1].lower() in lex.title_markers and start - 1 > 0 and text[start - 2].isspace():
        return False  # ``bertajuk "…"``, ``tema “…”``
    if forced:
        return True
    words = _WORD.findall(qtext)
    if len(words) < lex.min_words:
        return False
    if not qtext[0].isupper() and not qtext[0].isdigit():
        return False
    return qtext[-1] in ".!?…" or len(words) >= 8


def _post_attribution(
    art: Article, lex: _Lex, close_at: int, para_end: int
) -> tuple[str, _Speaker, int] | None:
    """``," kata X`` / ``,” ujarnya`` / ``"tegas Dewa`` right after a closing mark."""
    text = art.text
    m = _MARK_AFTER.match(text, close_at, para_end)
    pos = m.end() if m else close_at
    cm = _cue_at(lex, text, pos, para_end)
    if cm is None or (pos > 0 and text[pos - 1].isalnum()):
        return None
    cm_end, surface = cm
    root = lex.root_of[surface]
    if surface != root and surface.endswith(lex.nya):
        return root, _Speaker("prev", end=cm_end), pos
    spk = _speaker_after(art, lex, cm_end, para_end)
    if spk is None:
        return None
    return root, spk, pos


_MARK_AFTER = re.compile(r"[^\w\s]{0,3}\s*")


def _pre_attribution(
    art: Article, lex: _Lex, para_start: int, open_at: int, earlier: list[_Cand]
) -> tuple[str, _Speaker] | None:
    """``X mengatakan, "…"`` / ``kata X: "…"`` just before an opening mark."""
    text = art.text
    lo = para_start
    # ``earlier`` is in text order and disjoint (ends ascending): the last quote ending
    # before ``open_at`` is the one to start after, so the scan stops there
    for c in reversed(earlier):
        if c.end < open_at:
            if c.end >= para_start:
                lo = max(lo, c.end + 1)
            break
    # the mark itself starts one or two characters before the inner text
    mark_start = open_at
    while mark_start > lo and not text[mark_start - 1].isspace() and not text[mark_start - 1].isalnum():
        mark_start -= 1
    head = text[lo:mark_start]
    stripped = head.rstrip()
    if not stripped.endswith((",", ":")):
        return None
    body_end = lo + len(stripped) - 1
    # find the last cue in the head
    idx = _index(art, lex)
    found = idx.within("indirect", lo, body_end)
    last = found[-1] if found else None
    if last is not None and not text[last.end : body_end].strip(" ,:"):
        spk = _subject_before(art, lex, lo, last.start)
        if spk is not None:
            return last.low, spk
    for m in idx.within("roots", lo, body_end):
        surface = m.low
        root = lex.root_of.get(surface, surface)
        if surface != root and surface.endswith(lex.nya):
            if not text[m.end : body_end].strip(" ,:"):
                return root, _Speaker("prev", end=m.end)
            continue
        spk = _speaker_after(art, lex, m.end, body_end)
        if spk is not None and not text[spk.end : body_end].strip(" ,:"):
            return root, spk
    return None


def _set_who(c: _Cand, spk: _Speaker) -> None:
    c.who = spk.kind
    c.name = spk.name
    c.name_span = spk.span
    c.raw = spk.raw
    c.ref = spk.ref if spk.kind == "prev" else ""


# ------------------------------------------------------------------ names and speakers
def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def _is_name_word(lex: _Lex, word: str) -> bool:
    lw = word.lower().rstrip(".")
    if lw in lex.titles or lw in lex.institutions or lw in lex.stops:
        return False
    if len(word) > 1 and word.isupper() and not word.endswith("."):
        return False  # an acronym
    return word[0].isupper()


def _initial_or_abbrev(lex: _Lex, tok: str) -> bool:
    core = tok[:-1]
    return (len(core) == 1 and core.isupper()) or core.lower() in lex.titles


def _name_run(art: Article, lex: _Lex, pos: int, limit: int) -> list[tuple[int, int]]:
    """Capitalised words from ``pos``: a name with its titles (``Ketua Bawaslu X Y``)."""
    text = art.text
    words: list[tuple[int, int]] = []
    depth = 0
    for m in _TOKEN.finditer(text, pos, limit):
        tok = m.group()
        if not tok[0].isalnum():
            if tok == "(" and words:
                depth += 1
                continue
            if tok == ")" and depth:
                depth -= 1
                continue
            break
        if depth:
            continue
        core = tok[:-1] if tok.endswith(".") else tok
        if core in lex.title_joiners and words and _joins_title(art, lex, words, m.end(), limit):
            continue  # ``Kepala Biro Humas dan Protokol Pemprov Jabar Hermansyah``
        if not _is_cap(core) or core.lower() in lex.stops:
            break
        words.append((m.start(), m.start() + len(core)))
        if tok.endswith(".") and not _initial_or_abbrev(lex, tok):
            break
        # between words only plain spaces
        nxt = m.end()
        if nxt < limit and text[nxt] in "\n":
            break
    return words


def _joins_title(art: Article, lex: _Lex, words: list[tuple[int, int]], pos: int, limit: int) -> bool:
    """``dan`` inside a title: every word so far is a title or body, and a capitalised word
    follows (``Biro Humas dan Protokol``), so no person's name has started yet."""
    text = art.text
    if not all(not _is_name_word(lex, text[a:b]) for a, b in words):
        return False
    m = _TOKEN.match(text, _first_char(text, pos, limit), limit)
    return m is not None and _is_cap(m.group()) and m.group().lower() not in lex.stops


def _person_words(art: Article, lex: _Lex, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The trailing name words of a run, after its titles, institutions and places."""
    text = art.text
    k = len(words)
    while k > 0 and _is_name_word(lex, text[words[k - 1][0] : words[k - 1][1]]):
        if k < len(words) and text[words[k - 1][1] : words[k][0]].strip(" .\xa0"):
            break  # ``Menteri Dalam Negeri (Mendagri) Suhajar``: the name starts after the gap
        k -= 1
    # ``Bawaslu Kota Balikpapan Ahmadi Azis``: the word after a place head is the place;
    # after an organisation head only when a name still follows (``Ketua Bawaslu Abhan``)
    if k > 0 and k < len(words):
        head = text[words[k - 1][0] : words[k - 1][1]].lower().rstrip(".")
        if head in lex.place_heads or (
            head in lex.region_heads and len(words) - k >= 2 and _named_as_place(art, lex, words, k)
        ):
            k += 1
            while k < len(words) and text[words[k][0] : words[k][1]].lower() in lex.place_suffixes:
                k += 1
    out = words[k:]
    # ``Gatot Gatot Eddy Pramono``: a word doubled by a typo
    # (a doubled last word is a name: ``Ayu Ting Ting``)
    out = [
        w for n, w in enumerate(out)
        if n == 0 or n == len(out) - 1 or text[w[0] : w[1]] != text[out[n - 1][0] : out[n - 1][1]]
    ]
    return _after_place(art, lex, _from_anchor(art, lex, out))


def _after_place(art: Article, lex: _Lex, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop a place written in the name run: ``Kutai Kartanegara Irfan`` → ``Irfan``,
    ``Satpol PP Jakarta Utara Yusuf Madjid`` → ``Yusuf Madjid``; a run that is only a place
    (or ends in one) names no person there. A one-word place that opens a two-word run
    (``Bima Arya``) is a first name unless the article uses it as a place."""
    if not lex.places or not out:
        return out
    text = art.text
    low = [text[a:b].casefold() for a, b in out]
    cut = 0  # names start here
    stop = len(out)  # and end before here
    i = 0
    while i < len(out):
        n = min(lex.places.get(low[i], 0), len(out) - i)
        while n and " ".join(low[i : i + n]) not in lex.place_names:
            n -= 1
        if not n:
            i += 1
            continue
        single = n == 1 and not _named_as_place(art, lex, out, i)
        if i + n < len(out):
            if not (single and (i == 0 and len(out) - n < 2)):
                cut = i + n
        elif i >= cut and not single:
            stop = i  # ``Bupati Pasangkayu``: the run ends in (or is only) a place
        i += n
    return out[cut:stop] if cut < stop else []


def _anchors(art: Article, lex: _Lex) -> frozenset[str]:
    """First words of the short names the article gives its speakers (``kata Hesti``,
    ``Menurut Asep``, ``Semmy mengatakan``): where a person's name starts in a long run."""
    memo = _memo("anchors", art)
    known = memo.get("")
    if isinstance(known, frozenset):
        return known
    text = art.text
    idx = _index(art, lex)
    found: set[str] = set()
    for h in idx.roots + idx.according:
        if h.low in lex.root_of and h.low != lex.root_of[h.low]:
            continue  # ``ujarnya``: no name follows
        m = _CAP_AFTER.match(text, h.end)
        if m:
            found.add(m.group(1))
    for h in idx.indirect:
        # ``Hesti mengatakan``, ``Asep juga mengungkapkan``: one or two capitalised words
        # opening a clause right before the cue
        toks = _WORD.findall(text, max(0, h.start - 60), h.start)[-4:]
        while toks and toks[-1].lower() in lex.adverbs:
            toks.pop()
        caps = 0
        while caps < len(toks) and caps < 2 and _is_cap(toks[-1 - caps]):
            caps += 1
        if caps and (caps == len(toks) or not _is_cap(toks[-1 - caps])):
            found.add(toks[-caps])
    result = frozenset(found)
    memo[""] = result
    return result


_CAP_AFTER = re.compile(r"[ \xa0]+([A-Z][\w'’-]*)")


def _from_anchor(art: Article, lex: _Lex, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Dirut RSUD Leuwiliang Hesti Iswandari`` → ``Hesti Iswandari`` when the article calls
    her ``Hesti`` elsewhere: the words before a known first name are her title or body."""
    if len(out) < 3:
        return out
    text = art.text
    anchors = _anchors(art, lex)
    if text[out[0][0] : out[0][1]] in anchors:
        return out
    for k in range(1, len(out) - 1):
        if text[out[k][0] : out[k][1]] in anchors and _stands_alone(text, out[k - 1], out[k]):
            return out[k:]
    return out


def _stands_alone(text: str, word: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Whether ``word`` is written elsewhere without ``nxt`` after it (``RSUD Leuwiliang``
    beside ``Leuwiliang Hesti``): a body or place, not the first part of a name (``I Ketut``)."""
    w, follow = text[word[0] : word[1]], text[nxt[0] : nxt[1]]
    groups = _words(text).followers(w)
    if groups is None or len(follow) > _FOLLOW_CHARS:  # rare: scan for this word only
        return _stands_alone_scan(text, word, w, follow)
    for after, starts in groups.items():
        if not after.startswith(follow) and any(i != word[0] for i in starts[:2]):
            return True
    return False


def _stands_alone_scan(text: str, word: tuple[int, int], w: str, follow: str) -> bool:
    i = text.find(w)
    while i != -1:
        j = i + len(w)
        bounded = (i == 0 or not _wordchar(text[i - 1])) and (j == len(text) or not _wordchar(text[j]))
        if i != word[0] and bounded and not text[j : j + 1 + len(follow)].lstrip().startswith(follow):
            return True
        i = text.find(w, j)
    return False


#: a word as name runs cut it: letters/digits joined by hyphens or apostrophes
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_NEXT_WORD = re.compile(r"[ \xa0]+(\w+)")
#: how much of what follows a word :meth:`_Words.followers` keeps
_FOLLOW_CHARS = 64


class _Words:
    """Where each word of one article stands, found in one pass over the text, so that
    questions asked per candidate name (is this word used elsewhere as a place? written
    without the next word?) cost the word's occurrences, never a scan of the whole text.
    Answers are summarised per distinct word, so a word repeated thousands of times is
    looked at once, not once per candidate."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: dict[str, list[int]] = {}
        for m in _WORD.finditer(text):
            self.runs.setdefault(m.group(), []).append(m.start())
        self._occ: dict[str, list[int]] = {}
        self._follow: dict[str, dict[str, list[int]]] = {}
        self._place: dict[tuple[str, frozenset[str]], dict[str | None, list[tuple[int, int]]]] = {}

    def occurrences(self, w: str) -> list[int] | None:
        """Starts of ``w`` with no word character on either side (None: ``w`` is not a
        plain word). Every such occurrence starts a maximal run of word characters equal
        to ``w``'s first piece, so only those runs are checked."""
        got = self._occ.get(w)
        if got is not None:
            return got
        first = _WORD.match(w)
        if first is None or not _PLAIN_WORD.fullmatch(w):
            return None
        text, n = self.text, len(w)
        out = [
            i for i in self.runs.get(first.group(), [])
            if text.startswith(w, i) and (i + n == len(text) or not _wordchar(text[i + n]))
        ]
        self._occ[w] = out
        return out

    def followers(self, w: str) -> dict[str, list[int]] | None:
        """``w``'s occurrences grouped by what follows them (after at most one white-space
        character, up to the next white space): for a word ``f``, ``key.startswith(f)`` is
        what ``text[j : j + 1 + len(f)].lstrip().startswith(f)`` tests."""
        got = self._follow.get(w)
        if got is not None:
            return got
        occ = self.occurrences(w)
        if occ is None:
            return None
        text = self.text
        groups: dict[str, list[int]] = {}
        for i in occ:
            j = i + len(w)
            if j < len(text) and text[j].isspace():
                j += 1
            k = j
            while k < len(text) and k - j < _FOLLOW_CHARS and not text[k].isspace():
                k += 1
            groups.setdefault(text[j:k], []).append(i)
        self._follow[w] = groups
        return groups

    def after_heads(
        self, w: str, heads: frozenset[str]
    ) -> dict[str | None, list[tuple[int, int]]] | None:
        """``w``'s occurrences written right after a head word (``Pemkab X``, ``di X``),
        grouped by the word after them, as the spans ``head … next`` they cover."""
        key = (w, heads)
        got = self._place.get(key)
        if got is not None:
            return got
        occ = self.occurrences(w)
        if occ is None:
            return None
        text = self.text
        groups: dict[str | None, list[tuple[int, int]]] = {}
        for i in occ:
            b = i
            while b > 0 and text[b - 1] in " \xa0":
                b -= 1
            if b == i or b == 0 or not _wordchar(text[b - 1]):
                continue
            a = b
            while a > 0 and _wordchar(text[a - 1]):
                a -= 1
            if text[a:b].lower() not in heads:
                continue
            m = _NEXT_WORD.match(text, i + len(w))
            groups.setdefault(m.group(1) if m else None, []).append((a, m.end() if m else i + len(w)))
        self._place[key] = groups
        return groups


def _words(text: str) -> _Words:
    """The word index of ``text`` (the article being analysed), built once."""
    memo = _memo("words", text)
    idx = memo.get("")
    if isinstance(idx, _Words):
        return idx
    idx = memo[""] = _Words(text)
    return idx


def _named_as_place(art: Article, lex: _Lex, words: list[tuple[int, int]], k: int) -> bool:
    """Whether ``words[k]`` stands elsewhere in the article as a place (``Pemkab Sukoharjo``,
    ``di Balikpapan``) rather than as the first name of the person it precedes here."""
    text = art.text
    word = text[words[k][0] : words[k][1]]
    nxt = text[words[k + 1][0] : words[k + 1][1]] if k + 1 < len(words) else None
    heads = lex.place_or_region_heads
    here = words[k][0]
    groups = _words(text).after_heads(word, heads)
    if groups is None:  # rare: scan for this word only
        return _named_as_place_scan(text, word, nxt, here, heads)
    for after, spans in groups.items():
        # only the occurrence asked about and its neighbours' spans can cover ``here``
        if after != nxt and any(not (a <= here < b) for a, b in spans[:4]):
            return True
    return False


def _named_as_place_scan(
    text: str, word: str, nxt: str | None, here: int, heads: frozenset[str]
) -> bool:
    for m in _after_word_pattern(word).finditer(text):
        if m.start(0) <= here < m.end(0):
            continue
        if m.group(1).lower() in heads and m.group(2) != nxt:
            return True
    return False


@functools.lru_cache(maxsize=1024)
def _after_word_pattern(word: str) -> re.Pattern[str]:
    """``<head> word (<next>)``, compiled once per word across a batch."""
    return re.compile(r"(\w+)[ \xa0]+" + re.escape(word) + r"\b(?:[ \xa0]+(\w+))?")


def _joined(art: Article, words: list[tuple[int, int]]) -> str:
    return " ".join(art.text[a:b] for a, b in words)


def _official_at(art: Article, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The official named within ``[start, end)``, through the officials extractor."""
    if not art.officials:
        return None
    from extractor.extractors import officials

    resolver = getattr(officials, "resolve_name", None)
    if resolver is not None:
        try:
            off = resolver(art, start, end)
        except Exception:
            off = None
        if off is not None:
            span = (start, end)
            for mspan in off.mentions:
                if mspan.start < end and mspan.end > start:
                    span = (mspan.start, mspan.end)
            return off.name, span
    best: tuple[int, str, tuple[int, int]] | None = None
    for off in art.officials:
        for mspan in off.mentions:
            if mspan.start < end and mspan.end > start and (best is None or mspan.end > best[0]):
                best = (mspan.end, off.name, (mspan.start, mspan.end))
    return (best[1], best[2]) if best else None


def _speaker_after(art: Article, lex: _Lex, pos: int, limit: int) -> _Speaker | None:
    """The speaker written after a cue: ``dia``, ``X``, ``Ketua Y, X``, ``politisi PDIP itu``."""
    text = art.text
    i = pos
    while i < limit and text[i] in " \t\xa0":
        i += 1
    m = _TOKEN.match(text, i, limit)
    if m is None:
        return None
    tok = m.group().rstrip(".")
    if tok.lower() in lex.pronouns:
        return _Speaker("prev", end=i + len(tok))
    if tok.lower() in lex.group_pronouns:
        return None
    if not tok or not tok[0].isalpha():
        return None
    if not _is_cap(tok):
        # an epithet (``tegas politisi PDIP itu``) refers back to the speaker
        return _Speaker("prev", end=i, ref="epithet") if tok.lower() in lex.titles else None
    words = _name_run(art, lex, i, limit)
    if not words:
        return None
    run_end = words[-1][1]
    first = text[words[0][0] : words[0][1]]
    if not _is_name_word(lex, first):
        # ``kata Ketua Bawaslu Lampung, Candrawansah``: the person is named after the comma
        more = _appositive_name(art, lex, run_end, limit)
        if more:
            off = _official_at(art, words[0][0], more[-1][1])
            words, run_end = more, more[-1][1]
            if off is not None:
                return _Speaker("name", off[0], off[1], run_end)
    off = _official_at(art, words[0][0], run_end)
    if off is not None:
        return _Speaker("name", off[0], off[1], run_end)
    names = _person_words(art, lex, words)
    if not names:
        by_post = _official_by_position(art, lex, words)
        if by_post is not None:
            return _Speaker("name", by_post, None, run_end)
        if _names_place(art, lex, words):
            return _Speaker("name", None, None, run_end)  # an office nobody here holds
        titled = any(art.text[a:b].casefold() in lex.titles for a, b in words)
        return _Speaker("prev", end=run_end, ref="title" if titled else "")
    return _Speaker("name", None, (names[0][0], names[-1][1]), run_end, _joined(art, names))


def _appositive_name(art: Article, lex: _Lex, pos: int, limit: int) -> list[tuple[int, int]]:
    """The name after a title's comma: ``Kepala Bidang Mutasi dan Promosi …, Herman``."""
    text = art.text
    depth = 0
    for n, m in enumerate(_TOKEN.finditer(text, pos, limit)):
        tok = m.group()
        if n > 30:
            break
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif tok == ",":
            more = _name_run(art, lex, _first_char(text, m.end(), limit), limit)
            return more if _person_words(art, lex, more) else []
        elif (tok[0].isalnum() and not (_is_cap(tok) or tok.lower() in lex.connectors)) or (not tok[0].isalnum() and tok not in "&/-"):
            break
    return []


def _official_by_position(art: Article, lex: _Lex, words: list[tuple[int, int]]) -> str | None:
    """A speaker named by title alone (``Sekretaris Daerah Kabupaten Seluma``, ``Bupati
    Pasangkayu``): the one official whose position the title spells out, in the place or
    body written beside it when the officials say where they serve."""
    said = {art.text[a:b].casefold() for a, b in words}
    places = {w for w in said if w in lex.places}
    hits = []
    for o in art.officials:
        post = set(_WORD.findall(o.position.casefold())) if o.position else set()
        if not post or not post <= said:
            continue
        where = set(_WORD.findall(f"{o.region or ''} {o.organization or ''}".casefold()))
        served = {w for w in where if w in lex.places}
        if places and served and not places & served:
            continue  # ``Bupati Pasangkayu`` is not the regent of another regency
        hits.append((len((said - post) & where), o.name))
    if not hits:
        return None
    best = max(n for n, _ in hits)
    names = {name for n, name in hits if n == best}
    return names.pop() if len(names) == 1 else None


def _names_place(art: Article, lex: _Lex, words: list[tuple[int, int]]) -> bool:
    """Whether a title run with no person in it names a place (``Bupati Pasangkayu``): an
    office of a region, not an epithet for the speaker before."""
    low = [art.text[a:b].casefold() for a, b in words]
    for i, w in enumerate(low):
        for n in range(min(lex.places.get(w, 0), len(low) - i), 0, -1):
            if " ".join(low[i : i + n]) in lex.place_names:
                return True
    return False


def _conditional(lex: _Lex, toks: list[tuple[int, int, str]], i: int) -> bool:
    """``Jika Ayu mengungkap …``: the subject at ``i + 1`` follows a conditional opener."""
    return i >= 0 and toks[i][2].lower() in lex.conditionals


#: how far before a cue (in characters) its subject is looked for
_SUBJECT_CHARS = 1000


def _subject_before(art: Article, lex: _Lex, start: int, cue_at: int) -> _Speaker | None:
    """The person before a cue: ``Dia juga``, ``Ketua X Y``, ``X, jabatan,``, ``X yang …``."""
    text = art.text
    if cue_at - start > _SUBJECT_CHARS:
        # a subject, its aside and its title stand within a few dozen words of the cue:
        # reading back from a white space that far keeps a huge sentence with many cues
        # linear (each cue would otherwise tokenize the whole sentence before it)
        cut = text.rfind(" ", start, cue_at - _SUBJECT_CHARS)
        start = cut + 1 if cut > start else start
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, cue_at)]
    i = len(toks) - 1
    while i >= 0:
        low = toks[i][2].lower().rstrip(".")
        if toks[i][2] == "," or low in lex.adverbs:
            i -= 1
            continue
        if low in lex.blockers and low != lex.relative:
            return None
        break
    if i < 0:
        return None
    if toks[i + 1 : i + 2] and toks[i + 1][2] == "," and not _is_cap(toks[i][2]):
        # ``X, dalam amanatnya, menekankan``, ``X, Selasa (10/9/2019), mengatakan``: a short
        # aside between commas
        j = i
        while j >= 0 and i - j < 10 and toks[j][2] != "," and (
            not _is_cap(toks[j][2]) or toks[j][2].lower() in lex.date_words
        ):
            j -= 1
        if j >= 0 and toks[j][2] == ",":
            i = j - 1
    low = toks[i][2].lower()
    if low in lex.demonstratives:
        back = _titled_anaphor(lex, toks, i)
        if back is not None:
            return back
    if low in lex.group_pronouns:
        return None  # ``Mereka mengaku …``: a group, not a person
    if low in lex.pronouns:
        return None if _conditional(lex, toks, i) else _Speaker("prev", span=(toks[i][0], toks[i][1]), end=toks[i][1])
    if not _is_cap(toks[i][2]) or low == lex.relative:
        # ``X yang (juga hadir …) mengingatkan``: a short relative clause after the name
        j = i
        while j >= 0 and i - j <= 12 and toks[j][2].lower() != lex.relative:
            if toks[j][2] in ".;:":
                return None
            j -= 1
        if j <= 0 or i - j > 12:
            return None
        i = j - 1
        while i >= 0 and toks[i][2] == ",":
            i -= 1
        if i < 0:
            return None
        if toks[i][2].lower() in lex.pronouns:
            return _Speaker("prev", span=(toks[i][0], toks[i][1]), end=toks[i][1])
        if not _is_cap(toks[i][2]):
            return None
    # walk back over the capitalised run (with parenthesised acronyms)
    end_i = i
    while i >= 0:
        t = toks[i][2]
        if t == ")":
            while i >= 0 and toks[i][2] != "(":
                i -= 1
            i -= 1
            continue
        core = t[:-1] if t.endswith(".") and _initial_or_abbrev(lex, t) else t
        if not core[0].isalnum() or not _is_cap(core) or core.lower() in lex.stops:
            break
        if t.endswith(".") and core == t:
            break
        i -= 1
    run = [(toks[k][0], toks[k][0] + len(toks[k][2].rstrip("."))) for k in range(i + 1, end_i + 1)
           if toks[k][2][0].isalnum()]
    if not run or _conditional(lex, toks, i):
        return None
    run_start, run_end = run[0][0], toks[end_i][1]
    off = _official_at(art, run_start, run_end)
    if off is not None:
        return _Speaker("name", off[0], off[1], run_end)
    first = text[run[0][0] : run[0][1]]
    titled = i >= 0 and toks[i][2].lower() in lex.titles  # ``anggota Bawaslu X``
    if not titled and (first.lower() in lex.institutions or (len(first) > 1 and first.isupper())):
        return None  # an institution speaks: ``Bawaslu meminta``, ``KASN mencatat``
    names = _person_words(art, lex, run)
    if not names:
        by_post = _official_by_position(art, lex, run)
        if by_post is None and _names_place(art, lex, run):
            return _Speaker("name", None, None, run_end)  # ``Bupati X`` that no official holds
        return _Speaker("name", by_post, None, run_end) if by_post else None
    return _Speaker("name", None, (names[0][0], names[-1][1]), run_end, _joined(art, names))


_ANAPHOR_WORDS = 6


def _titled_anaphor(lex: _Lex, toks: list[tuple[int, int, str]], i: int) -> _Speaker | None:
    """``Gubernur Jawa Timur itu menyatakan``, ``politisi Partai Golkar ini menilai``: a
    short noun phrase headed by a title and closed by a demonstrative names the speaker
    the article has just been quoting, as ``dia`` does; without a title it is a thing
    (None: the caller reads the words another way)."""
    j = i - 1
    titled = -1
    while j >= 0 and i - j <= _ANAPHOR_WORDS and toks[j][2][0].isalnum():
        if toks[j][2].lower() == lex.relative:
            return None  # ``X yang hadir dalam acara itu``: a relative clause, read elsewhere
        if toks[j][2].lower().rstrip(".") in lex.titles:
            titled = j
        j -= 1
    if titled < 0 or _conditional(lex, toks, j + 1):
        return None
    return _Speaker("prev", span=(toks[j + 1][0], toks[i][1]), end=toks[i][1])


# ------------------------------------------------------------------ indirect quotes
def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _indirect_quotes(
    art: Article,
    lex: _Lex,
    quoted: list[tuple[int, int]],
    consumed: list[tuple[int, int]],
    directs: list[_Cand],
) -> list[_Cand]:
    text = art.text
    sents = art.body_sentences()
    idx = _index(art, lex)
    out: list[_Cand] = []
    used = sorted(consumed)
    taken: set[int] = set()  # sentence indices that already gave an indirect quote

    def add(si: int, cue_end: int, cue: str, spk: _Speaker, text_start: int | None = None,
            text_end: int | None = None) -> None:
        s = sents[si]
        a = text_start if text_start is not None else _skip_intro(text, lex, cue_end, s.end)
        b = text_end if text_end is not None else _indirect_end(art, lex, sents, si, a, quoted)
        if b <= a:
            return
        while b > a and (text[b - 1].isspace() or text[b - 1] in _TRAIL):
            b -= 1  # ``… malam. "`` : the opening mark of the next quote
        t = text[a:b].strip()
        # ``menjelaskan, mengenai surat …``: after a comma a topic word fronts a clause
        fronted = text_start is None and ("," in text[cue_end:a] or ":" in text[cue_end:a])
        if not _reads_as_clause(lex, t, fronted):
            return
        c = _Cand(start=a, end=b, text=t, kind="indirect", cue=cue)
        _set_who(c, spk)
        out.append(c)
        taken.add(si)

    for si, s in enumerate(sents):
        stext_end = s.end
        # "Hal itu disampaikan (oleh) X": the previous sentence is X's
        pm = lex.passive_attr.match(text, s.start, stext_end)
        if pm is not None:
            if pm.group("nya"):
                spk: _Speaker | None = _Speaker("prev", end=pm.end())
            else:
                spk = _speaker_after(art, lex, pm.end(), stext_end)
            if spk is not None and si > 0:
                prev = sents[si - 1]
                hit = [c for c in directs if c.start < prev.end and c.end > prev.start]
                hit += [c for c in out if c.start < prev.end and c.end > prev.start]
                if hit:
                    for c in hit:
                        if spk.kind == "name":
                            _set_who(c, spk)
                else:
                    c = _Cand(start=prev.start, end=_rstrip(text, prev.start, prev.end),
                              text=text[prev.start : prev.end].strip().rstrip(".").strip(),
                              kind="indirect", cue=pm.group("cue").lower())
                    _set_who(c, spk)
                    out.append(c)
            # the rest of this sentence may still hold a cue (``X yang menegaskan bahwa …``)
        # "Senada diungkapkan X.": X speaks next; the sentence before stays its speaker's
        sm = lex.similar.match(text, s.start, stext_end) if pm is None else None
        if sm is not None:
            spk = _speaker_after(art, lex, sm.end(), stext_end)
            if spk is not None and spk.kind == "name":
                mark = _Cand(start=s.start, end=s.start, text="", kind="indirect", cue=None)
                _set_who(mark, spk)
                out.append(mark)
        # "Dikatakan X, …" / "Dijelaskannya, …"
        lm = lex.passive_lead.match(text, s.start, stext_end)
        if lm is not None and pm is None and lm.group("nya"):
            add(si, lm.end(), lm.group("cue").lower(), _Speaker("prev", end=lm.end()))
            if si in taken:
                continue
        elif lm is not None and pm is None:
            spk = _speaker_after(art, lex, lm.end(), stext_end)
            if spk is not None:
                comma = text.find(",", spk.end, stext_end)
                if comma != -1 and not text[spk.end : comma].strip():
                    add(si, comma + 1, lm.group("cue").lower(), spk)
                    continue
        # active cues
        for m in idx.within("indirect", s.start, stext_end):
            if _inside(quoted, m.start) or si in taken:
                continue
            if m.start > 0 and text[m.start - 1] in "-":
                continue
            spk = _subject_before(art, lex, s.start, m.start)
            if spk is None:
                continue
            a = _skip_intro(text, lex, m.end, stext_end)
            if a < stext_end and lex.marks.match(text, a):
                continue  # introduces a direct quote
            if m.low in lex.separated and not _separated(text, lex, m.end, a):
                continue  # ``melanjutkan perjalanan``: an object, not speech
            add(si, m.end, m.low, spk)
            break
        if si in taken:
            continue
        # "Menurut X, …" / "menurutnya …"
        for m in idx.within("according", s.start, stext_end):
            if _inside(quoted, m.start):
                continue
            if m.low.endswith(lex.nya) and m.low[: -len(lex.nya)] in lex.according_words:  # ``menurutnya``
                spk = _Speaker("prev", end=m.end)
                cue = m.low[: -len(lex.nya)]
            else:
                spk = _speaker_after(art, lex, m.end, stext_end)
                if spk is None or spk.end <= m.end:
                    continue
                cue = m.low
            add(si, spk.end, cue, spk)
            break
        if si in taken:
            continue
        # ", kata X, …" / "Lanjut X, …" / "…, terangnya."
        for m in idx.within("roots", s.start, stext_end):
            if _inside(quoted, m.start) or _inside(used, m.start):
                continue
            before = text[s.start : m.start].rstrip()
            if before and not before.endswith(","):
                continue
            surface = m.low
            root = lex.root_of[surface]
            if surface != root and surface.endswith(lex.nya):
                spk = _Speaker("prev", end=m.end)
            else:
                spk = _speaker_after(art, lex, m.end, stext_end)
                if spk is None or spk.end <= m.end:
                    continue
            rest = text[spk.end : stext_end].strip()
            if not rest.strip(".!? "):
                if before:  # "…, terangnya." / "…, lanjut Erna. <more of what she said>"
                    end = s.start + len(before) - 1
                    if si + 1 < len(sents) and sents[si + 1].paragraph == s.paragraph:
                        nxt = sents[si + 1]
                        if not _inside(quoted, nxt.start) and not lex.marks.search(text, nxt.start, nxt.end):
                            end = nxt.end
                    add(si, 0, root, spk, text_start=s.start, text_end=end)
                break
            add(si, spk.end, root, spk)
            break
    return out


_TRAIL = ".,;:\"“”„‘’'«»"


def _reads_as_clause(lex: _Lex, t: str, fronted: bool = False) -> bool:
    """A reported clause, not a thing handed over or a topic (``rasa duka``, ``soal bibir``,
    ``bagaimana …``), an anaphor (``hal tersebut``) or a question. ``fronted``: a comma
    stands between cue and clause (``mengatakan, sebagai negarawan, …``), so a topic or
    thing word opens the clause instead of being the cue's object."""
    words = _WORD.findall(t)
    if len(words) < 2 or t.endswith("?"):
        return False
    if len(words) <= 3 and words[-1].lower() in lex.anaphors:
        return False  # ``membenarkan hal tersebut``, ``menyatakan hal serupa``
    if fronted:
        return True
    first = words[0].lower()
    return first not in lex.non_clause and " ".join(words[:2]).lower() not in lex.non_clause


def _separated(text: str, lex: _Lex, cue_end: int, clause_start: int) -> bool:
    """Whether a comma, colon or ``bahwa`` stands between a cue and its clause."""
    gap = text[cue_end:clause_start]
    return "," in gap or ":" in gap or any(w.lower() in lex.complementisers for w in _WORD.findall(gap))


def _skip_intro(text: str, lex: _Lex, pos: int, end: int) -> int:
    """Skip the punctuation and ``bahwa`` between a cue and the reported clause."""
    while pos < end and (text[pos].isspace() or text[pos] in ",:"):
        pos += 1
    m = _WORD.match(text, pos, end)
    if m and m.group().lower() in lex.complementisers:
        pos = m.end()
        while pos < end and (text[pos].isspace() or text[pos] in ",:"):
            pos += 1
    return pos


def _indirect_end(
    art: Article, lex: _Lex, sents: list[Sentence], si: int, start: int, quoted: list[tuple[int, int]]
) -> int:
    """Reported speech runs to the sentence end, on into a fragment (``Mengingat …``)."""
    text = art.text
    s = sents[si]
    end = s.end
    k = bisect.bisect_left(quoted, (start, -1))
    if k < len(quoted) and quoted[k][0] < end:
        # stop before a direct quote glued into the sentence (the mark itself too)
        end = quoted[k][0]
        while end > start and not text[end - 1].isspace() and not text[end - 1].isalnum():
            end -= 1
    elif si + 1 < len(sents) and sents[si + 1].paragraph == s.paragraph:
        nxt = sents[si + 1]
        if lex.continuation.match(text, nxt.start) and not _inside(quoted, nxt.start):
            end = nxt.end
    return _rstrip(text, start, end)


# ------------------------------------------------------------------ speakers
def _resolve_speakers(art: Article, lex: _Lex, cands: list[_Cand]) -> None:
    """Name every quote's speaker: named, continued from the previous one, or unknown.

    A speaker written as a place's office with no official holding it (``ujar Bupati X``)
    stays unknown, and so do the references after it. A reference before any speaker is
    named: ``dia``/``-nya`` is the official named last in its paragraph (``Menteri X
    menanggapi … Menurut dia, …``); failing that, ``dia`` or a title (``Hal itu disampaikan
    JPU KPK``) is the next speaker named close by, as the writer names the person in the
    next lines. A quote with no cue or a common-noun epithet (``warga sekitar``) before any
    named speaker stays unknown."""
    for c in cands:
        if c.who == "name":
            if c.name is None and c.raw:
                c.name = _fullest(art, lex, c.raw)
            c.speaker, c.speaker_span = c.name, c.name_span
    named = False
    last: str | None = None
    for k, c in enumerate(cands):
        if c.who == "name":
            named, last = True, c.speaker
        elif named:
            c.speaker = last
        elif c.ref == "pronoun":
            c.speaker = _official_before(art, lex, c.start)
            if c.speaker is not None:
                named, last = True, c.speaker  # ``dia`` goes on meaning this official
            else:
                c.speaker = _named_ahead(art, cands, k)
        elif c.ref == "title":
            c.speaker = _named_ahead(art, cands, k)


def _official_before(art: Article, lex: _Lex, pos: int) -> str | None:
    """The official mentioned last before ``pos`` in the same paragraph (never a place)."""
    para = _paragraph_at(art, pos)
    if para is None or pos >= para.end:
        return None
    best: tuple[int, str] | None = None
    for off in art.officials:
        if " ".join(off.name.casefold().split()) in lex.place_names:
            continue
        for m in off.mentions:
            if para.start <= m.start and m.end <= pos and (best is None or m.end > best[0]):
                best = (m.end, off.name)
    return best[1] if best else None


def _named_ahead(art: Article, cands: list[_Cand], k: int) -> str | None:
    """The next speaker named within a couple of paragraphs after ``cands[k]``."""
    limit = cands[k].end + _AHEAD_CHARS
    for c in cands[k + 1 :]:
        if c.start > limit:
            return None
        if c.who == "name":
            return c.speaker
    return None


#: how far (in characters) a reference may look ahead for its speaker's name
_AHEAD_CHARS = 400


def _fullest(art: Article, lex: _Lex, raw: str) -> str:
    """The fullest form of a raw name in the article (``Bambang`` → ``Bambang Muryanto``)."""
    memo = _memo("fullest", art)
    name = " ".join(raw.split())
    found = memo.get(name)
    if not isinstance(found, str):
        found = memo[name] = _fullest_uncached(art, lex, name)
    return found


def _occurrences(text: str, pat: re.Pattern[str], first: str) -> list[re.Match[str]]:
    """``pat.finditer(text)`` for a name starting with the word ``first``, tried only
    where ``first`` stands (the word index) instead of at every position of the text."""
    starts = _words(text).occurrences(first)
    if starts is None:
        return list(pat.finditer(text))
    out: list[re.Match[str]] = []
    end = 0
    for i in starts:
        if i < end:
            continue  # finditer's matches never overlap
        m = pat.match(text, i)
        if m is not None:
            out.append(m)
            end = max(m.end(), i + 1)
    return out


def _paragraph_at(art: Article, pos: int) -> Region | None:
    """The paragraph holding ``pos`` (by bisect on their starts, computed once per article)."""
    memo = _memo("paragraphs", art)
    starts = memo.get("")
    if not isinstance(starts, list):
        starts = memo[""] = [p.start for p in art.paragraphs]
    k = bisect.bisect_right(starts, pos) - 1
    return art.paragraphs[k] if k >= 0 else None


def _fullest_uncached(art: Article, lex: _Lex, name: str) -> str:
    for off in art.officials:
        if any(f.casefold() == name.casefold() for f in (off.name, *off.aliases)):
            return off.name
    words = name.split()
    pat = _name_pattern(tuple(words))
    text = art.text
    best = words
    for m in _occurrences(text, pat, words[0]):
        para = _paragraph_at(art, m.start())
        if para is None or para.kind != "body" or m.end() > para.end:
            continue
        start = m.start()
        # back to the start of the capitalised run holding this occurrence
        while True:
            j = start - 1
            if j <= para.start or text[j] != " ":
                break
            k = j
            while k > para.start and not text[k - 1].isspace():
                k -= 1
            prev = text[k:j]
            if not prev or not (_is_cap(prev) or prev.lower() in lex.connectors) or not prev[-1].isalnum():
                break
            if prev.lower() in lex.stops:
                break
            start = k
        person = [text[a:b] for a, b in _person_words(art, lex, _name_run(art, lex, start, para.end))]
        n = len(words)
        inside = any(person[i : i + n] == words for i in range(len(person) - n + 1))
        if inside and len(best) < len(person) <= 4:
            best = person
    return " ".join(best)


@functools.lru_cache(maxsize=4096)
def _name_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A name's words with any white space between them; cached, since the same speakers
    recur across a batch and ``re``'s own cache is small and shared."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")
