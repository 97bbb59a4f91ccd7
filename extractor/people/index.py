"""The person index of one article: one record per person, the fullest form of the name,
the region and body a post serves, and every mention of each person."""

from __future__ import annotations

from extractor.people.lexicon import Lex, tokenize
from extractor.people.links import Reader
from extractor.people.names import ShortFormIndex, is_short_form, name_text
from extractor.people.records import Cand


def other(short: Cand, full: Cand) -> bool:
    """Two people, though one name ends the other's: each named with a post of their own in
    one paragraph ("Gubernur Sumut, Edy Rahmayadi, … Ketua TP-PKK Nawal Edy Rahmayadi": a
    wife who takes her husband's name)."""
    return (
        len(short.name) >= 2
        and len(full.name) > len(short.name)
        and full.name[-len(short.name) :] == short.name
        and short.position is not None
        and full.position is not None
        and short.position != full.position
        and short.para == full.para
    )


def merge(cands: list[Cand]) -> list[Cand]:
    """One record per person: shorter forms join the fullest name they are part of."""
    groups: list[list[Cand]] = []
    index = ShortFormIndex()  # groups by their full name's words: linear in the candidates
    for c in sorted(cands, key=lambda c: (-len(c.name), c.start)):
        hits = [
            groups[gi]
            for gi in index.candidates(c.name)
            if is_short_form(c.name, groups[gi][0].name) and not other(c, groups[gi][0])
        ]
        if len(hits) > 1 and c.org:
            hits = [g for g in hits if any(x.org == c.org for x in g)] or hits[:1]
        if hits:
            hits[0].append(c)
        else:
            index.add(len(groups), c.name)
            groups.append([c])
    out = []
    for g in groups:
        full = g[0]
        best = max(
            g,
            # a placed body ("Kecamatan Sambong") over a longer generic one ("Pemerintah Kecamatan")
            key=lambda c: (
                c.position is not None,
                c.org is not None,
                c.local is None,
                len(c.org or ""),
                -c.start,
            ),
        )
        placed = best if best.region else next((c for c in g if c.region), best)
        rec = Cand(
            name=full.name,
            position=best.position,
            org=best.org,
            region=placed.region,
            start=min(c.start for c in g),
            end=full.end,
            aliases=[a for c in g for a in c.aliases],
            local=best.local if placed.region is None else None,
            rtype=placed.rtype,
            parent=best.parent,
            field_org=best.field_org,
            para=best.para,
        )
        out.append(rec)
    out.sort(key=lambda c: c.start)
    return out


def lengthen(reader: Reader, recs: list[Cand]) -> None:
    """A one-word name the article also writes in full, without a title ("Wakil Ketua KPK
    Basaria" … "Basaria Panjaitan"): the record takes the fullest form (SPEC: ``name`` is
    the fullest form in the article), when only one longer name starts with that word and
    it is no other record's."""
    short = [r for r in recs if len(r.name) == 1]
    if not short:
        return
    taken = {tuple(r.name) for r in recs}
    runs: dict[str, set[tuple[str, ...]]] = {}
    firsts = {r.name[0] for r in short}
    for toks in reader.sents:
        k = 0
        while k < len(toks):
            if toks[k].text not in firsts:
                k += 1
                continue
            e = reader.name_run(toks, k)
            if e - k >= 2:
                run = tuple(name_text(reader.text, reader.words(toks, k, e)))
                if len(run) <= 4:
                    runs.setdefault(run[0], set()).add(run)
            k = max(e, k + 1)
    for r in short:
        longer = runs.get(r.name[0], set())
        if len(longer) == 1:
            (run,) = longer
            if run not in taken and run[0] == r.name[0]:
                r.name = list(run)
                taken.add(run)


def respell(reader: Reader, recs: list[Cand]) -> None:
    """A name word the article spells once, one letter off the spelling it uses more often,
    is a typo: "Wakil Wali Kota Banyamin Davnie" … "kata Benyamin" → Benyamin Davnie."""
    caps = reader.caps
    taken = {w for r in recs for w in r.name}
    # the spellings of one length and first letter, in the article's order: a word is
    # compared with its own group only, not with every capitalised word
    alike: dict[tuple[int, str], list[tuple[str, int]]] = {}
    for v, m in caps.items():
        alike.setdefault((len(v), v[0]), []).append((v, m))
    for r in recs:
        for idx, w in enumerate(r.name):
            n = caps.get(w, 0)
            if len(w) < 5 or n > 1:
                continue
            best = None
            for v, m in alike.get((len(w), w[0]), ()):
                if (
                    len(v) == len(w)
                    and v[0] == w[0]
                    and m >= 2
                    and m > n
                    and v not in taken
                    and sum(a != b for a, b in zip(v, w, strict=True)) == 1
                    and v.casefold() not in reader.lex.vocab
                ):
                    best = v
                    break
            if best:
                r.aliases.append(" ".join(r.name))
                r.name = [*r.name[:idx], best, *r.name[idx + 1 :]]


def place_locals(recs: list[Cand], lex: Lex) -> None:
    """Give a regional official named without a place the article's one region of that kind.

    A story about one regency names "Bupati Agus" and "Sekkab Firman" next to "Kepala BKPPD
    Pasangkayu": they serve Pasangkayu. Nothing is filled when the article's officials serve
    two regions of that kind.
    """
    if not any(r.local for r in recs):
        return
    types = lex.government_types  # most local first; the last is the widest (a province)
    seen: dict[str, set[str]] = {}
    for r in recs:
        if r.region and r.rtype in types:
            seen.setdefault(r.rtype, set()).add(r.region)
    if not seen:
        return
    for r in recs:
        if not r.local or r.region:
            continue
        kinds = types if r.local == "region" else (r.local,)
        if r.local in lex.local_bodies:
            # a camat or village head whose district the story does not name serves the
            # government of its one regency or city ("tiga camat" in a story on Pemkab Jember)
            kinds = types[:-1]
        # the most local kind the article names ("Pemkab Pasangkayu, Provinsi Sulawesi Barat")
        kind = next((k for k in kinds if k in seen), None)
        if kind is None or len(seen[kind]) != 1:
            continue
        if r.local == "region" and kind != types[-1] and len(seen.keys() & set(types[:-1])) > 1:
            continue  # an article about a regency and a city: which one is not said
        r.region = next(iter(seen[kind]))
        r.org = f"{lex.government} {kind} {r.region}"


def find_parents(reader: Reader, recs: list[Cand]) -> None:
    """Give a post named without its body the body it belongs to: the nearest one of its
    kind the paragraph names before it (else after it), else the one body of its kind the
    article names, else the body the post implies ("Jaksa" → the Kejaksaan)."""
    todo = [r for r in recs if r.parent is not None and not r.org]
    if not todo:
        return
    bodies = reader.bodies()
    for r in todo:
        assert r.parent is not None
        heads = r.parent.bodies
        fits = [b for b in bodies if any(b.name == h or b.name.startswith(h + " ") for h in heads)]
        same = [b for b in fits if b.para == r.para]
        before = [b for b in same if b.start < r.start]
        pick = before[-1] if before else (same[0] if same else None)
        if pick is None and len({b.name for b in fits}) == 1:
            pick = fits[0]
        if pick is not None:
            r.org = pick.name
            r.region = r.region or pick.region
        else:
            r.org = r.parent.default
        if r.org and r.field_org and r.position and r.org.startswith(r.field_org + " "):
            r.position += r.org[len(r.field_org) :]  # "Menteri" → Menteri Kelautan dan Perikanan


def mentions(reader: Reader, recs: list[Cand]) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Every mention of each person (full name, shorter forms, stated aliases), in text order."""
    art = reader.art
    lex = reader.lex
    spans: list[tuple[int, int]] = []
    if art.layout.headline is not None:
        for r in art.layout.regions:
            if r.kind == "headline":
                spans.append((r.start, r.end))
    toks_all = [tokenize(lex, art.text, s, e) for s, e in spans] + reader.sents
    found: list[list[tuple[int, int]]] = [[] for _ in recs]
    aliases: list[list[str]] = [[] for _ in recs]
    explicit = [[a.split() for a in r.aliases] for r in recs]
    index = ShortFormIndex()  # a run is tried against the people sharing its words only
    for ri, r in enumerate(recs):
        for full in (r.name, *explicit[ri]):
            index.add(ri, full)
    for toks in toks_all:
        k = 0
        n = len(toks)
        while k < n:
            e = reader.name_run(toks, k) if toks[k].cap else k
            if e == k:
                k += 1
                continue
            words = reader.words(toks, k, e)
            # the longest stretch of the run that names one person
            done = False
            for a in range(len(words)):
                for b in range(len(words), a, -1):
                    ws = [w.text for w in words[a:b]]
                    hits = [
                        ri
                        for ri in index.candidates(ws)
                        if is_short_form(ws, recs[ri].name)
                        or any(len(x) == len(ws) and is_short_form(ws, x) for x in explicit[ri])
                    ]
                    if len(hits) == 1:
                        ri = hits[0]
                        found[ri].append((words[a].start, words[b - 1].end))
                        form = " ".join(name_text(art.text, words[a:b]))
                        if form != " ".join(recs[ri].name) and form not in aliases[ri]:
                            aliases[ri].append(form)
                        done = True
                        break
                if done:
                    break
            k = e
    return [(sorted(set(f)), a) for f, a in zip(found, aliases, strict=True)]
