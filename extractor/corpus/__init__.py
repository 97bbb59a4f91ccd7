"""Corpus-level facts over a batch output: relevance, people, figures, duplicates.

``relevance`` runs inside the pipeline (one cue scan per article). The rest work on a batch
output after the run: :func:`link` writes the ``people`` and ``figures`` tables and adds
``person_id``, ``figure_id`` and ``duplicate_of`` to the rows. Linking needs the ``corpus``
extra (rapidfuzz, datasketch, pyarrow); it is imported only when asked for.
"""

from __future__ import annotations

from typing import Any


def link(out: str, **kwargs: Any) -> Any:
    """Link people and figures across the articles of batch output ``out`` (see :mod:`.link`)."""
    from extractor.corpus.link import link as _link

    return _link(out, **kwargs)


__all__ = ["link"]
