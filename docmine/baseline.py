"""Accepted findings: a baseline file keyed by fingerprint, so later audits show only new ones.

    >>> write_baseline(result, "docmine-baseline.json")     # accept everything found now
    >>> apply_baseline(later_result, "docmine-baseline.json")
    >>> later_result.stats["baseline_suppressed"]

The fingerprint covers rule, document, clause and the normalised excerpt (not line numbers), so
moving text around does not bring an accepted finding back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import AuditResult, DocumentError

FORMAT = 1


class BaselineProblem(Exception):
    """A baseline file that cannot be used; ``error`` says why and what to do (DM304)."""

    def __init__(self, error: DocumentError) -> None:
        super().__init__(error.message)
        self.error = error


def _problem(path: Path, situation: str | None, **values: Any) -> BaselineProblem:
    return BaselineProblem(DocumentError.of(str(path), "DM304", situation, **values))


def read_baseline(path: str | os.PathLike) -> set[str]:
    """The fingerprints in a baseline file (UTF-8, with or without a BOM). Raises
    BaselineProblem when the file is missing, unreadable or not a baseline."""
    p = Path(path)
    if p.exists() and not p.is_file() and not p.is_dir():  # a FIFO or a device: never opened
        raise _problem(p, "not_a_file")
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise _problem(p, "missing") from None
    except IsADirectoryError:
        raise _problem(p, "folder") from None
    except OSError as exc:
        raise _problem(p, None, reason=exc.strerror or exc) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM: saved by Notepad
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _problem(p, "not_json", reason=exc) from None
    entries = data.get("findings") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise _problem(p, "not_baseline")
    out = set()
    for e in entries:
        if isinstance(e, str):
            out.add(e)
        elif isinstance(e, dict) and isinstance(e.get("fingerprint"), str):
            out.add(e["fingerprint"])
        else:
            raise _problem(p, "bad_item", item=str(e)[:60])
    return out


def apply_baseline(result: AuditResult, path: str | os.PathLike) -> AuditResult:
    """Drop the findings whose fingerprint is in the baseline; count them in
    ``result.stats["baseline_suppressed"]``. A baseline that cannot be used keeps every
    finding and adds its DM304 error to ``result.errors`` (the audit's work is not lost)."""
    try:
        accepted = read_baseline(path)
    except BaselineProblem as exc:
        result.errors.append(exc.error)
        result.stats["baseline_error"] = exc.error.message
        return result
    kept = [f for f in result.findings if (f.fingerprint or f.compute_fingerprint()) not in accepted]
    result.stats["baseline_suppressed"] = len(result.findings) - len(kept)
    result.stats["baseline"] = str(path)
    result.findings = kept
    return result


def write_baseline(result: AuditResult, path: str | os.PathLike) -> int:
    """Write every current finding to the baseline (sorted, readable); returns how many."""
    entries = sorted(
        ({"fingerprint": f.fingerprint or f.compute_fingerprint(), "rule": f.rule, "document": f.document,
          "clause": f.clause, "excerpt": f.excerpt[:200]} for f in result.findings),
        key=lambda e: (e["document"], e["rule"], e["fingerprint"]))
    seen, unique = set(), []
    for e in entries:
        if e["fingerprint"] not in seen:
            seen.add(e["fingerprint"])
            unique.append(e)
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"docmine_baseline": FORMAT, "findings": unique}, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
        os.replace(tmp, p)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise UsageError.of("DM305", target=p, reason=exc.strerror or exc) from None
    return len(unique)
