"""Readers: one per format, each returning the same Document. (Placeholder: text only.)"""

from __future__ import annotations

from pathlib import Path

from ..model import Document, Page, SourceMap


def read_document(path: Path, rel: str, limits) -> Document:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return Document(path=rel, format="txt", text=text, pages=[Page(1, 0, len(text))],
                    source_map=SourceMap.identity(text))
