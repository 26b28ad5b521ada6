"""The HTML report of a large audit: a page per folder (a municipality, a department) plus an index.

    docmine-report/index.html              the totals, every folder with its counts and a link to
                                           its page, what was not read, the rules explained
    docmine-report/mappen/<folder>.html    a complete report of that folder's documents and
                                           findings (the same page a small audit gets)

One page with every finding of 10,000 documents is ~40 MB and takes seconds before a browser shows
anything; a page per folder stays the size of one municipality's audit. An audit of at most
``SPLIT_ABOVE`` documents, or of documents in one folder only, keeps the single index.html.
A folder is the first part of a document's path in the audited folder; documents directly in the
audited folder get the page ``hoofdmap.html``. Each page, like the single report, is one file that
works without a network.

    pieces = split(result, SPLIT_ABOVE)      # None: write the single page
    write(result, fh, pieces, Path("docmine-report/mappen"))
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from ..model import SEVERITY_NL, AuditResult
from ..store import StoredFindings
from . import html
from .folder import PAGES, SPLIT_ABOVE
from .html.markup import PLACEHOLDER, SEVERITY_PLURAL, e, filter_box, section, template
from .html.overview import overview
from .html.problems import is_rule_error, rule_errors, skipped, unreadable
from .html.rules import rules_section

ROOT_PAGE = "hoofdmap"  # the page of the documents directly in the audited folder
INDEX = "../index.html"  # the index, seen from a page


@dataclass
class Piece:
    """One folder's part of the audit and the name of its page in ``PAGES``."""

    folder: str  # "" for the documents directly in the audited folder
    page: str
    result: AuditResult


def folder_of(path: str) -> str:
    """The first folder of a path relative to the audited folder ("" for a file directly in it).

    >>> folder_of("zuidmeer/beleid/wmo.pdf"), folder_of("wmo.pdf")
    ('zuidmeer', '')
    """
    head, sep, _ = path.partition("/")
    return head if sep else ""


def split(result: AuditResult, above: int = SPLIT_ABOVE) -> list[Piece] | None:
    """The audit per folder, in folder order, when it has more than ``above`` documents in more
    than one folder; else None (one page). Each piece holds its folder's documents, findings,
    unreadable documents and skipped files, and the part of the reference graph that starts
    there; the rules are all the audit's rules."""
    if len(result.documents) <= above:
        return None
    parts: dict[str, AuditResult] = {}

    def part(path: str, make: bool = True) -> AuditResult | None:
        key = folder_of(path)
        got = parts.get(key)
        if got is None and make:
            got = parts[key] = AuditResult(version=result.version, root=os.path.join(result.root, key) if key else result.root,
                                           rules=result.rules, stats={"generated": result.stats.get("generated")})
        return got

    for d in result.documents:
        part(d.path).documents.append(d)  # type: ignore[union-attr]
    if len(parts) < 2:
        return None
    if isinstance(result.findings, StoredFindings):  # on disk: each page reads its folder's when written
        counts = Counter(folder_of(f.document) for f in result.findings)
        for key, own in parts.items():
            own.findings = result.findings.in_folder(key, counts.get(key, 0))  # type: ignore[assignment]
    else:
        for f in result.findings:
            part(f.document).findings.append(f)  # type: ignore[union-attr]
    for x in result.errors:
        if not is_rule_error(x):  # a rule that failed concerns the whole audit: the index says it
            part(x.document).errors.append(x)  # type: ignore[union-attr]
    for sk in result.skipped:
        own = part(sk.path, make=False)
        if own is not None:
            own.skipped.append(sk)
    _split_graph(result.graph or {}, parts)
    names = _page_names(sorted(parts))
    return [Piece(key, names[key], parts[key]) for key in sorted(parts)]


def _split_graph(graph: dict[str, Any], parts: dict[str, AuditResult]) -> None:
    """Each piece gets the references that start at its documents, with the nodes they join."""
    nodes = {n["id"]: n for n in graph.get("nodes", []) if isinstance(n, dict) and "id" in n}
    links: dict[str, list[dict]] = {key: [] for key in parts}
    for x in graph.get("links") or graph.get("edges") or []:
        if isinstance(x, dict):
            source = str(x.get("source"))
            key = folder_of(source)
            if key in links and nodes.get(source, {}).get("kind", "document") == "document":
                links[key].append(x)
    for key, own in parts.items():
        ids = dict.fromkeys([d.path for d in own.documents if d.path in nodes]
                            + [str(end) for x in links[key] for end in (x.get("source"), x.get("target"))])
        own.graph = {"directed": graph.get("directed", True), "multigraph": graph.get("multigraph", False),
                     "graph": {}, "nodes": [nodes[i] for i in ids if i in nodes], "links": links[key]}


_UNSAFE = re.compile(r"[^\w.-]+")


def _page_names(folders: list[str]) -> dict[str, str]:
    """A file name per folder: its name with anything but letters, digits, '.', '-' and '_' as
    '-'; a name two folders would share (or the root's) gets a number."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for folder in folders:
        base = _UNSAFE.sub("-", folder).strip("-.") or ROOT_PAGE if folder else ROOT_PAGE
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        out[folder] = f"{name}.html"
    return out


def write(result: AuditResult, fh: BinaryIO, pieces: list[Piece], folder: Path, split_work: bool = False) -> None:
    """Write each piece's page into ``folder`` (made if needed) and the index into ``fh``.
    ``split_work``: as ``html.write``'s ``split``."""
    folder.mkdir(exist_ok=True)
    for piece in pieces:
        path = folder / piece.page
        tmp = path.with_name(f".{piece.page}.tmp")
        with open(tmp, "wb", buffering=1 << 20) as out:
            html.write(piece.result, out, split_work, index=INDEX)
        os.replace(tmp, path)
    fh.write(index_page(result, pieces).encode("utf-8"))


def index_page(result: AuditResult, pieces: list[Piece]) -> str:
    """The index: totals, the folders table, the overview charts, what was not read, the rules
    (with the anchors ``#controle-ID`` that findings.sarif links to)."""
    root_name = os.path.basename(os.path.normpath(result.root)) if result.root else ""
    n_unreadable = sum(1 for x in result.errors if not is_rule_error(x))
    n_rule_errors = len(result.errors) - n_unreadable
    sections = [
        ("mappen", f"Mappen ({len(pieces)})", _cards(result, n_unreadable, n_rule_errors) + _folders_table(pieces)),
        ("overzicht", "Overzicht", overview(result) or "<p>Geen bevindingen.</p>"),
        ("niet-gelezen", f"Niet gelezen ({n_unreadable})", unreadable(result)),
        ("overgeslagen", f"Overgeslagen ({len(result.skipped)})", skipped(result)),
        ("controles", f"Controles ({len(result.rules)})", rules_section(result)),
    ]
    if n_rule_errors:
        sections.append(("controlefouten", f"Controlefouten ({n_rule_errors})", rule_errors(result)))
    ndocs = len(result.documents) or result.stats.get("documents_read", 0)
    intro = (f"docmine las {ndocs} documenten" + (f" uit de map <strong>{e(root_name)}</strong>" if root_name else "")
             + f" op {e(result.stats.get('generated') or '')} en vond {len(result.findings)} bevindingen, in "
             f"{len(pieces)} mappen. Elke map heeft een eigen rapport met haar documenten en bevindingen: open een map "
             "in de tabel hieronder (de mappen met de meeste fouten staan bovenaan). Begin bij de fouten.")
    title = e(f"docmine-rapport{' – ' + root_name if root_name else ''}")
    replacements = {
        "<!--@css-->": template("report.css"), "<!--@js-->": template("folders.js"), "<!--@title-->": title,
        "<!--@intro-->": intro, "<!--@version-->": e(result.version),
        "<!--@nav-->": "".join(f'<li><a href="#{sid}">{e(t)}</a></li>' for sid, t, _ in sections),
        "<!--@body-->": "".join(section(*s) for s in sections),
    }
    return PLACEHOLDER.sub(lambda m: replacements.get(m.group(1), m.group(1)), template("folders.html"))


def _cards(result: AuditResult, n_unreadable: int, n_rule_errors: int) -> str:
    counts = result.counts()
    cards = [f'<div class="card"><span class="num" id="count-documents">{len(result.documents)}</span><span>documenten gelezen</span></div>',
             f'<div class="card"><span class="num" id="count-total">{len(result.findings)}</span><span>bevindingen</span></div>']
    cards += [f'<div class="card sev-{s}"><span class="num" id="count-{s}">{counts.get(s, 0)}</span><span>{SEVERITY_PLURAL[s]}</span></div>'
              for s in ("error", "warning", "info")]
    cards.append(f'<a class="card{" sev-error" if n_unreadable else ""}" href="#niet-gelezen"><span class="num" id="count-unreadable">'
                 f'{n_unreadable}</span><span>niet leesbaar</span></a>')
    if result.skipped:
        cards.append(f'<a class="card" href="#overgeslagen"><span class="num" id="count-skipped">{len(result.skipped)}</span>'
                     "<span>overgeslagen</span></a>")
    if n_rule_errors:
        cards.append(f'<a class="card sev-error" href="#controlefouten"><span class="num" id="count-rule-errors">{n_rule_errors}</span>'
                     "<span>controlefouten</span></a>")
    return f'<div class="cards">{"".join(cards)}</div>'


def _folders_table(pieces: list[Piece]) -> str:
    """One row per folder with its counts, a link to its page; the most errors first."""
    rows = []
    for piece in pieces:
        counts = Counter(f.severity for f in piece.result.findings)
        rows.append((-counts.get("error", 0), -len(piece.result.findings), piece.folder, piece, counts))
    html_rows = []
    for _, _, _, piece, counts in sorted(rows, key=lambda r: r[:3]):
        name = piece.folder or "(de map zelf)"
        cells = [len(piece.result.documents), len(piece.result.findings), *(counts.get(s, 0) for s in ("error", "warning", "info")),
                 len(piece.result.errors)]
        html_rows.append(f'<tr data-filter-item><th scope="row"><a href="{PAGES}/{quote(piece.page)}" class="path">{e(name)}</a></th>'
                         + "".join(f'<td class="n">{n}</td>' for n in cells) + "</tr>")
    head = "".join(f'<th scope="col">{t}</th>' for t in ("Map", "Documenten", "Bevindingen", SEVERITY_PLURAL["error"],
                                                          "waarsch.", SEVERITY_NL["info"], "niet leesbaar"))
    return (filter_box("mappen-tabel", "Zoek een map", "naam van de map")
            + '<div class="table-wrap"><table class="docs" id="mappen-tabel"><caption>Klik op een map om haar rapport te openen.</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(html_rows)}</tbody></table></div>")


__all__ = ["split", "write", "index_page", "folder_of", "Piece", "SPLIT_ABOVE", "PAGES"]
