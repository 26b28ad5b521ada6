"""findings.json: exactly the DESIGN contract (``AuditResult.to_dict``), plus ``graph``.

    render(result) -> b'{"docmine": "0.1.0", "rules": [...], "documents": [...], ...}'
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..model import AuditResult


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def to_json_text(data: Any, indent: int | None = 2) -> str:
    """JSON text for report data; dates become ISO strings, unknown objects strings."""
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_default)


def render(result: AuditResult) -> bytes:
    """The bytes of findings.json. Example: ``json.loads(render(r))["findings"][0]["rule"]``."""
    return (to_json_text(result.to_dict()) + "\n").encode("utf-8")
