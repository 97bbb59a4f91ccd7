"""People across articles: which officials and speakers are one person.

Each article already merges its own mentions (``Official.aliases``). Across articles a name
is only evidence, and a weak one when short: merging on every article's aliases chains
``Budi`` to every Budi. So merges are made in steps, strongest first, each with a guard:

1. a known form of a public figure (``patterns/aliases.toml``: Jokowi → Joko Widodo);
2. the same full name (two words or more), split where the regions disagree;
3. spelling variants of a full name (rapidfuzz ratio within blocks of names that share a
   first letter and word count), when the regions agree;
4. looser name forms within one body or post (:mod:`extractor.corpus.names`: initials,
   spaces, a letter or two anywhere, a middle name left out);
5. a shorter full name inside exactly one longer one (``Budi Karya`` → ``Budi Karya Sumadi``);
6. a one-word name: the same word across articles when post or body agree (loosely), then
   into the one longer-named person it agrees with; otherwise it stays on its own.

Quote speakers take the person of the article's official they name, else are read as names.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from extractor.corpus.aliases import canonical, fold, generic_posts
from extractor.corpus.names import same_person_name, spaceless, spelling_key
from extractor.corpus.names import words as name_words

#: rapidfuzz ratio (0-100) at or above which two full names are one spelling
FUZZY_RATIO = 90.0
#: and each word's own ratio at least this, its length within one letter
WORD_RATIO = 80.0
#: below this word ratio (or when both sides name a post or body) the two must agree on one
SURE_WORD_RATIO = 85.0
#: names shorter than this (in characters) are never fuzzy-matched (too little to compare)
FUZZY_MIN_CHARS = 8
#: the lowest rapidfuzz ratio worth reading within one body or post
AGREED_LOW = 80.0
#: rows of the within-body score matrix computed at once (bounds memory on a large body)
_CHUNK = 1024


@dataclass(slots=True)
class Mention:
    """One official row of one article (or one speaker that names nobody in the article)."""

    doc_id: str
    idx: int
    name: str
    key: str  # folded name
    aliases: list[str] = field(default_factory=list)
    position: str | None = None
    organization: str | None = None
    region: str | None = None
    region_code: str | None = None
    date: str | None = None
    figure: str | None = None  # curated full name, when a known form of a public figure
    table: str = "officials"  # or "quotes", for a speaker who names no official


class _Context(NamedTuple):
    """What a mention (or a person) can agree on: bodies, posts of two words or more, and
    (post, region) pairs; ``any`` says whether it names a post, body or region at all."""

    orgs: set[str]
    posts: set[str]
    post_regions: set[tuple[str, str]]
    any: bool
    all_posts: set[str]  # posts of any length, for the looser test of one-word names

    @classmethod
    def of(cls, m: Mention) -> _Context:
        org, pos, reg = (fold(x) if x else "" for x in (m.organization, m.position, m.region))
        return cls(
            {org} if org else set(),
            {pos} if len(pos.split()) >= 2 else set(),
            {(pos, reg)} if pos and reg else set(),
            bool(org or pos or reg),
            {pos} if pos else set(),
        )

    def agrees(self, other: _Context) -> bool:
        """Same body, or same post of two words or more, or same post in the same region.
        A region alone is too weak: a governor and his wife share a province."""
        return bool(
            self.orgs & other.orgs
            or self.posts & other.posts
            or self.post_regions & other.post_regions
        )

    def loosely_agrees(self, other: _Context, generic: bool) -> bool:
        """:meth:`agrees`, or one body inside the other (``Kepolisian Resor X`` in ``Satuan
        Lalu Lintas Kepolisian Resor X``), or one post the start of the other (``Jaksa``,
        ``Jaksa Penuntut Umum``); a one-word post every body has (``Kepala``) only when
        ``generic`` (the caller has other evidence)."""
        if self.agrees(other):
            return True
        if any(_words_in(a, b) for a in self.orgs for b in other.orgs if len(a.split()) >= 2):
            return True
        if any(_words_in(b, a) for a in self.orgs for b in other.orgs if len(b.split()) >= 2):
            return True
        common = generic_posts()
        for a in self.all_posts:
            for b in other.all_posts:
                short, long = sorted((a.split(), b.split()), key=len)
                if long[: len(short)] == short and (
                    generic or len(short) >= 2 or short[0] not in common
                ):
                    return True
        return False

    def conflicts(self, other: _Context) -> bool:
        """Both name bodies, and no body of one is (inside) a body of the other."""
        if not self.orgs or not other.orgs or self.agrees(other):
            return False
        return not any(a in b or b in a for a in self.orgs for b in other.orgs)

    def merged(self, other: _Context) -> _Context:
        self.orgs.update(other.orgs)
        self.posts.update(other.posts)
        self.post_regions.update(other.post_regions)
        self.all_posts.update(other.all_posts)
        return self._replace(any=self.any or other.any)


class _UnionFind:
    """Union-find that keeps each cluster's members, regions, articles and context, so the
    merge guards cost a set intersection, not a walk over a large cluster's mentions.

    Most mentions never merge, so a cluster of one keeps nothing: its members, regions,
    article count and context are read off its mention when asked (a million mentions
    would otherwise hold five sets each)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self._members: dict[int, list[int]] = {}
        self._regions: dict[int, set[str]] = {}
        self._docs: dict[int, set[str]] = {}
        self._ctx: dict[int, _Context] = {}
        self._profiles: dict[tuple[str | None, str | None, str | None], _Context] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def roots(self) -> Iterator[int]:
        """The clusters, by their first mention."""
        return (i for i, p in enumerate(self.parent) if p == i)

    def members(self, root: int) -> list[int]:
        return self._members.get(root) or [root]

    def regions(self, root: int) -> set[str]:
        got = self._regions.get(root)
        if got is not None:
            return got
        r = _region_root(self.mentions[root])
        return {r} if r else set()

    def n_docs(self, root: int) -> int:
        got = self._docs.get(root)
        return len(got) if got is not None else 1

    def ctx(self, root: int) -> _Context:
        """The cluster's context (read only: a cluster of one shares its profile's)."""
        got = self._ctx.get(root)
        if got is not None:
            return got
        m = self.mentions[root]
        profile = (m.organization, m.position, m.region)
        got = self._profiles.get(profile)
        if got is None:
            got = self._profiles[profile] = _Context.of(m)
        return got

    def _own(self, root: int) -> None:
        """Give a cluster of one its own sets before they change."""
        if root in self._ctx:
            return
        m = self.mentions[root]
        self._members[root] = [root]
        self._regions[root] = set(self.regions(root))
        self._docs[root] = {m.doc_id}
        self._ctx[root] = _Context.of(m)

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members(ra)) < len(self.members(rb)):
            ra, rb = rb, ra
        self._own(ra)
        self._own(rb)
        self.parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        self._regions[ra] |= self._regions.pop(rb)
        self._docs[ra] |= self._docs.pop(rb)
        self._ctx[ra] = self._ctx[ra].merged(self._ctx.pop(rb))

    def agree(self, a: int, b: int) -> bool:
        return self.ctx(self.find(a)).agrees(self.ctx(self.find(b)))

    def loosely_agree(self, a: int, b: int, generic: bool = False) -> bool:
        return self.ctx(self.find(a)).loosely_agrees(self.ctx(self.find(b)), generic)

    def conflict(self, a: int, b: int) -> bool:
        return self.ctx(self.find(a)).conflicts(self.ctx(self.find(b)))

    def union_if_regions_agree(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb and _regions_agree(self.regions(ra), self.regions(rb)):
            self.union(ra, rb)


def _words_in(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "


def _region_root(m: Mention) -> str | None:
    """A comparable region: the province part of its code, else the folded name."""
    if m.region_code:
        return m.region_code.split(".")[0]
    return fold(m.region) if m.region else None


def _region_fits(x: str, y: str) -> bool:
    """One region ends the other: "jakarta pusat" and "metro jakarta pusat" (but "bandung"
    and "bandung barat" are two regencies)."""
    return x == y or x.endswith(" " + y) or y.endswith(" " + x)


def _regions_agree(a: set[str], b: set[str]) -> bool:
    return not a or not b or any(_region_fits(x, y) for x in a for y in b)


def _same_name(name: str, figure: str) -> bool:
    """``name`` spells the figure's full name (up to a letter or two per word)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(fold(name), fold(figure)) >= FUZZY_RATIO


def make_mention(row: dict[str, Any], date: str | None) -> Mention:
    """A :class:`Mention` from an ``officials`` row (column names read at run time)."""
    name = (row.get("name") or "").strip()
    aliases = [a for a in (row.get("aliases") or []) if a]
    figure = canonical(name)
    if figure is None:  # "Bacharudin Jusuf Habibie" (alias "Habibie"), not "Thareq Kemal Habibie"
        figure = next(
            (c for a in aliases if (c := canonical(a)) is not None and _same_name(name, c)), None
        )
    # interned: a corpus repeats its names, posts, bodies and regions (and an article's
    # doc_id) in many rows, and a million mentions should hold each string once
    return Mention(
        doc_id=_shared(str(row["doc_id"])),
        idx=int(row["idx"]),
        name=_shared(name),
        key=_shared(fold(name)),
        aliases=[_shared(a) for a in aliases],
        position=_shared(row.get("position")),
        organization=_shared(row.get("organization")),
        region=_shared(row.get("region")),
        region_code=_shared(row.get("region_code")),
        date=date,
        figure=figure,
    )


def _shared(value: Any) -> Any:
    return sys.intern(value) if type(value) is str else value


def cluster(mentions: list[Mention]) -> list[int]:
    """A cluster number per mention (same number, same person)."""
    uf = _UnionFind(mentions)
    # 1. public figures
    by_figure: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.figure:
            by_figure[m.figure].append(i)
    for ids in by_figure.values():
        for i in ids[1:]:
            uf.union(ids[0], i)
    # 2. same full name, split by region
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if len(m.key.split()) >= 2:  # a public figure's too: the same name is the figure
            by_name[m.key].append(i)
    for ids in by_name.values():
        _merge_same_name(mentions, ids, uf)
    # 3. spelling variants, 4. within one body, 5. short forms, 6. one-word names
    _merge_variants(mentions, uf)
    _merge_agreed_variants(mentions, uf)
    _merge_short_forms(mentions, uf)
    _merge_one_word(mentions, uf)
    return [uf.find(i) for i in range(len(mentions))]


def _merge_same_name(mentions: list[Mention], ids: list[int], uf: _UnionFind) -> None:
    """One name: one person per region. A mention without a region joins the only region's
    person, or the one region's person it agrees with on post or body; else they stay
    together on their own."""
    by_region: dict[str | None, list[int]] = defaultdict(list)
    for i in ids:
        by_region[_region_root(mentions[i])].append(i)
    loose = by_region.pop(None, [])
    heads: list[int] = []
    for region, group in by_region.items():
        for i in group[1:]:
            uf.union(group[0], i)
        # a region written inside another ("Jakarta Pusat", "Metro Jakarta Pusat") is one
        fit = [h for h in heads if _region_fits(region, _region_root(mentions[h]) or "")]
        if len(fit) == 1:
            uf.union(fit[0], group[0])
        else:
            heads.append(group[0])
    rest: list[int] = []
    for i in loose:
        fits = heads if len(heads) == 1 else [h for h in heads if uf.agree(i, h)]
        if len(fits) == 1:
            uf.union(fits[0], i)
        else:
            rest.append(i)
    for i in rest[1:]:
        uf.union(rest[0], i)


def _groups(uf: _UnionFind) -> Iterator[tuple[int, list[int]]]:
    """Each cluster as (root, member indexes), in the order of the roots."""
    return ((root, uf.members(root)) for root in uf.roots())


def _merge_variants(mentions: list[Mention], uf: _UnionFind) -> None:
    """Spelling variants of full names (``Benyamin``/``Banyamin Davnie``) via rapidfuzz."""
    from rapidfuzz import fuzz, process

    names: dict[str, list[int]] = defaultdict(list)  # folded full name -> cluster roots
    for root, ids in _groups(uf):
        for k in {mentions[i].key for i in ids}:
            if len(k.split()) >= 2 and len(k) >= FUZZY_MIN_CHARS:
                names[k].append(root)
    blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
    spelled = {k: spelling_key(k) for k in names}
    for k in names:
        words = spelled[k].split()
        blocks[(words[0][:1], len(words))].append(k)
    for keys in blocks.values():
        if len(keys) < 2:
            continue
        norm = [spelled[k] for k in keys]
        scores = process.cdist(norm, norm, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO)
        for a in range(len(keys)):
            for b in range(a + 1, len(keys)):
                if not scores[a][b] or not _last_words_close(norm[a], norm[b], WORD_RATIO):
                    continue
                # a letter apart in a short word ("Halid"/"Hamid") needs agreement on post or body
                close = _last_words_close(norm[a], norm[b], SURE_WORD_RATIO)
                for ra in names[keys[a]]:
                    for rb in names[keys[b]]:
                        if uf.agree(ra, rb) or (close and not uf.conflict(ra, rb)):
                            uf.union_if_regions_agree(ra, rb)


def _last_words_close(a: str, b: str, word_ratio: float) -> bool:
    """Variants differ in a letter or two of each word, not in a word: ``Benyamin`` and
    ``Banyamin`` yes; ``Harto`` and ``Hartono`` (two names) no."""
    from rapidfuzz import fuzz

    return all(
        x[:1] == y[:1] and abs(len(x) - len(y)) <= 1 and fuzz.ratio(x, y) >= word_ratio
        for x, y in zip(a.split(), b.split(), strict=True)
    )


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _merge_short_forms(mentions: list[Mention], uf: _UnionFind) -> None:
    """A full name inside the names of exactly one other person joins that person."""
    # only clusters with a full name can be a short form, only those with a name of three
    # words or more can hold one: the others (most of a corpus) are left out of the index
    split: dict[str, tuple[str, ...]] = {}
    keys: dict[int, tuple[tuple[str, ...], ...]] = {}
    by_word: dict[str, set[int]] = defaultdict(set)
    for root, ids in _groups(uf):
        keyset = {mentions[i].key for i in ids}
        forms = {split.get(k) or split.setdefault(k, tuple(k.split())) for k in keyset}
        longest = max(map(len, forms))
        if longest < 2:
            continue
        keys[root] = tuple(forms)
        if longest >= 3:
            for k in forms:
                for w in k:
                    by_word[w].add(root)
    for root in list(keys):
        for words in sorted(keys[root], key=lambda k: (-len(k), k)):  # stable order
            if len(words) < 2:
                continue
            cands = set.intersection(*(by_word[w] for w in words)) - {root}
            cands = {
                c
                for c in cands
                if any(
                    len(k) > len(words) and _is_subsequence(list(words), list(k)) for k in keys[c]
                )
            }
            if len(cands) > 1:  # several longer names: only the one that agrees on post or body
                cands = {c for c in cands if uf.agree(root, c)}
            if len(cands) == 1:
                other = uf.find(cands.pop())
                # a name known in more articles than the longer one is not its short form
                # ("Ridwan Kamil" is not "Atalia Ridwan Kamil") unless the first words agree
                leading = any(k[0] == words[0] for k in keys.get(other, ()) if len(k) > len(words))
                if uf.n_docs(uf.find(root)) > uf.n_docs(other) and not leading:
                    break
                if not uf.conflict(root, other):  # the one longer name, in no other body
                    uf.union_if_regions_agree(root, other)
                break


def _merge_agreed_variants(mentions: list[Mention], uf: _UnionFind) -> None:
    """Names of people who share a body or a post of two words or more, compared more
    loosely than across the corpus (:func:`names.same_person_name`)."""
    from rapidfuzz import fuzz, process

    blocks: dict[tuple[str, str], set[int]] = defaultdict(set)
    forms: dict[int, tuple[str, ...]] = {}
    for root, ids in _groups(uf):
        ctx = uf.ctx(root)
        if not ctx.orgs and not ctx.posts:
            continue  # in no block
        forms[root] = tuple({spelling_key(mentions[i].name) for i in ids if mentions[i].key})
        for org in ctx.orgs:
            blocks[("org", org)].add(root)
        for post in ctx.posts:
            blocks[("post", post)].add(root)
    for roots in blocks.values():
        if len(roots) < 2:
            continue
        pairs = sorted((f, r) for r in roots for f in forms[r])
        flat = [spaceless(f) for f, _ in pairs]
        by_word: dict[str, list[int]] = defaultdict(list)
        for k, (f, _) in enumerate(pairs):
            for w in set(name_words(f)):
                by_word[w].append(k)
        for start in range(0, len(pairs), _CHUNK):  # a bounded slice of the score matrix
            scores = process.cdist(
                flat[start : start + _CHUNK], flat, scorer=fuzz.ratio, score_cutoff=AGREED_LOW
            )
            for off, row in enumerate(scores):
                a = start + off
                cands = {int(b) for b in row.nonzero()[0]}
                cands.update(b for w in set(name_words(pairs[a][0])) for b in by_word[w])
                for b in sorted(cands):
                    (fa, ra), (fb, rb) = pairs[a], pairs[b]
                    if b <= a or uf.find(ra) == uf.find(rb):
                        continue
                    if same_person_name(fa, fb, float(row[b])) and not uf.conflict(ra, rb):
                        uf.union_if_regions_agree(ra, rb)


def _merge_one_word(mentions: list[Mention], uf: _UnionFind) -> None:
    """One-word names: first the same word (in today's spelling) in several articles, when
    post or body agree (loosely: ``Jaksa`` and ``Jaksa Penuntut Umum``); then each such
    person joins the one longer-named person they agree with. A one-word name known in more
    articles than the longer name that ends with it is someone else (``Taslim`` the regent,
    ``Asnoni Taslim`` his wife)."""
    singles: dict[str, list[int]] = defaultdict(list)
    for root, ids in _groups(uf):
        ms = [mentions[i] for i in ids]
        if any(m.figure for m in ms) or any(len(m.key.split()) != 1 for m in ms):
            continue
        singles[spelling_key(ms[0].key)].append(root)
    for roots in singles.values():
        kept: list[int] = []
        for r in sorted(roots):
            home = next(
                (
                    k
                    for k in kept
                    if uf.loosely_agree(k, r)
                    and not uf.conflict(k, r)
                    and _regions_agree(uf.regions(uf.find(k)), uf.regions(uf.find(r)))
                ),
                None,
            )
            if home is None:
                kept.append(r)
            else:
                uf.union(home, r)
    by_word: dict[str, set[int]] = defaultdict(set)
    for root, ids in _groups(uf):
        for i in ids:
            ws = spelling_key(mentions[i].key).split()
            if len(ws) >= 2:
                for w in ws:
                    by_word[w].add(root)
    for word, roots in singles.items():
        for r in sorted({uf.find(x) for x in roots}):
            r = uf.find(r)
            longer = {uf.find(c) for c in by_word.get(word, ())}
            fits = sorted(
                c
                for c in longer
                if c != r
                and uf.loosely_agree(r, c, generic=len(longer) == 1)
                and _regions_agree(uf.regions(r), uf.regions(c))
            )
            if len(fits) > 1 and _one_person(mentions, uf, fits):
                # "Tito": the longer name is still split in two clusters ("Tito Karnavian",
                # "Muhammad Tito Karnavian") that agree and whose names nest: one person
                for c in fits[1:]:
                    uf.union(fits[0], c)
                fits = [uf.find(fits[0])]
            if len(fits) != 1:
                continue
            other = fits[0]
            leading = any(
                spelling_key(mentions[i].key).split()[0] == word for i in uf.members(other)
            )
            if not leading and uf.n_docs(r) > uf.n_docs(other):
                continue
            uf.union(other, r)


def _one_person(mentions: list[Mention], uf: _UnionFind, roots: list[int]) -> bool:
    """Clusters that can only be one person: every two agree (loosely) without conflict, and
    each two hold a name made of the words of a name of the other (``Tito Karnavian`` /
    ``Muhammad Tito Karnavian``; a rank glued into one, ``Jendertal Tito Karnavian``)."""
    names = [[set(spelling_key(mentions[i].key).split()) for i in uf.members(r)] for r in roots]

    def nested(a: list[set[str]], b: list[set[str]]) -> bool:
        return any(x <= y or y <= x for x in a for y in b if len(x) > 1 and len(y) > 1)

    return all(
        uf.loosely_agree(a, b) and not uf.conflict(a, b) and nested(names[k], names[k + 1 + m])
        for k, a in enumerate(roots)
        for m, b in enumerate(roots[k + 1 :])
    )


def person_id(canonical_name: str, first: tuple[str, int]) -> str:
    """A stable id: the canonical name and the person's first mention (doc_id, idx)."""
    digest = hashlib.sha1(f"{canonical_name}\x1f{first[0]}\x1f{first[1]}".encode()).hexdigest()
    return f"p{digest[:12]}"


def canonical_name(members: list[Mention]) -> str:
    """The public figure's name, else the most frequent of the longest full names."""
    figures = Counter(m.figure for m in members if m.figure)
    if figures:
        return figures.most_common(1)[0][0]
    names = Counter(m.name for m in members)
    return max(names, key=lambda n: (len(n.split()) >= 2, names[n], len(n.split()), len(n), n))


def people_rows(
    mentions: list[Mention], labels: list[int]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The ``people`` rows and cluster label → person_id."""
    by_label: dict[int, list[Mention]] = defaultdict(list)
    for m, lab in zip(mentions, labels, strict=True):
        by_label[lab].append(m)
    rows: list[dict[str, Any]] = []
    ids: dict[int, str] = {}
    for lab, members in by_label.items():
        name = canonical_name(members)
        first = min((m.doc_id, m.idx) for m in members)
        pid = ids[lab] = person_id(name, first)
        variants = sorted(
            {m.name for m in members} | {a for m in members for a in m.aliases} - {name}
        )
        posts: dict[tuple[str | None, str | None, str | None], list[Mention]] = defaultdict(list)
        for m in members:
            if m.position or m.organization:
                posts[(m.position, m.organization, m.region)].append(m)
        dates = sorted(d for m in members if (d := m.date))
        rows.append(
            {
                "person_id": pid,
                "name": name,
                "name_variants": variants,
                "positions": [
                    {
                        "position": p,
                        "organization": o,
                        "region": r,
                        "first_seen": min((m.date for m in ms if m.date), default=None),
                        "last_seen": max((m.date for m in ms if m.date), default=None),
                        "n_articles": len({m.doc_id for m in ms}),
                    }
                    for (p, o, r), ms in sorted(posts.items(), key=lambda kv: -len(kv[1]))
                ],
                "regions": sorted({m.region for m in members if m.region}),
                "region_codes": sorted({m.region_code for m in members if m.region_code}),
                "n_articles": len({m.doc_id for m in members}),
                "n_mentions": len(members),
                "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None,
            }
        )
    return rows, ids


__all__ = ["Mention", "canonical_name", "cluster", "make_mention", "people_rows", "person_id"]
