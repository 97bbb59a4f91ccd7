"""Attribution: the speaker written after a cue (``kata X``) or before it (``X
mengatakan``), resolved to an official where one is known, and the speakers of quotes
that refer back (``ujarnya``, ``dia``) or carry no cue."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from extractor.document import Article
from extractor.extractors.quotes_lexicon import (
    TOKEN,
    WORD,
    Cand,
    QuoteLex,
    Speaker,
    first_char,
    memo_of,
    paragraph_at,
)
from extractor.people.speakers import (
    all_common,
    bare_name,
    fullest,
    initial_or_abbrev,
    is_cap,
    is_name_word,
    joined,
    name_run,
    names_place,
    person_words,
)


class _Mentions:
    """Every official's mentions of one article, sorted once, so that asking which official a
    span names costs a bisect, not a pass over all mentions (an article quoting one official
    thousands of times would otherwise take quadratic time)."""

    def __init__(self, art: Article) -> None:
        rows = sorted(
            (m.start, m.end, k) for k, off in enumerate(art.officials) for m in off.mentions
        )
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.max_end: list[int] = []  # the largest end among rows[: i + 1]
        top = -1
        for r in rows:
            top = max(top, r[1])
            self.max_end.append(top)
        self.by_words: dict[str, int | None] = {}  # a span's text -> official, or None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Mentions that overlap ``[start, end)``, in text order."""
        k = bisect.bisect_left(self.starts, end) - 1
        found: list[tuple[int, int, int]] = []
        while k >= 0 and self.max_end[k] > start:
            if self.rows[k][1] > start:
                found.append(self.rows[k])
            k -= 1
        found.reverse()
        return found

    def last_before(self, lo: int, pos: int, skip: Callable[[int], bool]) -> int | None:
        """The official mentioned last within ``[lo, pos)`` (largest end), ``skip`` left out."""
        best: tuple[int, int] | None = None
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0 and self.rows[k][0] >= lo:
            _s, e, who = self.rows[k]
            if e <= pos and not skip(who) and (best is None or e > best[0]):
                best = (e, who)
                if e >= self.max_end[k]:
                    break  # no earlier mention ends later
            k -= 1
        return best[1] if best else None


def _mentions(art: Article) -> _Mentions:
    memo = memo_of("mentions", art)
    idx = memo.get("")
    if not isinstance(idx, _Mentions):
        idx = memo[""] = _Mentions(art)
    return idx


def official_at(art: Article, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The official named within ``[start, end)``: the one a recorded mention there belongs
    to, else the one whose name or alias the span's words are a short form of."""
    if not art.officials:
        return None
    idx = _mentions(art)
    hits = idx.overlapping(start, end)
    if hits:
        who = min(h[2] for h in hits)  # the officials' order decides, as ``resolve_name`` does
        s, e, _ = [h for h in hits if h[2] == who][-1]
        return art.officials[who].name, (s, e)
    key = " ".join(art.text[start:end].split())
    if key not in idx.by_words:
        idx.by_words[key] = _by_short_form(art, start, end)
    who = idx.by_words[key]
    return (art.officials[who].name, (start, end)) if who is not None else None


def _by_short_form(art: Article, start: int, end: int) -> int | None:
    """The officials extractor's reading of a span that overlaps no mention: a short form of
    exactly one official's name."""
    from extractor.extractors import officials

    resolver = getattr(officials, "resolve_name", None)
    if resolver is None:
        return None
    try:
        off = resolver(art, start, end)
    except Exception:  # the officials module is mid-edit: no short forms
        return None
    if off is None:
        return None
    return next((k for k, o in enumerate(art.officials) if o is off), None)


def speaker_after(art: Article, lex: QuoteLex, pos: int, limit: int) -> Speaker | None:
    """The speaker written after a cue: ``dia``, ``X``, ``Ketua Y, X``, ``politisi PDIP itu``."""
    text = art.text
    i = pos
    while i < limit and text[i] in " \t\xa0":
        i += 1
    m = TOKEN.match(text, i, limit)
    if m is None:
        return None
    tok = m.group().rstrip(".")
    if tok.lower() in lex.pronouns:
        return Speaker("prev", end=i + len(tok))
    if tok.lower() in lex.group_pronouns:
        return None
    if not tok or not tok[0].isalpha():
        return None
    if not is_cap(tok):
        if tok.lower() not in lex.titles:
            return None
        # ``pungkas anggota Bawaslu RI Budi Santoso``: a lower-case title before a name;
        # without one (``tegas politisi PDIP itu``) an epithet refers back to the speaker
        named = _name_after_title(art, lex, i, limit)
        return named if named is not None else Speaker("prev", end=i, ref="epithet")
    words = name_run(art, lex, i, limit)
    if not words:
        return None
    run_end = words[-1][1]
    off = official_at(art, words[0][0], run_end)
    if off is not None:
        return Speaker("name", off[0], off[1], run_end)
    first = text[words[0][0] : words[0][1]]
    if not is_name_word(lex, first):
        # ``ujar Kepala Bidang Kedokteran dan Kesehatan Polda X Kombes Y``: the people layer
        # reads the whole title phrase, past words the run stops at
        whole = _name_after_title(art, lex, i, limit)
        if whole is not None and whole.end > run_end:
            return whole
        # ``kata Ketua Bawaslu Lampung, Candrawansah``: the person is named after the comma
        more = _appositive_name(art, lex, run_end, limit)
        if more:
            off = official_at(art, words[0][0], more[-1][1])
            words, run_end = more, more[-1][1]
            if off is not None:
                return Speaker("name", off[0], off[1], run_end)
            off = official_at(art, words[0][0], run_end)
            if off is not None:
                return Speaker("name", off[0], off[1], run_end)
    # ``ujar Hari``, ``kata Rahim``: a name right after the cue, with no title, is the
    # speaker's even when it is also a common word
    names = person_words(art, lex, words) or bare_name(art, lex, words)
    if not names:
        by_post = _official_by_position(art, lex, words)
        if by_post is not None:
            return Speaker("name", by_post, None, run_end)
        if names_place(art, lex, words):
            return Speaker("name", None, None, run_end)  # an office nobody here holds
        titled = any(art.text[a:b].casefold() in lex.titles for a, b in words)
        return Speaker("prev", end=run_end, ref="title" if titled else "")
    return Speaker("name", None, (names[0][0], names[-1][1]), run_end, joined(art, names))


def _name_after_title(art: Article, lex: QuoteLex, pos: int, limit: int) -> Speaker | None:
    """The person a lower-case title phrase at ``pos`` names (``anggota Bawaslu RI Budi
    Santoso``), None when no name follows or a demonstrative closes it (``politisi itu``)."""
    from extractor import people

    got = people.name_at(art, pos, limit)
    if got is None:
        return None
    nxt = WORD.match(art.text, first_char(art.text, got.end, limit), limit)
    if nxt is not None and nxt.group().lower() in lex.demonstratives:
        return None
    off = official_at(art, got.start, got.end)
    if off is not None:
        return Speaker("name", off[0], off[1], got.end)
    return Speaker("name", None, (got.start, got.end), got.end, got.name)


def _appositive_name(art: Article, lex: QuoteLex, pos: int, limit: int) -> list[tuple[int, int]]:
    """The name after a title's comma: ``Kepala Bidang Mutasi dan Promosi …, Herman``."""
    text = art.text
    depth = 0
    for n, m in enumerate(TOKEN.finditer(text, pos, limit)):
        tok = m.group()
        if n > 30:
            break
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif tok == ",":
            more = name_run(art, lex, first_char(text, m.end(), limit), limit)
            return more if person_words(art, lex, more) else []
        elif (tok[0].isalnum() and not (is_cap(tok) or tok.lower() in lex.connectors)) or (
            not tok[0].isalnum() and tok not in "&/-"
        ):
            break
    return []


def _official_by_position(art: Article, lex: QuoteLex, words: list[tuple[int, int]]) -> str | None:
    """A speaker named by title alone (``Sekretaris Daerah Kabupaten Seluma``, ``Bupati
    Pasangkayu``): the one official whose position the title spells out, in the place or
    body written beside it when the officials say where they serve."""
    from extractor import people

    off = people.official_titled(art, words[0][0], words[-1][1])
    if off is not None:
        return off.name
    said = {art.text[a:b].casefold() for a, b in words}
    places = {w for w in said if w in lex.places}
    hits = []
    for o in art.officials:
        post = set(WORD.findall(o.position.casefold())) if o.position else set()
        if not post or not post <= said:
            continue
        where = set(WORD.findall(f"{o.region or ''} {o.organization or ''}".casefold()))
        served = {w for w in where if w in lex.places}
        if places and served and not places & served:
            continue  # ``Bupati Pasangkayu`` is not the regent of another regency
        hits.append((len((said - post) & where), o.name))
    if not hits:
        return None
    best = max(n for n, _ in hits)
    names = {name for n, name in hits if n == best}
    return names.pop() if len(names) == 1 else None


def conditional(lex: QuoteLex, toks: list[tuple[int, int, str]], i: int) -> bool:
    """``Jika Ayu mengungkap …``: the subject at ``i + 1`` follows a conditional opener."""
    return i >= 0 and toks[i][2].lower() in lex.conditionals


#: how far before a cue (in characters) its subject is looked for
_SUBJECT_CHARS = 1000


def subject_before(art: Article, lex: QuoteLex, start: int, cue_at: int) -> Speaker | None:
    """The person before a cue: ``Dia juga``, ``Ketua X Y``, ``X, jabatan,``, ``X yang …``."""
    text = art.text
    if cue_at - start > _SUBJECT_CHARS:
        # a subject, its aside and its title stand within a few dozen words of the cue:
        # reading back from a white space that far keeps a huge sentence with many cues
        # linear (each cue would otherwise tokenize the whole sentence before it)
        cut = text.rfind(" ", start, cue_at - _SUBJECT_CHARS)
        start = cut + 1 if cut > start else start
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, cue_at)]
    i = len(toks) - 1
    while i >= 0:
        low = toks[i][2].lower().rstrip(".")
        if toks[i][2] == "," or low in lex.adverbs:
            i -= 1
            continue
        if i > 0 and low.startswith("di") and toks[i - 1][2].lower() in lex.aside_openers:
            i -= 2  # ``X ketika dikonfirmasi membenarkan``: a passive aside before the cue
            continue
        if low in lex.blockers and low != lex.relative:
            return None
        break
    if i < 0:
        return None
    if toks[i + 1 : i + 2] and toks[i + 1][2] == ",":
        i = _before_relative_aside(lex, toks, i)
    if toks[i + 1 : i + 2] and toks[i + 1][2] == "," and not is_cap(toks[i][2]):
        # ``X, dalam amanatnya, menekankan``, ``X, Selasa (10/9/2019), mengatakan``: a short
        # aside between commas
        j = i
        while (
            j >= 0
            and i - j < 10
            and toks[j][2] != ","
            and (not is_cap(toks[j][2]) or toks[j][2].lower() in lex.date_words)
        ):
            j -= 1
        if j >= 0 and toks[j][2] == ",":
            i = j - 1
    nick = _nickname_subject(lex, toks, i)
    if nick is not None:
        return nick
    low = toks[i][2].lower()
    pointed = low in lex.demonstratives
    if pointed:
        back = _titled_anaphor(lex, toks, i)
        if back is not None:
            return back
    if low in lex.group_pronouns:
        return None  # ``Mereka mengaku …``: a group, not a person
    if low in lex.pronouns:
        return (
            None
            if conditional(lex, toks, i)
            else Speaker("prev", span=(toks[i][0], toks[i][1]), end=toks[i][1])
        )
    if not is_cap(toks[i][2]) or low == lex.relative:
        # ``X yang (juga hadir …) mengingatkan``: a short relative clause after the name
        j = i
        while j >= 0 and i - j <= 12 and toks[j][2].lower() != lex.relative:
            if toks[j][2] in ".;:":
                return None
            j -= 1
        if j <= 0 or i - j > 12:
            return None
        i = j - 1
        while i >= 0 and toks[i][2] == ",":
            i -= 1
        if i < 0:
            return None
        if toks[i][2].lower() in lex.pronouns:
            return Speaker("prev", span=(toks[i][0], toks[i][1]), end=toks[i][1])
        if not is_cap(toks[i][2]):
            return None
    # walk back over the capitalised run (with parenthesised acronyms)
    end_i = i
    while i >= 0:
        t = toks[i][2]
        if t == ")":
            while i >= 0 and toks[i][2] != "(":
                i -= 1
            i -= 1
            continue
        core = t[:-1] if t.endswith(".") and initial_or_abbrev(lex, t) else t
        if not core[0].isalnum() or not is_cap(core) or core.lower() in lex.stops:
            break
        if t.endswith(".") and core == t:
            break
        i -= 1
    companion = _companion_before(lex, toks, i)
    if companion is not None:
        # ``Ketua X didampingi anggota Y dan Z menjelaskan``: X speaks, Y and Z stand by
        return subject_before(art, lex, start, toks[companion][0])
    run = [
        (toks[k][0], toks[k][0] + len(toks[k][2].rstrip(".")))
        for k in range(i + 1, end_i + 1)
        if toks[k][2][0].isalnum()
    ]
    if not run or conditional(lex, toks, i):
        return None
    run_start, run_end = run[0][0], toks[end_i][1]
    off = official_at(art, run_start, run_end)
    if off is not None:
        return Speaker("name", off[0], off[1], run_end)
    first = text[run[0][0] : run[0][1]]
    titled = i >= 0 and toks[i][2].lower() in lex.titles  # ``anggota Bawaslu X``
    if not titled and (first.lower() in lex.institutions or (len(first) > 1 and first.isupper())):
        return None  # an institution speaks: ``Bawaslu meminta``, ``KASN mencatat``
    names = person_words(art, lex, run)
    if all_common(art, names or run):
        # ``Banyak yang mengatakan``, ``Polisi menyebut``: a common word capitalised because
        # it opens the sentence; ``Sosok yang kerap disapa Bagja itu menjelaskan``: with a
        # demonstrative it points back to the speaker, as a titled phrase does
        return Speaker("prev", end=run_end, ref="epithet") if pointed else None
    if not names:
        by_post = _official_by_position(art, lex, run)
        if by_post is None and names_place(art, lex, run):
            return Speaker("name", None, None, run_end)  # ``Bupati X`` that no official holds
        return Speaker("name", by_post, None, run_end) if by_post else None
    return Speaker("name", None, (names[0][0], names[-1][1]), run_end, joined(art, names))


#: how many tokens an aside or a companion phrase between a subject and its cue may hold
_ASIDE_TOKENS = 30


def _before_relative_aside(lex: QuoteLex, toks: list[tuple[int, int, str]], i: int) -> int:
    """``X, yang juga menjabat sebagai Koordinator Divisi …, menyampaikan``: a relative
    clause between commas after the name; the subject ends before its opening comma
    (``i`` itself when there is no such aside)."""
    j = i
    while j > 1 and i - j < _ASIDE_TOKENS:
        if toks[j][2] in ".;:":
            return i
        if toks[j][2].lower() == lex.relative and toks[j - 1][2] == ",":
            return j - 2 if is_cap(toks[j - 2][2]) else i
        j -= 1
    return i


def _nickname_subject(lex: QuoteLex, toks: list[tuple[int, int, str]], i: int) -> Speaker | None:
    """``Heru sapaan akrabnya mengingatkan``: a nickname before its marker stands for the
    person the article has just been quoting (as ``dia`` does)."""
    j = i
    while j > 0 and i - j < 3 and not toks[j][2].lower().startswith(tuple(lex.nickname_markers)):
        j -= 1
    if j <= 0 or not toks[j][2].lower().startswith(tuple(lex.nickname_markers)):
        return None
    if not is_cap(toks[j - 1][2]):
        return None
    return Speaker("prev", span=(toks[j - 1][0], toks[i][1]), end=toks[i][1], ref="epithet")


def _companion_before(lex: QuoteLex, toks: list[tuple[int, int, str]], i: int) -> int | None:
    """The index of ``didampingi``/``bersama`` when the words before the cue are a companion
    phrase (names, titles, ``dan``, commas) that follows a capitalised subject."""
    j = i
    while j > 0 and i - j < _ASIDE_TOKENS:
        t = toks[j][2]
        low = t.lower()
        if low in lex.companions:
            return j if is_cap(toks[j - 1][2]) else None
        if not (is_cap(t) or low in lex.titles or low in lex.title_joiners or t in ",()"):
            return None
        j -= 1
    return None


_ANAPHOR_WORDS = 6


def _titled_anaphor(lex: QuoteLex, toks: list[tuple[int, int, str]], i: int) -> Speaker | None:
    """``Gubernur Jawa Timur itu menyatakan``, ``politisi Partai Golkar ini menilai``: a
    short noun phrase headed by a title and closed by a demonstrative names the speaker
    the article has just been quoting, as ``dia`` does; without a title it is a thing
    (None: the caller reads the words another way)."""
    j = i - 1
    titled = -1
    while j >= 0 and i - j <= _ASIDE_TOKENS:
        t = toks[j][2]
        low = t.lower()
        if not t[0].isalnum():
            if t not in ",()":
                break
        elif low == lex.relative:
            return None  # ``X yang hadir dalam acara itu``: a relative clause, read elsewhere
        elif i - j > _ANAPHOR_WORDS and not (is_cap(t) or low in lex.connectors):
            break  # past a few words only a long title goes on (``Koordinator Divisi A, B, dan C``)
        if low.rstrip(".") in lex.titles:
            titled = j
        j -= 1
    if titled < 0 or conditional(lex, toks, titled - 1):
        return None
    return Speaker("prev", span=(toks[titled][0], toks[i][1]), end=toks[i][1])


def resolve_speakers(art: Article, lex: QuoteLex, cands: list[Cand]) -> None:
    """Name every quote's speaker: named, continued from the previous one, or unknown.

    A speaker written as a place's office with no official holding it (``ujar Bupati X``)
    stays unknown, and so do the references after it. A reference before any speaker is
    named: ``dia``/``-nya`` is the official named last in its paragraph (``Menteri X
    menanggapi … Menurut dia, …``); failing that, ``dia`` or a title (``Hal itu disampaikan
    JPU KPK``) is the next speaker named close by, as the writer names the person in the
    next lines. A quote with no cue or a common-noun epithet (``warga sekitar``) before any
    named speaker stays unknown."""
    for c in cands:
        if c.who == "name":
            if c.name is None and c.raw:
                c.name = fullest(art, lex, c.raw)
            c.speaker, c.speaker_span = c.name, c.name_span
    named = False
    last: str | None = None
    for k, c in enumerate(cands):
        if c.who == "name":
            named, last = True, c.speaker
        elif named and c.ref == "pronoun" and c.kind == "indirect" and k > 0:
            # ``Menteri X mengadakan rapat … Ia mengimbau …``: a subject pronoun means the
            # official named since the previous quote, when there is one
            near = _official_before(art, lex, c.start, cands[k - 1].end)
            c.speaker = last = near or last
        elif named:
            c.speaker = last
        elif c.ref == "pronoun":
            c.speaker = _official_before(art, lex, c.start)
            if c.speaker is not None:
                named, last = True, c.speaker  # ``dia`` goes on meaning this official
            else:
                c.speaker = _named_ahead(art, cands, k)
        elif c.ref == "title":
            c.speaker = _named_ahead(art, cands, k)


def _official_before(art: Article, lex: QuoteLex, pos: int, lo: int = 0) -> str | None:
    """The official mentioned last before ``pos`` in the same paragraph and not before
    ``lo`` (never a place)."""
    para = paragraph_at(art, pos)
    if para is None or pos >= para.end or not art.officials:
        return None
    offs = art.officials

    def is_place(k: int) -> bool:
        return " ".join(offs[k].name.casefold().split()) in lex.place_names

    who = _mentions(art).last_before(max(para.start, lo), pos, is_place)
    return offs[who].name if who is not None else None


def _named_ahead(art: Article, cands: list[Cand], k: int) -> str | None:
    """The next speaker named within a couple of paragraphs after ``cands[k]``."""
    limit = cands[k].end + _AHEAD_CHARS
    for c in cands[k + 1 :]:
        if c.start > limit:
            return None
        if c.who == "name":
            return c.speaker
    return None


#: how far (in characters) a reference may look ahead for its speaker's name
_AHEAD_CHARS = 400
