"""How a post is linked to a person: the title phrase before the name (``Ketua KPU
Banyumas Yogi Pratama``), the post in apposition after it (``Budi, Ketua …``, ``Budi selaku
Ketua …``), two posts of one person (``… yang juga Ketua …``), a rank opening a name.
"""

from __future__ import annotations

from collections.abc import Iterator

from extractor.people.lexicon import Region, TitleEntry, Tok
from extractor.people.lists import ListReader
from extractor.people.names import name_text
from extractor.people.places import gazetteer
from extractor.people.records import Body, Cand, with_region


class Reader(ListReader):
    """Reads every person a post is linked to in one article."""

    def phrase(self, toks: list[Tok], i: int) -> Cand | None:
        """Read the title phrase at i and the name that closes it."""
        got = self.role(toks, i)
        if got is None:
            return None
        pos, entry, orgs, region, k = got
        n = len(toks)
        if k < n and toks[k].text == "," and self.relative_before(toks, i):
            return None  # "anak sulung Bupati Sleman, Dewi": the relative is named, not the post
        if k < n and toks[k].text == ",":  # "Ketua Bawaslu Bandarlampung, Suharso"
            if (
                not orgs
                and region is None
                and len(pos) == 1
                and i > 0
                and toks[i - 1].fold in self.lex.honorifics
            ):
                return None  # "Menurut Pak Kadis, Doni …": a title used as an address
            k += 1
        k = self.linked(toks, k)
        k = self.skip_noise(toks, k)
        e = self.name_run(toks, k)
        if e == k and region is not None and self.common_first(toks, k):
            # after the place the title serves, the name starts: "Ketua Bawaslu Ponorogo
            # Sulung Muna Rimbawan", "Plt Kepala Dinas PUPR Kabupaten Bekasi, Entah Ismanto"
            e = self.name_run(toks, k + 1)
        if e == k:
            return None
        # "Kapolsek Setu, AKP Aba Wahid Key": the run was the place, the rank opens the name
        r = e + 1 if e + 1 < n and toks[e].text == "," else e
        local = entry.government in self.lex.local_bodies
        if region is None and local and r > e and self.name_run(toks, r) > r:
            # "Kades Matarape, Tahang Arsad": a village head's title names the village first
            region = Region(" ".join(x.text for x in self.words(toks, k, e)), entry.government)
            k, e = r, self.name_run(toks, r)
        elif region is None and local and self.office_list(toks, i, entry):
            return None  # "Kades Sukamaju, Kades Mekarsari, dan Kades Cibeber": offices
        elif region is None and (d := self.district_at(toks, k, e, entry)) is not None:
            region, k = d  # "Camat Pakusari Fauzi": the district, then the name
            if k >= e:
                return None  # "memanggil Camat Cibodas": a title and its place, no one named
        elif any(o in self.lex.place_named for o in orgs) and (
            (r > e and e - k <= 2 and self.name_run(toks, r) > r) or (r == e and e - k >= 3)
        ):
            # "Kepala Bandara Sentani, Anthonius Praptono", "Kepala Rutan Salemba Anton
            # Wijaya": the facility's place comes first
            if r > e:
                orgs.extend(x.text for x in self.words(toks, k, e))
                k, e = r, self.name_run(toks, r)
            elif self.lex.regions.match(toks, e - 1):
                return None  # "Plt Direktur RSUD Pangeran Jaya Sumitra Kotabaru": all its name
            else:
                orgs.append(toks[k].text)
                k += 1
        elif r < n and self.is_rank(toks, r) and region is None:
            k2 = self.skip_noise(toks, r)
            e2 = self.name_run(toks, k2)
            if e2 == k2 and self.after_rank(toks, k2):
                e2 = self.name_run(toks, k2 + 1)  # "…, Mayjen TNI Marga Taufiq": a rank opens it
            if e2 > k2:
                region = Region(" ".join(x.text for x in self.words(toks, k, e)), None)
                k, e = k2, e2
        if e < n and (
            toks[e].kind == "n"
            or toks[e].text == "#"  # "Ketua Umum Laskar #02": a numbered group, not a person
            or (
                toks[e].cap
                and (self.lex.titles.match(toks, e) or self.lex.modifiers.match(toks, e))
            )
        ):
            return None  # headline style: "Camat Dukung 01", "Mendagri Ingatkan Pjs Bupati"
        if self.inside_body_name(toks, k, e) or self.only_place(toks, k, e):
            return None
        if self.listed_place(toks, k, e):
            return None  # "Kades di Desa Paluhombo, Bendosari, Sukoharjo": places, no name
        if any(self.lex.campaign.match(toks, x) for x in range(i, e)) and not any(
            o.startswith(p) for o in orgs for p in self.lex.party_bodies
        ):
            # "Ketua Tim Pemenangan X": a campaign team holds no public office (a party's
            # standing election body, "Tim Pemenangan Pemilu Daerah PKS", is a party post)
            return None
        if (
            not orgs
            and region is None
            and any(" ".join(pos).startswith(p) for p in self.lex.personal_posts)
            and e + 1 < n
            and toks[e].text == ","
        ):
            # "Sekretaris Pribadi BJ Habibie, Rubijanto": the post serves the first person
            # named; the one after the comma holds it
            k2 = self.skip_noise(toks, e + 1)
            e2 = self.name_run(toks, k2)
            if e2 > k2 and (e2 >= n or not toks[e2].cap):
                k, e = k2, e2
        name = self.words(toks, k, e)
        if name[0].text in self.shorts:
            return None  # "Ketua LPPMP Unimed": the body's short name, not a person
        # a place the title serves, read into the name: "Kades Sukamaju Utara Darsono"
        for idx, tk in enumerate(name[:-1]):
            if tk.fold in self.lex.directions and region is None:
                region = Region(" ".join(x.text for x in name[: idx + 1]), entry.government)
                name = name[idx + 1 :]
                break
        if (
            region is None
            and len(name) > 1
            and name[0].fold in self.places
            # "Kepala BKN Bima Haria Wibisana": a body of the whole country serves no place
            and not self.serves_country(orgs)
        ):
            region = Region(name[0].text, None)
            name = name[1:]
        cand = self.make(pos, entry, orgs, region, name)
        if entry.state_only and not self.state_body(cand.org):
            return None  # the rector of a private university holds no public office
        if entry.needs_body and pos[0] == entry.name and not cand.org:
            return None  # "Divisi Desain X": a division of no public body
        # "… atau akrab disapa Cak Imin"
        after = self.lex.alias_cue.match(self.text, toks[e - 1].end + 1 if e - 1 < n else 0)
        if after:
            at = [x for x in range(e, n) if toks[x].start >= after.end()]
            if at:
                a0 = at[0]
                a1 = self.name_run(toks, a0)
                if a1 > a0:
                    cand.aliases.append(" ".join(x.text for x in self.words(toks, a0, a1)))
        return cand

    def bodies(self) -> list[Body]:
        """The bodies the article names, where: a known body (with the place it serves, which
        a body of a place must have: "Kejaksaan Tinggi" alone is no body) or an unknown one
        read from its head word ("Kementerian Kelautan dan Perikanan")."""
        lex = self.lex
        heads = {h.casefold() for p in lex.parents for h in p[1].bodies if " " not in h}
        out: list[Body] = []
        for idx, toks in enumerate(self.sents):
            n = len(toks)
            k = 0
            while k < n:
                t = toks[k]
                if not t.cap:
                    k += 1
                    continue
                name: str | None = None
                m = lex.orgs.match(toks, k)
                region: Region | None = None
                if m:
                    name, j = m[0].name, m[1]  # type: ignore[attr-defined]
                    r = self.region_at(toks, j) if j < n else None
                    if r:
                        region, j = r
                        name = with_region(name, region, lex)
                    elif any(name == p or name.startswith(p + " ") for p in lex.placed):
                        name = None
                elif t.fold in lex.numbered_units and (
                    self.roman(toks, k + 1) or self.lettered(toks, k + 1)
                ):
                    j = k + 2  # "Komisi XI": a numbered unit of a body, not the body
                elif t.fold in heads:
                    j = k + 1
                    words = [t.text]
                    while j < n and len(words) < 9:
                        w = toks[j]
                        more = w.kind == "w" and w.cap and lex.titles.match(toks, j) is None
                        if not more and not (
                            w.fold in lex.joiners
                            and j + 1 < n
                            and toks[j + 1].cap
                            and len(words) > 1
                        ):
                            break
                        words.append(w.text)
                        j += 1
                    if words[-1] in lex.joiners:
                        words.pop()
                        j -= 1
                    name = " ".join(words) if len(words) > 1 else None
                    r = self.region_at(toks, j) if name and j < n else None
                    if name and r:
                        region, j = r
                        name = with_region(name, region, lex)
                    elif name and any(name.startswith(p + " ") for p in lex.placed):
                        name = None
                else:
                    j = k + 1
                if name:
                    body = Body(
                        idx, t.start, toks[j - 1].end, name, region.name if region else None
                    )
                    last = out[-1] if out else None
                    if (
                        last
                        and last.para == idx
                        and last.name.partition(" ")[0].casefold() in lex.units
                        and self.text[last.end : body.start].strip() in ("", ",")
                    ):  # "Biro Hukum, Sekretariat Daerah Provinsi …": a unit of the body
                        body = Body(idx, last.start, body.end, f"{last.name} {name}", body.region)
                        out.pop()
                    out.append(body)
                k = max(j, k + 1)
        return out

    def apposition(self, toks: list[Tok], i: int) -> Cand | None:
        """``Andi Pratama, Komisioner Bawaslu …`` / ``Budi selaku Ketua …``: the name before."""
        j = i - 1
        worded = False  # linked by a word ("selaku"): the title may be written in lower case
        bare = False  # "Andi Pratama Komisioner Bawaslu Banten mengatakan": no comma at all
        bracket = j >= 0 and toks[j].text == "("  # "Ruben Tarigan (Wakil Ketua DPRD Sumut)"
        if j >= 0 and (toks[j].text == "," or bracket):
            j -= 1
        elif (
            j >= 1 and toks[i].cap and self.is_name_word(toks, j) and self.is_name_word(toks, j - 1)
        ):
            bare = True
        else:
            back = i
            # "selaku", "sebagai": a link word right before the title
            while (
                back > 0
                and toks[back - 1].kind == "w"
                and toks[back - 1].text.islower()
                and i - back < 3
            ):
                back -= 1
            m = self.lex.links.match(toks, back) if back < i else None
            if not m or m[1] != i:
                return None
            j = back - 1
            if j >= 1 and toks[j].text == ",":
                j -= 1  # "Darmawan, seorang Camat di …"
            worded = True
        # "Darmawan, ST selaku komisioner …", "Budi, S.Sos, Kepala …": degrees after the name
        if j >= 1 and toks[j].kind == "d":
            while j >= 1 and toks[j].kind == "d":
                j -= 1
            if toks[j].text == ",":
                j -= 1
        if j < 0 or not self.is_name_word(toks, j):
            return None
        s = j
        while s - 1 >= 0 and (
            self.is_name_word(toks, s - 1)
            or (toks[s - 1].text == "." and s >= 2 and self.is_initial(toks, s - 2))
        ):
            s -= 1
        if s > 0 and (toks[s - 1].cap and toks[s - 1].fold not in self.lex.not_names):
            return None  # the run starts inside another title phrase
        got = self.role(toks, i)
        if got is None:
            return None
        pos, entry, orgs, region, end = got
        if bare and not self.bare_apposition(toks, s, end, orgs, region):
            return None
        if bracket and (end >= len(toks) or toks[end].text != ")"):
            return None
        if worded and toks[i].text[0].islower() and not orgs and region is None:
            return None  # "Budi selaku ketua panitia": a lower-case post of no public body
        if not bracket:
            # "kata Ray, Presiden Jokowi": the title phrase names its own person
            k = end + 1 if end < len(toks) and toks[end].text == "," else end
            k = self.skip_noise(toks, self.linked(toks, k))
            e2 = self.name_run(toks, k)
            if e2 > k and not (region is not None and self.only_place(toks, k, e2)):
                return None  # ("Budi, Camat Cibinong, Bogor, …": the region's place is no one)
        for t in toks[end : end + 6]:  # "Galih Saksono, Direktur Realti PT PP Properti"
            if t.kind == "p":
                break
            if t.text in self.lex.company_markers:
                return None
        head = self.title_at(toks, i)
        lower = (
            not all(t.text[0].isupper() for t in toks[i : head[2]] if t.kind == "w")
            if head
            else True
        )
        if head is None or (lower and not worded and not orgs):
            return None  # "Rudi, anggota Satpol PP …" names a body; "Rudi, anggota keluarga" none
        if self.only_place(toks, s, j + 1):
            return None  # "di Kaltim, Wakil Gubernur …": a place, not a person
        if s > 0 and toks[s - 1].text == ")":
            # "Universitas … (Unisri) Solo Icshandy Nugraha, Ketua …": the place closes the
            # body's name before the bracket; the person's name starts after it
            m = self.lex.regions.match(toks, s)
            if m and m[1] <= j:
                s = m[1]
        name = self.words(toks, s, j + 1)
        if not name:
            return None
        return self.make(pos, entry, orgs, region, name)

    def bare_apposition(
        self, toks: list[Tok], s: int, end: int, orgs: list[str], region: Region | None
    ) -> bool:
        """A name and its post with no comma between (``Andi Pratama Komisioner Bawaslu
        Banten mengatakan …``, ``kata Andi Pratama Komisioner Bawaslu X, di kantor …``) only
        where nothing else can be read: the name opens the sentence or follows a comma or a
        word in lower case, the post names its body, and a predicate in lower case, a comma
        or the stop follows the post."""
        if s > 0 and toks[s - 1].text != "," and not toks[s - 1].text.islower():
            return False
        if not orgs and region is None:
            return False
        if end >= len(toks):
            return True
        t = toks[end]
        return (t.kind == "w" and t.text.islower()) or t.text in (",", ".")

    def joined(self, toks: list[Tok], i: int) -> Cand | None:
        """``Wali Kota yang juga Ketua DPC PDIP FX Hadi Rudyatmo``: two posts of one person;
        the first named is the one the story gives them, the second phrase names them."""
        got = self.role(toks, i)
        if got is None:
            return None
        pos, entry, orgs, region, k = got
        m = self.lex.joins.match(toks, k)
        if m is None or m[1] >= len(toks) or not toks[m[1]].cap:
            return None
        later = self.phrase(toks, m[1])
        if later is None:
            return None
        e = k
        while e < len(toks) and toks[e].start < later.end:
            e += 1
        name = [t for t in self.words(toks, m[1], e) if later.start <= t.start]
        return self.make(pos, entry, orgs, region, name) if name else None

    def blocked(self, toks: list[Tok], i: int) -> bool:
        """A title after "calon", "Jalan", "Jl." … names an office or a street, not a person;
        one glued to a name word is part of a name ("Lukman Hakim Saifuddin")."""
        if i > 0 and self.is_name_word(toks, i - 1) and not self.is_initial(toks, i - 1):
            if toks[i].text[0].islower():
                return True  # "Pelatih kepala PSIS": a lower-case title glued to a noun
            m = self.lex.titles.match(toks, i)
            if m and m[1] < len(toks) and self.is_name_word(toks, m[1]):
                return True
        j = i - 1
        if j >= 1 and toks[j].text == ".":
            j -= 1
        while j >= 1 and (m := self.lex.modifiers.match(toks, j)) and m[1] == j + 1:
            j -= 1  # "calon wakil bupati X": the blocker stands before the modifier
        if j >= 0 and toks[j].text in self.lex.blockers:
            # "Jabatan Kepala Dinas kini diisi oleh X": the office, filled by a person
            got = self.role(toks, i)
            return got is None or self.lex.filled.match(toks, got[4]) is None
        return False

    # -- article -----------------------------------------------------------------------
    def state_body(self, org: str | None) -> bool:
        """Is ``org`` a state university (``Universitas Negeri …``, ``UIN …``, one listed)?"""
        if not org:
            return False
        words = org.split()
        return self.lex.state_marker in words or any(u in org for u in self.lex.state_universities)

    def relative_before(self, toks: list[Tok], i: int) -> bool:
        """Does a relational noun stand right before the title at i (``anak sulung``,
        ``istri``, ``ajudan``), its qualifiers and a modifier aside?"""
        j = i - 1
        while j >= 0 and toks[j].fold in self.lex.relative_qualifiers:
            j -= 1
        for start in (j, j - 1):  # one- and two-word nouns ("anak", "kuasa hukum")
            if start >= 0:
                m = self.lex.relatives.match(toks, start)
                if m is not None and m[1] == j + 1:
                    # "Kemal, putra Presiden …, X" / "Ani yang merupakan putri Bupati …, X":
                    # the relative was named before, so the name after is the post's holder
                    before = toks[start - 1] if start > 0 else None
                    return before is None or not (
                        before.text == "," or before.fold in self.lex.copulas
                    )
        return False

    def office_list(self, toks: list[Tok], i: int, entry: TitleEntry) -> bool:
        """Is the title at i one of a list of the same local title (``Kades A, Kades B dan
        Kades C``)? Then each run names a place, not a person."""
        for step in (-1, 1):
            j, sep = i + step, False
            while 0 <= j < len(toks) and abs(j - i) <= 8:
                t = toks[j]
                if t.text == "," or t.fold in self.lex.list_joiners:
                    sep = True
                elif t.kind == "w" and t.cap:
                    m = self.lex.titles.match(toks, j)
                    if m is not None and m[0] is entry and sep:
                        return True
                else:
                    break
                j += step
        return False

    def district_at(
        self, toks: list[Tok], k: int, e: int, entry: TitleEntry
    ) -> tuple[Region, int] | None:
        """A district of the gazetteer opening the run after a district head's title
        (``Camat Pakusari Fauzi``): (the district, the index after it)."""
        if entry.government != "Kecamatan" or e <= k:
            return None
        idx = [x for x in range(k, e) if toks[x].kind == "w"]
        hit = gazetteer().longest([toks[x].fold for x in idx], 0, districts=True)
        if hit is None or not any(p.type == "Kecamatan" for p in hit[0]):
            return None
        last = idx[hit[1] - 1]
        name = " ".join(toks[x].text for x in idx[: hit[1]])
        return Region(name, entry.government), last + 1

    def listed_place(self, toks: list[Tok], k: int, e: int) -> bool:
        """Is the run k..e a gazetteer place (districts too) followed by ", <region>"?"""
        if e + 1 >= len(toks) or toks[e].text != ",":
            return False
        idx = [x for x in range(k, e) if toks[x].kind == "w"]
        hit = gazetteer().longest([toks[x].fold for x in idx], 0, districts=True)
        return hit is not None and hit[1] == len(idx) and self.region_at(toks, e + 1) is not None

    def after_rank(self, toks: list[Tok], k: int) -> bool:
        """A capitalised word the lexicon knows (``Marga``, ``Bintang``) right after a rank,
        a name word after it: the name's first word, since a rank opens a name."""
        t = toks[k] if k < len(toks) else None
        return (
            t is not None
            and t.kind == "w"
            and t.cap
            and t.text[1:].islower()
            and self.is_name_word(toks, k + 1)
            and self.lex.titles.match(toks, k) is None
            and self.lex.orgs.match(toks, k) is None
            and self.lex.regions.match(toks, k) is None
            and t.fold not in self.lex.not_names
        )

    def rank_in_title(self, toks: list[Tok], i: int) -> bool:
        """Is the rank word at i the end of a title's or body's name that runs through it
        (``Direktur Jenderal``, ``Direktorat Jenderal Cipta Karya``, ``Sekretaris
        Jenderal``)? Then no rank opens a name there (``Inspektur Jenderal`` stays a rank)."""
        if i == 0 or not toks[i - 1].cap or self.lex.noise.match(toks, i - 1):
            return False
        if toks[i - 1].fold in self.lex.org_heads:
            return True
        m = self.lex.titles.match(toks, i - 1) or self.lex.orgs.match(toks, i - 1)
        return m is not None and m[1] > i

    def candidates(self) -> Iterator[Cand]:
        for para, toks in enumerate(self.sents):
            prev: Cand | None = None
            i = 0
            n = len(toks)
            while i < n:
                t = toks[i]
                if t.kind == "w" and t.fold in self.lex.starts and not self.blocked(toks, i):
                    listed = self.enumerated(toks, i)
                    if listed:  # the holders may be named a sentence later: read on after the post
                        for more in listed:
                            more.para = para
                            yield more
                        i += 1
                        continue
                    cand = self.phrase(toks, i)
                    if cand is None:
                        cand = self.joined(toks, i)
                    if cand is None and (
                        self.lex.titles.match(toks, i) or self.lex.modifiers.match(toks, i)
                    ):
                        listed = self.distributed(toks, i)
                        for more in listed[:-1]:
                            more.para = para
                            yield more
                        cand = listed[-1] if listed else self.apposition(toks, i)
                    if (
                        cand is None
                        and t.cap
                        and self.is_rank(toks, i)
                        and not self.rank_in_title(toks, i)
                    ):
                        k = self.skip_noise(toks, i)
                        e = self.name_run(toks, k)
                        if e > k and k > i:
                            name = self.words(toks, k, e)
                            cand = Cand(
                                name_text(self.text, name),
                                None,
                                None,
                                None,
                                name[0].start,
                                name[-1].end,
                            )
                    if cand is not None:
                        cand.para = para
                        self.share_body(prev, cand)
                        prev = cand
                        yield cand
                        for more in self.members(toks, cand):
                            more.para = para
                            yield more
                            cand = more
                        i += 1
                        while i < n and toks[i].end <= cand.end:
                            i += 1
                        continue
                i += 1
