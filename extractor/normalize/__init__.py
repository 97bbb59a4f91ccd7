"""Indonesian number and date normalisers (public API)."""

from extractor.normalize.dates import parse_date
from extractor.normalize.numbers import parse_number

__all__ = ["parse_date", "parse_number"]
