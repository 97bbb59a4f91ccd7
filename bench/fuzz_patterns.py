"""Fuzz every regex of the pipeline with adversarial input of growing length.

Usage: ``python bench/fuzz_patterns.py [--sizes 1000,10000,100000] [--all] [--pipeline-only]
[--tokenizer-only] [--attribution-only]``

The tokenizer part builds one token per affix the tokenizer's own rules peel (every prefix
and suffix unit of ``Defaults.prefixes``/``suffixes`` that really matches, brackets and
quotes around a word, ``_``, ``'s``) and times ``extractor.text.make_doc`` on it as it grows:
spaCy alone is quadratic there (``"ASN" + "”" * 8000``: 63 s).

Part 1 collects every regex the pipeline compiles: it empties ``re``'s cache, loads all
pattern files (``patterns.validate_all()``), builds an :class:`Extractor` and runs it on a
few articles, then reads the compiled patterns back from the cache (every ``re.compile``
passes through it, the extractors' ``lru_cache``'d compilations included). Each regex is
run with ``finditer`` (and ``fullmatch``, how the cleaner tests whole lines) over inputs
built to provoke backtracking: repeats of the pattern's own words, of capitalised names,
initials, dots, digits, quotes and white space. Time per character should stay flat as
the input grows 10× and 100×; a regex whose time grows faster is reported.

Part 2 runs the whole ``extract()`` stage by stage on the same kind of input and prints
the time per character of each stage.

When the time per character grows more than ``--limit`` times (default 4) from one size
to the next, the pair is flagged SUPER-LINEAR (a quadratic regex grows about 10× per 10×;
timer noise and CPU caches stay under 4×). ``search`` runs ``finditer`` over the whole
input; ``fullmatch`` is how the cleaner tests whole lines, so a regex flagged only under
``search`` is harmless where it is only used anchored (``match``/``fullmatch`` on a line
or a token). Sizes whose previous size already took over 0.05 s are skipped (and flagged)
so that a quadratic regex cannot stall the run. Part 1 takes several minutes.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE = (
    "Bawaslu Ingatkan ASN Jaga Netralitas\n\n"
    "DENPASAR - Ketua Bawaslu Bali, I Putu Agus Tirta Suguna, S.H., M.H., meminta ASN menjaga "
    "netralitas pada Pemilu 14 Februari 2024. “ASN yang terbukti tidak netral akan dijatuhi "
    "sanksi disiplin,” kata Agus di Denpasar, Kamis (18/4/2024). Sebanyak 1.234 ASN dilaporkan "
    "ke KASN, 12 di antaranya dijatuhi hukuman disiplin sedang berupa penundaan kenaikan pangkat "
    "selama satu tahun, ujar Sekda Dewa Made Indra.\nBaca Juga: ASN Dilarang Berpose\n(pp03)\n"
)


def collect_patterns() -> list[re.Pattern[str]]:
    """Every regex the pipeline compiles, read back from ``re``'s cache after a warm-up run."""
    from extractor import patterns
    from extractor.pipeline import Extractor

    re.purge()
    patterns.validate_all()
    ex = Extractor()
    for text in (SAMPLE, SAMPLE.encode().decode("mac_roman"), "<p>" + SAMPLE + "</p>"):
        ex.extract(text, published="2024-04-18")
    # spaCy's own affix rules are searched per token, not over the text: leave them out
    tok = ex.nlp.tokenizer
    spacy_own = {
        getattr(getattr(tok, a, None), "__self__", None)
        for a in ("prefix_search", "suffix_search", "infix_finditer", "url_match")
    }
    spacy_own = {p.pattern for p in spacy_own if isinstance(p, re.Pattern)}
    cache = getattr(re, "_cache", {})
    seen: dict[tuple[str, int], re.Pattern[str]] = {}
    for value in list(cache.values()):
        pattern = getattr(value, "pattern", None)
        if isinstance(value, re.Pattern) and isinstance(pattern, str) and pattern not in spacy_own:
            seen.setdefault((pattern, value.flags), value)
    return list(seen.values())


def words_of(pattern: str) -> list[str]:
    """Literal words in a regex source (what the pattern is looking for)."""
    src = re.sub(r"\\[a-zA-Z]|\(\?[^)]*\)|\{\d+(?:,\d*)?\}", " ", pattern)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z.]{1,}", src) if len(w) > 1][:60] or ["kata"]


def generators(pattern: str) -> dict[str, Callable[[int], str]]:
    """Adversarial input builders: n -> a string of length n."""
    words = words_of(pattern)

    def rep(unit: str) -> Callable[[int], str]:
        return lambda n: (unit * (n // max(1, len(unit)) + 1))[:n]

    return {
        "own-words": rep(" ".join(words) + " "),
        "own-words-glued": rep("".join(words)),
        "own-words-caps": rep(" ".join(w.capitalize() for w in words) + " "),
        "names": rep("Agus "),
        "initials": rep("A. "),
        "dots": rep("A.B."),
        "digits": rep("1"),
        "number-groups": rep("1.234."),
        "date-like": rep("12/"),
        "spaces": rep(" "),
        "newlines": rep("\n"),
        "space-newline": rep(" \n"),
        "quotes": rep("“"),
        "straight-quotes": rep('"a '),
        "commas": rep("Kata, "),
        "parens": rep("("),
        "dashes": rep("- "),
        "no-newline-tail": lambda n: "a" * (n - 1) + "!",
    }


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn`` takes, with the garbage collector off (it scales with live objects)."""
    gc.disable()
    try:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    finally:
        gc.enable()


def _consume(it: Iterator[object]) -> None:
    for _ in it:  # matches are dropped at once: a list of 100,000 matches times the allocator
        pass


def _growth(times: list[float], sizes: list[int], limit: float) -> str:
    """Why a timing series is super-linear ('' when it is not)."""
    for k in range(1, len(times)):
        if times[k - 1] < 1e-3:  # ratios of tiny times are noise
            continue
        per_char = (times[k] / sizes[k]) / (times[k - 1] / sizes[k - 1])
        if per_char > limit:
            return f"time per char grows {per_char:.1f}x from {sizes[k - 1]:,} to {sizes[k]:,}"
    if len(times) < len(sizes):
        return f"skipped {sizes[len(times)]:,} (previous size took {times[-1]:.2f} s)"
    return ""


#: short probes first, so that a catastrophic (cubic, exponential) regex is caught at a
#: few hundred characters instead of hanging the run at 10,000
PROBES = [25, 50, 100, 200, 400]


def fuzz_regexes(sizes: list[int], limit: float, show_all: bool) -> list[str]:
    pats = collect_patterns()
    sizes = sorted(set(PROBES) | set(sizes))
    print(f"# part 1: {len(pats)} compiled regexes, sizes {sizes}")
    bad: list[str] = []
    worst: list[tuple[float, str, str, list[float]]] = []
    for i, p in enumerate(pats):
        print(f"  [{i + 1}/{len(pats)}] {p.pattern[:70]!r}", file=sys.stderr, flush=True)
        for gname, gen in generators(p.pattern).items():
            for mode in ("search", "fullmatch"):
                run: Callable[[str], object] = (
                    (lambda s, p=p: _consume(p.finditer(s))) if mode == "search" else p.fullmatch
                )
                times: list[float] = []
                for n in sizes:
                    if times and times[-1] > 0.05:  # 10x more could take seconds
                        break
                    s = gen(n)
                    reps = 3 if not times or times[-1] < 0.05 else 1  # min of 3: less noise
                    times.append(min(timed(lambda s=s, run=run: run(s)) for _ in range(reps)))
                per_char = [t / n * 1e9 for t, n in zip(times, sizes, strict=False)]
                worst.append((max(per_char), p.pattern, f"{gname}/{mode}", per_char))
                why = _growth(times, sizes, limit)
                if why:
                    label = "SUPER-LINEAR" if "grows" in why else "SLOW        "
                    line = (
                        f"{label}  {mode:9} {gname:16} ns/char={[f'{x:.0f}' for x in per_char]}"
                        f"  {why}\n    pattern: {p.pattern[:300]!r}"
                    )
                    bad.append(line)
                    print(line, flush=True)
    worst.sort(reverse=True)
    print("\n# slowest regex/input pairs (ns per character at each size)")
    for peak, pat, gname, per_char in worst[: 40 if show_all else 12]:
        print(f"  {peak:10.0f}  {gname:26} {[f'{x:.0f}' for x in per_char]}  {pat[:100]!r}")
    return bad


def fuzz_pipeline(sizes: list[int], limit: float) -> list[str]:
    from extractor import clean, repair
    from extractor import text as textmod
    from extractor.document import Article
    from extractor.extractors import dates, officials, quotes, sanctions, statistics
    from extractor.normalize import numbers
    from extractor.pipeline import Extractor

    ex = Extractor(max_chars=max(sizes) + 1)
    stages: list[tuple[str, Callable[[Article], object]]] = [
        ("layout", clean.analyse_layout),
        ("tokens", lambda a: textmod.analyse(a, ex.nlp)),
        ("numbers", numbers.find_numbers),
        ("dates", dates.resolve),
        ("officials", lambda a: setattr(a, "officials", officials.extract(a))),
        ("quotes", lambda a: setattr(a, "quotes", quotes.extract(a))),
        ("sanctions", lambda a: setattr(a, "sanctions", sanctions.extract(a))),
        ("statistics", lambda a: setattr(a, "statistics", statistics.extract(a))),
    ]
    inputs: dict[str, Callable[[int], str]] = {
        "article-one-line": lambda n: (SAMPLE.replace("\n", " ") * (n // len(SAMPLE) + 1))[:n],
        "article-lines": lambda n: (SAMPLE * (n // len(SAMPLE) + 1))[:n],
        "mojibake": lambda n: (SAMPLE.encode().decode("mac_roman") * (n // len(SAMPLE) + 1))[:n],
        "quote-storm": lambda n: ("“Kata Agus, " * (n // 12 + 1))[:n],
        "name-run": lambda n: ("Agus Made " * (n // 10 + 1))[:n],
        "digits-dots": lambda n: ("1.2/3,4 " * (n // 8 + 1))[:n],
        "html": lambda n: ("<p>Kata <b>Agus</b> &amp; " * (n // 24 + 1))[:n],
    }
    print(f"\n# part 2: whole pipeline, stage by stage, µs per character, sizes {sizes}")
    bad: list[str] = []
    for iname, gen in inputs.items():
        prev: dict[str, float] = {}
        prev_n = sizes[0]
        for n in sizes:
            if prev and max(prev.values()) > 5.0:
                bad.append(f"{iname}: skipped {n:,} (a stage took {max(prev.values()):.1f} s)")
                print("  " + bad[-1])
                break
            raw = gen(n)
            row: dict[str, float] = {}
            row["repair"] = min(timed(lambda raw=raw: repair.repair(raw)) for _ in range(3))
            art = Article(text=repair.repair(raw).text)
            for sname, fn in stages:
                row[sname] = timed(lambda fn=fn, art=art: fn(art))
            cells = " ".join(f"{k}={v / n * 1e9 / 1000:7.1f}" for k, v in row.items())
            print(f"  {iname:16} n={n:>7,}  {cells}", flush=True)
            for k, v in row.items():
                if k in prev and prev[k] > 2e-3 and (v / n) / (prev[k] / prev_n) > limit:
                    msg = (
                        f"SUPER-LINEAR stage {k} on {iname}: {prev[k]:.3f}s at {prev_n:,} -> "
                        f"{v:.3f}s at {n:,}"
                    )
                    bad.append(msg)
                    print("  " + msg)
            prev, prev_n = row, n
    return bad


#: shapes of attributed quotes for :func:`fuzz_attribution`: quote number ``i`` -> a paragraph
ATTRIBUTION_SHAPES: dict[str, Callable[[int], str]] = {
    "titled-name": lambda i: (
        f'"ASN wajib netral nomor {i}," kata Ketua Bawaslu Kota Maju Budi Santoso.'
    ),
    "short-name": lambda i: f'"ASN wajib netral nomor {i}," kata Budi.',
    "pronoun": lambda i: f'"ASN wajib netral nomor {i}," ujarnya.',
    "no-cue": lambda i: f'"ASN wajib netral dalam pilkada nomor {i}."',
    "indirect": lambda i: f"Ketua Bawaslu Kota Maju Budi Santoso mengatakan, ASN nomor {i} netral.",
    "mid-sentence": lambda i: f"ASN nomor {i}, kata Budi, wajib netral.",
    "many-people": lambda i: (
        f'"ASN wajib netral nomor {i}," kata Kepala Dinas {_person(i)} saat rapat.'
    ),
}


def _person(i: int) -> str:
    """A distinct two-word capitalised name for every ``i`` (``Bada Kaca``)."""
    syl = ["ba", "ca", "da", "ga", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta"]
    a, b = [], []
    for out in (a, b):
        for _ in range(3):
            i, r = divmod(i, len(syl))
            out.append(syl[r])
    return " ".join("".join(w).capitalize() for w in (a, b))


def fuzz_attribution(counts: list[int], limit: float) -> list[str]:
    """Officials and quote attribution on articles of ``n`` attributed quotes of one shape:
    the time per quote must stay flat as ``n`` grows (each quote's speaker is looked up among
    all mentions of all officials, so a scan per quote would be quadratic)."""
    from extractor import clean
    from extractor import text as textmod
    from extractor.document import Article
    from extractor.extractors import officials, quotes
    from extractor.pipeline import Extractor

    ex = Extractor(max_chars=10**9)
    ex.nlp.max_length = 10**9
    print(f"\n# part 3: attribution, µs per quote, quotes per article {counts}")
    bad: list[str] = []
    for shape, para in ATTRIBUTION_SHAPES.items():
        prev: tuple[int, float, float] | None = None
        for n in counts:
            if prev is not None and max(prev[1], prev[2]) > 20.0:
                bad.append(f"attribution {shape}: skipped {n:,} (a stage took over 20 s)")
                print("  " + bad[-1])
                break
            body = "\n\n".join(para(i) for i in range(n))
            art = Article(
                text=f"Judul\n\nJAKARTA - Ketua Bawaslu Kota Maju Budi Santoso hadir.\n\n{body}\n"
            )
            clean.analyse_layout(art)
            textmod.analyse(art, ex.nlp)
            t_off = timed(lambda art=art: setattr(art, "officials", officials.extract(art)))
            got: list[object] = []
            t_q = timed(lambda art=art, got=got: got.extend(quotes.extract(art)))
            print(
                f"  {shape:13} n={n:>6,}  quotes={len(got):>6,}  officials={t_off / n * 1e6:7.1f}"
                f"  quotes={t_q / n * 1e6:7.1f}",
                flush=True,
            )
            if prev is not None:
                for stage, now, was in (("officials", t_off, prev[1]), ("quotes", t_q, prev[2])):
                    if was > 2e-3 and (now / n) / (was / prev[0]) > limit:
                        bad.append(
                            f"SUPER-LINEAR attribution {stage} on {shape}: {was:.3f}s at "
                            f"{prev[0]:,} quotes -> {now:.3f}s at {n:,}"
                        )
                        print("  " + bad[-1])
            prev = (n, t_off, t_q)
    return bad


def affix_units(nlp: object) -> dict[str, list[str]]:
    """Strings the tokenizer peels as one prefix / suffix, read from its own affix rules.

    Every character named in ``Defaults.prefixes`` / ``suffixes`` (plus a few multi-character
    suffixes: ``'s``, ``..``) is kept when the compiled rule really peels it off ``ASN``.
    """
    defaults = nlp.Defaults  # type: ignore[attr-defined]
    tok = nlp.tokenizer  # type: ignore[attr-defined]
    out: dict[str, list[str]] = {"prefix": [], "suffix": []}
    for kind, rules, probe in (
        ("prefix", defaults.prefixes, lambda u: tok.prefix_search(u + "ASN")),
        ("suffix", defaults.suffixes, lambda u: tok.suffix_search("ASN" + u)),
    ):
        chars = {c for r in rules for c in str(r) if not c.isalnum() and not c.isspace()}
        cands = [*sorted(chars), "'s", "..", "?!"]
        for u in cands:
            m = probe(u)
            if m is not None and m.group() == u:
                out[kind].append(u)
    return out


def fuzz_tokenizer(sizes: list[int], limit: float) -> list[str]:
    """The tokenizer on one token of ``n`` characters: a word wrapped in runs of every affix
    its rules peel. spaCy peels one affix at a time and searches the rest again (n² for
    ``ASN”””…``); ``extractor.text.make_doc`` cuts long stretches first, so the time per
    character must stay flat."""
    from extractor import text as textmod

    nlp = textmod.make_nlp()
    nlp.max_length = 10**9
    units = affix_units(nlp)
    shapes: dict[str, Callable[[int], str]] = {}
    for u in units["prefix"]:
        shapes[f"prefix {u}"] = lambda n, u=u: (u * (n // len(u) + 1))[:n] + "ASN"
    for u in units["suffix"]:
        shapes[f"suffix {u}"] = lambda n, u=u: "ASN" + (u * (n // len(u) + 1))[:n]
    # a word wrapped in both: the pairs news text has (brackets, quotes, rules, dashes)
    for a, b in ("()", "[]", "“”", '""', "==", "——", "**", "<>"):
        if a in units["prefix"] and b in units["suffix"]:
            shapes[f"around {a}ASN{b}"] = lambda n, a=a, b=b: a * (n // 2) + "ASN" + b * (n // 2)
    shapes["alternating (“"] = lambda n: ("(“" * (n // 2 + 1))[:n] + "ASN"
    print(
        f"\n# tokenizer: {len(units['prefix'])} prefix and {len(units['suffix'])} suffix units"
        f" from its affix rules, {len(shapes)} shapes, sizes {sizes}, ns per character"
    )
    bad: list[str] = []
    for name, gen in shapes.items():
        times: list[float] = []
        for n in sizes:
            if times and times[-1] > 2.0:
                break
            s = f"Kata {gen(n)} akhir."
            times.append(min(timed(lambda s=s: textmod.make_doc(nlp, s)) for _ in range(2)))
        per_char = [f"{t / n * 1e9:.0f}" for t, n in zip(times, sizes, strict=False)]
        why = _growth(times, sizes, limit)
        if why:
            bad.append(f"SUPER-LINEAR tokenizer {name!r}: {why}")
            print("  " + bad[-1], flush=True)
        else:
            print(f"  {name:24} {per_char}", flush=True)
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument(
        "--limit", type=float, default=4.0, help="allowed growth of the time per character"
    )
    ap.add_argument("--all", action="store_true", help="list more of the slowest pairs")
    ap.add_argument("--pipeline-only", action="store_true")
    ap.add_argument(
        "--attribution",
        default="1000,4000,16000",
        help="quotes per article for the attribution part ('' skips it)",
    )
    ap.add_argument("--attribution-only", action="store_true")
    ap.add_argument(
        "--tokenizer-only", action="store_true", help="only the tokenizer's affix rules"
    )
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    bad: list[str] = []
    counts = [int(c) for c in args.attribution.split(",") if c]
    if args.tokenizer_only:
        bad += fuzz_tokenizer(sizes, args.limit)
        print(f"\n# {len(bad)} finding(s)")
        return 1 if bad else 0
    if not args.pipeline_only and not args.attribution_only:
        bad += fuzz_regexes(sizes, args.limit, args.all)
    if not args.attribution_only:
        bad += fuzz_pipeline(sizes, args.limit)
        bad += fuzz_tokenizer(sizes, args.limit)
    if counts:
        bad += fuzz_attribution(counts, args.limit)
    print(f"\n# {len(bad)} finding(s)")
    for line in bad:
        print(line.splitlines()[0])
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
