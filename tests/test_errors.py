"""The error catalogue (docmine/errors.py): every code a module raises is in it with its message
and hint, every entry is used, templates are filled or fail loudly, and ``docmine errors`` lists it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docmine.cli import main
from docmine.errors import CATALOGUE, MissingField, ReadError, RuleFileError, UsageError, fields_of, text
from docmine.ingest import read_document
from docmine.limits import Limits
from docmine.model import DocumentError

PACKAGE = Path(__file__).resolve().parent.parent / "docmine"
CODE = re.compile(r"DM\d{3}")
EXCEPTIONS = {"DocmineError", "ReadError", "UsageError", "RuleFileError"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _modules() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py")) if p.name != "errors.py"}


def _strings(tree: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _situations(node: ast.expr) -> set[str | None] | None:
    """The situations an argument can name: a literal, None, or ``"a" if ... else "b"``;
    None when it is computed some other way."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str)):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _situations(node.body), _situations(node.orelse)
        return body | orelse if body is not None and orelse is not None else None
    return None


def _catalogue_calls():
    """Every call that names a code literally: (module, line, code, situations, keyword names or
    None when it passes ``**values``)."""
    for path, tree in _modules().items():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
            if name not in ("of", "text"):
                continue
            args = call.args
            at = next((i for i, a in enumerate(args) if isinstance(a, ast.Constant)
                       and isinstance(a.value, str) and CODE.fullmatch(a.value)), None)
            if at is None:
                continue
            situations = _situations(args[at + 1]) if len(args) > at + 1 else {None}
            keywords = None if any(k.arg is None for k in call.keywords) else {k.arg for k in call.keywords}
            yield path.relative_to(PACKAGE.parent), call.lineno, args[at].value, situations, keywords


def test_every_code_in_the_source_is_in_the_catalogue():
    used = {c for tree in _modules().values() for s in _strings(tree) for c in CODE.findall(s)}
    assert used - set(CATALOGUE) == set()


def test_every_catalogue_code_and_situation_is_used():
    modules = _modules()
    used = {c for tree in modules.values() for s in _strings(tree) for c in CODE.findall(s)}
    assert set(CATALOGUE) - used == set()
    named: set[tuple[str, str | None]] = set()
    computed: dict[str, set[str]] = {}  # a situation passed on by a helper (baseline's _problem): its module's strings
    for where, _, code, situations, _ in _catalogue_calls():
        if situations is None:
            computed.setdefault(code, set()).update(_strings(modules[PACKAGE.parent / where]))
        else:
            named |= {(code, s) for s in situations}
    unused = [f"{code} {name}" for code, entry in CATALOGUE.items() for name in entry.situations
              if (code, name) not in named and name not in computed.get(code, ())]
    assert unused == []


def test_every_call_names_a_known_situation_and_fills_its_templates():
    calls = list(_catalogue_calls())
    assert len(calls) > 80  # the scan finds the call sites (ReadError.of, DocumentError.of, text)
    problems = []
    for where, line, code, situations, keywords in calls:
        for situation in situations or ():
            entry = CATALOGUE[code]
            if situation is not None and situation not in entry.situations or situation is None and entry.message is None:
                problems.append(f"{where}:{line}: {code} has no situation {situation!r}")
                continue
            if keywords is None:
                continue
            template = entry.template(situation)
            needed = fields_of(template.text) | (set() if "hint" in keywords else fields_of(template.hint))
            if needed - keywords:
                problems.append(f"{where}:{line}: {code} {situation} needs {sorted(needed - keywords)}")
    assert problems == []


def test_no_module_writes_an_error_message_itself():
    """Errors are raised through the catalogue (``ReadError.of``), not built from a literal message."""
    found = []
    for path, tree in _modules().items():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.id if isinstance(call.func, ast.Name) else None
            literal = any(isinstance(a, (ast.JoinedStr, ast.Constant)) and not (isinstance(a, ast.Constant)
                          and isinstance(a.value, str) and CODE.fullmatch(a.value)) for a in call.args)
            if name in EXCEPTIONS or (name == "DocumentError" and literal):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{call.lineno}")
    assert found == []


def test_every_code_has_a_title_and_something_to_say():
    for code, entry in CATALOGUE.items():
        assert CODE.fullmatch(code) and entry.title
        assert entry.message or entry.situations, code


def test_a_file_over_the_size_limit_names_its_size_and_the_limit(tmp_path):
    big = tmp_path / "beleidsregels.txt"
    big.write_text("De gemeente verstrekt een maatwerkvoorziening.\n" * 60_000, encoding="utf-8")  # ~2.8 MB
    with pytest.raises(ReadError) as caught:
        read_document(big, "beleidsregels.txt", Limits(max_file_size=1024 * 1024))
    assert str(caught.value).splitlines() == [
        "beleidsregels.txt: bestand is 2.7 MB, groter dan de limiet van 1 MB [DM103]",
        "  hint: verhoog de limiet met --max-file-size of splits het document",
    ]
    small = tmp_path / "kort.txt"
    small.write_text("De gemeente verstrekt een maatwerkvoorziening.\n", encoding="utf-8")
    assert read_document(small, "kort.txt", Limits(max_file_size=1024 * 1024)).text.startswith("De gemeente")


def test_a_missing_template_field_fails_loudly():
    with pytest.raises(MissingField, match="DM103.*limit_mb"):
        ReadError.of("DM103", path="groot.pdf", size_mb=3.5)
    with pytest.raises(MissingField, match="DM203.*documents"):
        DocumentError.of("regels.yml", "DM203", rule="trage-controle", where="regels.yml:4")
    assert ReadError.of("DM103", path="groot.pdf", size_mb=3.5, limit_mb=2).message == (
        "bestand is 3.5 MB, groter dan de limiet van 2 MB")


def test_an_unknown_code_or_situation_fails_loudly():
    with pytest.raises(KeyError):
        ReadError.of("DM199", path="x.pdf")
    with pytest.raises(KeyError):
        ReadError.of("DM112", "pdf_zonder_kop", path="x.pdf")
    with pytest.raises(KeyError):  # DM300 has only named situations
        UsageError.of("DM300")


def test_a_situation_has_its_own_message_and_hint():
    corrupt = ReadError.of("DM112", "docx_not_zip", path="brief.docx")
    assert str(corrupt) == ("brief.docx: geen geldig DOCX-bestand (geen zip-archief) [DM112]\n"
                            "  hint: open het in Word en sla het opnieuw op als .docx")
    usual = ReadError.of("DM112", path="brief.docx", reason="invoer-/uitvoerfout")
    assert usual.message == "bestand kan niet worden gelezen (invoer-/uitvoerfout)"
    assert usual.hint == "controleer of het bestand volledig en leesbaar is"


def test_a_call_site_may_give_its_own_hint():
    scan = ReadError.of("DM113", path="scan.pdf", hint="draai zonder --no-ocr om scans met OCR te lezen",
                        what="de PDF", reason="OCR staat uit (--no-ocr)")
    assert scan.hint == "draai zonder --no-ocr om scans met OCR te lezen"
    assert scan.message == "de PDF heeft geen tekstlaag (een scan) en kan niet met OCR worden gelezen: OCR staat uit (--no-ocr)"


def test_rule_file_errors_keep_their_problems():
    error = RuleFileError.of("DM200", count=2, problems=["regels.yml:3:1: fout één", "regels.yml:9:1: fout twee"])
    assert error.message == "2 fouten in controlebestanden"
    assert str(error) == "regels.yml:3:1: fout één\n\nregels.yml:9:1: fout twee"
    assert RuleFileError.of("DM200", "one", problems=["x"]).message == "1 fout in controlebestanden"


def test_text_fills_an_error_that_is_data():
    filled = text("DM108", seconds=120)
    assert (filled.code, filled.message) == ("DM108", "verwerken duurde langer dan 120 seconden; document overgeslagen")
    assert DocumentError.of("traag.pdf", "DM108", seconds=2.5).message.startswith("verwerken duurde langer dan 2.5 seconden")


def test_docmine_errors_lists_every_code_with_its_title_and_hint():
    res = run("errors")
    assert res.exit_code == 0
    for code, entry in CATALOGUE.items():
        assert f"{code}  {entry.title}" in res.stdout
    assert "hint: verhoog de limiet met --max-file-size of splits het document" in res.stdout


def test_docmine_errors_code_shows_its_messages_without_template_fields():
    res = run("errors", "dm106")
    assert res.exit_code == 0
    assert "DOCX pakt uit tot meer dan … MB, meer dan de limiet van … MB (mogelijk een zip-bom)" in res.stdout
    assert "afbeelding is te groot" in res.stdout and "{" not in res.stdout
    unknown = run("errors", "DM999")
    assert unknown.exit_code == 2 and "geen foutcode 'DM999' [DM300]" in unknown.stderr
