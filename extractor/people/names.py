"""Person names: the words a name is made of, and the forms one person goes by.

A name is a run of capitalised words with Indonesian particles (``I Made``, ``Ni Luh``,
``bin``), initials with or without stops (``M. Rizal``, ``FX Hadi``), after honorifics and
ranks that are not part of it (``Dr. H.``, ``Irjen Pol``, ``AKBP``), before academic degrees
that are not either (``S.Sos``, ``M.Si``). Whether a capitalised word is a name word depends on
the article (a word it also writes in lower case is a common word), so the reader is built
per article. :func:`is_short_form` says whether ``Wayan Sudana`` is ``Wayan Gede Sudana``.
"""

from __future__ import annotations

import bisect
import functools

from extractor.document import Article
from extractor.people.lexicon import MAX_NOISE, Lex, Tok, tokenize


@functools.lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-tolerant key: ``Deddy`` and ``Dedi``, ``Andy`` and ``Andi`` agree."""
    w = word.casefold().replace("y", "i").replace("’", "").replace("'", "")
    out = []
    for ch in w:
        if ch.isalpha() and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def prefixed(word: str) -> bool:
    """A word with a one-letter prefix ("E-Government", "e-KTP"): never a name."""
    return len(word) > 2 and word[1] == "-" and word[0].isalpha()


def same_word(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def name_text(text: str, toks: list[Tok]) -> list[str]:
    """The name's words as written, an initial with its stop ("M. Rizal Hakim")."""
    return [
        t.text + "." if len(t.text) == 1 and text[t.end : t.end + 1] == "." else t.text
        for t in toks
    ]


def is_short_form(short: list[str], full: list[str]) -> bool:
    """``short`` is the person ``full``: its words in order, or a clipped first word (``Rusdi``)."""
    if not short or len(short) > len(full):
        return False
    k = 0
    for w in full:
        if k < len(short) and same_word(short[k], w):
            k += 1
    if k == len(short):
        return True
    if len(short) == 1 and len(short[0]) >= 4:
        s = name_key(short[0])
        if any(name_key(w).startswith(s) and len(name_key(w)) > len(s) for w in full):
            return True
        # a blend of the first name and the start of the next: "Jokowi" is Joko Widodo
        if len(full) >= 2:
            first, second = name_key(full[0]), name_key(full[1])
            rest = s[len(first) :]
            return s.startswith(first) and len(rest) >= 2 and second.startswith(rest)
    return False


class ShortFormIndex:
    """Which of many full names a short form may be: a superset of the ids whose name
    :func:`is_short_form` accepts (the caller still asks it). Matching every name run of an
    article against every person is then linear: a run costs the people who share its first
    word (or, for one clipped word, a word starting with it), not all of them."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[int]] = {}  # key of any word of a name → ids
        self._by_first: dict[str, list[int]] = {}  # key of the first word of a 2+ word name
        self._keys: list[str] = []  # the keys of _by_key, sorted (for prefix look-ups)

    def add(self, ident: int, full: list[str]) -> None:
        for w in full:
            key = name_key(w)
            ids = self._by_key.get(key)
            if ids is None:
                ids = self._by_key[key] = []
                bisect.insort(self._keys, key)
            ids.append(ident)
        if len(full) >= 2:
            self._by_first.setdefault(name_key(full[0]), []).append(ident)

    def candidates(self, short: list[str]) -> list[int]:
        """Ids of the names ``short`` may be a form of, in ascending order."""
        if not short:
            return []
        s = name_key(short[0])
        out = set(self._by_key.get(s, ()))  # its words in order: the first one is there
        if len(short) == 1 and len(short[0]) >= 4:
            keys = self._keys
            i = bisect.bisect_left(keys, s)
            while i < len(keys) and keys[i].startswith(s):  # a clipped word ("Afif")
                out.update(self._by_key[keys[i]])
                i += 1
            for n in range(len(s) + 1):  # a blend of the first name and the next ("Jokowi")
                out.update(self._by_first.get(s[:n], ()))
        return sorted(out)


class NameReader:
    """Name words in one article: what the article writes in lower case, its places and
    capitalised words, the acronyms it spells out and the short names it gives bodies."""

    def __init__(self, art: Article, lex: Lex) -> None:
        self.art = art
        self.lex = lex
        self.text = art.text
        # Whole paragraphs, tokenised once: a title phrase never spans a stop, and reading
        # paragraphs keeps a name whose sentence was split off badly (",Kapolres X …").
        self.sents: list[list[Tok]] = [
            tokenize(lex, art.text, p.start, p.end) for p in art.paragraphs
        ]
        # where each paragraph and each of its tokens starts, for look-ups by offset
        self.para_starts: list[int] = [p.start for p in art.paragraphs]
        self._tok_starts: dict[int, list[int]] = {}
        lower: set[str] = set()
        places: set[str] = set()
        caps: dict[str, int] = {}
        for toks in self.sents:
            for k, t in enumerate(toks):
                if t.kind != "w":
                    continue
                if t.cap:
                    caps[t.text] = caps.get(t.text, 0) + 1
                if t.text[0].islower() and k > 0:
                    lower.add(t.fold)
                if k > 0 and toks[k - 1].fold in lex.place_cues and t.cap:
                    places.add(t.fold)
        self.lower = frozenset(lower)
        self.places = frozenset(places)
        self.caps = caps
        self.acronyms = self.defined_acronyms()
        self.shorts = self.body_shorts()

    def defined_acronyms(self) -> dict[str, str]:
        """Acronyms the article spells out: ``Badan Kepegawaian … Daerah (BKPPD)`` → the name.

        The bracketed acronym must be the initials of the capitalised words just before it
        ("dan" may join them), so a bracketed short name or place is never taken.
        """
        out: dict[str, str] = {}
        for toks in self.sents:
            for k, t in enumerate(toks):
                if t.text != "(" or k + 2 >= len(toks) or toks[k + 2].text != ")":
                    continue
                acr = toks[k + 1].text
                if not (len(acr) >= 3 and acr.isalpha() and acr.isupper()) or acr in out:
                    continue
                initials = ""
                j = k - 1
                while j >= 0 and k - j <= 2 * len(acr) and len(initials) < len(acr):
                    w = toks[j]
                    if w.kind != "w":
                        break
                    if w.cap:
                        initials = w.text[0] + initials
                    elif w.fold not in self.lex.joiners:
                        break
                    j -= 1
                if initials == acr:
                    out[acr] = " ".join(x.text for x in toks[j + 1 : k])
        return out

    def body_shorts(self) -> frozenset[str]:
        """Short names the article gives a body in brackets: ``Universitas Negeri Medan
        (Unimed)``: a bracketed word after a capitalised run with a common word in it (a
        person's "Jusuf Kalla (JK)" has none). Such a word is never a person's name."""
        out: set[str] = set()
        lex = self.lex
        for toks in self.sents:
            for k, t in enumerate(toks):
                if t.text != "(" or k + 2 >= len(toks) or toks[k + 2].text != ")":
                    continue
                short = toks[k + 1]
                if short.kind != "w" or not short.cap or len(short.text) < 3:
                    continue
                j = k - 1
                body = False
                while j >= 0 and toks[j].cap and k - j <= 6:
                    body = body or toks[j].fold in lex.vocab or toks[j].text in lex.blockers
                    j -= 1
                if body and k - j > 2:
                    out.add(short.text)
        return frozenset(out)

    def tok_starts(self, k: int) -> list[int]:
        """The start offsets of paragraph ``k``'s tokens (built on first use)."""
        got = self._tok_starts.get(k)
        if got is None:
            got = self._tok_starts[k] = [t.start for t in self.sents[k]]
        return got

    # -- word classes ------------------------------------------------------------------
    def is_initial(self, toks: list[Tok], k: int) -> bool:
        t = toks[k]
        return (
            t.kind == "w"
            and len(t.text) == 1
            and t.text.isupper()
            and k + 1 < len(toks)
            and toks[k + 1].text == "."
            and t.fold not in self.lex.honorifics
        )

    def is_name_word(self, toks: list[Tok], k: int) -> bool:
        if k >= len(toks):
            return False
        t = toks[k]
        if t.kind != "w" or not t.text[0].isupper():
            return False
        if "-" in t.text and (
            t.fold.partition("-")[0] == t.fold.rpartition("-")[2]  # "Hati-hati"
            or prefixed(t.text)  # "E-Government"
            or self.ticket(t.text)
        ):
            return False
        if self.is_initial(toks, k):
            return True
        w = t.fold
        if len(t.text) < 2 or not any(c.islower() for c in t.text):
            return False
        return not (w in self.lex.vocab or w in self.lower or w.endswith(self.lex.suffixes))

    def ticket(self, word: str) -> bool:
        """Two capitalised names joined by a hyphen, the first also written alone in the
        article ("Jokowi-Ma'ruf", "Prabowo-Sandi"): an election ticket, not one person (but
        "Jean-Yves Le Drian")."""
        head, _, tail = word.partition("-")
        return (
            len(head) >= 3
            and len(tail) >= 3
            and head[0].isupper()
            and tail[0].isupper()
            and any(c.islower() for c in tail)
            and head in self.caps
        )

    def skip_noise(self, toks: list[Tok], k: int) -> int:
        """Past honorifics and ranks (with their stops): ``Irjen. Pol.``, ``Dr H``, ``Prof.``."""
        n = len(toks)
        stop = k + MAX_NOISE
        rank = False
        while k < n and k < stop:
            t = toks[k]
            if t.kind == "d":
                k += 1
                continue
            if t.kind != "w" or self.is_initial(toks, k):
                if (
                    rank
                    and t.text == "("
                    and k + 2 < n
                    and toks[k + 2].text == ")"
                    and toks[k + 1].fold in self.lex.rank_tails  # "Mayjen TNI (Purn)"
                ):
                    k += 3
                    continue
                break
            m = self.lex.noise.match(toks, k)
            if m is None and rank and t.fold in self.lex.rank_tails:
                m = ("rank", k + 1)
            if m is None:
                break
            rank = rank or m[0] == "rank"
            k = m[1]
            if k < n and toks[k].text == ".":
                k += 1
        return k

    def is_rank(self, toks: list[Tok], k: int) -> bool:
        m = self.lex.noise.match(toks, k)
        return m is not None and m[0] == "rank"

    def name_run(self, toks: list[Tok], k: int) -> int:
        """End of the run of name words starting at k (k when there is none)."""
        j = k
        while j < len(toks) and j - k < 12:
            if self.is_initial(toks, j):
                j += 2
                continue
            if self.is_name_word(toks, j):
                j += 1
                continue
            if self.particle(toks, j) and (
                j > k or (self.is_name_word(toks, j + 1) and self.lex.titles.match(toks, j) is None)
            ):
                j += 1
                continue
            if (  # an initial without its stop inside a name: "Yasonna H Laoly"
                j > k
                and toks[j].kind == "w"
                and len(toks[j].text) == 1
                and toks[j].text.isupper()
                and j + 1 < len(toks)
                and self.is_name_word(toks, j + 1)
            ):
                j += 1
                continue
            if j == k and self.bare_initials(toks, j):
                j += 1  # "M Rizal Sumadiputra", "FX Hadi Rudyatmo", "I Dewa Gede Palguna"
                continue
            if j > k and toks[j].kind == "w" and toks[j].text.islower():
                c = j
                while c < len(toks) and c - j < 2 and toks[c].fold in self.lex.connectors:
                    c += 1  # "Ahmad bin Abdullah", "Siti binti Salim", "Van der Sar"
                if c > j and self.is_name_word(toks, c):
                    j = c
                    continue
            if j > k and self.common_tail(toks, j):
                j += 1  # "Rina Mulia", "Budi Setia": a name word that is also a common word
                continue
            break
        return j

    def common_tail(self, toks: list[Tok], k: int) -> bool:
        """A capitalised common word inside a name, after a name word: a name's when the
        article never writes it in lower case, it is no title, body, place or type word,
        and the paragraph is not in title case."""
        t = toks[k]
        lex = self.lex
        if not (t.kind == "w" and t.cap and len(t.text) > 2 and t.text[1:].islower()):
            return False
        w = t.fold
        if w not in lex.common or w in self.lower:
            return False
        if (
            w in lex.title_words
            or w in lex.not_names
            or w in lex.units
            or w in lex.org_heads
            or w in lex.starts
            or w in lex.types
            or w in lex.directions
            or w in lex.honorifics
            or w in lex.ranks
        ):
            return False
        if lex.regions.match(toks, k) is not None or lex.orgs.match(toks, k) is not None:
            return False
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and (nxt.cap or nxt.text == "("):
            return False  # only a name's last word: "Kedutaan Besar Singapura" is a body's
        return not self.title_case(toks)

    def common_first(self, toks: list[Tok], k: int) -> bool:
        """A capitalised common word opening the name that closes a title phrase (``Sulung``,
        ``Bintang``): a name's when the article never writes it in lower case and a proper
        name word follows."""
        if k + 1 >= len(toks):
            return False
        t = toks[k]
        lex = self.lex
        return (
            t.kind == "w"
            and t.cap
            and t.text[1:].islower()
            and t.fold in lex.common
            and t.fold not in self.lower
            and t.fold not in lex.title_words
            and t.fold not in lex.not_names
            and t.fold not in lex.units
            and t.fold not in lex.org_heads
            and t.fold not in lex.starts
            and self.is_name_word(toks, k + 1)
            and not self.title_case(toks)
        )

    def title_case(self, toks: list[Tok]) -> bool:
        """Is the paragraph written in title case (a headline or subheading), where a
        capitalised common word is no sign of a name? (Counted once per paragraph.)"""
        memo = self.__dict__.setdefault("title_case_memo", {})
        got = memo.get(id(toks))
        if got is None:
            got = memo[id(toks)] = self._title_case(toks)
        return got

    def _title_case(self, toks: list[Tok]) -> bool:
        caps = lower = 0
        for t in toks:
            if t.kind == "w":
                if t.text[0].isupper():
                    caps += 1
                elif len(t.text) > 3:  # a content word ("dan", "di", "ke" are kept small)
                    lower += 1
        return 4 * lower < caps

    def bare_initials(self, toks: list[Tok], k: int) -> bool:
        """One or two capital letters without stops that open a name ("M Rizal", "YF Sukasno",
        the Balinese "I Dewa"): not a known word, body or place, and a name word follows."""
        t = toks[k]
        if not (t.kind == "w" and len(t.text) <= 2 and t.text.isupper()):
            return False
        lex = self.lex
        if t.fold in lex.vocab or t.fold in lex.not_names or lex.noise.match(toks, k):
            return False
        if t.text in lex.company_markers:  # "Direktur PT Bio Farma …"
            return False
        if lex.orgs.match(toks, k) or lex.regions.match(toks, k) or lex.national.match(toks, k):
            return False
        if k > 0 and toks[k - 1].end == t.start:
            return False  # glued to the word before ("PDI-P")
        return k + 1 < len(toks) and toks[k + 1].start > t.end and self.is_name_word(toks, k + 1)

    def particle(self, toks: list[Tok], k: int) -> bool:
        """A capitalised word that is a title word elsewhere but part of a name here."""
        return (
            k < len(toks)
            and toks[k].fold in self.lex.particles
            and toks[k].text[0].isupper()
            and toks[k].text[1:].islower()
        )

    def words(self, toks: list[Tok], i: int, j: int) -> list[Tok]:
        out: list[Tok] = []
        for t in toks[i:j]:
            if t.kind != "w":
                continue
            if out and same_word(out[-1].text, t.text):  # "Budi Budi Santoso" (a typo) → once
                continue
            out.append(t)
        return out
