"""Direct quotes: quotation marks paired paragraph by paragraph, with the cue and speaker
written before or after them. Scrapes drop opening marks, cut texts short and print ``”``
for both marks, so marks are paired by where they stand, not by their glyph alone."""

from __future__ import annotations

import bisect
import re

from extractor.document import Article, Region
from extractor.extractors.quotes_lexicon import (
    WORD,
    Cand,
    QuoteLex,
    Speaker,
    cue_at,
    cue_index,
    first_char,
    rstrip_at,
    set_who,
)
from extractor.extractors.quotes_speakers import speaker_after, subject_before


def direct_quotes(
    art: Article, lex: QuoteLex, body: list[Region]
) -> tuple[list[Cand], list[tuple[int, int]]]:
    """Pair quotation marks paragraph by paragraph; attach each quote's cue and speaker."""
    text = art.text
    # (pieces, forced as speech, para index, closing mark when it stands in a later paragraph)
    raw: list[tuple[list[tuple[int, int]], bool, int, int | None]] = []
    carry: list[tuple[int, int]] | None = None
    para_marks = [_marks(text, lex, para) for para in body]
    for pi, para in enumerate(body):
        marks = para_marks[pi]
        open_at: int | None = None
        pieces: list[tuple[int, int]] = []
        if carry is not None and _runs_on(text, lex, body, para_marks, pi, carry):
            # speech a scrape broke into lines: this line has no mark, a later one closes it
            carry = [*carry, (first_char(text, para.start, para.end), para.end)]
            continue
        if carry is not None and len(carry) > 1 and marks and _closes(text, lex, para, marks[0]):
            pieces = [*carry, (first_char(text, para.start, para.end), marks[0].start())]
            raw.append((pieces, True, pi, None))
            carry = None
            marks = marks[1:]
        if carry is not None:
            # the previous paragraph's quote continues only if this one opens with a mark;
            # a mark followed by a space or a comma closes it instead (``" ujar X``: a scrape
            # broke the paragraph inside the quote)
            first = first_char(text, para.start, para.end)
            if marks and marks[0].start() == first:
                q = marks[0].end()
                if q >= para.end or text[q].isspace() or text[q] in ",.;:":
                    raw.append((carry, True, pi, marks[0].start()))
                    marks = marks[1:]
                else:
                    pieces = carry
                    open_at = q
                    marks = marks[1:]
            else:
                raw.append((carry, _opens_para(text, body[pi - 1], carry), pi - 1, None))
            carry = None
        for k, m in enumerate(marks):
            g, p, q = m.group(), m.start(), m.end()
            left_space = p == para.start or text[p - 1].isspace() or text[p - 1] in "([{—–-:"
            right_space = q >= para.end or text[q].isspace() or text[q] in ",.;:!?)"
            if open_at is None:
                orphan = (
                    k == 0
                    and not pieces
                    and g not in lex.open_marks
                    and not left_space
                    and (right_space or cue_at(lex, text, q, para.end) is not None)
                )
                if orphan:
                    start = first_char(text, para.start, p)
                    raw.append(([(start, p)], True, pi, None))
                else:
                    open_at = q
            elif (
                g in lex.open_marks
                and left_space
                and not right_space
                and not pieces
                and p > open_at
            ):
                # an opener while open: the earlier quote was never closed
                raw.append(([(open_at, rstrip_at(text, open_at, p))], False, pi, None))
                open_at = q
            else:
                pieces.append((open_at, p))
                raw.append((pieces, False, pi, None))
                pieces = []
                open_at = None
        if open_at is not None:
            pieces.append((open_at, rstrip_at(text, open_at, para.end)))
            carry = pieces
    if carry is not None:
        raw.append((carry, _opens_para(text, body[-1], carry), len(body) - 1, None))

    out: list[Cand] = []
    consumed: list[tuple[int, int]] = []
    body_starts = [p.start for p in body]
    for pieces, forced, pi, closer in raw:
        para = body[pi]
        first_para = body[max(0, bisect.bisect_right(body_starts, pieces[0][0]) - 1)]
        start, end = pieces[0][0], pieces[-1][1]
        inner = " ".join(text[a:b] for a, b in pieces)
        qtext = _clean_quote(inner)
        if not qtext:
            continue
        close_at = end if closer is None else closer  # the closing mark (or paragraph end)
        if lex.document_after.match(text, close_at, para.end):
            continue  # ``"…," seperti dikutip dari draf RKUHP``: a document's text
        after = _post_attribution(art, lex, close_at, para.end)
        before = None if forced else _pre_attribution(art, lex, first_para.start, start, out)
        has_cue = after is not None or before is not None
        # ``"A," kata X. "B."``: a quote right after an attributed one in its paragraph
        follows = (
            bool(out)
            and para.start <= out[-1].end
            and len(WORD.findall(text[out[-1].end : start])) <= 12
        )
        forced = forced or len(pieces) > 1 or follows
        if not has_cue and not _looks_like_speech(text, lex, start, qtext, forced):
            continue
        c = Cand(start=start, end=end, text=qtext, kind="direct", cue=None)
        c.extra = pieces[1:]
        if after is not None:
            cue, spk, _cue_start = after
            c.cue = cue
            set_who(c, spk)
            consumed.append((close_at, spk.end))
        elif before is not None:
            cue, spk = before
            c.cue = cue
            set_who(c, spk)
        out.append(c)
    return out, consumed


def _marks(text: str, lex: QuoteLex, para: Region) -> list[re.Match[str]]:
    return [
        m
        for m in lex.marks.finditer(text, para.start, para.end)
        if m.group() not in lex.strict_open or _strict_opens(text, m.start(), m.end(), para)
    ]


def _closes(text: str, lex: QuoteLex, para: Region, m: re.Match[str]) -> bool:
    """A closing mark against the word before it, with a cue or a stop after it."""
    p, q = m.start(), m.end()
    left_space = p == para.start or text[p - 1].isspace()
    right = q >= para.end or text[q].isspace() or text[q] in ",.;:!?)"
    return (
        m.group() not in lex.open_marks
        and not left_space
        and (right or cue_at(lex, text, q, para.end) is not None)
    )


def _runs_on(
    text: str,
    lex: QuoteLex,
    body: list[Region],
    para_marks: list[list[re.Match[str]]],
    pi: int,
    carry: list[tuple[int, int]],
) -> bool:
    """Does an unclosed quote that opened its paragraph go on through the mark-less line
    ``pi`` to a closing mark (with its cue) a few lines later?"""
    if para_marks[pi] or not _opens_para(text, body[pi - len(carry)], carry[:1]):
        return False
    for j in range(pi + 1, min(len(body), pi + lex.run_on_lines)):
        if para_marks[j]:
            m = para_marks[j][0]
            after = first_char(text, m.end(), body[j].end)
            return (
                _closes(text, lex, body[j], m) and cue_at(lex, text, after, body[j].end) is not None
            )
    return False


def _strict_opens(text: str, p: int, q: int, para: Region) -> bool:
    """``,,Kami …``: a strict mark opens only after a space and against a word."""
    left = p == para.start or text[p - 1].isspace()
    return left and q < para.end and text[q].isalnum()


def _opens_para(text: str, para: Region, pieces: list[tuple[int, int]]) -> bool:
    """An unclosed quote whose mark opens its paragraph: speech cut short, not a term."""
    first = first_char(text, para.start, para.end)
    return len(pieces) == 1 and pieces[0][0] - first <= 2


def _clean_quote(inner: str) -> str:
    """Quote text: without surrounding white space and a trailing comma."""
    t = inner.strip()
    while t.endswith(",") or t.endswith(" "):
        t = t[:-1].rstrip()
    return t


def _looks_like_speech(text: str, lex: QuoteLex, start: int, qtext: str, forced: bool) -> bool:
    """A quote with no cue: speech if it reads as sentences, not a title, term or scare quote."""
    prev = WORD.findall(text[max(0, start - 40) : start])
    if (
        prev
        and prev[-1].lower() in lex.title_markers
        and start - 1 > 0
        and text[start - 2].isspace()
    ):
        return False  # ``bertajuk "…"``, ``tema “…”``
    if forced:
        return True
    words = WORD.findall(qtext)
    if len(words) < lex.min_words:
        return False
    if not qtext[0].isupper() and not qtext[0].isdigit():
        return False
    return qtext[-1] in ".!?…" or len(words) >= 8


def _post_attribution(
    art: Article, lex: QuoteLex, close_at: int, para_end: int
) -> tuple[str | None, Speaker, int] | None:
    """``," kata X`` / ``,” ujarnya`` / ``"tegas Dewa`` right after a closing mark (no cue:
    ``," Kepala BKN X saat rapat``)."""
    text = art.text
    m = _MARK_AFTER.match(text, close_at, para_end)
    pos = m.end() if m else close_at
    if pos > 0 and text[pos - 1].isalnum():
        return None
    cm = cue_at(lex, text, pos, para_end)
    if cm is None:
        spk = _verbless(art, lex, close_at, pos, para_end)
        return (None, spk, pos) if spk is not None else None
    cm_end, surface = cm
    root = lex.root_of[surface]
    if surface != root and surface.endswith(lex.nya):
        return root, Speaker("prev", end=cm_end), pos
    spk = speaker_after(art, lex, cm_end, para_end)
    if spk is None:
        nxt = WORD.match(text, first_char(text, cm_end, para_end), para_end)
        if nxt is None or nxt.group() not in lex.unnamed_speakers:
            return None
        # ``kata seorang warga``, ``ujar pemilik akun Youtube X Official``: a role or an
        # account, no person's name: the quote stands, its speaker unknown
        spk = Speaker("name", end=nxt.end())
    return root, spk, pos


def _verbless(
    art: Article, lex: QuoteLex, close_at: int, pos: int, para_end: int
) -> Speaker | None:
    """``"…," Kepala BKN Budi Santoso saat rapat, Selasa.``: a quote closed by a comma and
    followed by a titled name with no verb, then an aside (``saat``, ``di``) or the end of
    the sentence: the named person said it."""
    text = art.text
    if close_at == 0 or text[close_at - 1] != ",":
        return None
    first = WORD.match(text, pos, para_end)
    if first is None or first.group().lower() not in lex.titles or not first.group()[0].isupper():
        return None
    spk = speaker_after(art, lex, pos, para_end)
    if spk is None or spk.kind != "name" or (spk.name is None and spk.raw is None):
        return None
    rest = first_char(text, spk.end, para_end)
    nxt = WORD.match(text, rest, para_end)
    if (
        rest >= para_end
        or text[rest] in ",."
        or (nxt and nxt.group().lower() in lex.verbless_asides)
    ):
        return spk
    return None


_MARK_AFTER = re.compile(r"[^\w\s]{0,3}\s*")


def _pre_attribution(
    art: Article, lex: QuoteLex, para_start: int, open_at: int, earlier: list[Cand]
) -> tuple[str, Speaker] | None:
    """``X mengatakan, "…"`` / ``kata X: "…"`` just before an opening mark."""
    text = art.text
    lo = para_start
    # ``earlier`` is in text order and disjoint (ends ascending): the last quote ending
    # before ``open_at`` is the one to start after, so the scan stops there
    for c in reversed(earlier):
        if c.end < open_at:
            if c.end >= para_start:
                lo = max(lo, c.end + 1)
            break
    # the mark itself starts one or two characters before the inner text
    mark_start = open_at
    while (
        mark_start > lo
        and not text[mark_start - 1].isspace()
        and not text[mark_start - 1].isalnum()
    ):
        mark_start -= 1
    head = text[lo:mark_start]
    stripped = head.rstrip()
    if not stripped.endswith((",", ":")):
        return None
    body_end = lo + len(stripped) - 1
    # find the last cue in the head
    idx = cue_index(art, lex)
    found = idx.within("indirect", lo, body_end)
    last = found[-1] if found else None
    if last is not None and not text[last.end : body_end].strip(" ,:"):
        spk = subject_before(art, lex, lo, last.start)
        if spk is not None:
            return last.low, spk
    for m in idx.within("roots", lo, body_end):
        surface = m.low
        root = lex.root_of.get(surface, surface)
        if surface != root and surface.endswith(lex.nya):
            if not text[m.end : body_end].strip(" ,:"):
                return root, Speaker("prev", end=m.end)
            continue
        spk = speaker_after(art, lex, m.end, body_end)
        if spk is not None and not text[spk.end : body_end].strip(" ,:"):
            return root, spk
    return None
