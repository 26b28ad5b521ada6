"""Read corpus/EXPECTED.yaml and locate its excerpts in extracted text.

    >>> from tools.expected import load_expected, find_excerpt
    >>> find_excerpt("de A W B Z\\nen AWBZ-zorg", "AWBZ-zorg")
    (14, 23)

The search folds whitespace, tolerates a hyphenated line break inside a word (``indicatie-\\n
stelling``), optional dots in acronyms (``A.W.B.Z.``) and the OCR confusions that the
normaliser may or may not have repaired (``rn``/``m``, ``é``/``ë``/``e``, ``i``/``l``), so the
same ground truth holds before and after those repairs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXPECTED = CORPUS / "EXPECTED.yaml"
RULE_TYPES = {"term", "pattern", "required", "duplicate", "levels", "reference"}
SEVERITIES = {"error", "warning", "info"}

_CONFUSABLE = {
    "é": "[éëe]", "ë": "[éëe]", "e": "[eéë]", "ï": "[ïi]",
    "i": "[il1ï]", "l": "[li1]", "1": "[1li]",
}


def load_expected(path: Path = EXPECTED) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def entries(data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """All problems and traps, each with ``kind`` = "problem" or "trap"."""
    data = data or load_expected()
    out = [dict(e, kind="problem") for e in data.get("problems", [])]
    out += [dict(e, kind="trap") for e in data.get("traps", [])]
    return out


def excerpt_pattern(excerpt: str) -> re.Pattern[str]:
    """A regex that finds ``excerpt`` in extracted text despite layout and OCR differences."""
    parts: list[str] = []
    text = excerpt
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            while i < len(text) and text[i].isspace():
                i += 1
            parts.append(r"\s+")
            continue
        if text.startswith("rn", i) or ch == "m":
            parts.append("(?:rn|m)")
            i += 2 if ch == "r" else 1
        elif ch == "." and i > 0 and text[i - 1].isupper():
            parts.append(r"\.?")
            i += 1
        elif ch.lower() in _CONFUSABLE:
            cls = _CONFUSABLE[ch.lower()]
            parts.append(cls if ch.islower() or not ch.isalpha() else cls.upper())
            i += 1
        else:
            parts.append(re.escape(ch))
            i += 1
        # a hyphenated line break may split a word anywhere between two letters
        if i < len(text) and ch.isalpha() and text[i].isalpha():
            parts.append(r"(?:-\s*\n\s*)?")
    return re.compile("".join(parts))


def find_excerpt(text: str, excerpt: str, occurrence: int = 1) -> tuple[int, int] | None:
    """[start, end) of the ``occurrence``-th match of ``excerpt`` in ``text``, or None."""
    for n, m in enumerate(excerpt_pattern(excerpt).finditer(text), start=1):
        if n == occurrence:
            return m.start(), m.end()
    return None
