"""Corpus-level facts over a batch output: relevance, people, figures, duplicates.

``relevance`` runs inside the pipeline (one cue scan per article). The rest work on a batch
output after the run: :func:`link` writes the ``people`` and ``figures`` tables and adds
``person_id``, ``figure_id`` and ``duplicate_of`` to the rows. Linking needs the ``corpus``
extra (rapidfuzz, numpy, pyarrow); it is imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from extractor.corpus.linker import LinkSummary


def link(
    out: str | Path,
    *,
    texts: Sequence[str | Path] = (),
    say: Callable[[str], None] | None = None,
) -> LinkSummary:
    """Link people and figures across the articles of batch output ``out``.

    ``texts``: the batch's inputs, for near-duplicates on full texts. See :mod:`.linker`
    for what is written where.
    """
    from extractor.corpus.linker import link as _link

    return _link(out, texts=texts, say=say)


__all__ = ["link"]
