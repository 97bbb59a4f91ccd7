"""Views that let a researcher check and correct what was found.

- :mod:`extractor.views.html` — one self-contained HTML page per article, and batch pages;
- :mod:`extractor.views.report` — a corpus report over a batch output (needs the ``report``
  extra, matplotlib);
- :mod:`extractor.views.spacy_component` — ``nlp.add_pipe("extractor")`` for spaCy users;
- :mod:`extractor.views.labelstudio` — Label Studio tasks out, corrected gold back in.

Nothing here is imported by :func:`extractor.extract`: the core loop stays on offsets.
"""
