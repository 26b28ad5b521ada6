"""What ``docmine audit`` prints: a short Dutch summary, and a progress bar on interactive runs.

    print(summary(result, {"html": Path("docmine-report/index.html")}, color=False))
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

from ..model import AuditResult

SEVERITY_NL = {"error": "fouten", "warning": "waarschuwingen", "info": "meldingen"}
SEVERITY_ONE = {"error": "fout", "warning": "waarschuwing", "info": "melding"}
_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32"}


def _c(text: str, code: str, color: bool) -> str:
    return f"\x1b[{_COLORS[code]}m{text}\x1b[0m" if color else text


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(result: AuditResult, written: dict[str, Path], color: bool = False) -> str:
    """A few lines a new user understands: what was read, what was found, where the report is.

    Example: ``summary(result, {"html": Path("docmine-report/index.html")})`` ->
    ``"12 documenten gelezen ... Rapport: docmine-report/index.html"``.
    """
    lines: list[str] = []
    ndocs = result.stats.get("documents_read", len(result.documents))  # set when the result came whole from the cache
    unreadable = [e for e in result.errors if not e.code.startswith("DM2")]
    rule_errors = [e for e in result.errors if e.code.startswith("DM2")]
    head = f"{_plural(ndocs, 'document', 'documenten')} gelezen"
    if unreadable:
        head += f", {_plural(len(unreadable), 'document', 'documenten')} niet leesbaar"
    if rule_errors:
        head += f", {_plural(len(rule_errors), 'regelfout', 'regelfouten')}"
    lines.append(_c(head, "bold", color))
    counts = result.counts()
    total = len(result.findings)
    accepted = result.stats.get("baseline_suppressed", 0)
    if total == 0:
        lines.append(_c("Geen nieuwe bevindingen." if accepted else "Geen bevindingen.", "green", color))
    else:
        parts = [_c(f"{counts.get(s, 0)} {SEVERITY_ONE[s] if counts.get(s, 0) == 1 else SEVERITY_NL[s]}", s, color)
                 for s in ("error", "warning", "info")]
        lines.append(f"{_plural(total, 'bevinding', 'bevindingen')}: " + ", ".join(parts))
        by_rule = Counter(f.rule for f in result.findings)
        sev_of = {}
        for f in result.findings:
            sev_of.setdefault(f.rule, f.severity)
        top = by_rule.most_common(10)
        width = max(len(r) for r, _ in top)
        lines.append("")
        lines.append("Meest gevonden regels:" if len(by_rule) > 10 else "Per regel:")
        for rule, n in top:
            lines.append(f"  {rule:<{width}}  {n:>5}  {_c(SEVERITY_ONE.get(sev_of[rule], sev_of[rule]), sev_of[rule], color)}")
        if len(by_rule) > 10:
            lines.append(f"  ... en nog {len(by_rule) - 10} andere regels (zie het rapport)")
    if accepted:
        lines.append(f"{_plural(accepted, 'geaccepteerde bevinding', 'geaccepteerde bevindingen')} uit "
                     f"{result.stats.get('baseline', 'de baseline')} niet getoond.")
    for title, errs in (("Niet gelezen:", unreadable), ("Regelfouten (regel overgeslagen):", rule_errors)):
        if not errs:
            continue
        lines.append("")
        lines.append(_c(title, "bold", color))
        for e in errs[:20]:
            hint = f" ({e.hint})" if e.hint else ""
            lines.append(f"  {e.document}: {e.message} [{e.code}]{hint}")
        if len(errs) > 20:
            lines.append(f"  ... en nog {len(errs) - 20} (zie het rapport)")
    if written:
        lines.append("")
        main = written.get("html") or next(iter(written.values()))
        lines.append("Rapport: " + _c(str(main), "bold", color)
                     + ("  (open dit bestand in uw browser)" if "html" in written else ""))
        others = [str(p) for k, p in written.items() if p != main]
        if others:
            lines.append("Ook geschreven: " + ", ".join(others))
    return "\n".join(lines)


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
        text = f"[{bar}] {done}/{total} {name}"
        text = text[: max(cols - 1, 10)]
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False
