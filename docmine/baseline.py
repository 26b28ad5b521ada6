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

from .errors import UsageError
from .model import AuditResult

FORMAT = 1


def read_baseline(path: str | os.PathLike) -> set[str]:
    """The fingerprints in a baseline file; a missing file is an empty baseline."""
    p = Path(path)
    if not p.exists():
        return set()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"baselinebestand {p} is geen geldige JSON ({exc})", path=str(p), code="DM300",
                         hint="maak het opnieuw met 'docmine audit ... --baseline BESTAND --update-baseline'") from None
    entries = data.get("findings", []) if isinstance(data, dict) else data
    out = set()
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, str):
            out.add(e)
        elif isinstance(e, dict) and e.get("fingerprint"):
            out.add(str(e["fingerprint"]))
    return out


def apply_baseline(result: AuditResult, path: str | os.PathLike) -> AuditResult:
    """Drop the findings whose fingerprint is in the baseline; count them in
    ``result.stats["baseline_suppressed"]``."""
    accepted = read_baseline(path)
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
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(json.dumps({"docmine_baseline": FORMAT, "findings": unique}, ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")
    os.replace(tmp, p)
    return len(unique)
