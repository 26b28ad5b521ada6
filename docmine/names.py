"""File names as docmine shows them: text that every writer can hold and every terminal prints
as it is.

A file name on Linux is bytes. One that is not UTF-8 (``cli\\xebnt.txt`` saved on a Latin-1
system) comes to Python with a surrogate escape that no UTF-8 writer, JSON or SQLite accepts;
``shown`` writes such bytes as ``\\xNN``, so the document is audited and named in every report.
A name may also hold control characters (a newline, an escape sequence that would recolour or
rewrite the terminal); ``printable`` writes those as ``\\xNN`` too, for the terminal.

    >>> shown("cli\\udcebnt.txt")
    'cli\\\\xebnt.txt'
    >>> printable("rood\\x1b[31m.txt")
    'rood\\\\x1b[31m.txt'
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(name: str) -> str:
    """``name`` with bytes that are not UTF-8 (surrogate escapes) written as ``\\xNN``."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(text: str) -> str:
    """``text`` for a terminal: control characters (escape sequences, carriage returns,
    bidirectional overrides) and bytes that are not UTF-8 written as ``\\xNN`` / ``\\uNNNN``;
    newlines and tabs are kept."""
    text = shown(text)
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def printable_name(name: str) -> str:
    """A file name for a terminal: as ``printable``, and a newline or tab in it escaped too."""
    return printable(name).replace("\n", "\\n").replace("\t", "\\t")


__all__ = ["shown", "printable", "printable_name"]
