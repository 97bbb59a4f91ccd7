"""Load and validate the language data in ``patterns/``.

Every Indonesian word the pipeline knows lives in a TOML file under ``patterns/`` (shipped
inside the wheel as ``extractor/patterns``). Each file has a schema: a Pydantic model
declared beside the code that uses it and registered with :func:`lexicon`. Loading
validates the file against it, so a typo in the data fails loudly at start-up, not as a
silently missed fact. Loaded lexicons are cached per process.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

M = TypeVar("M", bound="PatternFile")

#: name of a pattern file (without .toml) -> its schema, filled by @lexicon
REGISTRY: dict[str, type[PatternFile]] = {}

#: modules that declare pattern schemas; imported by :func:`validate_all`
SCHEMA_MODULES = (
    "extractor.clean",
    "extractor.text",
    "extractor.normalize.numbers",
    "extractor.normalize.dates",
    "extractor.people.lexicon",
    "extractor.extractors.officials",
    "extractor.extractors.quotes",
    "extractor.extractors.sanctions",
    "extractor.extractors.statistics",
    "extractor.extractors.dates",
    "extractor.repair",
    "extractor.evaluate",
    "extractor.clauses.vocabulary",
    "extractor.clauses.layer",
    "extractor.corpus.relevance",
    "extractor.corpus.aliases",
    "extractor.corpus.figures",
)


class PatternError(ValueError):
    """A pattern file is missing, unreadable or does not match its schema."""


class PatternFile(BaseModel):
    """Base of every pattern schema: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def __hash__(self) -> int:  # loaded once and cached: identity is enough (lists are unhashable)
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


def lexicon(name: str):
    """Class decorator: register ``cls`` as the schema of ``patterns/<name>.toml``."""

    def deco(cls: type[M]) -> type[M]:
        REGISTRY[name] = cls
        cls.__pattern_name__ = name  # type: ignore[attr-defined]
        return cls

    return deco


def patterns_dir() -> Path:
    """The folder holding the pattern files: $EXTRACTOR_PATTERNS, the wheel's copy, or the checkout's."""
    return _patterns_dir(os.environ.get("EXTRACTOR_PATTERNS"))


@functools.lru_cache(maxsize=8)
def _patterns_dir(env: str | None) -> Path:
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here / "patterns", here.parent / "patterns"):
        if cand.is_dir():
            return cand
    raise PatternError(f"no patterns/ folder found beside {here}")


@functools.cache
def _read(name: str, folder: str) -> dict:
    path = Path(folder) / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise PatternError(f"pattern file missing: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PatternError(f"{path}: {exc}") from None


@functools.cache
def _load(cls: type[M], folder: str) -> M:
    name = cls.__pattern_name__  # type: ignore[attr-defined]
    try:
        return cls.model_validate(_read(name, folder))
    except ValidationError as exc:
        raise PatternError(
            f"{Path(folder) / name}.toml does not match its schema:\n{exc}"
        ) from None


_LOADED: dict[tuple[type, str | None], PatternFile] = {}


def load(cls: type[M]) -> M:
    """Load, validate and cache the pattern file whose schema is ``cls`` (hot path: one dict hit)."""
    env = os.environ.get("EXTRACTOR_PATTERNS")
    hit = _LOADED.get((cls, env))
    if hit is None:
        hit = _LOADED[(cls, env)] = _load(cls, str(_patterns_dir(env)))
    return hit  # type: ignore[return-value]


def validate_all() -> dict[str, PatternFile]:
    """Load every registered pattern file; raise :class:`PatternError` on the first bad one."""
    for mod in SCHEMA_MODULES:
        importlib.import_module(mod)
    return {name: load(cls) for name, cls in sorted(REGISTRY.items())}
