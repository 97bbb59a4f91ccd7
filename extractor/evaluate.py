"""Score extracted facts against gold annotations (SPEC.md, "Gold annotations and scoring").

A gold file is an ArticleFacts JSON for one article, plus ``"optional": true`` on records an
extractor may miss without penalty and a list of acceptable ``measure`` values on
statistics. :func:`score` compares gold documents with predictions the way the reference
scorer (``shared/tools/score.py``) does, so numbers from ``python -m extractor evaluate``
and from that script are interchangeable:

- officials match on the folded name; position and organization are attribute accuracies,
  compared after folding acronyms (``patterns/evaluate.toml``);
- quotes match per kind on word-set overlap (Dice ≥ 0.8 direct, ≥ 0.5 indirect), one to one,
  greedily by descending overlap; speaker accuracy accepts the gold name or an alias;
- sanctions compare, per article, the set of types other than ``unspecified``;
- statistics match on value and one of the gold measures; year and topic are accuracies;
- dates compare, per article, the set of day (datetime at day) and month values; a predicted
  relative date that gold lacks is not counted against.

Besides the numbers, the :class:`Report` keeps per document what was missed, what was extra
and which attributes of matched records differ, with the records themselves, so that a
researcher can see *why* a score is what it is.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor import patterns
from extractor.evaluate_report import (
    CATEGORIES,
    Accuracy,
    Counts,
    DocumentReport,
    Finding,
    Mismatch,
    Record,
    Report,
    _as_list,
    _text,
    describe,
)
from extractor.patterns import PatternFile, lexicon

if TYPE_CHECKING:  # pragma: no cover
    from extractor.pipeline import Extractor

#: minimum word-set overlap (Dice) for a predicted quote to match a gold quote of its kind
QUOTE_THRESHOLDS = {"direct": 0.8, "indirect": 0.5}

# The scorer's notion of a word: Python's ``re`` \w on case-folded text (as score.py).
_WORD = re.compile(r"\w+", re.UNICODE)


@lexicon("evaluate")
class EvaluateLexicon(PatternFile):
    """Words the scorer folds when comparing positions and organisations."""

    acronyms: dict[str, str]
    ignored_words: list[str]


class EvaluateError(Exception):
    """Gold or predictions cannot be read; the message is one line for the user."""


# -- comparison primitives (the reference scorer's, one for one) -----------------------------


def words(text: Any) -> list[str]:
    """The scorer's tokens: runs of word characters, case-folded."""
    return _WORD.findall(_text(text).casefold())


def norm_name(text: Any) -> str:
    """A name with case and white space folded (and punctuation dropped)."""
    return " ".join(words(text))


def dice(a: Any, b: Any) -> float:
    """Word-set overlap 2|A∩B| / (|A| + |B|); 0.0 when either side has no words."""
    sa, sb = set(words(a)), set(words(b))
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


@functools.lru_cache(maxsize=8)
def _folding(lex: EvaluateLexicon) -> tuple[dict[str, list[str]], frozenset[str]]:
    return ({k: v.split() for k, v in lex.acronyms.items()}, frozenset(lex.ignored_words))


def folded_words(text: Any) -> set[str]:
    """Words of a position or organisation with acronyms expanded and fillers dropped."""
    acronyms, ignored = _folding(patterns.load(EvaluateLexicon))
    out: set[str] = set()
    for w in words(text):
        out.update(acronyms.get(w, (w,)))
    return out - ignored


def loose_equal(gold: Any, pred: Any) -> bool:
    """Both empty, or one's folded word set contains the other's ("Ketua" ⊆ "Ketua KASN").

    A list (SPEC "Gold annotations": the splits gold accepts) matches when any one of its
    items does, on either side (a gold file scored as a prediction), as tools/score.py does;
    the words of all items pooled together would accept a mix of two splits.
    """
    if isinstance(gold, list | tuple):
        return any(loose_equal(g, pred) for g in gold) if gold else loose_equal(None, pred)
    if isinstance(pred, list | tuple):
        return any(loose_equal(gold, p) for p in pred) if pred else loose_equal(gold, None)
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    a, b = folded_words(gold), folded_words(pred)
    return bool(a) and bool(b) and (a <= b or b <= a)


def match_greedy(
    golds: Sequence[Record],
    preds: Sequence[Record],
    similarity: Callable[[Record, Record], float],
    threshold: float,
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index) by descending similarity.

    At equal similarity a required gold record is matched before an optional one, then
    earlier records first — so an optional gold record never takes a prediction that a
    required one could have had.
    """
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            s = similarity(g, p)
            if s >= threshold:
                candidates.append((-s, bool(g.get("optional")), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _as_float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _records(doc: Record, key: str) -> list[Record]:
    value = doc.get(key)
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


# -- scoring ---------------------------------------------------------------------------------


class _DocScorer:
    """Scores one gold document against its prediction, adding into a :class:`Report`."""

    def __init__(self, report: Report, gold: Record, pred: Record | None) -> None:
        self.report = report
        self.gold = gold
        self.pred: Record = pred or {}
        self.doc = DocumentReport(doc_id=_text(gold.get("doc_id")), has_prediction=pred is not None)

    def run(self) -> DocumentReport:
        aliases = self.officials()
        self.quotes(aliases)
        self.sanctions()
        self.statistics()
        self.dates()
        return self.doc

    # shared bookkeeping
    def _count(self, category: str, counts: Counts) -> None:
        self.report.counts.setdefault(category, Counts()).add(counts)
        self.doc.counts.setdefault(category, Counts()).add(counts)

    def _check(self, attribute: str, correct: bool, gold: Any, pred: Any, record: Record) -> None:
        self.report.accuracy.setdefault(attribute, Accuracy()).add(correct)
        if not correct:
            self.doc.wrong.append(Mismatch(attribute, gold, pred, dict(record)))

    def _matched(
        self,
        category: str,
        golds: Sequence[Record],
        preds: Sequence[Record],
        pairs: list[tuple[int, int]],
    ) -> None:
        """Count a one-to-one matching: unmatched required gold → fn, unmatched pred → fp."""
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        missed = [g for gi, g in enumerate(golds) if gi not in matched_g and not g.get("optional")]
        extra = [p for pi, p in enumerate(preds) if pi not in matched_p]
        self._count(category, Counts(tp=len(pairs), fp=len(extra), fn=len(missed)))
        self.doc.missed.extend(Finding(category, dict(g)) for g in missed)
        self.doc.extra.extend(Finding(category, dict(p)) for p in extra)

    # categories
    def officials(self) -> dict[str, set[str]]:
        golds, preds = _records(self.gold, "officials"), _records(self.pred, "officials")
        pairs = match_greedy(
            golds,
            preds,
            lambda g, p: 1.0 if norm_name(g.get("name")) == norm_name(p.get("name")) else 0.0,
            1.0,
        )
        self._matched("officials", golds, preds, pairs)
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            for attr in ("position", "organization"):
                gv, pv = g.get(attr), p.get(attr)
                self._check(f"official.{attr}", loose_equal(gv, pv), gv, pv, g)
        aliases: dict[str, set[str]] = defaultdict(set)
        for o in golds:
            names = {norm_name(o.get("name"))} | {norm_name(a) for a in o.get("aliases") or []}
            for n in names:
                aliases[n] |= names
        return aliases

    def quotes(self, aliases: Mapping[str, set[str]]) -> None:
        gold_all, pred_all = _records(self.gold, "quotes"), _records(self.pred, "quotes")
        for kind, threshold in QUOTE_THRESHOLDS.items():
            golds = [q for q in gold_all if q.get("kind") == kind]
            preds = [q for q in pred_all if q.get("kind") == kind]
            pairs = match_greedy(
                golds, preds, lambda g, p: dice(g.get("text"), p.get("text")), threshold
            )
            self._matched(f"quotes.{kind}", golds, preds, pairs)
            for gi, pi in pairs:
                gs = norm_name(golds[gi].get("speaker"))
                if not gs:
                    continue  # gold names no speaker: nothing to score
                ps = norm_name(preds[pi].get("speaker"))
                self._check(
                    f"quotes.{kind}.speaker",
                    ps == gs or ps in aliases.get(gs, set()),
                    golds[gi].get("speaker"),
                    preds[pi].get("speaker"),
                    golds[gi],
                )

    def sanctions(self) -> None:
        gold: dict[str, dict[str, Any]] = {}
        for s in _records(self.gold, "sanctions"):
            kind = _hashable(s.get("type"))
            if kind == "unspecified":
                continue
            prev = gold.get(kind)
            optional = bool(s.get("optional")) and (prev is None or prev["optional"])
            statuses = (prev["status"] if prev else set()) | {_hashable(s.get("status"))}
            gold[kind] = {"optional": optional, "status": statuses}
        pred: dict[Any, set[Any]] = defaultdict(set)
        for s in _records(self.pred, "sanctions"):
            if s.get("type") != "unspecified":
                pred[_hashable(s.get("type"))].add(_hashable(s.get("status")))

        def record(kind: Any, statuses: set[Any]) -> dict[str, Any]:
            return {"type": kind, "status": sorted(statuses, key=_text)}

        counts = Counts()
        for kind, statuses in pred.items():
            if kind in gold:
                counts.tp += 1
                gstat = gold[kind]["status"]
                self._check(
                    "sanctions.status",
                    bool(statuses & gstat),
                    sorted(gstat, key=_text),
                    sorted(statuses, key=_text),
                    record(kind, gstat),
                )
            else:
                counts.fp += 1
                self.doc.extra.append(Finding("sanctions", record(kind, statuses)))
        for kind, g in gold.items():
            if kind not in pred and not g["optional"]:
                counts.fn += 1
                self.doc.missed.append(Finding("sanctions", record(kind, g["status"])))
        self._count("sanctions", counts)

    def statistics(self) -> None:
        golds, preds = _records(self.gold, "statistics"), _records(self.pred, "statistics")

        def similarity(g: Record, p: Record) -> float:
            gv, pv = _as_float(g.get("value")), _as_float(p.get("value"))
            if gv is None or pv is None or not abs(gv - pv) < 1e-6:
                return 0.0
            # a list of measures also on the prediction side: a gold file scored as prediction
            return 1.0 if _hashables(p.get("measure")) & _hashables(g.get("measure")) else 0.0

        pairs = match_greedy(golds, preds, similarity, 1.0)
        self._matched("statistics", golds, preds, pairs)
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            for attr in ("year", "topic"):
                self._check(
                    f"statistics.{attr}", g.get(attr) == p.get(attr), g.get(attr), p.get(attr), g
                )

    def dates(self) -> None:
        # per article, the set of distinct dates: a date written twice counts once
        gold: dict[tuple[str, str], bool] = {}  # key -> optional (only if every mention is)
        gold_text: dict[tuple[str, str], Any] = {}
        for d in _records(self.gold, "dates"):
            key = date_key(d)
            if key:
                gold[key] = gold.get(key, True) and bool(d.get("optional"))
                gold_text.setdefault(key, d.get("text"))
        pred: dict[tuple[str, str], bool] = {}  # key -> counts (some mention is not relative)
        pred_text: dict[tuple[str, str], Any] = {}
        for d in _records(self.pred, "dates"):
            key = date_key(d)
            if key:
                pred[key] = pred.get(key, False) or not d.get("relative")
                pred_text.setdefault(key, d.get("text"))

        def record(key: tuple[str, str], text: Any) -> dict[str, Any]:
            return {"value": key[1], "granularity": key[0], "text": text}

        counts = Counts()
        for key, counted in pred.items():
            if key in gold:
                counts.tp += 1
            elif counted:
                counts.fp += 1
                self.doc.extra.append(Finding("dates", record(key, pred_text[key])))
        for key, optional in gold.items():
            if key not in pred and not optional:
                counts.fn += 1
                self.doc.missed.append(Finding("dates", record(key, gold_text[key])))
        self._count("dates", counts)


def _hashable(value: Any) -> Any:
    """A JSON scalar as is; a list or object as its JSON text (usable as a set member)."""
    return json.dumps(value, sort_keys=True) if isinstance(value, list | dict) else value


def _hashables(value: Any) -> set[Any]:
    return {v for v in _as_list(value) if isinstance(v, str | int | float | bool | type(None))}


def date_key(d: Record) -> tuple[str, str] | None:
    """What a date is compared on: its day (also for a datetime) or its month; else None."""
    value = str(d.get("value") or "")
    granularity = d.get("granularity")
    if granularity in ("day", "datetime"):
        return ("day", value[:10])
    if granularity == "month":
        return ("month", value[:7])
    return None


def _to_dict(doc: Any) -> Record:
    if hasattr(doc, "model_dump"):
        return doc.model_dump(mode="json")
    return doc


def score(golds: Iterable[Record], preds: Mapping[str, Any]) -> Report:
    """Score gold documents (in the given order) against predictions keyed by doc_id.

    ``preds`` values are ArticleFacts or their JSON dicts; a gold document with no
    prediction counts as one that found nothing, and is listed in ``missing_docs``.
    """
    report = Report()
    for gold in golds:
        doc_id = _text(gold.get("doc_id"))
        pred = preds.get(doc_id)
        if pred is None:
            report.missing_docs.append(doc_id)
        report.documents.append(
            _DocScorer(report, gold, _to_dict(pred) if pred is not None else None).run()
        )
    return report


# -- reading gold and predictions -------------------------------------------------------------


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise EvaluateError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise EvaluateError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise EvaluateError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None


def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    """Every ``*.json`` gold file of a folder, sorted by file name; doc_id defaults to the stem."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvaluateError(f"gold folder not found: {folder}")
    golds = []
    for path in sorted(folder.glob("*.json")):
        doc = _read_json(path)
        if not isinstance(doc, dict):
            raise EvaluateError(f"{path}: a gold file holds one JSON object (an ArticleFacts)")
        doc.setdefault("doc_id", path.stem)
        golds.append(doc)
    if not golds:
        raise EvaluateError(f"no gold files (*.json) in {folder}")
    return golds


def _is_facts(doc: Any) -> bool:
    return isinstance(doc, dict) and "doc_id" in doc and ("officials" in doc or "quotes" in doc)


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """Predictions keyed by doc_id: a folder of ``<doc_id>.json`` or a JSONL of ArticleFacts.

    JSONL lines that are not ArticleFacts (a batch run's error records) are skipped; a file
    holding one JSON object or array of them is read as well.
    """
    path = Path(path)
    preds: dict[str, dict[str, Any]] = {}
    if path.is_dir():
        for f in sorted(path.glob("*.json")):
            doc = _read_json(f)
            if isinstance(doc, dict):
                preds[_text(doc.get("doc_id")) or f.stem] = doc
        return preds
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise EvaluateError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise EvaluateError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError:
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            raise EvaluateError(
                f"{path}: neither JSONL nor JSON ({exc.msg}, line {exc.lineno})"
            ) from None
        docs = whole if isinstance(whole, list) else [whole]
    for doc in docs:
        if _is_facts(doc):
            preds[_text(doc["doc_id"])] = doc
    return preds


def find_text(doc_id: str, text_dirs: Sequence[str | Path]) -> Path | None:
    """``<doc_id>.txt`` in the first folder that has it.

    A doc_id is a file name, never a path: one holding ``/``, ``\\``, ``..`` or NUL would
    read a file outside TEXT_DIR (``../../etc/passwd``), so it is refused.
    """
    if (
        not doc_id
        or doc_id.startswith(".")
        or any(c in doc_id for c in ("/", "\\", "\x00"))
        or Path(doc_id).is_absolute()
    ):
        raise EvaluateError(
            f"gold doc_id {doc_id!r} is not a plain file name; refusing to read a text "
            "outside TEXT_DIR"
        )
    for folder in text_dirs:
        path = Path(folder) / f"{doc_id}.txt"
        if path.is_file():
            return path
    return None


def predict(
    golds: Iterable[Record],
    text_dirs: Sequence[str | Path],
    extractor: Extractor | None = None,
) -> dict[str, dict[str, Any]]:
    """Run the extractor over ``<doc_id>.txt`` of each gold document; absent texts are skipped.

    The gold's ``published`` is passed on as the caller's publication date.
    """
    from extractor.io import InputError, read_text  # spaCy loads lazily
    from extractor.pipeline import Extractor

    ex = extractor or Extractor()
    preds = {}
    for gold in golds:
        doc_id = _text(gold.get("doc_id"))
        path = find_text(doc_id, text_dirs)
        if path is None:
            continue
        try:
            text = read_text(path)
        except InputError as exc:
            raise EvaluateError(str(exc)) from None
        # the gold's publication date is caller metadata (a batch run passes its
        # `published` column the same way); it resolves partial and relative dates
        published = gold.get("published") or None
        try:
            facts = ex.extract(text, doc_id=doc_id, published=published)
        except ValueError:  # an unreadable gold date: extract as from the text alone
            facts = ex.extract(text, doc_id=doc_id)
        preds[doc_id] = facts.model_dump(mode="json")
    return preds


def evaluate(
    gold_dir: str | Path,
    text_dirs: Sequence[str | Path] | None = None,
    *,
    pred: str | Path | None = None,
    extractor: Extractor | None = None,
) -> Report:
    """Score the extractor (texts from ``text_dirs``, default the gold folder) or ``pred``."""
    golds = load_gold(gold_dir)
    if pred is not None:
        preds = load_predictions(pred)
    else:
        preds = predict(golds, list(text_dirs or [gold_dir]), extractor)
    return score(golds, preds)


# -- command line ----------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and never exits the process."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


class _UsageError(Exception):
    pass


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _parser() -> argparse.ArgumentParser:
    ap = _Parser(
        prog="python -m extractor evaluate",
        description=(
            "Score the extractor against gold annotations (SPEC scoring: precision, recall, F1 "
            "per category, attribute accuracies, and what each document missed or added). "
            "Without --pred the extractor runs over <doc_id>.txt from TEXT_DIR (default: beside "
            "the gold files)."
        ),
        epilog="exit status: 0 ok, 1 unreadable input, 2 usage error, 3 an F1 below --min",
    )
    ap.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of <doc_id>.json gold files")
    ap.add_argument(
        "text_dirs",
        metavar="TEXT_DIR",
        nargs="*",
        help="folder(s) holding <doc_id>.txt; the first that has a document's text is used",
    )
    ap.add_argument(
        "--pred",
        metavar="PRED",
        help="score existing predictions: a folder of <doc_id>.json or a JSONL of ArticleFacts",
    )
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument(
        "--summary", action="store_true", help="only the scores, no per-document detail"
    )
    ap.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="CATEGORY=F1",
        help="fail (exit 3) when the category's F1 is below, e.g. quotes.direct=0.9; repeatable",
    )
    return ap


def _minimums(specs: Sequence[str]) -> dict[str, float]:
    out = {}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or key not in CATEGORIES:
            raise _UsageError(
                f"python -m extractor evaluate: error: --min wants CATEGORY=F1 with CATEGORY one of "
                f"{', '.join(CATEGORIES)}; got {spec!r}"
            )
        try:
            out[key] = float(value)
        except ValueError:
            raise _UsageError(
                f"python -m extractor evaluate: error: --min {spec!r}: F1 is not a number"
            ) from None
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m extractor evaluate GOLD_DIR [TEXT_DIR ...] [--pred PRED] [--json]``."""
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        minimums = _minimums(args.min)
        if args.pred and args.text_dirs:
            raise _UsageError(
                "python -m extractor evaluate: error: give TEXT_DIR or --pred, not both"
            )
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except _Exit as exc:
        return exc.status
    try:
        if args.pred is not None and not Path(args.pred).exists():
            raise EvaluateError(f"predictions not found: {args.pred}")
        for folder in args.text_dirs:
            if not Path(folder).is_dir():
                raise EvaluateError(f"text folder not found: {folder}")
        report = evaluate(args.gold_dir, args.text_dirs or None, pred=args.pred)
    except EvaluateError as exc:
        print(f"python -m extractor evaluate: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.to_dict(documents=not args.summary), ensure_ascii=False, indent=1))
    else:
        print(report.format(documents=not args.summary))
    if report.missing_docs and args.pred is None:
        where = ", ".join(str(d) for d in (args.text_dirs or [args.gold_dir]))
        print(
            f"python -m extractor evaluate: no text for {len(report.missing_docs)} document(s) in {where}",
            file=sys.stderr,
        )
    short = report.below(minimums)
    if short:
        print("SHORT: " + "; ".join(short), file=sys.stderr)
        return 3
    return 0


__all__ = [
    "CATEGORIES",
    "QUOTE_THRESHOLDS",
    "Accuracy",
    "Counts",
    "DocumentReport",
    "EvaluateError",
    "Finding",
    "Mismatch",
    "Report",
    "describe",
    "evaluate",
    "load_gold",
    "load_predictions",
    "loose_equal",
    "main",
    "match_greedy",
    "predict",
    "score",
]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
