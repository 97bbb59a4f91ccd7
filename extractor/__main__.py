"""``python -m extractor`` — see :mod:`extractor.cli`."""

from extractor.cli import main

raise SystemExit(main())
