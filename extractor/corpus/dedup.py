"""Near-duplicate articles (syndicated copies) by MinHash, so a copy is not a confirmation.

Outlets reprint agency copy with a new headline and a changed first line; exact hashing
misses those. Each article becomes the set of its five-word shingles; ``datasketch``'s
MinHash LSH finds the pairs whose estimated Jaccard similarity is at least ``threshold``,
and each group of copies points at its earliest article (``duplicate_of``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any

#: Jaccard similarity of five-word shingles at or above which two articles are copies
THRESHOLD = 0.8
#: MinHash permutations (estimate error ~ 1/sqrt(NUM_PERM))
NUM_PERM = 64
#: words per shingle
SHINGLE = 5
#: texts with fewer shingles than this are too short to call copies
MIN_SHINGLES = 8

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words only)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def _identity(value: int) -> int:
    return value


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
        h = (h * np.uint64(1_000_003) + wh[k : k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(h)


def near_duplicates(
    docs: Iterable[tuple[str, str | None, str | None]],
    *,
    threshold: float = THRESHOLD,
    num_perm: int = NUM_PERM,
) -> dict[str, str]:
    """``doc_id → doc_id`` of the earliest copy, for every article that copies another.

    ``docs`` yields ``(doc_id, text, published_iso)``; the earliest publication (then the
    smallest doc_id) of a group of copies is its original and is not in the result.
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    # one set of permutations for all (MinHash() draws them anew each time: 10x slower),
    # and crc32 as the shingle hash (datasketch's default sha1 is 32-bit too, and slower)
    first = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
    perms, scheme = first.permutations, first.scheme
    hashes: dict[str, MinHash] = {}
    order: dict[str, tuple[str, str]] = {}
    vocab: dict[str, int] = {}
    for doc_id, text, published in docs:
        sh = shingle_hashes(text or "", vocab=vocab)
        if len(sh) < MIN_SHINGLES or doc_id in hashes:
            continue
        m = MinHash(num_perm=num_perm, hashfunc=_identity, permutations=perms, scheme=scheme)
        m.update_batch(sh)
        hashes[doc_id] = m
        order[doc_id] = (published or "9999", doc_id)
        lsh.insert(doc_id, m)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for doc_id, m in hashes.items():
        for other in lsh.query(m):
            if other == doc_id or m.jaccard(hashes[other]) < threshold:
                continue
            a, b = find(doc_id), find(other)
            if a != b:
                first, second = sorted((a, b), key=order.__getitem__)
                parent[second] = first
    return {d: root for d in parent if (root := find(d)) != d}


__all__ = ["THRESHOLD", "near_duplicates", "shingles"]
