"""Indirect (reported) quotes: ``X mengatakan, …``, ``Menurut X, …``, ``A, kata X, B`` and
``Hal itu disampaikan X`` after the sentence it attributes."""

from __future__ import annotations

import bisect

from extractor.document import Article, Sentence
from extractor.extractors.quotes_lexicon import (
    WORD,
    Cand,
    QuoteLex,
    Speaker,
    cue_index,
    first_char,
    in_spans,
    rstrip_at,
    set_who,
)
from extractor.extractors.quotes_speakers import speaker_after, subject_before


def indirect_quotes(
    art: Article,
    lex: QuoteLex,
    quoted: list[tuple[int, int]],
    consumed: list[tuple[int, int]],
    directs: list[Cand],
) -> list[Cand]:
    text = art.text
    sents = art.body_sentences()
    idx = cue_index(art, lex)
    out: list[Cand] = []
    used = sorted(consumed)
    taken: set[int] = set()  # sentence indices that already gave an indirect quote

    def add(
        si: int,
        cue_end: int,
        cue: str,
        spk: Speaker,
        text_start: int | None = None,
        text_end: int | None = None,
    ) -> None:
        s = sents[si]
        a = text_start if text_start is not None else _skip_intro(text, lex, cue_end, s.end)
        b = text_end if text_end is not None else _indirect_end(art, lex, sents, si, a, quoted)
        if b <= a:
            return
        while b > a and (text[b - 1].isspace() or text[b - 1] in _TRAIL):
            b -= 1  # ``… malam. "`` : the opening mark of the next quote
        t = text[a:b].strip()
        # ``menjelaskan, mengenai surat …``: after a comma a topic word fronts a clause
        # a quote read from the sentence start (``A, kata X, B``) holds its own first words
        fronted = text_start is not None or "," in text[cue_end:a] or ":" in text[cue_end:a]
        if not _reads_as_clause(lex, t, fronted):
            if spk.kind == "name" and _points_back(lex, t):
                # ``X mengungkapkan hal serupa.``: no quote, but X speaks next (as after
                # ``Senada diungkapkan X``)
                mark = Cand(start=s.start, end=s.start, text="", kind="indirect", cue=None)
                set_who(mark, spk)
                out.append(mark)
            return
        c = Cand(start=a, end=b, text=t, kind="indirect", cue=cue)
        set_who(c, spk)
        out.append(c)
        taken.add(si)

    for si, s in enumerate(sents):
        stext_end = s.end
        # "Hal itu disampaikan (oleh) X": the previous sentence is X's
        pm = lex.passive_attr.match(text, s.start, stext_end)
        if pm is not None:
            if pm.group("nya"):
                spk: Speaker | None = Speaker("prev", end=pm.end())
            else:
                spk = speaker_after(art, lex, pm.end(), stext_end)
            if spk is not None and si > 0:
                prev = sents[si - 1]
                hit = [c for c in directs if c.start < prev.end and c.end > prev.start]
                hit += [c for c in out if c.start < prev.end and c.end > prev.start]
                if hit:
                    for c in hit:
                        if spk.kind == "name":
                            set_who(c, spk)
                else:
                    c = Cand(
                        start=prev.start,
                        end=rstrip_at(text, prev.start, prev.end),
                        text=text[prev.start : prev.end].strip().rstrip(".").strip(),
                        kind="indirect",
                        cue=pm.group("cue").lower(),
                    )
                    set_who(c, spk)
                    out.append(c)
            # the rest of this sentence may still hold a cue (``X yang menegaskan bahwa …``)
        # "Senada diungkapkan X.": X speaks next; the sentence before stays its speaker's
        sm = lex.similar.match(text, s.start, stext_end) if pm is None else None
        if sm is not None:
            spk = speaker_after(art, lex, sm.end(), stext_end)
            if spk is not None and spk.kind == "name":
                mark = Cand(start=s.start, end=s.start, text="", kind="indirect", cue=None)
                set_who(mark, spk)
                out.append(mark)
        # "Dikatakan X, …" / "Dijelaskannya, …"
        lm = lex.passive_lead.match(text, s.start, stext_end)
        if lm is not None and pm is None and lm.group("nya"):
            add(si, lm.end(), lm.group("cue").lower(), Speaker("prev", end=lm.end()))
            if si in taken:
                continue
        elif lm is not None and pm is None:
            spk = speaker_after(art, lex, lm.end(), stext_end)
            if spk is not None:
                comma = text.find(",", spk.end, stext_end)
                if comma != -1 and not text[spk.end : comma].strip():
                    add(si, comma + 1, lm.group("cue").lower(), spk)
                    continue
        # "A, seperti dijelaskan oleh X, akan …": the whole sentence is X's
        am = lex.passive_aside.search(text, s.start, stext_end) if pm is None else None
        if am is not None and am.start() > s.start and not in_spans(quoted, am.start()):
            spk = speaker_after(art, lex, am.end(), stext_end)
            after = first_char(text, spk.end, stext_end) if spk is not None else stext_end
            if spk is not None and spk.kind == "name" and text[after : after + 1] in (",", ".", ""):
                add(si, am.end(), am.group("cue").lower(), spk, s.start, stext_end)
                if si in taken:
                    continue
        # active cues
        for m in idx.within("indirect", s.start, stext_end):
            if in_spans(quoted, m.start) or si in taken:
                continue
            if m.start > 0 and text[m.start - 1] in "-":
                continue
            spk = subject_before(art, lex, s.start, m.start)
            if spk is None:
                continue
            a = _skip_intro(text, lex, m.end, stext_end)
            if a < stext_end and lex.marks.match(text, a):
                continue  # introduces a direct quote
            if m.low in lex.separated and not _separated(text, lex, m.end, a):
                continue  # ``melanjutkan perjalanan``: an object, not speech
            add(si, m.end, m.low, spk)
            break
        if si in taken:
            continue
        # "Menurut X, …" / "menurutnya …"
        for m in idx.within("according", s.start, stext_end):
            if in_spans(quoted, m.start):
                continue
            if (
                m.low.endswith(lex.nya) and m.low[: -len(lex.nya)] in lex.according_words
            ):  # ``menurutnya``
                spk = Speaker("prev", end=m.end)
                cue = m.low[: -len(lex.nya)]
            else:
                spk = speaker_after(art, lex, m.end, stext_end)
                if spk is None or spk.end <= m.end:
                    continue
                cue = m.low
            # ``A, menurut X, B`` / ``A menurutnya B``: the quote runs from A's start to B's
            # end with the attribution inside it (SPEC clarification)
            add(si, spk.end, cue, spk, text_start=_mid_start(text, s.start, m.start))
            break
        if si in taken:
            continue
        # ", kata X, …" / "Lanjut X, …" / "…, terangnya."
        for m in idx.within("roots", s.start, stext_end):
            if in_spans(quoted, m.start) or in_spans(used, m.start):
                continue
            if m.start > 0 and text[m.start - 1] == "-":
                continue  # ``terang-terangnya``: the second half of a doubled word
            before = text[s.start : m.start].rstrip()
            surface = m.low
            root = lex.root_of[surface]
            glued = surface != root and surface.endswith(lex.nya) and surface not in lex.hearsay
            if before and not before.endswith(",") and not glued:
                # ``A sambungnya, B``: a cue with ``-nya`` needs no comma before it; ``kata``
                # alone may be a noun, and ``katanya`` may mean "reportedly"
                continue
            if surface != root and surface.endswith(lex.nya):
                spk = Speaker("prev", end=m.end)
            else:
                spk = speaker_after(art, lex, m.end, stext_end)
                if spk is None or spk.end <= m.end:
                    continue
            rest = text[spk.end : stext_end].strip()
            if not rest.strip(".!? "):
                if before:  # "…, terangnya." / "…, lanjut Erna. <more of what she said>"
                    end = s.start + len(before) - 1
                    if si + 1 < len(sents) and sents[si + 1].paragraph == s.paragraph:
                        nxt = sents[si + 1]
                        if not in_spans(quoted, nxt.start) and not lex.marks.search(
                            text, nxt.start, nxt.end
                        ):
                            end = nxt.end
                    add(si, 0, root, spk, text_start=s.start, text_end=end)
                break
            add(si, spk.end, root, spk, text_start=_mid_start(text, s.start, m.start))
            break
    return out


def _mid_start(text: str, sent_start: int, cue_at: int) -> int | None:
    """The sentence start when words stand before a mid-sentence cue (``A, kata X, B``),
    None when the cue opens the sentence (the quote then starts after the speaker)."""
    return sent_start if text[sent_start:cue_at].strip(" ,\n\t") else None


_TRAIL = ".,;:\"“”„‘’'«»"


def _reads_as_clause(lex: QuoteLex, t: str, fronted: bool = False) -> bool:
    """A reported clause, not a thing handed over or a topic (``rasa duka``, ``soal bibir``,
    ``bagaimana …``), an anaphor (``hal tersebut``) or a question. ``fronted``: a comma
    stands between cue and clause (``mengatakan, sebagai negarawan, …``), so a topic or
    thing word opens the clause instead of being the cue's object."""
    words = WORD.findall(t)
    if len(words) < 2 or t.endswith("?"):
        return False
    if len(words) <= 3 and words[-1].lower() in lex.anaphors:
        return False  # ``membenarkan hal tersebut``, ``menyatakan hal serupa``
    if fronted:
        return True
    first = words[0].lower()
    return first not in lex.non_clause and " ".join(words[:2]).lower() not in lex.non_clause


def _points_back(lex: QuoteLex, t: str) -> bool:
    """A short object closed by an anaphor (``hal serupa``, ``hal tersebut``)."""
    words = WORD.findall(t)
    return 0 < len(words) <= 3 and words[-1].lower() in lex.anaphors


def _separated(text: str, lex: QuoteLex, cue_end: int, clause_start: int) -> bool:
    """Whether a comma, colon or ``bahwa`` stands between a cue and its clause."""
    gap = text[cue_end:clause_start]
    return (
        "," in gap or ":" in gap or any(w.lower() in lex.complementisers for w in WORD.findall(gap))
    )


def _skip_intro(text: str, lex: QuoteLex, pos: int, end: int) -> int:
    """Skip the punctuation and ``bahwa`` between a cue and the reported clause."""
    while pos < end and (text[pos].isspace() or text[pos] in ",:"):
        pos += 1
    m = WORD.match(text, pos, end)
    if m and m.group().lower() in lex.complementisers:
        pos = m.end()
        while pos < end and (text[pos].isspace() or text[pos] in ",:"):
            pos += 1
    return pos


def _indirect_end(
    art: Article,
    lex: QuoteLex,
    sents: list[Sentence],
    si: int,
    start: int,
    quoted: list[tuple[int, int]],
) -> int:
    """Reported speech runs to the sentence end, on into a fragment (``Mengingat …``)."""
    text = art.text
    s = sents[si]
    end = s.end
    k = bisect.bisect_left(quoted, (start, -1))
    if k < len(quoted) and quoted[k][0] < end:
        # stop before a direct quote glued into the sentence (the mark itself too)
        end = quoted[k][0]
        while end > start and not text[end - 1].isspace() and not text[end - 1].isalnum():
            end -= 1
    elif si + 1 < len(sents) and sents[si + 1].paragraph == s.paragraph:
        nxt = sents[si + 1]
        if lex.continuation.match(text, nxt.start) and not in_spans(quoted, nxt.start):
            end = nxt.end
    elif text[start:end].rstrip().endswith(":"):
        end = _list_after_colon(art, lex, s.paragraph, end)
    return rstrip_at(text, start, end)


#: how many paragraphs a list introduced by a reported clause may run over
_LIST_PARAGRAPHS = 12


def _list_after_colon(art: Article, lex: QuoteLex, para: int, end: int) -> int:
    """``menjelaskan, dari 27 laporan itu:`` followed by a list, one item per paragraph: the
    reported speech runs on over the items while they end in ``,`` or ``;`` (the last item
    ends the list), never into a paragraph holding a quotation mark."""
    text = art.text
    paras = art.paragraphs
    k = para + 1
    while k < len(paras) and k - para <= _LIST_PARAGRAPHS and paras[k].kind == "body":
        p = paras[k]
        if lex.marks.search(text, p.start, p.end):
            break
        end = p.end
        if text[p.start : p.end].rstrip()[-1:] not in (",", ";"):
            break
        k += 1
    return end
