"""``nlp.add_pipe("extractor")``: the facts inside a spaCy ``Doc``.

Registered through spaCy's ``spacy_factories`` entry point (see pyproject.toml), so
``spacy.blank("id").add_pipe("extractor")`` works without importing this module. The
component runs :meth:`extractor.Extractor.extract` on ``doc.text`` (the extractor keeps its
own tokenizer and works on character offsets, so the plain ``extract`` loop pays nothing
for this) and sets

- ``doc._.facts`` — the :class:`~extractor.models.ArticleFacts`;
- ``doc.spans["officials" | "quotes" | "sanctions" | "statistics" | "dates"]`` — the facts'
  spans, aligned to the user's tokens (``alignment_mode="expand"``), labelled so that
  ``displacy.render(doc, style="span", options={"spans_key": "quotes"})`` reads well.

A ``doc_id`` and ``published`` date can be passed per document in ``doc.user_data``
(``doc.user_data["published"] = "2024-04-18"``); ``nlp.pipe(pairs, as_tuples=True)`` carries
any other context through unchanged, as spaCy does for every component.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

SPAN_KEYS = ("officials", "quotes", "sanctions", "statistics", "dates")

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)


class ExtractorComponent:
    """Sets ``doc._.facts`` and ``doc.spans[...]`` from one :class:`extractor.Extractor`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._extractor: Any = None

    @property
    def extractor(self) -> Any:
        if self._extractor is None:  # load patterns and tokenizer on first use
            from extractor.pipeline import default_extractor

            self._extractor = default_extractor()
        return self._extractor

    def __call__(self, doc: Doc) -> Doc:
        facts = self.extractor.extract(
            doc.text,
            doc_id=doc.user_data.get("doc_id"),
            published=doc.user_data.get("published"),
        )
        doc._.facts = facts
        groups: dict[str, list[tuple[int, int, str]]] = {k: [] for k in SPAN_KEYS}
        for o in facts.officials:
            groups["officials"] += [(m.start, m.end, o.position or "official") for m in o.mentions]
        for q in facts.quotes:
            if q.span is not None:
                groups["quotes"].append((q.span.start, q.span.end, f"{q.kind}: {q.speaker or '?'}"))
        for s in facts.sanctions:
            if s.span is not None:
                groups["sanctions"].append((s.span.start, s.span.end, f"{s.type} ({s.status})"))
        for st in facts.statistics:
            if st.span is not None:
                label = f"{st.value:g} {st.unit} {st.measure}"
                groups["statistics"].append((st.span.start, st.span.end, label))
        for d in facts.dates:
            if d.span is not None:
                groups["dates"].append((d.span.start, d.span.end, d.value))
        for key, spans in groups.items():
            doc.spans[key] = [sp for sp in (_span(doc, *t) for t in spans) if sp is not None]
        return doc


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.factory(
    "extractor",
    assigns=["doc._.facts", "doc.spans"],
)
def make_extractor(nlp: Language, name: str) -> ExtractorComponent:
    """spaCy factory for the ``extractor`` component."""
    return ExtractorComponent(nlp, name)
