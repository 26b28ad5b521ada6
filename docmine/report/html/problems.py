"""What the audit could not do: the documents not read, the files skipped, the rules that failed."""

from __future__ import annotations

from typing import Any

from ...model import AuditResult
from .markup import e


def is_rule_error(err: Any) -> bool:
    """A rule that failed (DM2xx, document = the rule file), not a document that could not be read."""
    return str(err.code).startswith("DM2")


def _error_items(errors: list) -> str:
    return "".join(
        f'<li><strong class="path">{e(err.document)}</strong>: {e(err.message)} <code>{e(err.code)}</code>'
        + (f'<br><span class="hint">Wat te doen: {e(err.hint)}</span>' if err.hint else "") + "</li>"
        for err in errors)


def unreadable(result: AuditResult) -> str:
    unread = [x for x in result.errors if not is_rule_error(x)]
    if not unread:
        return "<p>Alle documenten konden worden gelezen.</p>"
    return (f"<p>Deze {len(unread)} document(en) zijn niet gecontroleerd. De reden staat erbij.</p>"
            f'<ul class="errors">{_error_items(unread)}</ul>')


def skipped(result: AuditResult) -> str:
    if not result.skipped:
        return "<p>Geen bestanden overgeslagen.</p>"
    items = "".join(f'<li><strong class="path">{e(sk.path)}</strong>: {e(sk.reason)}'
                    + (f'<br><span class="hint">Wat te doen: {e(sk.hint)}</span>' if sk.hint else "") + "</li>"
                    for sk in result.skipped)
    return (f"<p>Deze {len(result.skipped)} bestanden en mappen zijn niet gelezen, omdat docmine hun formaat niet leest "
            f"of omdat ze zijn uitgesloten. De reden staat erbij.</p><ul class=\"errors skipped\">{items}</ul>")


def rule_errors(result: AuditResult) -> str:
    errs = [x for x in result.errors if is_rule_error(x)]
    return ("<p>Deze controles konden (bij een deel van de documenten) niet worden uitgevoerd; hun bevindingen "
            "ontbreken daar. Het controlebestand en de controle staan erbij.</p>"
            f'<ul class="errors rule-errors">{_error_items(errs)}</ul>')
