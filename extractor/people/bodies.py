"""Words of a body's or a unit's name, which a person's name never is.

A title phrase names its post's unit and body before the name (``Ketua Badan Legislasi
Dewan Perwakilan Rakyat X``); a capitalised run that goes on into a body, into English
function words or into the bracketed short form of the phrase is the body's, not a person's.
"""

from __future__ import annotations

from extractor.people.lexicon import Tok
from extractor.people.names import NameReader


class BodyWords(NameReader):
    """Tells a body's or unit's words from a person's name in one article."""

    def body_after(self, toks: list[Tok], k: int) -> int | None:
        """The index after a short run of capitalised words at k that a body's name follows
        without a comma (``Legislasi`` in ``Badan Legislasi Dewan Perwakilan Rakyat``):
        a person's name never runs into a body's, so the run is the unit's or field's."""
        if self.title_case(toks):
            return None  # a headline: "Bupati Budi Resmikan Kantor Dinas …"
        j = k
        while j < len(toks) and j - k < 3 and toks[j].cap and toks[j].kind == "w":
            if (
                self.is_initial(toks, j)
                or self.lex.noise.match(toks, j)
                or self.particle(toks, j)
                or not toks[j].text[1:].islower()  # an acronym: unknown_body's case
            ):
                return None
            if j > k and self.body_starts(toks, j, j - k):
                break
            j += 1
        if j == k or j >= len(toks) or not toks[j].cap or not self.body_starts(toks, j, j - k):
            return None
        return j

    def field_goes_on(self, toks: list[Tok], k: int) -> bool:
        """After "dan": do capitalised words at k run on to a body or to the bracketed short
        form of the phrase (``Prasarana Pelatihan Kemnaker``, ``Retribusi Daerah (BPRD)``)?"""
        n = len(toks)
        j = k
        while (
            j < n
            and j - k < 4
            and toks[j].cap
            and toks[j].kind == "w"
            and toks[j].text[1:].islower()
            and not self.lex.noise.match(toks, j)
            and not self.body_starts(toks, j, 0)
        ):
            j += 1
        if j == k or j >= n:
            return False
        if toks[j].text == "(" and j + 2 < n and toks[j + 2].text == ")":
            return self.is_acronym(toks, j + 1)
        return toks[j].cap and self.body_starts(toks, j, 0)

    def body_starts(self, toks: list[Tok], j: int, before: int) -> bool:
        """Does a body's name start at j: a known body or its head word, or (after one word)
        the country's name opening one (``Presidium Indonesia Police Watch``)?"""
        if toks[j].fold in self.lex.org_heads or self.lex.orgs.match(toks, j):
            return True
        m = self.lex.home.match(toks, j) if before == 1 else None
        return m is not None and m[1] < len(toks) and toks[m[1]].cap and toks[m[1]].kind == "w"

    def inside_body_name(self, toks: list[Tok], k: int, e: int) -> bool:
        """Is the run k..e part of a body's name rather than a person's?

        ``Kepala Balai Besar …``, ``Ketua Forum Warga Kota Jakarta (FAKTA)``: the run goes
        on with a capitalised word of a body or programme, or with an acronym in brackets
        that does not start with the run's first letter (``Penanggulangan Bencana (BNPB)``;
        but ``Jusuf Kalla (JK)``, ``Edy Sofyan (EDS)``).
        """
        n = len(toks)
        if e >= n:
            return False
        t = toks[e]
        if t.cap and t.fold not in self.lex.not_names and t.fold in self.lex.vocab:
            return True
        if t.text in self.lex.company_markers:
            return True
        if (  # "Direktur Policy WWF …": an acronym right after the run
            self.is_acronym(toks, e)
            and t.start == toks[e - 1].end + 1
            and not self.lex.noise.match(toks, e)
            and t.text.isupper()
        ):
            return True
        if (  # "Pengkajian dan Materi", "Observsi dan Informasi"
            t.fold in self.lex.joiners
            and e + 1 < n
            and toks[e + 1].cap
            and toks[e + 1].fold in self.lex.vocab
            and toks[e + 1].fold not in self.lex.starts
            and not self.lex.noise.match(toks, e + 1)
            and toks[e + 1].fold not in self.lex.not_names
        ):
            return True
        if t.text in self.lex.body_joiners and e + 1 < n and toks[e + 1].cap:
            return True  # "Direktur Center for Fiscal Studies": a body named in English
        if t.text == "(" and e + 2 < n and toks[e + 2].text == ")" and self.is_acronym(toks, e + 1):
            return toks[e + 1].text[0].upper() != toks[k].text[0].upper()
        if t.text == "(" and e + 2 < n and toks[e + 2].text == ")" and self.spells(toks, k, e + 1):
            return True  # "Brigade Mobile (Brimob)", "Divisi Regional (Divre)": the body's words
        # "Lingkar Madani Indonesia (LIMA)": a body named after the country
        m = self.lex.home.match(toks, e)
        return bool(
            m and m[1] + 2 < n and toks[m[1]].text == "(" and self.is_acronym(toks, m[1] + 1)
        )

    @staticmethod
    def spells(toks: list[Tok], k: int, j: int) -> bool:
        """Is the word at j a short form made of the word before the run at k and the run
        (``Brimob`` of ``Brigade Mobile``, ``Divre`` of ``Divisi Regional``, ``BEM`` of
        ``Badan Eksekutif Mahasiswa``)? A person's initials (``Ganjar Pranowo (GP)``) are not."""
        if k == 0 or toks[j].kind != "w" or len(toks[j].text) < 3 or not toks[k - 1].cap:
            return False
        head, short, run = toks[k - 1].text.casefold(), toks[j].text.casefold(), toks[k].fold
        return short[0] == head[0] and (short[1] == head[1] or short[1] == run[0])

    @staticmethod
    def is_acronym(toks: list[Tok], k: int) -> bool:
        return (
            k < len(toks)
            and toks[k].kind == "w"
            and len(toks[k].text) >= 2
            and sum(c.isupper() for c in toks[k].text) >= 2
        )
