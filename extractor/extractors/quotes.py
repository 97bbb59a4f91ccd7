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

from extractor.document import Article, Region
from extractor.extractors.quotes_direct import direct_quotes
from extractor.extractors.quotes_indirect import indirect_quotes
from extractor.extractors.quotes_lexicon import (
    WORD,
    Cand,
    QuoteLex,
    QuotesLexicon,
    call_state,
    compiled,
)
from extractor.extractors.quotes_speakers import resolve_speakers
from extractor.models import Quote, QuoteKind
from extractor.patterns import load

__all__ = ["QuotesLexicon", "extract"]


def extract(art: Article) -> list[Quote]:
    """All direct and indirect quotes of the article's body paragraphs, in text order."""
    body = [p for p in art.paragraphs if p.kind == "body"]
    if not body:
        return []
    outer = getattr(call_state, "memo", None)
    call_state.memo = {}
    try:
        return _extract(art, compiled(load(QuotesLexicon)), body)
    finally:
        call_state.memo = outer


def _extract(art: Article, lex: QuoteLex, body: list[Region]) -> list[Quote]:
    directs, consumed = direct_quotes(art, lex, body)
    cands: list[Cand] = list(directs)
    quoted_all = sorted([(c.start, c.end) for c in directs] + [r for c in directs for r in c.extra])
    cands.extend(indirect_quotes(art, lex, quoted_all, consumed, directs))
    cands.sort(key=lambda c: c.start)
    resolve_speakers(art, lex, cands)
    out: list[Quote] = []
    for c in cands:
        if not c.text.strip():
            continue
        if c.kind == "indirect" and len(WORD.findall(c.text)) < 2:
            continue  # "Ko": a clause cut off where the scrape ends reports nothing
        if c.speaker is None:
            art.warn(
                "speaker_unresolved",
                f"quote without a resolvable speaker: {c.text[:60]!r}",
                c.start,
                c.end,
            )
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
