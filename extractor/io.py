"""Reading article files: bytes → text, with clear errors for what is not an article.

Decisions (README "Input and errors"): UTF-8 is the input encoding; a UTF-8 BOM is
stripped, and UTF-16/UTF-32 with a BOM (what Windows editors write as "Unicode") are
decoded. Bytes that are not valid UTF-8 are read as Windows-1252 (a superset of Latin-1
in its printable range) one by one, so a legacy 8-bit file or a UTF-8 file with a few
stray bytes still reads, with a warning. Files that are not text — a PDF, an image, an
office document, an archive, anything with NUL bytes — and files with no text at all are
refused with :class:`InputError`, whose message is one line.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extractor.models import Warning, warn


class InputError(Exception):
    """The input cannot be read as an article; the message is one line for the user."""


@dataclass(slots=True)
class TextFile:
    """A decoded article file: its text, the encoding read and what to warn about."""

    text: str
    encoding: str
    warnings: list[Warning] = field(default_factory=list)


#: leading bytes of file formats that are given by mistake instead of a text file
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"PK\x03\x04", "a ZIP archive or office document (docx, xlsx, epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (doc, xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"OggS", "an Ogg audio or video file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: share of control characters (other than tab, newline, CR, form feed) that marks binary data
_MAX_CONTROL_SHARE = 0.05
#: control characters tolerated in text
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")

#: a control character that text does not hold (NUL excepted: checked on its own)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
#: bytes that are not UTF-8 (decoded with surrogateescape) -> their Windows-1252 character
_CP1252 = {
    0xDC00 + b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0x100)
}
_ESCAPED = re.compile("[\udc80-\udcff]")


def read_text(path: str | Path) -> str:
    """Read an article file (``-`` reads standard input); see :func:`read` for the rules."""
    return read(path).text


def read(path: str | Path) -> TextFile:
    """Read and decode an article file; raise :class:`InputError` when it is not text."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    return decode(data, name=name)


def decode(data: bytes, *, name: str = "input") -> TextFile:
    """Bytes of an article file → :class:`TextFile`; raise :class:`InputError` if not text."""
    if not data:
        raise InputError(f"{name}: the file is empty")
    text, encoding, warnings = _decode(data, name)
    check_text(text, name=name, what="the file")
    return TextFile(text=text, encoding=encoding, warnings=warnings)


def check_text(text: str, *, name: str = "input", what: str = "the text") -> None:
    """Refuse what is not an article's text (empty, only white space, NUL bytes, mostly
    control characters) with an :class:`InputError`; the same rules for files and for
    the text fields of JSONL, CSV and Parquet records."""
    if not text:
        raise InputError(f"{name}: {what} is empty")
    if not text.strip():
        raise InputError(f"{name}: {what} holds only white space, no text")
    if "\x00" in text:
        raise InputError(f"{name}: holds NUL bytes, so it is binary data, not text")
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{name}: holds {controls:,} control characters: binary data, not text")


def decode_lenient(data: bytes, *, name: str = "input") -> tuple[str, list[Warning]]:
    """UTF-8 bytes → text; bytes that are not UTF-8 are read as Windows-1252 with a
    ``decoded_cp1252`` warning, as for files (one JSONL line or CSV record at a time)."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    return text.translate(_CP1252), [
        warn(
            "decoded_cp1252",
            f"{name}: {bad:,} bytes are not UTF-8; they were read as Windows-1252 (Latin-1)",
        )
    ]


#: a UTF-16 surrogate code point standing alone: not encodable, so not writable as UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (what ``"\\ud800"`` in JSON gives) replaced by U+FFFD,
    and how many there were; the text keeps its length, so spans stay valid."""
    if not _SURROGATE.search(text):
        return text, 0
    n = len(_SURROGATE.findall(text))
    return _SURROGATE.sub("\ufffd", text), n


def fs_name(name: str) -> str:
    """A file name as text: bytes that were not UTF-8 (``surrogateescape``) are read as
    Windows-1252, any other lone surrogate becomes U+FFFD."""
    return replace_surrogates(name.translate(_CP1252))[0]


def _decode(data: bytes, name: str) -> tuple[str, str, list[Warning]]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        if not data:
            return "", "utf-8", []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc, []
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {enc.upper()} byte-order mark but byte "
                    f"{exc.start + len(bom)} is not {enc.upper()}"
                ) from None
    for sig, what in _SIGNATURES:
        if data.startswith(sig) and not _plain_text_start(data, sig):
            raise InputError(
                f"{name}: this is {what}, not a text file; give the article as UTF-8 text"
            )
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return (
            utf16,
            "utf-16",
            [warn("decoded_utf16", f"{name}: read as UTF-16 without a byte-order mark")],
        )
    if b"\x00" in data:
        raise InputError(f"{name}: holds NUL bytes, so it is binary data, not a text file")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    text = text.translate(_CP1252)
    return (
        text,
        "utf-8+cp1252",
        [
            warn(
                "decoded_cp1252",
                f"{name}: {bad:,} bytes are not UTF-8; they were read as Windows-1252 (Latin-1)",
            )
        ],
    )


def _plain_text_start(data: bytes, sig: bytes) -> bool:
    """Short letter signatures ("BM", "MZ", "ID3", "BZh") also start ordinary words
    ("BMKG memperkirakan …"): such a file is text when its head has no control bytes."""
    if len(sig) > 3 or not sig.isalnum():
        return False
    return not any(b < 0x20 and chr(b) not in _TEXT_CONTROLS for b in data[:512])


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly ASCII text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.6 * half:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return None if "\x00" in text else text
    return None
