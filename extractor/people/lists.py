"""Posts several people hold, and the records a title phrase makes: a list of names under
one post (``anggota Bawaslu A dan B``), a list that takes the post after it (``A; dan B,
masing-masing selaku Anggota …``), a post counted in the plural whose holders follow
(``tiga camat, yakni A, B, dan C``), and the ``Cand`` built from a phrase's parts.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.normalize.numbers import NumbersLexicon
from extractor.patterns import load
from extractor.people.lexicon import ParentEntry, Region, TitleEntry, Tok
from extractor.people.names import name_text
from extractor.people.records import Cand, with_region
from extractor.people.titles import TitleReader


class ListReader(TitleReader):
    """Builds candidates and reads the lists of names a post is shared by."""

    def make(
        self,
        pos: list[str],
        entry: TitleEntry,
        orgs: list[str],
        region: Region | None,
        name: list[Tok],
    ) -> Cand:
        position = " ".join(pos)
        gov = entry.government
        org: str | None
        region_name = region.name if region else None
        field = position.partition(entry.name + " ")[2] if entry.field_org else ""
        if orgs:
            org = " ".join(orgs)
        elif entry.org:
            org = entry.org
        elif field and entry.field_org:  # "Menteri Agama" → Kementerian Agama
            org = f"{entry.field_org} {field}"
        elif gov:
            typ = (region.type if region and region.type else None) if gov == "region" else gov
            if typ is None and gov != "region":
                typ = gov
            lex = self.lex
            org = " ".join(x for x in (lex.government, typ or lex.unknown_type, region_name) if x)
            if gov in lex.local_bodies and region:
                org = f"{lex.local_bodies[gov]} {region.name}"
        else:
            org = None
        if org and region and (orgs or entry.org):
            org = with_region(org, region, self.lex)
        return Cand(
            name=name_text(self.text, name),
            position=position or None,
            org=org,
            region=region_name,
            start=name[0].start,
            end=name[-1].end,
            local=gov if gov and region is None and not orgs and not entry.org else None,
            # "Camat Karanganyar": the district of that name, whatever else it names
            rtype=(gov if gov in self.lex.local_bodies else region.type) if region else None,
            parent=None if org else self.parent_of(position),
            field_org=entry.field_org if entry.field_org and not field else None,
        )

    def parent_of(self, position: str) -> ParentEntry | None:
        """The parent entry of a post (its modifiers "Wakil", "Plt" … set aside)."""
        base = position
        stripped = True
        while stripped:
            stripped = False
            for mod in self.lex.modifier_names:
                if base.startswith(mod + " "):
                    base = base[len(mod) + 1 :]
                    stripped = True
        for key, entry in self.lex.parents:
            if base == key or base.startswith(key + " "):
                return entry
        return None

    def distributed(self, toks: list[Tok], i: int) -> list[Cand]:
        """``Teradu II, A; dan Teradu III, B, masing-masing selaku Anggota Bawaslu X``: the
        post after "masing-masing" and a link word goes to every name of the list before it
        (names joined by commas, semicolons or "dan"; a party's label "Teradu II," skipped)."""
        m = self.lex.links.match(toks, i - 1) if i >= 1 else None
        j = i - 1
        if m is None or m[1] != i:
            return []
        j -= 1
        if j < 1 or toks[j].fold not in self.lex.distributives or toks[j - 1].text != ",":
            return []
        got = self.role(toks, i)
        if got is None:
            return []
        pos, entry, orgs, region, _ = got
        if not orgs and region is None:
            return []
        out: list[Cand] = []
        j -= 2  # the last name's last word
        while j >= 0 and len(out) < 12:
            if not self.is_name_word(toks, j):
                break
            s = j
            while s - 1 >= 0 and self.is_name_word(toks, s - 1):
                s -= 1
            if self.only_place(toks, s, j + 1):
                break
            out.append(self.make(list(pos), entry, list(orgs), region, self.words(toks, s, j + 1)))
            j = s - 1
            if j >= 2 and toks[j].text == "," and self.roman(toks, j - 1) and toks[j - 2].cap:
                j -= 3  # "Teradu II, A": the party's label before the name
            if j >= 0 and toks[j].fold in self.lex.list_joiners:
                j -= 1
            if j < 0 or toks[j].text not in ",;":
                break
            j -= 1
            if j >= 0 and toks[j].fold in self.lex.list_joiners:
                j -= 1
        return out[::-1] if len(out) >= 2 else []

    def enumerated(self, toks: list[Tok], i: int) -> list[Cand]:
        """``tiga camat, yakni A, B, dan C``; ``… dua kepala desa. Mereka adalah A dan B``: a
        post counted in the plural, then its holders listed. A number must match the list."""
        if i == 0:
            return []
        prev = toks[i - 1]
        units = load(NumbersLexicon).units
        count = int(prev.text) if prev.kind == "n" and prev.text.isdigit() else units.get(prev.fold)
        if count is None and prev.fold not in self.lex.plural_markers:
            return []
        got = self.role(toks, i)
        if got is None:
            return []
        pos, entry, orgs, region, k = got
        n = len(toks)
        j = k + 1 if k < n and toks[k].text == "," else k
        m = self.lex.list_openers.match(toks, j)
        if m is None:  # the next sentence: "Mereka adalah A, B, dan C"
            stop = next(
                (x for x in range(k, min(n, k + 30)) if toks[x].text[-1:] in (".", ";")), None
            )  # (a number token keeps the stop after it: "2020.")
            if stop is None or stop + 1 >= n or toks[stop + 1].fold not in self.lex.list_pronouns:
                return []
            m = self.lex.list_openers.match(toks, stop + 2)
            if m is None:
                return []
        j = m[1]
        if j < n and toks[j].text in ",:":
            j += 1
        names: list[list[Tok]] = []
        while j < n and len(names) < 12:
            e = self.name_run(toks, j)
            if e == j or self.only_place(toks, j, e):
                break
            names.append(self.words(toks, j, e))
            j = e + 1 if e < n and toks[e].text == "," else e
            if j < n and toks[j].fold in self.lex.list_joiners:
                j += 1
            elif e >= n or toks[e].text != ",":
                break
        if len(names) < 2 or (count is not None and count != len(names)):
            return []
        return [self.make(list(pos), entry, list(orgs), region, name) for name in names]

    def members(self, toks: list[Tok], cand: Cand) -> list[Cand]:
        """More people under the post a list names after the first (``anggota Bawaslu Rahmat
        Fadil dan Yoga Pranata``, ``hakim anggota Sri Wahyuni dan Dewi Lestari``,
        ``anggota DKPP, yaitu Dr. A, Prof. B, dan C``): only for posts several people hold
        at once (``member_titles``), and only names joined by commas, ``dan`` or ``serta``;
        a name followed by its own title phrase ends the list."""
        if not self.member(cand):
            return []
        n = len(toks)
        e = next((x for x in range(n) if toks[x].start >= cand.end), n)
        out: list[Cand] = []
        while e < n and len(out) < 12:
            j = e
            if toks[j].text == ",":
                j += 1
            if j < n and toks[j].fold in self.lex.list_joiners:
                j += 1
            if j == e or j >= n:
                break
            k = self.skip_noise(toks, j)
            end = self.name_run(toks, k)
            if end == k or self.only_place(toks, k, end) or self.inside_body_name(toks, k, end):
                break
            if (
                end < n
                and toks[end].cap
                and (self.lex.titles.match(toks, end) or self.lex.modifiers.match(toks, end))
            ):
                break
            words = self.words(toks, k, end)
            out.append(
                replace(
                    cand,
                    name=name_text(self.text, words),
                    start=words[0].start,
                    end=words[-1].end,
                    aliases=[],
                )
            )
            e = end
        return out

    def member(self, cand: Cand) -> bool:
        pos = cand.position or ""
        return any(pos == m or pos.startswith(m + " ") for m in self.lex.member_titles)

    def share_body(self, prev: Cand | None, cand: Cand) -> None:
        """``Ketua KPU A, serta anggota B``: a member named without a body in the sentence
        of another post of a body belongs to that body."""
        if prev is None or cand.region or not prev.org or not self.member(cand):
            return
        # "Ketua Bawaslu Ogan Ilir A didampingi anggota Bawaslu B": the same body, placed
        if cand.org and not (prev.region and prev.org.startswith(cand.org + " ")):
            return
        between = self.text[prev.end : cand.start]
        if any(c in between for c in ".!?\n") or len(between) > 200:
            return
        cand.org, cand.region, cand.rtype, cand.parent = prev.org, prev.region, prev.rtype, None
