"""The clause layer that statistics and sanctions share (see :mod:`extractor.clauses.layer`)."""

from extractor.clauses.layer import (
    Clause,
    ClauseLayer,
    ClausesLexicon,
    Cue,
    Item,
    Reading,
    attach,
    brackets,
    compiled,
    for_article,
    link,
    split,
)
from extractor.clauses.vocabulary import Vocabulary, compile_words, expand, word_list, words_rx

__all__ = [
    "Clause",
    "ClauseLayer",
    "ClausesLexicon",
    "Cue",
    "Item",
    "Reading",
    "Vocabulary",
    "attach",
    "brackets",
    "compile_words",
    "compiled",
    "expand",
    "for_article",
    "link",
    "split",
    "word_list",
    "words_rx",
]
