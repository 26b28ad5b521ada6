"""Beschikking and gespreksverslag: which of the required sections are present, found by
heading, label, question or table row ("Beoogd resultaat", "Wat willen wij bereiken?",
"Hulpvraag | ...") or by a phrase in a paragraph ("met ingang van 1 maart 2021").

The phrasings are the vocabulary's ``beschikking_elements`` and ``verslag_steps``
(rules/vocabulary/velden.yml). A label left empty (a form's "Einddatum" with nothing behind it, an
empty table cell, an unticked box) does not count: see ``fields.left_empty``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Clause, Document
from ..vocabulary import Vocabulary, current
from .fields import left_empty

_KEYS = {"beschikking": "beschikking_elements", "gespreksverslag": "verslag_steps"}
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")
# what may stand before a label at a line start: numbering, a box, a bullet, a table cell
_LEAD = r"^[ \t]*(?:(?:[☐□❏⬜☒☑✓✔■]|\[[ xX]?\]|\([ xX]?\))[ \t]*\|?[ \t]*)?(?:\d+(?:\.\d+)*[.)]?[ \t]+|[-•*][ \t]+)?"


@dataclass
class _Phrasings:
    heads: dict[str, re.Pattern[str]]  # element -> its label at a line start (heading, question, row, form)
    cues: dict[str, re.Pattern[str]]  # element -> its phrasing anywhere
    labels: re.Pattern[str]  # any element's label right at a line start


def _build(kind: str):
    def build(voc: Vocabulary) -> _Phrasings:
        elements = voc.get(_KEYS[kind], default={}) or {}
        heads, cues, alts = {}, {}, []
        for el, phrasings in elements.items():
            alt = "|".join(f"(?:{p})" for p in phrasings)
            alts.append(alt)
            heads[el] = re.compile(_LEAD + rf"(?:[A-Za-z]+\s+){{0,3}}?(?:{alt})", re.I)
            cues[el] = re.compile(rf"\b(?:{alt})", re.I)
        return _Phrasings(heads, cues, re.compile(_LEAD + "(?:" + "|".join(alts or ["(?!)"]) + r")\b", re.I))
    return build


def phrasings(kind: str) -> _Phrasings:
    """The compiled phrasings of ``kind`` (beschikking or gespreksverslag) in the running vocabulary."""
    kind = "beschikking" if kind == "beschikking" else "gespreksverslag"
    return current().derived("sections:" + kind, _build(kind))


def is_label_line(line: str, kind: str) -> bool:
    """Whether ``line`` starts with the label of one of ``kind``'s elements (a form's next row)."""
    return phrasings(kind).labels.match(line) is not None


def extract_sections(doc: Document, kind: str) -> list[Clause]:
    """``sectie`` clauses with attrs.element for the elements present.

    >>> d = Document(path="b.txt", format="txt", text="Bezwaar\\nU kunt binnen zes weken bezwaar maken.")
    >>> [c.attrs["element"] for c in extract_sections(d, "beschikking")]
    ['bezwaar']
    """
    ph = phrasings(kind)
    text = doc.text
    base = doc.path + "#"

    def label(line: str) -> bool:
        return is_label_line(line, kind)

    paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group(0).strip()]
    found: dict[str, Clause] = {}
    # 1. headings, questions, labels and table rows: a short line (or a row's first cell)
    heads = []
    for pi, (s, e) in enumerate(paras):
        pos = s
        for line in text[s:e].split("\n"):
            first = line.split(" | ", 1)[0].strip()
            if first and len(first) <= 90 and not first.endswith((".", ",", ";")):
                heads.append((pi, pos, line))
            pos += len(line) + 1
    for n, (pi, ls, line) in enumerate(heads):
        for el, rx in ph.heads.items():
            if el in found:
                continue
            m = rx.match(line)
            if not m or left_empty(text, ls + m.start(), ls + m.end(), label):
                continue
            nxt = heads[n + 1][1] if n + 1 < len(heads) else len(text)
            e = min(max(paras[pi][1], ls + len(line)), nxt if nxt > ls else len(text))
            found[el] = Clause(id=f"{base}sectie.{el}", kind="sectie", text=text[ls:e], start=ls, end=e,
                               title=line.strip()[:90], attrs={"element": el, "found_by": "heading"})
            break
    # 2. phrasings in paragraphs
    for el, rx in ph.cues.items():
        if el in found:
            continue
        for s, e in paras:
            m = next((m for m in rx.finditer(text, s, e) if not left_empty(text, m.start(), m.end(), label)), None)
            if m:
                found[el] = Clause(id=f"{base}sectie.{el}", kind="sectie", text=text[s:e], start=s, end=e,
                                   title=None, attrs={"element": el, "found_by": "cue", "cue": m.group(0)})
                break
    return sorted(found.values(), key=lambda c: c.start)
