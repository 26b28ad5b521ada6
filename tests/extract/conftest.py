"""Shared fixtures of the extraction tests."""

from __future__ import annotations

import pytest

from docmine.rules.loader import load_packs
from docmine.vocabulary import activate


@pytest.fixture
def pack(tmp_path):
    """``pack(yaml_text)``: a user's rule file with a ``vocabulary:`` made the running vocabulary
    (the shipped one again after the test)."""
    def use(body: str) -> None:
        file = tmp_path / "eigen.yml"
        file.write_text(body, encoding="utf-8")
        activate(load_packs([file])[1])
    yield use
    activate(None)
