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


def canonical(name: str) -> str | None:
    """The figure's full name when ``name`` is a known form of a public figure, else None."""
    return _table(load(AliasesLexicon)).get(fold(name))


__all__ = ["AliasesLexicon", "canonical", "fold"]
