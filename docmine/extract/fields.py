"""Is a label filled in? Forms, checklists and tables name a required element or step even when it
was left empty: "Einddatum" with nothing behind it, a table row whose value cell is empty, an
unticked box. Such a label does not make the element present.

Works on the normalised text, where readers put a table row on one line with cells separated by
`` | `` and keep a form's label/value pairs on one line (or the label alone on its line).
"""

from __future__ import annotations

import re
from typing import Callable

from ..vocabulary import current, words

# an unticked box at a line's (or cell's) start: ☐ □ ❏ ⬜ [ ] ( )
_UNTICKED = re.compile(r"^\s*(?:[☐□❏⬜]|\[\s?\]|\(\s?\))")
_TICKED = re.compile(r"^\s*(?:[☒☑✓✔✗✘■]|\[[xX✓✔]\]|\([xX]\))")


def _said(value: str) -> str:
    return " ".join(value.lower().split()).strip(" .:")


def _unanswered(value: str) -> bool:
    """A cell saying the step was not done ("nee", "n.v.t.", "—"; vocabulary unanswered_values)."""
    answers = current().derived("unanswered_values", lambda voc: frozenset(_said(w) for w in words("unanswered_values", voc)))
    return _said(value) in answers


def _label_cell(text: str, ls: int, start: int, end: int, le: int) -> tuple[str, str]:
    """(before, after) the label cell of a row a match ran over ("☐ | Gewenst resultaat |"): the
    first cell of the match that is not a box, up to its closing bar."""
    at = start
    for cell in text[start:end].split("|")[:-1]:
        if cell.strip() and not (_UNTICKED.match(cell) or _TICKED.match(cell)):
            break
        at += len(cell) + 1
    bar = text.find("|", at, end)
    return text[ls:at], text[bar:le] if bar != -1 else text[end:le]


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le == -1 else le)


def _next_line(text: str, at: int) -> str | None:
    """The next non-empty line after offset ``at`` (a line end), or None at the end of the text."""
    for line in text[at:at + 2000].split("\n")[1:]:
        if line.strip():
            return line.strip()
    return None


def left_empty(text: str, start: int, end: int, is_label: Callable[[str], bool] | None = None) -> bool:
    """True when the element named at ``text[start:end]`` stands as a label whose value was left
    empty or whose box is not ticked.

    >>> left_empty("☐ | Gewenst resultaat |", 4, 21)
    True
    >>> left_empty("☒ | Hulpvraag | Hulp bij de post.", 4, 13)
    False
    >>> left_empty("Vaststelling | ", 0, 12)
    True
    >>> left_empty("Eigen kracht en netwerk | nee | ", 0, 23)
    True
    >>> left_empty("Eigen kracht en netwerk | nee | Zoon helpt.", 0, 23)
    False
    >>> left_empty("Eigen kracht en netwerk | nee | ", 0, 32)
    True
    >>> left_empty("☐ | Gewenst resultaat |", 0, 23)
    True
    >>> left_empty("Beoogd resultaat\\nIngangsdatum 1 mei 2023", 0, 16, lambda s: s.startswith("Ingangsdatum"))
    True
    >>> left_empty("Beoogd resultaat\\nU houdt zelf de regie.", 0, 16, lambda s: s.startswith("Ingangsdatum"))
    False
    """
    ls, le = _line(text, start, end)
    line = text[ls:le]
    before, after = text[ls:start], text[end:le]
    if " | " in line or line.rstrip().endswith("|"):
        if "|" in text[start:end]:  # a cue that ran over the whole row: the label is its own cell
            before, after = _label_cell(text, ls, start, end, le)
        cells_before = before.split("|")
        label_cell_rest = after.split("|", 1)
        values = label_cell_rest[1].split("|") if len(label_cell_rest) > 1 else []
        empty = bool(values) and all(not v.strip() for v in values)
        if not empty and len(values) >= 2 and any(not v.strip() for v in values):
            # "Eigen kracht en netwerk | nee | ": answered "not discussed" with nothing to explain it
            empty = all(not v.strip() or _unanswered(v) for v in values)
        if any(_UNTICKED.match(c) for c in cells_before if c.strip()):
            return empty or not values
        return empty and len(label_cell_rest[0].strip(" :?")) < 40
    if _UNTICKED.match(before):
        return not after.strip(" \t:?.")
    if _TICKED.match(before):
        return False
    # a label alone on its line: empty when a form goes on with the next label (or ends)
    if before.strip(" \t-•*0123456789.)") or after.strip(" \t:?"):
        return False
    nxt = _next_line(text, le)
    return nxt is None or (is_label is not None and is_label(nxt))
