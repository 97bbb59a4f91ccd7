"""Near-duplicate articles (syndicated copies) by MinHash, so a copy is not a confirmation.

Outlets reprint agency copy with a new headline and a changed first line; exact hashing
misses those. Each article becomes the set of its five-word shingles and a MinHash
signature of ``NUM_PERM`` values; articles that share one LSH band of the signature are
candidates, and a candidate pair whose estimated Jaccard similarity is at least
``threshold`` is a pair of copies. Each group of copies points at its earliest article
(``duplicate_of``).

The signatures are the ones ``datasketch`` computes (``MinHash(seed=1)``, scheme
``affine32``, the same bands as ``MinHashLSH``; a test checks this), but the index is not
kept in memory: a first pass keeps one 64-bit hash per band and article (40 bytes an
article), sorting them gives the groups of articles that share a band, and a second pass
computes full signatures only for the articles in those groups. A million articles need
tens of megabytes, not the gigabytes of an in-memory LSH index of MinHash objects.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: Jaccard similarity of five-word shingles at or above which two articles are copies
THRESHOLD = 0.8
#: MinHash permutations (estimate error ~ 1/sqrt(NUM_PERM))
NUM_PERM = 64
#: words per shingle
SHINGLE = 5
#: texts with fewer shingles than this are too short to call copies
MIN_SHINGLES = 8
#: shingles hashed at once (a batch costs NUM_PERM * 4 bytes a shingle while it is hashed)
_BATCH_SHINGLES = 1 << 15
#: signature values compared at once within a candidate group (bounds memory on a large one)
_GROUP_CELLS = 1 << 24

_WORD = re.compile(r"\w+")
#: word hashes cached at most (about 100 bytes each)
_VOCAB = 200_000
_MASK32 = 0xFFFFFFFF

Doc = tuple[str, "str | None", "str | None"]


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words only)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def shingle_hashes(text: str, size: int = SHINGLE, vocab: dict[str, int] | None = None) -> Any:
    """32-bit hashes of the ``size``-word shingles: a rolling combination of word hashes, so
    a shingle costs a few array operations, not a string and a hash call. ``vocab`` caches
    word hashes across calls (news repeats its words)."""
    import numpy as np

    words = _WORD.findall(text.lower())
    n = len(words) - size + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    if vocab is None:
        vocab = {}
    get = vocab.get
    codes = []
    for w in words:
        c = get(w)
        if c is None:
            c = vocab[w] = zlib.crc32(w.encode("utf-8"))
        codes.append(c)
    wh = np.array(codes, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for k in range(size):
        h = (h * np.uint64(1_000_003) + wh[k : k + n]) & np.uint64(_MASK32)
    return np.unique(h)


# -- MinHash, as datasketch computes it --------------------------------------------------
@functools.lru_cache(maxsize=8)
def permutations(num_perm: int = NUM_PERM, seed: int = 1) -> tuple[Any, Any]:
    """The affine permutations ``h → a*h + b mod 2**32`` of ``datasketch.MinHash(seed=...)``
    (scheme ``affine32``): the same random draws, so the same signatures."""
    import numpy as np

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def _fmix32(h: Any) -> Any:
    """MurmurHash3's 32-bit finalizer (datasketch mixes every input hash with it)."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signatures(shingle_sets: list[Any], num_perm: int = NUM_PERM) -> Any:
    """MinHash signatures (``len(shingle_sets) × num_perm`` uint32) of non-empty sets of
    32-bit shingle hashes, all sets at once."""
    import numpy as np

    a, b = permutations(num_perm)
    out = np.empty((len(shingle_sets), num_perm), dtype=np.uint32)
    start = 0
    with np.errstate(over="ignore"):
        while start < len(shingle_sets):  # a batch of sets, up to _BATCH_SHINGLES shingles
            stop, total = start, 0
            while stop < len(shingle_sets) and (stop == start or total < _BATCH_SHINGLES):
                total += len(shingle_sets[stop])
                stop += 1
            batch = shingle_sets[start:stop]
            hv = _fmix32(np.concatenate(batch).astype(np.uint32))
            phv = hv[:, None] * a[None, :] + b[None, :]
            offsets = np.cumsum([0] + [len(s) for s in batch[:-1]])
            out[start:stop] = np.minimum.reduceat(phv, offsets, axis=0)
            start = stop
    return out


@functools.lru_cache(maxsize=8)
def lsh_params(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands and rows per band that minimise the false positive plus false negative
    probability (datasketch's ``MinHashLSH`` rule, equal weights)."""
    import numpy as np

    def area(f: Callable[[Any], Any], lo: float, hi: float) -> float:
        s = np.linspace(lo, hi, 2001)
        y = f(s)
        return float(np.sum((y[1:] + y[:-1]) * np.diff(s)) / 2)

    best, opt = float("inf"), (1, 1)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = area(lambda s, b=bands, r=rows: 1 - (1 - s**r) ** b, 0.0, threshold)
            fn = area(lambda s, b=bands, r=rows: (1 - s**r) ** b, threshold, 1.0)
            if fp + fn < best:
                best, opt = fp + fn, (bands, rows)
    return opt


def _band_hashes(sig: Any, bands: int, rows: int) -> Any:
    """One 64-bit hash per band of each signature (``n × bands`` uint64)."""
    import numpy as np

    mult = np.random.RandomState(7).randint(1, 1 << 62, rows, dtype=np.uint64) | np.uint64(1)
    out = np.zeros((sig.shape[0], bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(bands):
            block = sig[:, j * rows : (j + 1) * rows].astype(np.uint64)
            h = np.zeros(sig.shape[0], dtype=np.uint64)
            for k in range(rows):
                h = (h ^ (block[:, k] * mult[k])) * np.uint64(0x9E3779B97F4A7C15)
                h ^= h >> np.uint64(29)
            out[:, j] = h
    return out


# -- the two passes ---------------------------------------------------------------------
def _passes(docs: Iterable[Doc] | Callable[[], Iterable[Doc]]) -> Callable[[], Iterator[Doc]]:
    """A way to read ``docs`` twice: call a factory again, or keep a one-shot iterator."""
    if callable(docs):
        return lambda: iter(docs())  # type: ignore[operator]
    if iter(docs) is docs:  # a generator: read it once into memory
        kept = list(docs)
        return lambda: iter(kept)
    return lambda: iter(docs)  # type: ignore[arg-type]


def _candidate_groups(
    docs: Iterator[Doc], bands: int, rows: int, num_perm: int
) -> list[tuple[int, Any]]:
    """Pass 1: ``(band, stream positions)`` of each group of articles that share a band
    hash. Only band hashes are kept; the first long-enough text of a doc_id counts."""
    import numpy as np

    vocab: dict[str, int] = {}
    hashes: list[Any] = []  # per flushed batch: (positions, band hashes, doc_id hashes)
    pos_buf: list[int] = []
    sets: list[Any] = []
    ids: list[int] = []

    def flush() -> None:
        if sets:
            sig = signatures(sets, num_perm)
            hashes.append(
                (
                    np.array(pos_buf, dtype=np.int64),
                    _band_hashes(sig, bands, rows),
                    np.array(ids, dtype=np.int64),
                )
            )
        pos_buf.clear()
        sets.clear()
        ids.clear()

    pending = 0
    for pos, (doc_id, text, _published) in enumerate(docs):
        sh = shingle_hashes(text or "", vocab=vocab)
        if len(sh) < MIN_SHINGLES:
            continue
        pos_buf.append(pos)
        sets.append(sh)
        ids.append(hash(doc_id))
        pending += len(sh)
        if pending >= _BATCH_SHINGLES:
            flush()
            pending = 0
        if len(vocab) > _VOCAB:  # a bounded cache (a corpus's rare words never end)
            vocab.clear()
    flush()
    if not hashes:
        return []
    pos = np.concatenate([h[0] for h in hashes])
    band = np.concatenate([h[1] for h in hashes])
    idh = np.concatenate([h[2] for h in hashes])
    hashes.clear()
    _, first = np.unique(idh, return_index=True)  # a doc_id seen again: its first text
    if len(first) < len(idh):
        keep = np.sort(first)
        pos, band = pos[keep], band[keep]
    del idh
    groups: list[tuple[int, Any]] = []
    for j in range(bands):
        order = np.argsort(band[:, j], kind="stable")
        h = band[order, j]
        starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
        sizes = np.diff(np.r_[starts, len(h)])
        for s, n in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            groups.append((j, pos[order[s : s + n]]))
    return groups


def near_duplicates(
    docs: Iterable[Doc] | Callable[[], Iterable[Doc]],
    *,
    threshold: float = THRESHOLD,
    num_perm: int = NUM_PERM,
) -> dict[str, str]:
    """``doc_id → doc_id`` of the earliest copy, for every article that copies another.

    ``docs`` yields ``(doc_id, text, published_iso)`` (or is a function that returns a
    fresh such iterator: it is read twice); the earliest publication (then the smallest
    doc_id) of a group of copies is its original and is not in the result.
    """
    import numpy as np

    read = _passes(docs)
    bands, rows = lsh_params(threshold, num_perm)
    groups = _candidate_groups(read(), bands, rows, num_perm)
    if not groups:
        return {}
    wanted = np.unique(np.concatenate([g for _, g in groups]))
    # pass 2: full signatures of the candidates only
    where = {int(p): k for k, p in enumerate(wanted.tolist())}
    sets: list[Any] = [None] * len(wanted)
    order: list[tuple[str, str]] = [("", "")] * len(wanted)
    vocab: dict[str, int] = {}
    for pos, (doc_id, text, published) in enumerate(read()):
        k = where.get(pos)
        if k is not None:
            sets[k] = shingle_hashes(text or "", vocab=vocab)
            order[k] = (published or "9999", doc_id)
    if any(s is None for s in sets):
        raise ValueError("near_duplicates: the documents changed between the two passes")
    sig = signatures(sets, num_perm)
    del sets
    need = int(np.ceil(threshold * num_perm - 1e-9))  # jaccard = equal values / num_perm
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for j, group in groups:
        local = np.searchsorted(wanted, group)
        g = sig[local]
        band = g[:, j * rows : (j + 1) * rows]
        step = max(1, _GROUP_CELLS // (len(local) * num_perm))
        for start in range(0, len(local), step):
            same = (g[start : start + step, None, :] == g[None, :, :]).sum(axis=2)
            same_band = (band[start : start + step, None, :] == band[None, :, :]).all(axis=2)
            a_idx, b_idx = np.nonzero((same >= need) & same_band)
            for a, b in zip((a_idx + start).tolist(), b_idx.tolist(), strict=True):
                if a >= b:
                    continue
                ra, rb = find(int(local[a])), find(int(local[b]))
                if ra != rb:
                    first, second = sorted((ra, rb), key=order.__getitem__)
                    parent[second] = first
    return {order[d][1]: order[root][1] for d in parent if (root := find(d)) != d}


__all__ = [
    "NUM_PERM",
    "THRESHOLD",
    "lsh_params",
    "near_duplicates",
    "permutations",
    "shingle_hashes",
    "shingles",
    "signatures",
]
