"""The Python API a user calls: ``docmine.audit`` and ``docmine.extract`` are plain functions
with real signatures and docstrings, also after the structure subpackage has been imported,
and an AuditResult prints as one short line."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import docmine

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_api_functions_survive_calls_and_subpackage_imports(tmp_path):
    doc = tmp_path / "werkinstructie.txt"
    doc.write_text("Werkinstructie herindicatie\nDatum: 1 maart 2020\nVoor persoonlijke verzorging is de AWBZ voorliggend.\n",
                   encoding="utf-8")
    first = docmine.extract(doc)
    assert first.path == "werkinstructie.txt"
    result = docmine.audit([tmp_path])
    import docmine.extract as imported  # the statement a user may write after a call  # noqa: F401
    from docmine.extract import classify  # noqa: F401 - the subpackage is still importable

    assert inspect.isfunction(docmine.extract) and inspect.isfunction(docmine.audit)
    assert docmine.extract(doc).type == first.type  # callable a second time
    assert any(f.rule == "awbz-vervallen" for f in docmine.audit([tmp_path]).findings) == \
        any(f.rule == "awbz-vervallen" for f in result.findings)


def test_api_in_a_fresh_interpreter_extract_is_a_function_after_import_of_the_package():
    code = ("import docmine, docmine.extract.classify, inspect; "
            "print(inspect.isfunction(docmine.extract), inspect.isfunction(docmine.audit))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def test_api_signatures_and_docstrings():
    audit_params = inspect.signature(docmine.audit).parameters
    assert list(audit_params)[:2] == ["paths", "options"] and "rules" in audit_params and "baseline" in audit_params
    assert "path" in inspect.signature(docmine.extract).parameters
    assert "kwargs" not in audit_params
    assert docmine.audit.__doc__ and docmine.extract.__doc__


def test_api_audit_result_repr_is_one_short_line():
    result = docmine.audit([CORPUS / "verordeningen"])
    text = repr(result)
    assert len(text) < 300 and "\n" not in text
    assert f"findings={len(result.findings)}" in text and "documents=" in text
    assert len(repr(result.documents[0])) < 300
