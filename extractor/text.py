"""Tokenizer and sentence splitter: spaCy's blank Indonesian pipeline, adapted to news.

``spacy.blank("id")`` splits ``18/4/2024`` into five tokens and keeps ``tegas,"ujar`` as
``tegas,``; news rules want dates, times and Indonesian thousands (``2.034``) whole and
the comma apart. Sentences are split by rule over the tokens: a stop ends a sentence
unless it belongs to an abbreviation or an initial, and never inside a quotation.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import TYPE_CHECKING, ClassVar

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc

from extractor.document import Article, Region, Sentence
from extractor.patterns import PatternFile, lexicon, load


@lexicon("text")
class TextLexicon(PatternFile):
    """patterns/text.toml: what the tokenizer and sentence splitter must know."""

    #: tokens kept whole although the default rules would split them (regexes)
    keep_whole: list[str]
    #: abbreviations after which a full stop does not end a sentence (case-sensitive)
    abbreviations: list[str]
    #: characters that open and close a quotation
    open_quotes: str
    close_quotes: str
    ambiguous_quotes: str


_SENT_END = frozenset(".!?")


def make_nlp() -> Language:
    """A blank Indonesian spaCy pipeline whose tokenizer keeps dates, times and numbers whole.

    The adaptations go into a ``Defaults`` subclass (spaCy's own way to customise a
    language) so the 16,000 Indonesian tokenizer exceptions are compiled once; setting
    ``token_match`` or adding special cases afterwards would recompile them each time.
    """
    from spacy.lang.id import Indonesian

    lex = load(TextLexicon)
    keep = re.compile("|".join(f"(?:{p})" for p in lex.keep_whole))
    quotes = re.escape(lex.open_quotes + lex.close_quotes + lex.ambiguous_quotes)
    base = Indonesian.Defaults

    class NewsDefaults(base):  # type: ignore[misc,valid-type]
        token_match = keep.fullmatch
        infixes: ClassVar[list[str]] = [
            *base.infixes,
            rf"[,.](?=[{quotes}])",
            r"(?<=[.!?\"”]),(?=[^\s,\d])",
            rf"(?<=[{quotes}])(?=\w)",
        ]
        tokenizer_exceptions: ClassVar[dict] = {
            **base.tokenizer_exceptions,
            **{abbr: [{ORTH: abbr}] for abbr in lex.abbreviations},
        }

    class IndonesianNews(Indonesian):
        lang = "id"
        Defaults = NewsDefaults

    return IndonesianNews()


#: a stretch without white space longer than this is cut into pieces before spaCy sees it
_MAX_CHUNK = 64
_LONG_CHUNK = re.compile(rf"\S{{{_MAX_CHUNK + 1},}}")
#: letter/digit runs (group 1) and runs of anything else inside a chunk (no white space)
_RUNS = re.compile(r"([^\W_]+)|[\W_]+")
#: a run of marks this long is its own piece (``keep_whole`` in patterns/text.toml says 12)
_MARK_RUN = 12
#: a run of marks that ``keep_whole`` keeps as one token; others ("_-_-") are cut in pieces
_WHOLE_MARKS = re.compile(r"[^\w\s]+")
_MARK_PIECE = 8


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` in time linear in the length of every token.

    spaCy peels prefixes and suffixes one at a time and searches the rest of the token
    again after each, so a token of n characters with many affixes (``ASN”””…``,
    ``===ASN===``, ``((((x))))``, ``ASN's's's…``) costs n² (63 s for 8,000 marks). A
    stretch without white space longer than ``_MAX_CHUNK`` characters (17 in the 22,000
    bench articles: long URLs, comma runs) is first cut: a long run of marks becomes its
    own piece (one token, as ``keep_whole`` says), and the rest is cut where a word meets
    a mark, into pieces of about ``_MAX_CHUNK``. Ordinary text is tokenized as before.
    """
    if len(text) <= _MAX_CHUNK or _LONG_CHUNK.search(text) is None:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    cuts: list[int] = []
    for chunk in _LONG_CHUNK.finditer(text):
        cuts.extend(_cuts(chunk.start(), chunk.group()))
    bounds = [0, *cuts, len(text)]
    docs = [nlp.make_doc(text[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text, "pre-segmentation must not change the text"
    return doc


def _cuts(offset: int, chunk: str) -> list[int]:
    """Where to cut one long stretch without white space (offsets into the whole text)."""
    cuts: list[int] = []
    piece = 0
    for m in _RUNS.finditer(chunk):
        s, e = m.span()
        if m.group(1) is None and e - s >= _MARK_RUN:
            inner = [] if _WHOLE_MARKS.fullmatch(m.group()) else range(s, e, _MARK_PIECE)
            cuts += [c for c in (s, *inner, e) if piece < c < len(chunk)]
            piece = e
        elif e - piece > _MAX_CHUNK and s > piece:
            cuts.append(s)
            piece = s
    return [offset + c for c in sorted(set(cuts))]


def analyse(art: Article, nlp: Language) -> None:
    """Tokenize the analysed text once and split body and caption paragraphs into sentences."""
    art.doc = make_doc(nlp, art.text)
    # plain (start, end) pairs: walking spaCy Token objects costs ~10 µs each
    arr = art.doc.to_array([IDX, LENGTH]).tolist() if len(art.doc) else []
    art.tokens = [(i, i + n) for i, n in arr]
    art.sentences = split_sentences(art, art.paragraphs)


def split_sentences(art: Article, paragraphs: list[Region]) -> list[Sentence]:
    """Sentences of each paragraph, never across paragraphs nor inside a quotation."""
    lex = load(TextLexicon)
    abbrevs = _abbreviations(lex)
    closers = lex.close_quotes + lex.ambiguous_quotes + ")"
    text = art.text
    toks = [(s, e, text[s:e]) for s, e in art.tokens if not text[s:e].isspace()]
    starts = [s for s, _, _ in toks]
    out: list[Sentence] = []
    for pi, para in enumerate(paragraphs):
        k = bisect.bisect_left(starts, para.start)
        if k > 0 and toks[k - 1][1] > para.start:  # a token glued across the boundary (",Kapolres")
            k -= 1
        j = bisect.bisect_left(starts, para.end)
        sent_start: int | None = None
        depth = 0
        while k < j:
            ts, _, t = toks[k]
            k += 1
            if sent_start is None:
                sent_start = max(ts, para.start)
            if t in lex.open_quotes:
                depth = 1
            elif t in lex.close_quotes:
                depth = 0
            elif t in lex.ambiguous_quotes:
                prev = text[ts - 1] if ts > para.start else " "
                depth = 1 if depth == 0 and (prev.isspace() or prev in "([") else 0
            closes_stop = (
                depth == 0 and t in closers[:-1] and k >= 2 and toks[k - 2][2][-1] in _SENT_END
            )
            if not closes_stop and (depth or t[-1] not in _SENT_END):
                continue
            if not closes_stop and t not in _SENT_END and (t in abbrevs or _is_initial(t)):
                continue
            # closing marks right after the stop belong to this sentence
            while k < j and toks[k][2] in closers:
                k += 1
            if k < j and not _starts_sentence(toks[k][2]):
                continue
            out.append(Sentence(sent_start, toks[k - 1][1], pi))
            sent_start = None
            depth = 0
        if sent_start is not None:
            end = para.end
            while end > sent_start and text[end - 1].isspace():
                end -= 1
            if end > sent_start:
                out.append(Sentence(sent_start, end, pi))
    return out


@functools.lru_cache(maxsize=4)
def _abbreviations(lex: TextLexicon) -> frozenset[str]:
    return frozenset(lex.abbreviations)


def _starts_sentence(tok: str) -> bool:
    c = tok[0]
    return c.isupper() or c.isdigit() or not c.isalpha()


def _is_initial(tok: str) -> bool:
    """``M.`` or ``A.S.``: an initial, not the end of a sentence."""
    return len(tok) <= 4 and all(
        part.isalpha() and part.isupper() and len(part) == 1 for part in tok.rstrip(".").split(".")
    )
