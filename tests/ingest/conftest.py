"""Fixtures for the reader tests (files made by ingest_files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_files import make_docx, make_pdf

from docmine.api import Limits


@pytest.fixture(scope="session")
def limits() -> Limits:
    return Limits()


@pytest.fixture(scope="session")
def pdf_path(tmp_path_factory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("pdf") / "verordening.pdf")


@pytest.fixture(scope="session")
def docx_path(tmp_path_factory) -> Path:
    return make_docx(tmp_path_factory.mktemp("docx") / "werkinstructie.docx")
