"""Direct-quote speaker accuracy on PFSA-ID (Kompas articles annotated for statement attribution).

Usage: ``python bench/pfsa_speakers.py TEST.txt [--show N]``

PFSA-ID (Purnomo W.P. et al., *Global Knowledge, Memory and Communication*, 2022; CC BY-NC-SA
4.0, so not shipped here) labels Kompas news tokens with BILOU tags: STATEMENT, PERSON,
PERSONCOREF, CUE, ROLE, AFFILIATION … Get the test split from the authors' repository
(``sigit-purnomo/pfsa-id-dl``, ``corpus/pfsa-id-test/test-data.txt``): one token and its tag a
line, a blank line after each sentence.

What is measured: for every statement written between quotation marks whose sentence names
its speaker (a PERSON, or a PERSONCOREF: a short name or ``dia``/``-nya``), the extractor's
direct quote that overlaps it (word-set Dice ≥ 0.8, as the SPEC scorer matches quotes) must
name that person. A short name is read as the fullest PERSON of the article holding it, a
pronoun as the PERSON named last before it. Articles are rebuilt from the tokens (a new one
starts at the sentence holding ``KOMPAS`` in its first words; sentences are joined into one
paragraph while a statement runs on, so a quote is never cut by a paragraph break).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUOTE_MARKS = {"”", "“", '"', "''", "’’", "‘‘"}
PRONOUNS = {"dia", "ia", "beliau", "nya"}
_WORD = re.compile(r"\w+")


@dataclass
class Tok:
    text: str
    tag: str
    start: int = 0
    end: int = 0


@dataclass
class Doc:
    sents: list[list[Tok]] = field(default_factory=list)


def read_conll(path: Path) -> list[Doc]:
    """Sentences grouped into articles."""
    docs: list[Doc] = []
    cur: list[Tok] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if cur:
                if not docs or any(t.text.upper().startswith("KOMPAS") for t in cur[:6]):
                    docs.append(Doc())
                docs[-1].sents.append(cur)
                cur = []
            continue
        tok, _, tag = line.partition("\t")
        cur.append(Tok(tok, tag.strip() or "O"))
    return docs


def _kind(tag: str) -> str:
    return tag.split("-", 1)[1] if "-" in tag else ""


def render(doc: Doc) -> str:
    """The article's text with every token's offsets set: spaces where a writer puts them,
    paragraphs between sentences unless a statement runs on into the next one."""
    out: list[str] = ["Berita Kompas\n\n"]
    pos = len(out[0])
    open_quote = False
    for si, sent in enumerate(doc.sents):
        for k, t in enumerate(sent):
            prev = sent[k - 1].text if k else ""
            glue = k == 0 or t.text in ",.;:?!)%" or prev in "(/" or t.text == "/"
            if t.text in QUOTE_MARKS:
                # a mark that starts a statement opens; one inside or ending it closes
                closing = not t.tag.startswith("B-") and (
                    open_quote or (t.tag.startswith(("L-", "I-")) and _kind(t.tag) == "STATEMENT")
                )
                glue = glue or closing
                open_quote = not closing
            elif k and prev in QUOTE_MARKS and open_quote:
                glue = True  # the first word of a quote stands against its opening mark
            if not glue:
                out.append(" ")
                pos += 1
            t.start, t.end = pos, pos + len(t.text)
            out.append(t.text)
            pos = t.end
        nxt = doc.sents[si + 1][0].tag if si + 1 < len(doc.sents) else "O"
        sep = " " if _kind(nxt) == "STATEMENT" and not nxt.startswith(("B-", "U-")) else "\n\n"
        if sep == " " and open_quote and sent[-1].text in QUOTE_MARKS:
            sep = ""  # an opening mark ends this sentence: the quote's first word follows it
        out.append(sep)
        pos += len(sep)
    return "".join(out)


def _spans(doc: Doc, kind: str) -> list[list[Tok]]:
    """Every labelled span of ``kind`` (BILOU), possibly over several sentences."""
    found: list[list[Tok]] = []
    cur: list[Tok] | None = None
    for sent in doc.sents:
        for t in sent:
            k = _kind(t.tag)
            if k != kind:
                cur = None
                continue
            if t.tag.startswith(("B-", "U-")) or cur is None:
                cur = []
                found.append(cur)
            cur.append(t)
            if t.tag.startswith(("L-", "U-")):
                cur = None
    return found


def gold_direct(doc: Doc, text: str) -> list[tuple[str, str, int]]:
    """(statement text, speaker, statement end) for quoted statements with a named speaker."""
    persons = _spans(doc, "PERSON")
    corefs = _spans(doc, "PERSONCOREF")
    sent_of: dict[int, int] = {}
    for si, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.start] = si
    out: list[tuple[str, str, int]] = []
    for st in _spans(doc, "STATEMENT"):
        if st[0].text not in QUOTE_MARKS and (len(st) < 2 or st[-1].text not in QUOTE_MARKS):
            continue  # reported speech, not a direct quote
        words = [t.text for t in st if t.text not in QUOTE_MARKS]
        s0, s1 = sent_of[st[0].start], sent_of[st[-1].start]
        lo, hi = doc.sents[s0][0].start, doc.sents[s1][-1].end
        who = [
            p
            for p in persons + corefs
            if lo <= p[0].start < hi and not st[0].start <= p[0].start < st[-1].end
        ]
        if not who:
            continue
        after = [p for p in who if p[0].start >= st[-1].end]
        ref = (after or who)[0]
        name = " ".join(t.text for t in ref)
        out.append((" ".join(words), _resolve(name, ref[0].start, persons), st[-1].end))
    return out


def _resolve(name: str, at: int, persons: list[list[Tok]]) -> str:
    """A short name as the fullest PERSON holding it; a pronoun as the PERSON named last."""
    before = [" ".join(t.text for t in p) for p in persons if p[0].start < at]
    low = name.casefold()
    if low in PRONOUNS or low.endswith("nya"):
        return before[-1] if before else name
    words = set(low.split())
    full = [
        p
        for p in before + [" ".join(t.text for t in p) for p in persons]
        if words <= set(p.casefold().split())
    ]
    return max(full, key=len) if full else name


def dice(a: str, b: str) -> float:
    x, y = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def same_person(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    g, p = set(_WORD.findall(gold.casefold())), set(_WORD.findall(pred.casefold()))
    return bool(g and p) and (g <= p or p <= g)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("conll", type=Path, help="PFSA-ID test-data.txt")
    ap.add_argument("--show", type=int, default=0, help="print this many speaker errors")
    args = ap.parse_args(argv)
    if not args.conll.is_file():
        print(f"error: {args.conll} not found (see the module docstring for where to get it)")
        return 2
    from extractor import Extractor

    ex = Extractor()
    n = found = right = 0
    errors: list[str] = []
    for doc in read_conll(args.conll):
        text = render(doc)
        gold = gold_direct(doc, text)
        if not gold:
            continue
        preds = [q for q in ex.extract(text).quotes if q.kind == "direct"]
        for gtext, speaker, _ in gold:
            n += 1
            best = max(preds, key=lambda q: dice(q.text, gtext), default=None)
            if best is None or dice(best.text, gtext) < 0.8:
                continue
            found += 1
            if same_person(speaker, best.speaker):
                right += 1
            elif len(errors) < args.show:
                errors.append(f"  gold={speaker!r} pred={best.speaker!r}  {gtext[:90]!r}")
    print(f"direct quotes with a named speaker: {n}; found: {found} ({found / max(n, 1):.3f})")
    print(f"speaker accuracy over found quotes: {right / max(found, 1):.3f} ({right}/{found})")
    print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
