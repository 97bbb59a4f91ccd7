"""Speakers for the quotes extractor, read through the people layer: where a speaker's
capitalised run (titles, bodies, places and the name) ends, which words of it are the
person's name, and the fullest form of that name. The quote-specific word lists (cue
words that end a run, title words of attributions) come from ``patterns/quotes.toml``."""

from __future__ import annotations

import functools
import re

from extractor.document import Article
from extractor.extractors.quotes_lexicon import (
    TOKEN,
    WORD,
    QuoteLex,
    cue_index,
    first_char,
    memo_of,
    paragraph_at,
    wordchar,
)


def is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def is_name_word(lex: QuoteLex, word: str) -> bool:
    lw = word.lower().rstrip(".")
    if lw in lex.titles or lw in lex.institutions or lw in lex.stops:
        return False
    if len(word) > 1 and word.isupper() and not word.endswith("."):
        return False  # an acronym
    return word[0].isupper()


def initial_or_abbrev(lex: QuoteLex, tok: str) -> bool:
    core = tok[:-1]
    return (len(core) == 1 and core.isupper()) or core.lower() in lex.titles


def name_run(art: Article, lex: QuoteLex, pos: int, limit: int) -> list[tuple[int, int]]:
    """Capitalised words from ``pos``: a name with its titles (``Ketua Bawaslu X Y``)."""
    text = art.text
    words: list[tuple[int, int]] = []
    depth = 0
    for m in TOKEN.finditer(text, pos, limit):
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
        if not is_cap(core) or core.lower() in lex.stops:
            break
        words.append((m.start(), m.start() + len(core)))
        if tok.endswith(".") and not initial_or_abbrev(lex, tok):
            break
        # between words only plain spaces
        nxt = m.end()
        if nxt < limit and text[nxt] in "\n":
            break
    return words


def _joins_title(
    art: Article, lex: QuoteLex, words: list[tuple[int, int]], pos: int, limit: int
) -> bool:
    """``dan`` inside a title: every word so far is a title or body, and a capitalised word
    follows (``Biro Humas dan Protokol``), so no person's name has started yet."""
    text = art.text
    low = [text[a:b].lower() for a, b in words]
    # after a unit word every word names the unit (``Bidang Kedokteran dan Kesehatan``)
    unit = next((k for k, w in enumerate(low) if w in lex.units), len(low))
    if not all(not is_name_word(lex, text[a:b]) for a, b in words[:unit]):
        return False
    m = TOKEN.match(text, first_char(text, pos, limit), limit)
    return m is not None and is_cap(m.group()) and m.group().lower() not in lex.stops


def _after_place(art: Article, lex: QuoteLex, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
        single = n == 1 and not named_as_place(art, lex, out, i)
        if i + n < len(out):
            if not (single and (i == 0 and len(out) - n < 2)):
                cut = i + n
        elif i >= cut and not single:
            stop = i  # ``Bupati Pasangkayu``: the run ends in (or is only) a place
        i += n
    return out[cut:stop] if cut < stop else []


def _anchors(art: Article, lex: QuoteLex) -> frozenset[str]:
    """First words of the short names the article gives its speakers (``kata Hesti``,
    ``Menurut Asep``, ``Semmy mengatakan``): where a person's name starts in a long run."""
    memo = memo_of("anchors", art)
    known = memo.get("")
    if isinstance(known, frozenset):
        return known
    text = art.text
    idx = cue_index(art, lex)
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
        toks = WORD.findall(text, max(0, h.start - 60), h.start)[-4:]
        while toks and toks[-1].lower() in lex.adverbs:
            toks.pop()
        caps = 0
        while caps < len(toks) and caps < 2 and is_cap(toks[-1 - caps]):
            caps += 1
        if caps and (caps == len(toks) or not is_cap(toks[-1 - caps])):
            found.add(toks[-caps])
    result = frozenset(found)
    memo[""] = result
    return result


_CAP_AFTER = re.compile(r"[ \xa0]+([A-Z][\w'’-]*)")


def _from_anchor(art: Article, lex: QuoteLex, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
    groups = word_index(text).followers(w)
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
        bounded = (i == 0 or not wordchar(text[i - 1])) and (
            j == len(text) or not wordchar(text[j])
        )
        if (
            i != word[0]
            and bounded
            and not text[j : j + 1 + len(follow)].lstrip().startswith(follow)
        ):
            return True
        i = text.find(w, j)
    return False


#: a word as name runs cut it: letters/digits joined by hyphens or apostrophes
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


_NEXT_WORD = re.compile(r"[ \xa0]+(\w+)")


#: how much of what follows a word :meth:`_Words.followers` keeps
_FOLLOW_CHARS = 64

#: words :class:`_Words` finds with a scan of the text before it indexes every word (most
#: articles ask about a handful; an article asking about many gets the one-pass index)
_SCANS_BEFORE_INDEX = 8


class _Words:
    """Where each word of one article stands, found in one pass over the text, so that
    questions asked per candidate name (is this word used elsewhere as a place? written
    without the next word?) cost the word's occurrences, never a scan of the whole text.
    Answers are summarised per distinct word, so a word repeated thousands of times is
    looked at once, not once per candidate."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._runs: dict[str, list[int]] | None = None  # every word's starts, built on demand
        self._scans = 0
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
        first = WORD.match(w)
        if first is None or not _PLAIN_WORD.fullmatch(w):
            return None
        text, n = self.text, len(w)
        out = [
            i
            for i in self.run_starts(first.group())
            if text.startswith(w, i) and (i + n == len(text) or not wordchar(text[i + n]))
        ]
        self._occ[w] = out
        return out

    def run_starts(self, run: str) -> list[int]:
        """Starts of the maximal runs of word characters equal to ``run`` (``WORD`` matches):
        found with ``str.find`` for the first few words asked about, then from an index of
        every word built in one pass, so many questions stay linear in the text."""
        if self._runs is None and self._scans < _SCANS_BEFORE_INDEX:
            self._scans += 1
            text, n = self.text, len(run)
            out: list[int] = []
            i = text.find(run)
            while i != -1:
                if (i == 0 or not wordchar(text[i - 1])) and (
                    i + n == len(text) or not wordchar(text[i + n])
                ):
                    out.append(i)
                i = text.find(run, i + 1)
            return out
        if self._runs is None:
            self._runs = {}
            for m in WORD.finditer(self.text):
                self._runs.setdefault(m.group(), []).append(m.start())
        return self._runs.get(run, [])

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
            if b == i or b == 0 or not wordchar(text[b - 1]):
                continue
            a = b
            while a > 0 and wordchar(text[a - 1]):
                a -= 1
            if text[a:b].lower() not in heads:
                continue
            m = _NEXT_WORD.match(text, i + len(w))
            groups.setdefault(m.group(1) if m else None, []).append(
                (a, m.end() if m else i + len(w))
            )
        self._place[key] = groups
        return groups


def word_index(text: str) -> _Words:
    """The word index of ``text`` (the article being analysed), built once."""
    memo = memo_of("words", text)
    idx = memo.get("")
    if isinstance(idx, _Words):
        return idx
    idx = memo[""] = _Words(text)
    return idx


def named_as_place(art: Article, lex: QuoteLex, words: list[tuple[int, int]], k: int) -> bool:
    """Whether ``words[k]`` stands elsewhere in the article as a place (``Pemkab Sukoharjo``,
    ``di Balikpapan``) rather than as the first name of the person it precedes here."""
    text = art.text
    word = text[words[k][0] : words[k][1]]
    nxt = text[words[k + 1][0] : words[k + 1][1]] if k + 1 < len(words) else None
    heads = lex.place_or_region_heads
    here = words[k][0]
    groups = word_index(text).after_heads(word, heads)
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


def joined(art: Article, words: list[tuple[int, int]]) -> str:
    return " ".join(art.text[a:b] for a, b in words)


def names_place(art: Article, lex: QuoteLex, words: list[tuple[int, int]]) -> bool:
    """Whether a title run with no person in it names a place (``Bupati Pasangkayu``): an
    office of a region, not an epithet for the speaker before."""
    low = [art.text[a:b].casefold() for a, b in words]
    for i, w in enumerate(low):
        for n in range(min(lex.places.get(w, 0), len(low) - i), 0, -1):
            if " ".join(low[i : i + n]) in lex.place_names:
                return True
    return False


def fullest(art: Article, lex: QuoteLex, raw: str) -> str:
    """The fullest form of a raw name in the article (``Bambang`` → ``Bambang Muryanto``)."""
    memo = memo_of("fullest", art)
    name = " ".join(raw.split())
    found = memo.get(name)
    if not isinstance(found, str):
        found = memo[name] = _fullest_uncached(art, lex, name)
    return found


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The spans of ``_name_pattern(words).finditer(text)``, tried only where the first word
    stands (the word index) instead of at every position of the text, and read without
    compiling a regex per name (most names are looked up once)."""
    starts = word_index(text).occurrences(words[0])
    if starts is None:
        return [m.span() for m in _name_pattern(tuple(words)).finditer(text)]
    out: list[tuple[int, int]] = []
    end = 0
    for i in starts:
        if i < end:
            continue  # finditer's matches never overlap
        j = _name_end(text, i, words)
        if j is not None:
            out.append((i, j))
            end = max(j, i + 1)
    return out


def _name_end(text: str, i: int, words: list[str]) -> int | None:
    """Where ``_name_pattern(words)`` matched at ``i`` ends (None: no match there)."""
    if i > 0 and wordchar(text[i - 1]):
        return None
    j = i
    for k, w in enumerate(words):
        if k:  # ``\s+`` (a word never starts with white space: no backtracking)
            s = j
            while j < len(text) and text[j].isspace():
                j += 1
            if j == s:
                return None
        if not text.startswith(w, j):
            return None
        j += len(w)
    return None if j < len(text) and wordchar(text[j]) else j


def _fullest_uncached(art: Article, lex: QuoteLex, name: str) -> str:
    for off in art.officials:
        if any(f.casefold() == name.casefold() for f in (off.name, *off.aliases)):
            return off.name
    words = name.split()
    text = art.text
    best = words
    for m_start, m_end in _occurrences(text, words):
        para = paragraph_at(art, m_start)
        if para is None or para.kind != "body" or m_end > para.end:
            continue
        start = m_start
        # back to the start of the capitalised run holding this occurrence
        while True:
            j = start - 1
            if j <= para.start or text[j] != " ":
                break
            k = j
            while k > para.start and not text[k - 1].isspace():
                k -= 1
            prev = text[k:j]
            if (
                not prev
                or not (is_cap(prev) or prev.lower() in lex.connectors)
                or not prev[-1].isalnum()
            ):
                break
            if prev.lower() in lex.stops:
                break
            start = k
        run = name_run(art, lex, start, para.end)
        n = len(words)
        for read in (
            person_words(art, lex, run) or bare_name(art, lex, run),
            _trailing(art, lex, run),
        ):
            # the people layer's reading, else the name words that close the run (``Kepala
            # Dinas Bina Marga DKI Jakarta Hari Nugroho``: ``Hari`` is also a common word)
            person = [text[a:b] for a, b in read]
            if any(person[i : i + n] == words for i in range(len(person) - n + 1)):
                if len(best) < len(person) <= 4:
                    best = person
                break
    return " ".join(best)


@functools.lru_cache(maxsize=4096)
def _name_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A name's words with any white space between them; cached, since the same speakers
    recur across a batch and ``re``'s own cache is small and shared."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def all_common(art: Article, words: list[tuple[int, int]]) -> bool:
    """Whether every word is one news writes mostly in lower case (``Banyak``, ``Polisi``,
    ``Pria``; the people layer's common-word list): a phrase of them names no person."""
    from extractor.people.lexicon import get_lex

    common = get_lex().common
    return all(art.text[a:b].casefold() in common for a, b in words)


def person_words(
    art: Article, lex: QuoteLex, words: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The person's name words in a speaker run (``Kepala Satpol PP Jakarta Utara Yusuf
    Madjid`` → ``Yusuf Madjid``), as the people layer reads a name after its title phrase."""
    if not words:
        return []
    return _people_name(art, lex, words)


def _people_name(
    art: Article, lex: QuoteLex, words: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The name the people layer reads in the run, after any title the attribution
    lexicon knows (``Dirut``) and the people layer does not."""
    from extractor import people

    text = art.text
    end = words[-1][1]
    j = 0
    while j < len(words):
        got = people.name_at(art, words[j][0], end)
        if got is None:
            j += 1  # ``RSUD``: no name starts at this word
            continue
        # a title the attribution lexicon knows and the people layer does not (``Dirut
        # RSUD …``): the name starts after it
        found = list(got.words)
        k = len(found)
        while k > 0 and is_name_word(lex, text[found[k - 1][0] : found[k - 1][1]]):
            k -= 1
        titled_after = any(a >= got.end and not is_name_word(lex, text[a:b]) for a, b in words[j:])
        if k < len(found) and not titled_after:
            # ``Dirut RSUD Leuwiliang Hesti Iswandari``: the article calls her ``Hesti``
            return _from_anchor(art, lex, _after_place(art, lex, found[k:]))
        while j < len(words) and words[j][0] < got.end:
            j += 1
    return []


#: the longest run of bare name words read as a name without the people layer's reading
_BARE_NAME_WORDS = 3


def bare_name(art: Article, lex: QuoteLex, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A short run of name words with no title (``Hari``, ``Hari Nugroho``): the name as
    written, for names that are also common words (``hari``, ``rahim``)."""
    text = art.text
    if len(words) <= _BARE_NAME_WORDS and all(is_name_word(lex, text[a:b]) for a, b in words):
        return words
    return []


def _trailing(art: Article, lex: QuoteLex, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The name words closing a run, after its last title, body or acronym and any place."""
    text = art.text
    k = len(run)
    while k > 0 and is_name_word(lex, text[run[k - 1][0] : run[k - 1][1]]):
        k -= 1
    return _after_place(art, lex, run[k:])
