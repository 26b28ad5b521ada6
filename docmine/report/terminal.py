"""What ``docmine audit`` prints: the findings like a linter's, a summary, and a progress bar on
interactive runs.

    print(findings_text(result, color=False))   # grouped by document, errors first
    print(summary(result, {"html": Path("docmine-report/index.html")}, color=False))

Each finding is one line ``pad:regel:kolom  ernst  controle  bericht``: the document, the line
and column in it (and the page of a PDF), the severity, the rule's id and its message, then the
text found. Documents with errors come first, and in each document errors before warnings
before info. "regel" is always a line; a rule is a "controle".
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from ..model import SEVERITY_NL, SEVERITY_NL_MANY, SEVERITY_RANK, AuditResult, Finding
from ..names import printable, printable_name
from .folder import PAGES

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32"}
MAX_LISTED = 20  # unreadable documents, rule errors and skipped files named in the summary
EXCERPT_SHOWN = 60  # the text found is shown after the message when it is at most this long


def use_color(stream: TextIO | None) -> bool:
    """Colour on an interactive terminal only, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR") or stream is None or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _c(text: str, code: str, color: bool) -> str:
    return f"\x1b[{_COLORS[code]}m{text}\x1b[0m" if color else text


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _counts_text(counts: dict[str, int], color: bool) -> str:
    return ", ".join(_c(f"{counts.get(s, 0)} {SEVERITY_NL[s] if counts.get(s, 0) == 1 else SEVERITY_NL_MANY[s]}", s, color)
                     for s in ("error", "warning", "info"))


def location(f: Finding) -> str:
    """``pad:regel:kolom``, with the page of a PDF: ``besluit.pdf:41:12 (p. 3)``, and of a scan
    read by OCR with that page's OCR confidence: ``oud.pdf:12:1 (p. 2, scan 94%)``."""
    loc = printable_name(f.document)
    if f.line:
        loc += f":{f.line}:{f.column or 1}"
    if f.page and f.ocr:
        loc += f" (p. {f.page}, scan {f.ocr_confidence}%)"
    elif f.page and f.document.lower().endswith(".pdf"):
        loc += f" (p. {f.page})"
    return loc


def _rank(f: Finding) -> int:
    return SEVERITY_RANK.get(f.severity, 0)


def finding_groups(result: AuditResult, min_severity: str = "info") -> list[tuple[str, list[Finding]]]:
    """The findings at or above ``min_severity`` per document: documents with the most severe
    findings first (then by path), in each errors first, then by line and column."""
    floor = SEVERITY_RANK.get(min_severity, 0)
    per_doc: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if _rank(f) >= floor:
            per_doc[f.document].append(f)
    for fs in per_doc.values():
        fs.sort(key=lambda f: (-_rank(f), f.line or 0, f.column or 0, f.rule))
    return sorted(per_doc.items(), key=lambda kv: (-_rank(kv[1][0]), kv[0]))


def findings_text(result: AuditResult, color: bool = False, min_severity: str = "info") -> str:
    """Every finding at or above ``min_severity`` as a line, grouped by document (a blank line
    between documents); empty when there is none."""
    blocks = []
    for _, fs in finding_groups(result, min_severity):
        locs = [location(f) for f in fs]
        wl = max(map(len, locs))
        wr = max(len(f.rule) for f in fs)
        ws = max(len(SEVERITY_NL.get(f.severity, f.severity)) for f in fs)
        lines = []
        for loc, f in zip(locs, fs):
            sev = SEVERITY_NL.get(f.severity, f.severity)
            message = printable(" ".join(f.message.split()))
            found = printable(" ".join((f.excerpt or "").split()))
            if found and len(found) <= EXCERPT_SHOWN and found.lower() not in message.lower():
                message += " " + _c(f"“{found}”", "dim", color)
            lines.append(f"{_c(loc.ljust(wl), 'bold', color)}  {_c(sev.ljust(ws), f.severity, color)}  "
                         f"{f.rule.ljust(wr)}  {message}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def summary(result: AuditResult, written: dict[str, Path], color: bool = False, quiet: bool = False) -> str:
    """A few lines after the findings: what was read, what was found, where the report is.
    ``quiet``: only the counts and what could not be read.

    Example: ``summary(result, {"html": Path("docmine-report/index.html")})`` ->
    ``"20 documenten gelezen ... Rapport: docmine-report/index.html"``.
    """
    lines: list[str] = []
    ndocs = result.stats.get("documents_read", len(result.documents))  # set when the result came whole from the cache
    unreadable, rule_errors, other_errors = _error_groups(result.errors)
    sections = [("Niet gelezen:", [(e.document, f"{e.message} [{e.code}]", e.hint) for e in unreadable]),
                ("Andere fouten:", [(e.document, f"{e.message} [{e.code}]", e.hint) for e in other_errors])]
    if not quiet:
        sections.append(("Controlefouten (controle overgeslagen):",
                         [(e.document, f"{e.message} [{e.code}]", e.hint) for e in rule_errors]))
        sections.append(("Overgeslagen (niet gelezen):", [(s.path, s.reason, s.hint) for s in result.skipped]))
    for title, items in sections:
        if not items:
            continue
        lines.append(_c(title, "bold", color))
        for where, what, hint in items[:MAX_LISTED]:
            lines.append(f"  {printable_name(where)}: {printable(what)}" + (f" ({printable(hint)})" if hint else ""))
        if len(items) > MAX_LISTED:
            lines.append(f"  ... en nog {len(items) - MAX_LISTED} (zie het rapport)")
        lines.append("")
    head = f"{_plural(ndocs, 'document', 'documenten')} gelezen"
    if unreadable:
        head += f", {_plural(len(unreadable), 'document', 'documenten')} niet leesbaar"
    if rule_errors:
        head += f", {_plural(len(rule_errors), 'controlefout', 'controlefouten')}"
    if result.skipped:
        head += f", {_plural(len(result.skipped), 'bestand', 'bestanden')} overgeslagen"
    lines.append(_c(head, "bold", color))
    total = len(result.findings)
    accepted = result.stats.get("baseline_suppressed", 0)
    new = "nieuwe " if accepted or "baseline" in result.stats else ""
    if total == 0:
        lines.append(_c(f"Geen {new}bevindingen.", "green", color))
    else:
        ndocs_with = len({f.document for f in result.findings})
        lines.append(f"{total} {new}{'bevinding' if total == 1 else 'bevindingen'} in "
                     f"{_plural(ndocs_with, 'document', 'documenten')}: {_counts_text(result.counts(), color)}")
    if not quiet:
        lines.extend(_ocr_lines(result, color))
    if accepted:
        lines.append(f"{_plural(accepted, 'geaccepteerde bevinding', 'geaccepteerde bevindingen')} uit "
                     f"{result.stats.get('baseline', 'de baseline')} niet getoond.")
    if written and not quiet:
        lines.append("")
        main = written.get("html") or next(iter(written.values()))
        lines.append("Rapport: " + _c(str(main), "bold", color)
                     + ("  (open dit bestand in uw browser)" if "html" in written else ""))
        if "html" in written and result.stats.get("folder_pages"):
            lines.append(f"Per map: {result.stats['folder_pages']} rapporten in {written['html'].parent / PAGES} "
                         "(index.html noemt ze, met de totalen)")
        others = [str(p) for k, p in written.items() if p != main]
        if others:
            lines.append("Ook geschreven: " + ", ".join(others))
    return "\n".join(lines)


def _ocr_lines(result: AuditResult, color: bool) -> list[str]:
    """The documents with findings in text read by OCR from a scan, with each page's
    confidence: a reviewer checks those findings in the scan itself."""
    pages: dict[str, dict[int, int | None]] = {}
    count: dict[str, int] = defaultdict(int)
    for f in result.findings:
        if f.ocr:
            pages.setdefault(f.document, {})[f.page or 0] = f.ocr_confidence
            count[f.document] += 1
    if not pages:
        return []
    lines = ["", _c("Gevonden in gescande tekst (OCR; controleer die bevindingen in de scan):", "bold", color)]
    for doc, conf in sorted(pages.items()):
        shown = ", ".join(f"pagina {p} ({c}%)" for p, c in sorted(conf.items()))
        lines.append(f"  {printable_name(doc)}: {_plural(count[doc], 'bevinding', 'bevindingen')}; betrouwbaarheid OCR {shown}")
    return lines
def _error_groups(errors: list) -> tuple[list, list, list]:
    """(documents not read, rule errors (DM2xx), others (DM3xx: a baseline that cannot be used))."""
    groups: tuple[list, list, list] = ([], [], [])
    for e in errors:
        groups[2 if e.code.startswith("DM3") else 1 if e.code.startswith("DM2") else 0].append(e)
    return groups


class Progress:
    """A one-line progress bar on stderr: ``[#####.....] 12/40 verordening-wmo.pdf``.

    Call it as ``progress(done, total, name)``; ``close()`` clears the line.
    """

    def __init__(self, stream: TextIO | None = None, min_interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self._last = 0.0
        self._shown = False

    @classmethod
    def maybe(cls) -> "Progress | None":
        """A Progress if stderr is an interactive terminal, else None (pipes, CI, files)."""
        try:
            if sys.stderr is not None and sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
                return cls()
        except (AttributeError, ValueError):
            pass
        return None

    def __call__(self, done: int, total: int, name: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < self.min_interval:
            return
        self._last = now
        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, AttributeError, ValueError):
            cols = 80
        width = 24
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "." * (width - filled)
        text = f"[{bar}] {done}/{total} {printable_name(name)}"
        text = text[: max(cols - 1, 10)]
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False
