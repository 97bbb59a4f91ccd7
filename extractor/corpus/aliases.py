"""Known short names and nicknames of public figures (``patterns/aliases.toml``).

News writes ``Jokowi`` as often as ``Joko Widodo``; no string similarity links the two, and
a one-word name in general must not link articles on its own. The curated list says which
nicknames name one national figure; :func:`canonical` reads a name through it.
"""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel, ConfigDict, model_validator

from extractor.patterns import PatternFile, lexicon, load


class Figure(BaseModel):
    """One public figure: the full name and the short forms that name them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    aliases: list[str]


@lexicon("aliases")
class AliasesLexicon(PatternFile):
    """patterns/aliases.toml: public figures and their nicknames."""

    figures: list[Figure]
    #: first names news often leaves out ("Muhammad Zainul Majdi" is "Zainul Majdi"), folded
    dropped_given_names: frozenset[str] = frozenset()
    #: one-word posts too common to link two one-word names alone ("Kepala"), folded
    generic_posts: frozenset[str] = frozenset()

    @model_validator(mode="after")
    def _unique(self) -> AliasesLexicon:
        seen: dict[str, str] = {}
        for fig in self.figures:
            for form in (fig.name, *fig.aliases):
                key = fold(form)
                if key in seen and seen[key] != fig.name:
                    raise ValueError(f"alias {form!r} names both {seen[key]!r} and {fig.name!r}")
                seen[key] = fig.name
        return self


_PUNCT = re.compile(r"[.\u2019'`´()\[\],]+")
_SPACE = re.compile(r"\s+")


def fold(name: str) -> str:
    """Compare form of a name: case-folded, without dots, quotes and brackets, one space."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", name.casefold())).strip()


@functools.lru_cache(maxsize=4)
def _table(lex: AliasesLexicon) -> dict[str, str]:
    return {fold(form): fig.name for fig in lex.figures for form in (fig.name, *fig.aliases)}


def dropped_given_names() -> frozenset[str]:
    """First names a short form of a full name may leave out (``patterns/aliases.toml``)."""
    return load(AliasesLexicon).dropped_given_names


def generic_posts() -> frozenset[str]:
    """One-word posts that say too little to tell two people apart."""
    return load(AliasesLexicon).generic_posts


def canonical(name: str) -> str | None:
    """The figure's full name when ``name`` is a known form of a public figure, else None."""
    return _table(load(AliasesLexicon)).get(fold(name))


__all__ = ["AliasesLexicon", "canonical", "dropped_given_names", "fold", "generic_posts"]
