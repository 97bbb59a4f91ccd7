"""Article layout: headline, publication stamp, dateline, bylines, captions and boilerplate.

Scraped pages carry the site around the story: related-link lists ("Baca Juga"), comment
boxes, polls, share lines, taglines. The cleaner labels every line of the text with a
:class:`~extractor.document.Region` kind and never rewrites the text, so every offset
stays true. Only ``body`` (and, for officials, ``caption``) paragraphs are analysed.
All the words it looks for are in ``patterns/boilerplate.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.document import Article, Layout, Region
from extractor.patterns import PatternFile, lexicon, load


@lexicon("boilerplate")
class BoilerplateLexicon(PatternFile):
    """patterns/boilerplate.toml (all regexes are matched case-insensitively)."""

    #: a whole line that is site furniture
    lines: list[str]
    #: a line after which the rest of the page is furniture (once the story has begun)
    end_markers: list[str]
    #: a "read also" heading: the line itself and a following link title are furniture
    link_headings: list[str]
    #: a related-link list item ("- Title without a stop")
    list_item: str
    #: a poll widget's vote count (the line before it is the poll's question)
    poll_votes: str
    #: a reporter's credit closing the story: "(pp03)", "(Nur Ajijah)", "(liputan6.com/elh)"
    trailing_byline: str
    #: a credit line: "Penulis: …", "Editor : …"
    credit_line: str
    #: photo-caption credit at a line's end: "(Ist)", "(ANTARA/Dian Hadiyatna)", "- Foto Net."
    caption_credit: str
    #: dateline at the start of the story: groups ``a`` and ``b`` (place / outlet in either order)
    datelines: list[str]
    #: what marks an outlet rather than a place: a web domain or a known news agency
    outlet_marks: str
    #: a publication stamp line: group ``outlet`` (optional) and group ``date``
    stamp: str
    #: a body of at least this many lines, this share of them ending mid-sentence, was
    #: wrapped at a fixed width: its lines are joined into sentences
    wrapped_min_lines: int
    wrapped_share: float
    #: tag lines: a few lowercase words with no punctuation
    tag_line: str
    #: where a scraper joined paragraphs with a comma (the match is the separator)
    paragraph_join: str


@dataclass(frozen=True)
class _Compiled:
    lines: re.Pattern[str]
    end: re.Pattern[str]
    heading: re.Pattern[str]
    list_item: re.Pattern[str]
    poll: re.Pattern[str]
    byline: re.Pattern[str]
    trailing: re.Pattern[str]
    credit: re.Pattern[str]
    caption: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    outlet: re.Pattern[str]
    stamp: re.Pattern[str]
    tag: re.Pattern[str]
    joins: re.Pattern[str]


@functools.lru_cache(maxsize=4)
def _compiled(lex: BoilerplateLexicon) -> _Compiled:
    def alt(ps: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in ps), re.I)

    return _Compiled(
        lines=alt(lex.lines),
        end=alt(lex.end_markers),
        heading=alt(lex.link_headings),
        list_item=re.compile(lex.list_item),
        poll=re.compile(lex.poll_votes, re.I),
        byline=re.compile(lex.trailing_byline),
        trailing=re.compile(rf"(?:(?<=[.!?\"”])|(?<=[.!?\"”]\s))(?:{lex.trailing_byline})$"),
        credit=re.compile(lex.credit_line, re.I),
        caption=re.compile(lex.caption_credit),
        datelines=tuple(re.compile(p) for p in lex.datelines),
        outlet=re.compile(lex.outlet_marks, re.I),
        stamp=re.compile(lex.stamp),
        tag=re.compile(lex.tag_line),
        joins=re.compile(lex.paragraph_join),
    )


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TERMINAL = '.!?"”’:;)'
_STUB = " \t,-–—\u00a0"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, newline excluded."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.start() > 0:
            break
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        out.append((s, e))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def analyse_layout(art: Article) -> None:
    """Fill ``art.layout`` and ``art.paragraphs`` (body and caption paragraphs, in order)."""
    text = art.text
    c = _compiled(load(BoilerplateLexicon))
    lay = Layout()
    lines = [(s, e) for s, e in (_strip(text, *ln) for ln in _lines(text)) if e > s]
    kinds: list[str] = ["body"] * len(lines)
    if not lines:
        art.layout = lay
        return

    # headline: the first line, when it reads as one
    hs, he = lines[0]
    head = text[hs:he]
    if len(head) <= 250 and not head.endswith((".", ",")) and len(lines) > 1:
        kinds[0] = "headline"
        lay.headline = head
    regions_pre: list[Region] = []
    body_started = False
    paragraphs_before = 0  # full paragraphs read so far: a dateline follows at most a lede
    skip_next_title = False
    ended = False
    for i, (s, e) in enumerate(lines):
        if kinds[i] == "headline":
            continue
        line = text[s:e]
        if ended:
            kinds[i] = "boilerplate"
            continue
        if lay.headline is not None and line.strip() == lay.headline.strip():
            kinds[i] = "boilerplate"
            continue
        if skip_next_title:
            skip_next_title = False
            if len(line) < 160 and not line.endswith((".", '"', "”")):
                kinds[i] = "boilerplate"
                continue
        if c.heading.match(line):
            kinds[i] = "boilerplate"
            rest = c.heading.match(line)
            skip_next_title = rest is not None and not line[rest.end() :].strip()
            continue
        if c.poll.fullmatch(line):
            kinds[i] = "boilerplate"
            if i > 0 and kinds[i - 1] in ("body", "caption"):
                kinds[i - 1] = "boilerplate"
            continue
        if body_started and c.end.match(line):
            kinds[i] = "boilerplate"
            ended = True
            continue
        # before list items: "- Jumat, 22 Maret 2024 | 08:15 WIB" is a stamp, not a bullet
        if not body_started and lay.published is None and len(line) <= 90:
            m = c.stamp.fullmatch(line)
            if m and _read_stamp(lay, m, s):
                kinds[i] = "stamp"
                continue
        if c.lines.fullmatch(line) or c.list_item.fullmatch(line) or c.tag.fullmatch(line):
            kinds[i] = "boilerplate"
            continue
        if c.credit.match(line):
            kinds[i] = "byline"
            continue
        if c.byline.fullmatch(line):
            kinds[i] = "byline"
            if body_started:
                ended = True
            continue
        if (
            lay.dateline is None
            and lay.outlet is None
            and (not body_started or i <= 6 or paragraphs_before <= 1)
            and not c.caption.search(line)
        ):
            cut = _read_dateline(lay, c, line)
            if cut is not None:
                if not body_started:
                    for k in range(1, i):  # lines between headline and dateline: captions, credits
                        if kinds[k] == "body":
                            kinds[k] = "caption"
                body_started = True
                if cut:
                    regions_pre.append(Region(*_strip(text, s, s + cut), "dateline"))
                    lines[i] = _strip(text, s + cut, e)
                    if lines[i][1] <= lines[i][0]:
                        kinds[i] = "dateline"
                if c.trailing.search(line):
                    ended = True
                continue
        if not body_started and c.caption.search(line):
            kinds[i] = "caption"
            continue
        if len(line) > 60 or line.endswith(tuple(_TERMINAL)):
            body_started = True
            paragraphs_before += 1
        if body_started and c.trailing.search(line):
            ended = True  # "… (pp03)": the story ends here; a blog's tagline may follow

    regions: list[Region] = list(regions_pre)
    paragraphs: list[Region] = []
    wrapped = _hard_wrapped(text, [ln for ln, k in zip(lines, kinds, strict=True) if k == "body"])
    for i, (s, e) in enumerate(lines):
        kind = kinds[i]
        if kind in ("body", "caption"):
            # a trailing byline "(pp03)" is not article text
            m = c.trailing.search(text, s, e)
            if m and m.end() == e and m.start() > s:
                regions.append(Region(m.start(), e, "byline"))
                e = _strip(text, s, m.start())[1]
            if kind == "caption":
                # the photo credit closing a caption ("…, Budi-Istimewa-outlet.co") is no text
                m = c.caption.search(text, s, e)
                if m and m.end() == e and m.start() > s:
                    regions.append(Region(m.start(), e, "byline"))
                    e = _strip(text, s, m.start())[1]
            prev = paragraphs[-1] if paragraphs else None
            if (
                prev is not None
                and prev.kind == kind
                and kinds[i - 1] == kind
                and _continues(text, prev.end, s, wrapped)
            ):
                paragraphs[-1] = Region(prev.start, e, kind)
                continue
            paragraphs.extend(_split_joined(text, s, e, kind, c.joins))
        else:
            regions.append(Region(s, e, kind))
    lay.regions = sorted(regions + paragraphs, key=lambda r: r.start)
    art.layout = lay
    art.paragraphs = paragraphs


def _split_joined(text: str, s: int, e: int, kind: str, joins: re.Pattern[str]) -> list[Region]:
    """Paragraphs a scraper glued with commas (``…membaik.,Hal itu…``) are split again."""
    out = []
    while s < e and text[s] in _STUB:  # the dateline a scraper dropped leaves "- " or ", , - "
        s += 1
    seen = s  # quote marks counted up to here, since the last split
    straight = curly = 0
    for m in joins.finditer(text, s, e):
        chunk = text[seen : m.start()]
        straight += chunk.count('"')
        curly += chunk.count("“") - chunk.count("”")
        seen = m.start()
        if straight % 2 or curly > 0:
            continue  # never split inside an open quotation
        a, b = _strip(text, s, m.start())
        if b > a:
            out.append(Region(a, b, kind))
        s = m.end()
        straight = curly = 0
    a, b = _strip(text, s, e)
    if b > a:
        out.append(Region(a, b, kind))
    return out


def _continues(text: str, prev_end: int, start: int, wrapped: bool = False) -> bool:
    """A line broken mid-sentence by the scrape: previous line has no stop, this one no capital.

    In a hard-wrapped text (``wrapped``) a line with no stop goes on even before a capital:
    "… lima Kepala" / "Desa (Kades) …".
    """
    last = text[prev_end - 1]
    first = text[start]
    return last in "(,-–" or (last not in _TERMINAL and (wrapped or first.islower()))


def _hard_wrapped(text: str, body: list[tuple[int, int]]) -> bool:
    """Whether the body was wrapped at a fixed width: most of its lines stop mid-sentence."""
    lex = load(BoilerplateLexicon)
    if len(body) < lex.wrapped_min_lines:
        return False
    open_ends = sum(1 for s, e in body[:-1] if e > s and text[e - 1] not in _TERMINAL)
    return open_ends >= lex.wrapped_share * (len(body) - 1)


def _read_stamp(lay: Layout, m: re.Match[str], offset: int) -> bool:
    from extractor.normalize.dates import parse_date

    # "22 Maret 2024 | 08:15 WIB": the bar between date and time reads as a comma (same length)
    mention = parse_date(m.group("date").replace("|", ","))
    if mention is None or mention.granularity not in ("day", "datetime"):
        return False
    lay.published = mention.value
    ds = offset + m.start("date")
    lay.published_span = (ds, offset + m.end("date"))
    outlet = (m.groupdict().get("outlet") or "").strip()
    if outlet and lay.outlet is None:
        lay.outlet = outlet
    return True


def _read_dateline(lay: Layout, c: _Compiled, line: str) -> int | None:
    """``DENPASAR | patrolipost.com –``, ``TOPRILIS.COM, JAKARTA -``, ``Bandarlampung (ANTARA) -``.

    Returns how many characters of the line the dateline takes, or None.
    """
    for pat in c.datelines:
        m = pat.match(line)
        if not m:
            continue
        g = m.groupdict()
        place, outlet = g.get("place"), g.get("outlet")
        parts = [p.strip() for p in (g.get("a"), g.get("b")) if p and p.strip()]
        for p in parts:
            if c.outlet.search(p) and outlet is None:
                outlet = p
            elif place is None:
                place = p
            elif outlet is None:
                outlet = p
        if place is None and outlet is None:
            continue
        if not line[m.end() :].strip() and not (outlet and c.outlet.search(outlet)):
            continue  # a line that is only "Name, Name --" is a caption credit, not a dateline
        lay.dateline = lay.dateline or place
        lay.outlet = lay.outlet or outlet
        return m.end()
    return None
