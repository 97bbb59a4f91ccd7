"""Comparing two written forms of a person's name when post or body already agree.

Within one body (or one post of two words or more) two names are one person on weaker
string evidence than across the whole corpus: a letter or two apart anywhere
(``Busro``/``Busyroh``, ``Adiana``/``Ediana``), spaces and initials written differently
(``A. M. Fachir``/``AM Fachir``, ``Ridho Sani``/``Ridhosani``), a word glued on at the end
(``Widjanarkopada``), or a middle name or initial left out (``Rini M. Soemarno``/``Rini
Marini Soemarno``). A longer name with another word in front is another person (a wife is
written with her husband's name) unless that word is a first name news often drops
(``Muhammad``) or a place glued before the name by a bad sentence split.
"""

from __future__ import annotations

import functools

from extractor.corpus.aliases import dropped_given_names, fold

#: rapidfuzz ratio (0-100) of the two names without spaces, within one body or post
AGREED_RATIO = 88.0
#: names shorter than this without spaces are compared only when equal
AGREED_MIN_CHARS = 8
#: a name that starts the other (without spaces) joins it from this length
PREFIX_MIN_CHARS = 10


_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("ph", "f"), ("y", "i"))


def spelling_key(name: str) -> str:
    """A folded name in today's spelling, doubled letters single: ``Soesilo`` → ``susilo``,
    ``Djoko`` → ``joko``, ``Hery``/``Heri``, ``Donny``/``Doni`` agree."""
    out = fold(name)
    for old, new in _SPELLING:
        out = out.replace(old, new)
    return "".join(c for i, c in enumerate(out) if i == 0 or c != out[i - 1] or not c.isalpha())


def words(form: str) -> list[str]:
    """The words of a spelling key without initials (one-letter words)."""
    return [w for w in form.split() if len(w) > 1]


def spaceless(form: str) -> str:
    return form.replace(" ", "")


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from extractor.people.places import place_names

    return place_names()


def _lead_ok(extra: list[str]) -> bool:
    """Words in front of a shorter name that do not make another person."""
    given = {spelling_key(w) for w in dropped_given_names()}
    return all(w in given or w in _places() for w in extra)


def inside(short: list[str], long: list[str]) -> bool:
    """``short`` (two words or more) is ``long`` with words left out, none in front
    except a dropped first name or a place."""
    if len(short) < 2 or len(short) >= len(long):
        return False
    try:
        first = long.index(short[0])
    except ValueError:
        return False
    it = iter(long[first + 1 :])
    return all(w in it for w in short[1:]) and _lead_ok(long[:first])


def same_person_name(a: str, b: str, ratio: float) -> bool:
    """Whether two spelling keys (:func:`spelling_key`) can name one person, given the
    rapidfuzz ratio of their spaceless forms; post or body must agree (checked by the caller)."""
    sa, sb = spaceless(a), spaceless(b)
    if sa == sb:
        return True
    wa, wb = words(a), words(b)
    if wa == wb and len(wa) >= 2:
        return True
    if inside(wa, wb) or inside(wb, wa):
        return True
    short, long = sorted((sa, sb), key=len)
    if len(short) >= PREFIX_MIN_CHARS and long.startswith(short):
        return True
    return min(len(sa), len(sb)) >= AGREED_MIN_CHARS and ratio >= AGREED_RATIO


__all__ = ["AGREED_RATIO", "inside", "same_person_name", "spaceless", "spelling_key", "words"]
