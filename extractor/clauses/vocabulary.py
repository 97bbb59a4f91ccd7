"""The shared vocabulary: word lists that more than one reader needs, written once.

``patterns/vocabulary.toml`` holds weekdays, compass words and the clause words (negation,
modality, forecasts, conditions, demands …). Other pattern files name a list inside a regex
as ``<@name>``; :func:`expand` turns it into an alternation, so a list is edited in one place.
"""

from __future__ import annotations

import functools
import re

from extractor.patterns import PatternError, PatternFile, lexicon, load


@lexicon("vocabulary")
class Vocabulary(PatternFile):
    """patterns/vocabulary.toml."""

    weekdays: dict[str, int]
    directions: list[str]
    words: dict[str, list[str]]


_REF = re.compile(r"<@(\w+)>")


def words_rx(words: list[str]) -> str:
    """An alternation of ``words`` (longest first, so "sementara itu" wins over "sementara")."""
    out = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in out) + ")"


def word_list(name: str) -> list[str]:
    """One named list: a key of ``[words]``, or ``weekdays`` / ``directions``."""
    voc = load(Vocabulary)
    if name == "weekdays":
        return list(voc.weekdays)
    if name == "directions":
        return list(voc.directions)
    try:
        return voc.words[name]
    except KeyError:
        raise PatternError(f"vocabulary.toml has no word list {name!r}") from None


@functools.lru_cache(maxsize=512)
def expand(pattern: str) -> str:
    """``pattern`` with every ``<@name>`` replaced by the alternation of that word list."""
    return _REF.sub(lambda m: words_rx(word_list(m.group(1))), pattern)


def compile_words(name: str, flags: int = re.I) -> re.Pattern[str]:
    """A regex matching one word of list ``name`` on word boundaries."""
    return re.compile(rf"(?<!\w){words_rx(word_list(name))}(?!\w)", flags)
