"""index.html put together: the template filled with the sections, the navigation and the data."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import PurePath
from typing import BinaryIO

from ...model import AuditResult
from .._fork import Background
from .data import findings_data
from .duplicates import duplicates, duplicates_title
from .graph import reference_graph
from .levels import level_tables
from .markup import PLACEHOLDER, e, embed_json_bytes, section, template
from .overview import count_cards, documents_table, overview
from .problems import is_rule_error, rule_errors, skipped, unreadable
from .rules import rules_section


def write(result: AuditResult, fh: BinaryIO, split: bool = False, index: str | None = None) -> None:
    """Write index.html into the binary file ``fh``; ``split``: the duplicates section (the word
    diffs, ~40% of the page's time) is made in a forked child meanwhile. (The levels and
    references sections went there too at first: that child then took ~30% longer than the rest.)
    ``index``: the page is one folder's part of a larger report, whose index is at this relative
    address (``byfolder``); the intro links back to it."""
    dups = Background(lambda: section(*duplicates_title(result), duplicates(result)).encode("utf-8"), fork=split)
    try:
        _write_page(result, fh, dups, index)
    finally:
        dups.close()


def _write_page(result: AuditResult, fh: BinaryIO, dups: Background, index: str | None = None) -> None:
    root_name = PurePath(result.root).name if result.root else ""
    now = result.stats.get("generated") or datetime.now().strftime("%d-%m-%Y %H:%M")
    data = embed_json_bytes(findings_data(result))
    first = [
        ("bevindingen", "Bevindingen", count_cards(result) + template("findings.html")),
    ]
    n_rule_errors = sum(1 for x in result.errors if is_rule_error(x))
    last = [
        ("overzicht", "Overzicht", overview(result) + documents_table(result)),
        ("niveaus", "Niveaus per product", level_tables(result)),
        ("verwijzingen", "Verwijzingen tussen documenten", reference_graph(result)),
        ("niet-gelezen", f"Niet gelezen ({sum(1 for x in result.errors if not is_rule_error(x))})", unreadable(result)),
        ("overgeslagen", f"Overgeslagen ({len(result.skipped)})", skipped(result)),
        ("controles", f"Controles ({len(result.rules)})", rules_section(result)),
    ]
    if n_rule_errors:
        last.append(("controlefouten", f"Controlefouten ({n_rule_errors})", rule_errors(result)))
    titles = [(sid, title) for sid, title, _ in first] + [duplicates_title(result)] + [(sid, title) for sid, title, _ in last]
    nav = "".join(f'<li><a href="#{sid}">{e(title)}</a></li>' for sid, title in titles)
    # the duplicates section (bytes, from the child) is asked for last, when all else is made
    body = ("".join(section(*s) for s in first).encode("utf-8") + dups.result()
            + "".join(section(*s) for s in last).encode("utf-8"))
    back = (f'<a href="{e(index)}" class="back">← Alle mappen</a> · Dit rapport is één map van een grotere audit. '
            if index else "")
    intro = (back + f"docmine las {len(result.documents) or result.stats.get('documents_read', 0)} documenten"
             + (f" uit de map <strong>{e(root_name)}</strong>" if root_name else "")
             + f" op {e(now)} en vond {len(result.findings)} bevindingen. "
             "<strong>Fouten</strong> zijn onjuist en moeten worden aangepast; <strong>waarschuwingen</strong> zijn "
             "waarschijnlijk een probleem, beoordeel ze; <strong>info</strong> is ter kennisname (bijvoorbeeld een term "
             "die klopte toen het document werd geschreven). Begin bij de fouten.")
    replacements: dict[str, str | bytes] = {
        "<!--@css-->": template("report.css"),
        "<!--@js-->": template("report.js"),
        "<!--@title-->": e(f"docmine-rapport{' – ' + root_name if root_name else ''}"),
        "<!--@intro-->": intro,
        "<!--@nav-->": nav,
        "<!--@body-->": body,
        "<!--@data-->": data,
        "<!--@version-->": e(result.version),
    }
    # The template's pieces and the filled-in parts are written one by one (as one re.sub over the
    # template would give them: inserted text is not searched again), the data as the bytes orjson made.
    for n, part in enumerate(PLACEHOLDER.split(template("report.html"))):
        value = replacements.get(part, part) if n % 2 else part
        fh.write(value if isinstance(value, bytes) else value.encode("utf-8"))


def render(result: AuditResult) -> bytes:
    """The bytes of index.html."""
    buf = io.BytesIO()
    write(result, buf)
    return buf.getvalue()
