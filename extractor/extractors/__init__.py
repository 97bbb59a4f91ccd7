"""Rule-based extractors, one module per record type, all of one shape: ``extract(Article) -> list``."""
