"""Run a compiled rule on a text, as the tests in this folder do."""

from __future__ import annotations

from docmine.rules.base import Context
from docmine.rules.testing import document_from_text


def run(rule, text: str, **kw):
    doc = document_from_text(text, **kw)
    return list(rule.check_document(doc, Context())) if rule.applies_to(doc) else []
