"""Repair what scrapes break (mojibake, zero-width characters, HTML) while keeping offsets.

The pipeline analyses the repaired text; :class:`Repaired` maps every repaired offset back
to the text as given, so spans stay true to the caller's input (SPEC: Span).

Every repair is a local edit ``original[o_start:o_end] -> replacement``: a mojibake
sequence (``‚Äú``) becomes the one character it encodes (``“``), an invisible character
or an inline tag becomes nothing, a block tag becomes ``"\\n"``, an entity becomes its
character. Edits never overlap, so the map is a sorted list of edits and a lookup is a
binary search. Clean text (the common case) is detected with a few C-speed regex scans and
returned untouched (``Repaired.identity``). Data (which characters, encodings and tags)
lives in ``patterns/repair.toml``.
"""

from __future__ import annotations

import functools
import html
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from extractor.models import Warning, warn
from extractor.patterns import PatternFile, lexicon, load


@lexicon("repair")
class RepairLexicon(PatternFile):
    """patterns/repair.toml."""

    #: invisible format characters removed before analysis
    invisible: list[str]
    #: legacy 8-bit codecs (Python names) whose UTF-8 mojibake is undone
    mojibake_encodings: list[str]
    #: tag names that make a text HTML
    html_tags: list[str]
    #: tag names that become a line break
    html_block_tags: list[str]
    #: elements dropped together with their content
    html_drop_content: list[str]


@dataclass(slots=True)
class Repaired:
    """The repaired text and a map from its offsets to the original's.

    ``edits`` holds ``(r_start, r_end, o_start, o_end)``: ``text[r_start:r_end]`` replaces
    ``original[o_start:o_end]``. Edits are sorted and start at distinct repaired offsets;
    offsets between edits shift by a constant.
    """

    original: str
    text: str
    edits: list[tuple[int, int, int, int]] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [e[0] for e in self.edits]

    @property
    def identity(self) -> bool:
        """True when the text was not changed (no remapping needed)."""
        return not self.edits and self.text is self.original

    @property
    def anchors(self) -> list[tuple[int, int]]:
        """(repaired_offset, original_offset) at the start and end of every edit."""
        out: list[tuple[int, int]] = []
        for rs, re_, os_, oe in self.edits:
            out += [(rs, os_), (re_, oe)]
        return out

    def to_original(self, i: int, end: bool = False) -> int:
        """Map a repaired offset to an original one.

        A span's start (``end=False``) that falls on removed text (a tag, a zero-width
        character) moves after it; a span's end (``end=True``) moves before it. An offset
        inside a replacement widens to the whole replaced original text.
        """
        if not self.edits:
            return i
        k = bisect_right(self._starts, i) - 1
        if k < 0:
            return i
        rs, re_, os_, oe = self.edits[k]
        if i >= re_ and not (end and i == rs):
            return min(oe + (i - re_), len(self.original))
        # i == rs of a deletion (end), or inside / at the start of a replacement
        if end and i > rs:
            return oe
        return os_

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a repaired span ``[start, end)`` to the original text."""
        s = self.to_original(start)
        return s, max(s, self.to_original(end, end=True))


# -- compiled data -------------------------------------------------------------------


@dataclass(frozen=True)
class _Codec:
    """One legacy codec: its mojibake pattern and how to turn a match back into bytes."""

    name: str
    sequence: re.Pattern[str]  # a UTF-8 sequence spelled in this codec's characters
    high: re.Pattern[str]  # any character of the codec's upper half (bytes 0x80-0xFF)
    to_latin1: dict[int, int]  # str.translate table: codec character -> chr(byte)
    decoded: dict[str, str | None] = field(default_factory=dict)  # few distinct sequences


@dataclass(frozen=True)
class _Compiled:
    invisible: re.Pattern[str]
    entity: re.Pattern[str]
    html_probe: re.Pattern[str]
    tag: re.Pattern[str]
    newline_run: re.Pattern[str]
    codecs: tuple[_Codec, ...]
    block: frozenset[str]
    drop: frozenset[str]


_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_SURROGATE = re.compile("[\ud800-\udfff]")
_LEADING_TAG = re.compile(r"\s*<")
# a tag, a comment opener, a doctype or a processing instruction; [^<>]* cannot backtrack far
_TAG = r"<!--|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:\s[^<>]*)?>|<[!?][^<>]*>"


def _codec(name: str) -> _Codec:
    chars: dict[int, str] = {}
    for b in range(0x80, 0x100):
        try:
            chars[b] = bytes([b]).decode(name)
        except UnicodeDecodeError:  # bytes a codec leaves undefined pass through (latin-1)
            chars[b] = chr(b)

    def cls(lo: int, hi: int) -> str:
        return "[" + "".join(re.escape(chars[b]) for b in range(lo, hi + 1)) + "]"

    cont = cls(0x80, 0xBF)
    # one leading class, then the length its lead byte asks for (`re` scans a leading
    # class fast; an alternation of three classes is four times slower)
    l2, l3, l4 = cls(0xC2, 0xDF), cls(0xE0, 0xEF), cls(0xF0, 0xF4)
    seq = (
        f"[{l2[1:-1]}{l3[1:-1]}{l4[1:-1]}]"
        f"(?:(?<={l2}){cont}|(?<={l3}){cont}{{2}}|(?<={l4}){cont}{{3}})"
    )
    return _Codec(
        name=name,
        sequence=re.compile(seq),
        high=re.compile(cls(0x80, 0xFF)),
        to_latin1={ord(c): b for b, c in chars.items()},
    )


@functools.lru_cache(maxsize=4)
def _compiled(lex: RepairLexicon) -> _Compiled:
    tags = "|".join(re.escape(t) for t in sorted(lex.html_tags, key=len, reverse=True))
    return _Compiled(
        invisible=re.compile("[" + "".join(re.escape(c) for c in lex.invisible) + "]+"),
        entity=re.compile(_ENTITY),
        html_probe=re.compile(rf"<!--|<!doctype\b|</?(?:{tags})(?:\s[^<>]*)?/?>", re.I),
        tag=re.compile(_TAG),
        newline_run=re.compile(r"(?:\r\n|\r|\n)\s*"),
        codecs=tuple(_codec(n) for n in lex.mojibake_encodings),
        block=frozenset(t.lower() for t in lex.html_block_tags),
        drop=frozenset(t.lower() for t in lex.html_drop_content),
    )


@functools.lru_cache(maxsize=4)
def _for_folder(folder: str | None) -> _Compiled:
    return _compiled(load(RepairLexicon))


def _current() -> _Compiled:
    """The compiled data; ``patterns.load`` resolves the folder on every call (~30 µs)."""
    return _for_folder(os.environ.get("EXTRACTOR_PATTERNS"))


@functools.lru_cache(maxsize=64)
def _closing(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}\s*>", re.I)


# -- repair --------------------------------------------------------------------------


def repair(text: str) -> Repaired:
    """Return ``text`` repaired for analysis, with an offset map back to ``text``."""
    c = _current()
    ascii_only = text.isascii()
    has_entity = "&" in text and c.entity.search(text) is not None
    is_html = "<" in text and c.html_probe.search(text) is not None
    has_invisible = not ascii_only and c.invisible.search(text) is not None
    has_surrogate = not ascii_only and _SURROGATE.search(text) is not None
    moj = None if ascii_only else _mojibake(text, c.codecs)
    if not (has_entity or is_html or has_invisible or has_surrogate or moj):
        return Repaired(original=text, text=text)

    # each kind is found by its own scan (one leading character class each: fast in `re`)
    edits: list[tuple[int, int, str]] = []
    warnings: list[Warning] = []
    if moj is not None:
        codec, found = moj
        edits += found
        s, e, ch = found[0]
        warnings.append(
            warn(
                "mojibake_repaired",
                f"repaired mojibake: {len(found)} characters were UTF-8 misread as "
                f"{codec.name} ({text[s:e]} → {ch})",
            )
        )
    if is_html:
        found = _html_edits(text, c)
        edits += found
        tags = sum(1 for f in found if f[2] != " ")
        if tags:
            warnings.append(
                warn(
                    "html_stripped",
                    f"input is HTML: removed {tags} tags (block tags became line breaks)",
                )
            )
    if has_entity:
        found = [(m.start(), m.end(), html.unescape(m.group())) for m in c.entity.finditer(text)]
        found = [f for f in found if f[2] != text[f[0] : f[1]]]  # unknown names stay as written
        edits += found
        if found:
            s, e, ch = found[0]
            warnings.append(
                warn(
                    "html_entities_unescaped",
                    f"unescaped {len(found)} HTML entities ({text[s:e]} → {ch})",
                )
            )
    if has_invisible:
        found = [(m.start(), m.end(), "") for m in c.invisible.finditer(text)]
        edits += found
        n = sum(e - s for s, e, _ in found)
        warnings.append(
            warn(
                "invisible_removed",
                f"removed {n} invisible characters (zero-width, direction marks)",
            )
        )

    if has_surrogate:  # cannot be encoded (the tokenizer hashes UTF-8): one for one
        found = [(m.start(), m.end(), "\ufffd") for m in _SURROGATE.finditer(text)]
        edits += found
        warnings.append(
            warn(
                "surrogates_replaced",
                f"replaced {len(found)} lone surrogate code points with U+FFFD",
            )
        )

    edits.sort(key=lambda ed: (ed[0], -ed[1]))
    kept: list[tuple[int, int, str]] = []
    last = 0
    for ed in edits:  # inside a dropped comment or script, nothing else counts
        if ed[0] >= last:
            kept.append(ed)
            last = ed[1]
    out = _apply(text, kept)
    out.warnings = warnings
    return out


def _html_edits(text: str, c: _Compiled) -> list[tuple[int, int, str]]:
    """Tags out (block tags → ``\\n``); comments and script/style elements out whole."""
    edits: list[tuple[int, int, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        m = c.tag.search(text, pos)
        if m is None:
            break
        s, e = m.span()
        name = (m.group("name") or "").lower()
        if m.group() == "<!--":
            close = text.find("-->", e)
            e = n if close < 0 else close + 3
            edits.append((s, e, ""))
        elif name in c.drop and not m.group("close") and not m.group().endswith("/>"):
            close_m = _closing(name).search(text, e)
            if close_m is not None:
                e = close_m.end()
            edits.append((s, e, ""))
        else:
            edits.append((s, e, "\n" if name in c.block else ""))
        pos = e
    if _LEADING_TAG.match(text):  # a page or fragment: its own line breaks are only layout
        edits += [(m.start(), m.end(), " ") for m in c.newline_run.finditer(text)]
    return edits


def _decode(seq: str, codec: _Codec) -> str | None:
    """The character a mojibake sequence spells, or None when it is not valid UTF-8."""
    if seq in codec.decoded:
        return codec.decoded[seq]
    if len(codec.decoded) > 10_000:
        codec.decoded.clear()
    try:
        ch = seq.translate(codec.to_latin1).encode("latin-1").decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        ch = None
    if ch is not None and "\x80" <= ch <= "\x9f":
        ch = None  # C1 controls are never what was meant
    codec.decoded[seq] = ch
    return ch


def _mojibake(
    text: str, codecs: tuple[_Codec, ...]
) -> tuple[_Codec, list[tuple[int, int, str]]] | None:
    """The codec whose mojibake explains the text, with its edits; None for clean text.

    In real mojibake every upper-half character belongs to a valid sequence; clean text
    that happens to hold one (``“é``) also holds lone ones (the closing ``”``). A codec is
    chosen when its valid sequences clearly outnumber the lone characters.
    """
    best: tuple[int, _Codec, list[tuple[int, int, str]]] | None = None
    for codec in codecs:
        if codec.sequence.search(text) is None:
            continue
        found = []
        covered = 0
        for m in codec.sequence.finditer(text):
            ch = _decode(m.group(), codec)
            if ch is not None:
                found.append((m.start(), m.end(), ch))
                covered += m.end() - m.start()
        if not found:
            continue
        lone = len(text) - len(codec.high.sub("", text)) - covered
        score = len(found) - lone
        if lone * 2 <= len(found) and (best is None or score > best[0]):
            best = (score, codec, found)
    return (best[1], best[2]) if best else None


def _apply(text: str, edits: list[tuple[int, int, str]]) -> Repaired:
    """Build the repaired text and its map from sorted, non-overlapping edits.

    A deletion is merged into the edit that follows it at once (else both would start at
    the same repaired offset); other adjacent edits stay apart, so a span that starts at
    the second one does not widen over the first.
    """
    groups: list[tuple[int, int, list[str], bool]] = []  # (start, end, pieces, has_text)
    for s, e, rep in edits:
        if rep == text[s:e]:
            continue
        if groups and groups[-1][1] == s and not groups[-1][3]:
            gs, _, reps, has_text = groups[-1]
            reps.append(rep)
            groups[-1] = (gs, e, reps, has_text or bool(rep))
        else:
            groups.append((s, e, [rep], bool(rep)))
    pieces: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    prev = 0
    r = 0
    for s, e, reps, _ in groups:
        rep = "".join(reps)
        pieces.append(text[prev:s])
        r += s - prev
        pieces.append(rep)
        spans.append((r, r + len(rep), s, e))
        r += len(rep)
        prev = e
    pieces.append(text[prev:])
    return Repaired(original=text, text="".join(pieces), edits=spans)
