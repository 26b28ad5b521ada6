"""index.html: one self-contained, Dutch report a policy officer can read from a USB stick.

No external URL at all: CSS and JS are inlined from ``templates/``, the findings are embedded as
JSON in a ``<script type="application/json">`` (with ``<``, ``>`` and ``&`` escaped) and drawn by
the inline script with ``textContent`` only. Everything else (overview, duplicates side by side
with a word-level diff, level tables, the reference graph) is rendered here with ``html.escape``.

    render(result) -> b'<!doctype html><html lang="nl">...'

One module per part of the page:

    page.py        the template filled in: sections, navigation, data (``write``, ``render``)
    data.py        the findings, rules and documents as JSON for the page's script
    overview.py    the counts, the charts and the documents table
    duplicates.py  the duplicate groups, each pair side by side (the word diff in diff.py)
    levels.py      each product family's levels in a table, the cells at fault marked
    graph.py       the references between documents and laws, drawn and listed
    rules.py       every rule explained
    problems.py    what was not read or skipped, the rules that failed
    markup.py      escaping, templates, a section, a search field: what all of them use
"""

from .page import render, write

__all__ = ["render", "write"]
