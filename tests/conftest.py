"""Fixtures shared by the test modules at the top level."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def generate_corpus() -> Callable[..., Path]:
    """``generate_corpus(folder, n, seed)``: a generated municipal corpus of ``n`` documents
    (benchmarks/gen_corpus.py, the benchmarks' own generator) written into ``folder``."""
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "benchmarks" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]

    def generate(out: Path, n: int, seed: int) -> Path:
        return mod.generate(out, n=n, seed=seed)
    return generate
