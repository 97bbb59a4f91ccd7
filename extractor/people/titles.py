"""Title phrases: a post, its units, its body and the region it serves.

``Kepala Badan Kepegawaian, Pendidikan dan Pelatihan Kabupaten Garut`` is read as modifiers
and a title (``Kepala``), the body's words (``Badan … Pelatihan``) and a region (``Garut``).
The phrase stops where a name starts; what follows is :mod:`extractor.people.links`' job.
"""

from __future__ import annotations

from extractor.people.bodies import BodyWords
from extractor.people.lexicon import MAX_ROLE, MAX_TITLE, ROMAN, Region, TitleEntry, Tok, tokenize
from extractor.people.names import prefixed


class TitleReader(BodyWords):
    """Reads title phrases (and the places in them) in one article."""

    # -- title phrases -----------------------------------------------------------------
    def title_at(self, toks: list[Tok], i: int) -> tuple[list[str], TitleEntry | None, int] | None:
        """Modifiers and a title starting at i: (position words, last title entry, end)."""
        parts: list[str] = []
        j = i
        entry: TitleEntry | None = None
        n = min(len(toks), i + MAX_TITLE)
        while j < n:
            m = self.lex.titles.match(toks, j)
            if m:
                entry = m[0]  # type: ignore[assignment]
                name = entry.name  # type: ignore[union-attr]
                if parts and name.startswith(parts[-1] + " "):
                    parts.pop()  # "Kepala Kakanwil": the short form repeats the title
                parts.append(name)
                j = m[1]
                if j < len(toks) and toks[j].cap and toks[j].fold in self.lex.post_modifiers:
                    parts[-1] = f"{name} {toks[j].text}"  # "Wakil Ketua Sementara DPRD"
                    j += 1
                continue
            m = self.lex.modifiers.match(toks, j)
            if m and entry is None:
                parts.append(m[0])  # type: ignore[arg-type]
                j = m[1]
                continue
            break
        if (
            entry is None
            and parts
            and parts[-1] in self.lex.joined_modifiers
            and self.lex.headless is not None
            and j < len(toks)
            and toks[j].cap
            and self.lex.orgs.match(toks, j) is not None
        ):
            entry = self.lex.headless  # "Wakil KASN, X": the deputy of a body's head
            parts.append(entry.name)
        if entry is None:
            return None
        if parts[0] in self.lex.joined_modifiers and len(parts) > 1:
            parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
        return parts, entry, j

    def region_at(self, toks: list[Tok], k: int) -> tuple[Region, int] | None:
        t = toks[k]
        if not t.cap:
            return None
        typ = self.lex.types.get(t.fold)
        if typ:
            j = k + 1
            if j < len(toks) and toks[j].text == ".":
                j += 1
            m = self.lex.regions.match(toks, j)
            if m:
                reg: Region = m[0]  # type: ignore[assignment]
                return Region(reg.name, typ), m[1]
            e = j
            while (
                e < len(toks) and toks[e].cap and toks[e].fold not in self.lex.vocab and e - j < 3
            ):
                e += 1
                if toks[e - 1].fold in self.lex.directions:
                    break
            if e > j and typ in self.lex.local_bodies:
                return Region(" ".join(x.text for x in toks[j:e]), typ), e
            if e > j and e - j == 1:
                return Region(toks[j].text, typ), e
            return None
        m = self.lex.regions.match(toks, k)
        if m:
            return m[0], m[1]  # type: ignore[return-value]
        return None

    def role(
        self, toks: list[Tok], i: int
    ) -> tuple[list[str], TitleEntry, list[str], Region | None, int] | None:
        """The title phrase at i: (position words, title, organisation words, region, end)."""
        got = self.title_at(toks, i)
        if got is None:
            return None
        pos, entry, k = got
        assert entry is not None
        n = len(toks)
        if (
            k == i + 1
            and k + 1 < n
            and toks[k].text == "."
            and toks[k].start == toks[i].end
            and toks[i].text.casefold() != entry.name.casefold()
            and toks[k + 1].cap
            and (
                toks[k + 1].text.isupper()
                or toks[k + 1].fold in self.lex.units
                or self.lex.orgs.match(toks, k + 1) is not None
            )
        ):
            k += 1  # "koordiv. HP2H Bawaslu …": the stop of an abbreviated title
        orgs: list[str] = []
        region: Region | None = None
        # a unit's name goes on in common words: "Biro … dan Kerja Sama Luar Negeri"
        unit = pos[-1].rpartition(" ")[2].casefold() in self.lex.units
        n = len(toks)
        stop = i + MAX_ROLE
        if self.numbered(toks, k):  # "Asisten III", "Wakil Ketua II"
            pos.append(toks[k].text)
            k += 1
        fraction_seen = False
        late = False  # a unit named after the body ("Komisioner KASN Bidang …"): the post's
        known = 0  # the words of orgs that are known bodies' names
        last_org = -1  # the index after the last known body's name
        o = self.ordinal(toks, k)
        if o > k:  # "Presiden ketiga Indonesia, X": after an ordinal, the country it serves
            m = self.lex.home.match(toks, o) or self.lex.countries.match(toks, o)
            k = m[1] if m and toks[o].cap else o
        while k < n and k < stop:
            t = toks[k]
            if t.kind == "p":
                if t.text == "(":
                    e = k + 1
                    while e < n and e - k < 8 and toks[e].text != ")":
                        e += 1
                    if e < n and toks[e].text == ")":
                        # "Wakil Wali Kota (Tangsel)": a bracketed place is the region
                        r = (
                            self.region_at(toks, k + 1)
                            if region is None
                            and e > k + 1
                            and not self.lex.titles.match(toks, k + 1)  # "(Karo)": Kepala Biro
                            else None
                        )
                        if r and r[1] == e:
                            region = r[0]
                        k = e + 1
                        continue
                    break
                if t.text in ",/&" and k + 1 < n and self.role_word(toks, k + 1):
                    k += 1
                    continue
                if t.text == "," and region is not None and (p := self.province_at(toks, k + 1)):
                    k = p  # "Ketua KPU Banyumas, Jawa Tengah Yogi": the province of the region
                    continue
                if t.text == "," and (orgs or unit) and region is None and self.comma_list(toks, k):
                    # "Badan Kepegawaian, Pendidikan dan Pelatihan": a name listing its fields
                    k += 1
                    continue
                if t.text == "," and self.stray(t) and k + 1 < n:
                    # a comma left where a scrape dropped a hyperlinked word ("Wakil Ketua  ,DPR")
                    k += 1
                    continue
                if (
                    t.text == "."
                    and k > 0
                    and toks[k - 1].fold in self.lex.ranks | self.lex.honorifics
                ):
                    k += 1
                    continue
                break
            if t.kind == "n":
                if k + 1 < n and toks[k + 1].cap and self.role_word(toks, k + 1):
                    k += 1
                    continue
                if orgs and k == last_org and len(t.text) <= 6:
                    # "SMPN 2 Kendal", "Kodim 0201/BS": the body's number (and its code)
                    e = k + 1
                    if (
                        t.text.endswith("/")
                        and e < n
                        and toks[e].start == t.end
                        and toks[e].text.isupper()
                    ):
                        e += 1
                    elif (
                        e + 1 < n
                        and toks[e].text == "/"
                        and toks[e].start == t.end
                        and toks[e + 1].start == toks[e].end
                        and toks[e + 1].text.isupper()
                    ):
                        e += 2
                    orgs.append(self.text[t.start : toks[e - 1].end])
                    k = e
                    continue
                break
            if t.kind == "d":
                break
            faction = self.faction(t) if not orgs else None
            if faction:  # "anggota F-Demokrat DKI": the faction is the post's, not the body's
                pos.append(faction)
                fraction_seen = True
                k += 1
                continue
            m = self.lex.orgs.match(toks, k)
            if m and (
                t.cap
                # "wakil ketua umum partai Gerindra": a body's head word in lower case
                or (t.fold in self.lex.org_heads and m[1] > k + 1 and toks[k + 1].cap)
            ):
                orgs.append(m[0].name)  # type: ignore[union-attr]
                known = len(orgs)
                k = last_org = m[1]
                continue
            if not orgs:
                got2 = self.title_at(toks, k)
                rank = self.lex.noise.match(toks, k)
                if got2 and rank and rank[0] == "rank" and rank[1] >= got2[2]:
                    break  # "Kapolda Jabar Inspektur Jenderal X": a rank spelled out opens the name
                if got2 and t.text[0].isupper():
                    pos += got2[0]
                    entry = got2[1] or entry
                    k = got2[2]
                    unit = unit or pos[-1].rpartition(" ")[2].casefold() in self.lex.units
                    if self.numbered(toks, k):
                        pos.append(toks[k].text)
                        k += 1
                    continue
            w = t.fold
            if (
                w in self.lex.joiners
                and k + 1 < n
                and toks[k + 1].cap
                and (
                    self.role_word(toks, k + 1)
                    # "Bidang Organisasi dan Keanggotaan": a unit's name goes on in common words
                    or ((unit or orgs) and region is None and toks[k + 1].fold in self.lex.common)
                    # "Subdit Sarana dan Prasarana Pelatihan Kemnaker", "Badan Pajak dan
                    # Retribusi Daerah (BPRD)": words up to a body or the short form
                    or ((unit or orgs) and region is None and self.field_goes_on(toks, k + 1))
                )
            ):
                (pos if late or not orgs else orgs).append(w)
                k += 1
                continue
            if (
                unit
                and not orgs
                and w in self.lex.types
                and k + 2 < n
                and toks[k + 1].text == "/"
                and toks[k + 2].fold in self.lex.types
            ):
                # "Kasubag Produk Hukum Daerah Kab/Kota Wilayah I": a unit for regencies/cities
                pos.append(f"{self.lex.types[w]}/{self.lex.types[toks[k + 2].fold]}")
                k += 3
                if self.numbered(toks, k + 1) and toks[k].cap and toks[k].fold in self.lex.common:
                    pos += [toks[k].text, toks[k + 1].text]  # "Wilayah I"
                    k += 2
                continue
            if region is None and not (self.serves_country(orgs) and w not in self.lex.types):
                r = self.region_at(toks, k)
                if r:
                    region, k = r
                    continue
            elif p := self.province_at(toks, k):
                k = p  # "Ketua Bawaslu Kabupaten Nabire Papua Tengah …": the region's province
                continue
            m = self.lex.national.match(toks, k) or self.lex.countries.match(toks, k)
            if m is None and orgs and k == last_org:
                m = self.lex.home.match(toks, k)  # "Kementerian Luar Negeri Indonesia, X"
            if m and t.text[0].isupper():
                k = m[1]
                continue
            if not orgs and t.text.islower() and (unit or w in self.lex.units):
                j = self.lower_field(toks, k)
                if j:  # "Ketua divisi penindakan pelanggaran Bawaslu X": the unit in lower case
                    pos.extend(x.text for x in toks[k:j])
                    unit = True
                    k = j
                    continue
            if w in self.lex.post_joiners and not orgs and (got2 := self.title_at(toks, k + 1)):
                pos += [t.text, *got2[0]]  # "Ketua merangkap Anggota Bawaslu X"
                k = got2[2]
                continue
            if self.body_link(toks, k, orgs, region, entry):
                k += 1  # "Kepala Bidang Mutasi pada BKPSDM Cilegon", "Camat di Kecamatan X"
                continue
            if not t.text[0].isupper():
                break
            if (
                w in self.lex.org_heads
                and not (orgs and w in self.lex.units)  # "Bawaslu Divisi Hukum": the post's unit
                and (
                    orgs
                    or w not in self.lex.numbered_units
                    or not (self.roman(toks, k + 1) or self.lettered(toks, k + 1))
                )
            ):
                orgs.append(t.text)
                k += 1
                continue
            if w in self.lex.units or w in self.lex.numbered_units:
                if orgs and w in self.lex.units and not late:
                    late = True  # the body's words after its known name name the unit's field
                    pos += orgs[known:]  # "Asisten KASN Pengawasan Bidang …"
                    del orgs[known:]
                unit = True
                pos.append(t.text)
                if k + 1 < n and (
                    self.roman(toks, k + 1)
                    or (w in self.lex.numbered_units and self.lettered(toks, k + 1))
                ):
                    pos.append(toks[k + 1].text)
                    k += 1
                k += 1
                continue
            if orgs:  # "Badan Nasional Penanggulangan Bencana (BNPB)": the body's name, bracketed
                j = k
                while j < n and j - k < 5 and toks[j].cap:
                    j += 1
                if (
                    j > k
                    and j + 2 < n
                    and toks[j].text == "("
                    and toks[j + 2].text == ")"
                    and self.is_acronym(toks, j + 1)
                    # "KONI Ending Fuad Hamidy (EFH)": a person's initials, not a body's
                    and toks[j + 1].text[0].upper() != toks[k].text[0].upper()
                ):
                    orgs.extend(x.text for x in toks[k:j])
                    k = j
                    continue
            if (
                self.particle(toks, k)
                and self.is_name_word(toks, k + 1)
                and self.lex.titles.match(toks, k) is None
            ):
                break  # "Gubernur NTB Lalu Muhammad Iqbal": the name starts here
            if (orgs or unit) and prefixed(t.text):
                (pos if late or not orgs else orgs).append(t.text)  # "… E-Government"
                k += 1
                continue
            if w in self.lex.title_words or (
                (orgs or unit) and w in self.lex.common and (region is None or not orgs)
            ):
                # a body's name goes on in common words: "Badan … Penanggulangan Bencana"
                # a unit's field keeps its words as written ("Netralitas ASN")
                (pos if late or not orgs else orgs).append(
                    t.text if late else self.lex.expansions.get(w, t.text)
                )
                k += 1
                continue
            if w in self.lex.ranks or w in self.lex.honorifics:
                break
            if (
                not orgs
                and unit
                and t.kind == "w"
                and len(t.text) >= 3
                and t.text.isupper()
                and t.fold not in self.lex.vocab
                and self.lex.orgs.match(toks, k + 1)
            ):
                pos.append(t.text)  # "Koordiv HP2H Bawaslu …": the unit's field, abbreviated
                k += 1
                continue
            if self.unknown_body(toks, k) and (
                toks[i].text[0].isupper() or t.text in self.acronyms
            ):
                # "Kepala BKPPD Kasmuddin": a body's acronym the lexicon does not know, spelled
                # out where the article defines it ("Badan … Daerah (BKPPD)")
                orgs.append(self.acronyms.get(t.text, t.text))
                k += 1
                continue
            if (
                region is None
                and (w in self.places)
                and k + 1 < n
                and self.is_name_word(toks, k + 1)
            ):
                region = Region(t.text, None)
                k += 1
                continue
            j = self.body_after(toks, k)
            if j:
                # "Ketua Badan Legislasi DPR X", "Dirjen Migas Kementerian ESDM X": words
                # the lexicon does not know, then a body: they name a unit or the post's field
                (orgs if orgs and not late else pos).extend(x.text for x in toks[k:j])
                k = j
                continue
            break
        assert entry is not None
        if len(orgs) == 1 and not known and region is None and orgs[0] in self.lex.lone_units:
            pos.append(orgs.pop())  # "Ketua Majelis X": the panel of a body named elsewhere
        if fraction_seen and not orgs:
            body = self.lex.faction_bodies.get("regional" if region else "national")
            if body:
                orgs.append(body)
        return pos, entry, orgs, region, k

    def province_at(self, toks: list[Tok], k: int) -> int | None:
        """The index after a province's name at k (``Jawa Tengah``, ``Papua``), else None."""
        if k >= len(toks) or not toks[k].cap:
            return None
        m = self.lex.regions.match(toks, k)
        if m is None or m[0].type != self.lex.government_types[-1]:  # type: ignore[union-attr]
            return None
        return m[1]

    def comma_list(self, toks: list[Tok], k: int) -> bool:
        """Does the comma at k go on listing a body's or unit's fields up to a closing "dan"
        (``Kepegawaian, Pendidikan dan Pelatihan``, ``Politik, Hukum, dan Keamanan``)?"""
        lex = self.lex
        j = k + 1
        words = 0
        while j < len(toks) and j - k <= 12:
            t = toks[j]
            if t.text == ",":
                j += 1
                continue
            if t.kind != "w":
                return False
            if t.fold in lex.joiners:
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                return (
                    words > 0
                    and nxt is not None
                    and nxt.cap
                    and (nxt.fold in lex.common or nxt.fold in lex.title_words)
                )
            if not (t.cap and (t.fold in lex.common or t.fold in lex.title_words)):
                return False
            if lex.titles.match(toks, j) is not None or lex.regions.match(toks, j) is not None:
                return False
            words += 1
            j += 1
        return False

    def faction(self, t: Tok) -> str | None:
        """A party's faction written as a prefix on its name ("F-Demokrat"): the body's name."""
        head, dash, rest = t.text.partition("-")
        fr = self.lex.factions.get(head) if dash and rest else None
        if fr is None:
            return None
        sub = tokenize(self.lex, rest, 0, len(rest))
        m = self.lex.orgs.match(sub, 0)
        return f"{fr} {m[0].name}" if m and m[1] == len(sub) else None  # type: ignore[union-attr]

    def linked(self, toks: list[Tok], k: int) -> int:
        """Skip a link word between a title phrase and its name ("… yakni Mawardi Yahya",
        "… atau ,Laode"): the index where the name would start, else k."""
        m = self.lex.name_links.match(toks, k)
        if m and toks[k].text[0].islower():  # "Bupati Lingga Alias Wello": a name's word
            j = m[1]
            return j + 1 if j < len(toks) and toks[j].text == "," else j
        m = self.lex.dropped_links.match(toks, k)
        if m and m[1] < len(toks) and toks[m[1]].text == "," and self.stray(toks[m[1]]):
            return m[1] + 1
        return k

    def only_place(self, toks: list[Tok], k: int, e: int) -> bool:
        """Is the run k..e nothing but a known region or country ("Kaltim", "Jakarta Timur")?"""
        m = self.lex.regions.match(toks, k) or self.lex.countries.match(toks, k)
        return m is not None and m[1] >= e

    def stray(self, t: Tok) -> bool:
        """A comma with white space before it: left where a scrape dropped a linked word."""
        return t.start > 0 and self.text[t.start - 1] in " \t\xa0"

    def ordinal(self, toks: list[Tok], k: int) -> int:
        """The index after an ordinal that numbers the title before it ("Presiden ke-3",
        "Presiden ketiga"), else k: the ordinal is not part of the position."""
        if k >= len(toks) or toks[k].kind != "w":
            return k
        f = toks[k].fold
        if f in self.lex.ordinals:
            return k + 1
        pre = self.lex.ordinal_prefix
        if not pre:
            return k
        if f == pre and k + 1 < len(toks) and toks[k + 1].kind == "n":
            return k + 2
        head, dash, tail = f.partition("-")
        if head == pre and dash and tail.isdigit():
            return k + 1
        if (
            head == pre
            and dash == ""
            and k + 2 < len(toks)
            and toks[k + 1].text == "-"
            and toks[k + 2].kind == "n"
        ):
            return k + 3
        return k

    def numbered(self, toks: list[Tok], k: int) -> bool:
        """A roman numeral that numbers the title before it (not the Balinese "I" of a name)."""
        if not self.roman(toks, k):
            return False
        return len(toks[k].text) > 1 or not (k + 1 < len(toks) and self.is_name_word(toks, k + 1))

    def unknown_body(self, toks: list[Tok], k: int) -> bool:
        """An all-capital acronym the lexicon does not know, followed by a name or region."""
        t = toks[k]
        if not (t.kind == "w" and len(t.text) >= 3 and t.text.isupper()):
            return False
        if t.fold in self.lex.vocab or t.fold in self.lex.not_names or self.roman(toks, k):
            return False
        j = k + 1
        if j < len(toks) and toks[j].text == ",":
            j += 1
        if j >= len(toks):
            return False
        return (
            self.is_name_word(toks, j)
            or self.is_rank(toks, j)
            or self.region_at(toks, j) is not None
            or toks[j].kind == "d"
            or self.lex.noise.match(toks, j) is not None
        )

    def lower_field(self, toks: list[Tok], k: int) -> int | None:
        """A unit and its field written in lower case up to a known body ("divisi penindakan
        pelanggaran Bawaslu"): the index of the body, else None."""
        n = len(toks)
        j = k
        while j < n and j - k <= 6 and toks[j].kind == "w" and toks[j].text.islower():
            if toks[j].fold in self.lex.body_links:
                # "… pada Dinas X": the link word is read with the body
                ok = j > k and j + 1 < n and self.lex.orgs.match(toks, j + 1) is not None
                return j if ok else None
            j += 1
        if j == k or j >= n or not toks[j].cap:
            return None
        return j if self.lex.orgs.match(toks, j) is not None else None

    def body_link(
        self, toks: list[Tok], k: int, orgs: list[str], region: Region | None, entry: TitleEntry
    ) -> bool:
        """A link word ("pada", "di") between a post and the body (or district) it sits in."""
        if toks[k].fold not in self.lex.body_links or orgs or k + 1 >= len(toks):
            return False
        if not toks[k + 1].cap:
            return False
        return self.lex.orgs.match(toks, k + 1) is not None or (
            region is None
            and entry.government in self.lex.local_bodies
            and toks[k + 1].fold in self.lex.types
            and self.region_at(toks, k + 1) is not None
        )

    def serves_country(self, orgs: list[str]) -> bool:
        """A body of the whole country ("Badan Kepegawaian Negara"): the capitalised word
        after it opens the name ("Kepala BKN Bima Haria"), it names no place it serves."""
        return any(o.rpartition(" ")[2] in self.lex.national_words for o in orgs)

    @staticmethod
    def lettered(toks: list[Tok], k: int) -> bool:
        """A single capital letter after "Komisi" names a commission ("Komisi A DPRD"),
        unless it is an initial ("Komisi A. Rahman")."""
        if k >= len(toks):
            return False
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return (
            len(t.text) == 1
            and "A" <= t.text <= "H"
            and not (nxt is not None and nxt.text == "." and nxt.start == t.end)
        )

    @staticmethod
    def roman(toks: list[Tok], k: int) -> bool:
        return k < len(toks) and toks[k].kind == "w" and ROMAN.fullmatch(toks[k].text) is not None

    def role_word(self, toks: list[Tok], k: int) -> bool:
        """Does the title phrase go on at k (after a comma, "dan", a number)?"""
        while k < len(toks) and toks[k].kind == "w" and toks[k].fold in self.lex.joiners:
            k += 1  # "… dan Kepala …" (a loop: a chain of "dan" must not recurse)
        if k >= len(toks):
            return False
        t = toks[k]
        if t.kind != "w":
            return False
        w = t.fold
        if not t.text[0].isupper():
            return False
        return (
            w in self.lex.title_words
            or w in self.lex.units
            or w in self.lex.org_heads
            or self.lex.orgs.match(toks, k) is not None
        )
