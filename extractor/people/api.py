"""The people layer's article-level API: names, fullest forms and officials at a span.

Officials and quotes must agree on who a name is, so both read names through one reader
per article (:func:`reader_for`), built once and kept for the article being processed.
Every function takes character offsets into ``Article.text`` and returns offsets into it.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass

from extractor.document import Article
from extractor.models import Official
from extractor.people.lexicon import Tok, get_lex, tokenize
from extractor.people.links import Reader
from extractor.people.names import is_short_form, name_text

_held = threading.local()


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A person's name in the text: ``text[start:end]`` holds it (honorifics, ranks and
    degrees outside); ``name`` is its words joined by one space; ``words`` their spans."""

    start: int
    end: int
    name: str
    words: tuple[tuple[int, int], ...]


def reader_for(art: Article) -> Reader:
    """The article's name reader, built once per article (per thread) and shared."""
    held = getattr(_held, "pair", None)
    if held is not None and held[0] is art and held[1] == len(art.paragraphs):
        return held[2]
    reader = Reader(art, get_lex())
    _held.pair = (art, len(art.paragraphs), reader)
    return reader


def forget() -> None:
    """Drop the held reader (tests; a long-lived thread that wants its memory back)."""
    _held.pair = None


def _tokens_at(reader: Reader, pos: int, limit: int | None) -> tuple[list[Tok], list[int], int]:
    """The tokens of the paragraph holding ``pos`` (or of ``[pos, limit)`` outside every
    paragraph, e.g. a headline), their starts, and the index of the first token at or after
    ``pos`` (the paragraph's are kept on the reader: a look-up costs no pass over them)."""
    art = reader.art
    k = bisect.bisect_right(reader.para_starts, pos) - 1
    if k >= 0 and pos < art.paragraphs[k].end:
        toks, starts = reader.sents[k], reader.tok_starts(k)
    else:
        end = limit if limit is not None else min(len(art.text), pos + 400)
        toks = tokenize(reader.lex, art.text, pos, end)
        starts = [t.start for t in toks]
    return toks, starts, bisect.bisect_left(starts, pos)


def _span(reader: Reader, toks: list[Tok], k: int, e: int) -> NameSpan | None:
    words = reader.words(toks, k, e)
    if not words:
        return None
    return NameSpan(
        start=words[0].start,
        end=words[-1].end,
        name=" ".join(name_text(reader.text, words)),
        words=tuple((t.start, t.end) for t in words),
    )


def name_at(art: Article, pos: int, limit: int | None = None) -> NameSpan | None:
    """The person's name that starts at ``pos``: honorifics and ranks before it are skipped
    (``Dr. H.``, ``AKBP``), and so is a title phrase with its body and place (``Kapolres Kutai
    Kartanegara AKBP Irfan`` → Irfan; ``Camat Pakusari Fauzi`` → Fauzi). None when no name
    word stands there. The name ends before ``limit`` when given."""
    reader = reader_for(art)
    toks, starts, i = _tokens_at(reader, pos, limit)
    if limit is not None:
        # the tokens ending by ``limit``: a prefix (tokens are in order and never overlap)
        n = bisect.bisect_left(starts, limit)
        if n and toks[n - 1].end > limit:
            n -= 1
        toks = toks[:n]
    if i >= len(toks):
        return None
    k = i
    if toks[k].kind == "w" and toks[k].fold in reader.lex.starts:
        cand = reader.phrase(toks, k)
        if cand is not None:
            e = k
            while e < len(toks) and toks[e].start < cand.start:
                e += 1
            k = e
    k = reader.skip_noise(toks, reader.linked(toks, k))
    e = reader.name_run(toks, k)
    if e == k:
        return None
    return _span(reader, toks, k, e)


def name_before(art: Article, end: int) -> NameSpan | None:
    """The name run that ends at ``end`` (white space and one comma before ``end`` are
    passed over): ``Budi Santoso, Ketua …`` read back from the title."""
    reader = reader_for(art)
    toks, _, i = _tokens_at(reader, max(0, end - 1), None)
    j = i if i < len(toks) and toks[i].end <= end else i - 1
    if j >= 0 and toks[j].text == ",":
        j -= 1
    if j < 0 or not reader.is_name_word(toks, j):
        return None
    s = j
    while s - 1 >= 0 and (
        reader.is_name_word(toks, s - 1)
        or (toks[s - 1].text == "." and s >= 2 and reader.is_initial(toks, s - 2))
        or (reader.particle(toks, s - 1) and s - 1 > 0 and reader.is_name_word(toks, s - 2))
    ):
        s -= 1
    return _span(reader, toks, s, j + 1)


def clean_name(text: str) -> str:
    """A name without honorifics, ranks and academic degrees: ``Dr. H. Rudi Hartono,
    M.Si`` → ``Rudi Hartono``; ``AKBP Joko Susilo, S.I.K.`` → ``Joko Susilo``."""
    lex = get_lex()
    toks = tokenize(lex, text, 0, len(text))
    out: list[str] = []
    k = 0
    n = len(toks)
    while k < n:
        t = toks[k]
        if t.kind == "d":
            k += 1
            continue
        if t.kind == "w":
            m = lex.noise.match(toks, k)
            if m is not None and (not out or m[0] == "rank" or t.fold in lex.honorifics):
                k = m[1]
                if k < n and toks[k].text == ".":
                    k += 1
                continue
            word = t.text
            if len(word) == 1 and k + 1 < n and toks[k + 1].text == ".":
                word += "."
            out.append(word)
        k += 1
    return " ".join(out)


def fullest(art: Article, name: str) -> str:
    """The fullest form of ``name`` the article gives one person: an official's full name
    when it is one of their forms, else the longest name run in the body holding it."""
    words = name.split()
    if not words:
        return name
    hits = [
        o
        for o in art.officials
        if is_short_form(words, o.name.split()) or any(a.split() == words for a in o.aliases)
    ]
    if len(hits) == 1:
        return hits[0].name
    reader = reader_for(art)
    best = words
    for toks in reader.sents:
        k = 0
        while k < len(toks):
            e = reader.name_run(toks, k) if toks[k].cap else k
            if e == k:
                k += 1
                continue
            run = name_text(reader.text, reader.words(toks, k, e))
            if len(best) < len(run) <= 5 and is_short_form(words, run):
                best = run
            k = e
    return " ".join(best)


def resolve(art: Article, start: int, end: int) -> Official | None:
    """The official a name span refers to: one whose mention overlaps it, else the one
    official the span's words are a form of (``Wayan`` → Wayan Gede Sudana). Needs
    ``art.officials`` filled (the officials extractor runs first)."""
    for o in art.officials:
        for m in o.mentions:
            if m.start < end and start < m.end:
                return o
    lex = get_lex()
    words = [
        t.text
        for t in tokenize(lex, art.text, start, end)
        if t.kind == "w" and t.fold not in lex.honorifics and t.fold not in lex.ranks
    ]
    if not words:
        return None
    hits = [
        o
        for o in art.officials
        if is_short_form(words, o.name.split())
        or any(is_short_form(words, a.split()) for a in o.aliases)
    ]
    return hits[0] if len(hits) == 1 else None


def official_titled(art: Article, start: int, end: int) -> Official | None:
    """The one official a title phrase without a name refers to: ``Bupati Pasangkayu``,
    ``Sekda``, ``Ketua Bawaslu Sragen`` (read like any title phrase: ``Sekda`` is Sekretaris
    Daerah). The position must be the official's; a body or place written must agree."""
    if not art.officials:
        return None
    reader = reader_for(art)
    toks = tokenize(reader.lex, art.text, start, end)
    if not toks:
        return None
    got = reader.role(toks, 0)
    if got is None:
        return None
    pos, _entry, orgs, region, _ = got
    position = " ".join(pos)
    hits = []
    for o in art.officials:
        if o.position != position:
            continue
        where = f"{o.organization or ''} {o.region or ''}".casefold()
        if region is not None and region.name.casefold() not in where:
            continue
        if orgs and " ".join(orgs).casefold() not in where:
            continue
        hits.append(o)
    return hits[0] if len(hits) == 1 else None
