"""Every input accounted for, and what is read and run chosen by the user: unsupported files
listed as skipped (terminal, findings.json, report), nothing to read is exit 2, docmine's own
report folders never read, --exclude, --select/--ignore, docmine.toml and [tool.docmine]."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from clihelp import run

from docmine.api import discover, excluded_by


def test_unsupported_files_are_listed_as_skipped_with_the_reason(beleid, tmp_path):
    (beleid / "oud-besluit.doc").write_bytes(b"\xd0\xcf\x11\xe0 Word 97")
    (beleid / "scan-brief.gif").write_bytes(b"GIF89a")  # (a .png is read by OCR where Tesseract is installed)
    out = tmp_path / "rapport"
    res = run("audit", beleid, "-o", out, "-j", "1")
    assert "2 documenten gelezen, 2 bestanden overgeslagen" in res.stdout
    assert "oud-besluit.doc: Word 97-2003-document (.doc): dit formaat leest docmine niet (sla het op als .docx of PDF" in res.stdout
    assert "scan-brief.gif: afbeelding (.gif)" in res.stdout
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [s["path"] for s in data["skipped"]] == ["oud-besluit.doc", "scan-brief.gif"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="overgeslagen"' in page and "oud-besluit.doc" in page and 'id="count-skipped">2<' in page


def test_a_folder_of_only_unsupported_files_is_exit_2_naming_them(tmp_path):
    folder = tmp_path / "aangeleverd"
    folder.mkdir()
    for name in ("a.doc", "b.odt", "c.rtf", "d.gif"):
        (folder / name).write_bytes(b"x")
    res = run("audit", folder, "-o", tmp_path / "rapport")
    assert res.exit_code == 2
    assert "geen documenten om te controleren" in res.stderr and "4 bestanden overgeslagen" in res.stderr
    assert "a.doc: Word 97-2003-document" in res.stderr and "b.odt: OpenDocument-tekst" in res.stderr
    assert "[DM301]" in res.stderr and not (tmp_path / "rapport").exists()


def test_an_empty_folder_is_exit_2(tmp_path):
    (tmp_path / "leeg").mkdir()
    res = run("audit", tmp_path / "leeg", "-o", tmp_path / "rapport")
    assert res.exit_code == 2 and "geen documenten gevonden" in res.stderr and "de map is leeg" in res.stderr


def test_a_report_inside_the_audited_folder_is_never_read_as_documents(beleid, tmp_path):
    inside = beleid / "rapport-2024"
    first = run("audit", beleid, "-o", inside, "-f", "json,html", "-j", "1", "--no-cache")
    n = len(json.loads((inside / "findings.json").read_text(encoding="utf-8"))["findings"])
    again = run("audit", beleid, "-o", tmp_path / "elders", "-f", "json", "-j", "1", "--no-cache")
    data = json.loads((tmp_path / "elders" / "findings.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == n and len(data["documents"]) == 2 and first.exit_code == again.exit_code
    assert [s["path"] for s in data["skipped"]] == ["rapport-2024/"]
    # a copy of the report that lost its (hidden) marker file is still recognised by its content
    copy = beleid / "kopie-rapport"
    shutil.copytree(inside, copy, ignore=shutil.ignore_patterns(".*"))
    assert not (copy / ".docmine-report").exists()
    found = discover([beleid])
    assert [rel for _, rel in found.files] == ["verordening-wmo-2020.txt", "werkinstructies/huishoudelijke-ondersteuning.txt"]
    assert {s.path for s in found.skipped} == {"kopie-rapport/", "rapport-2024/"}
    # an index.html a user wrote is a document
    (beleid / "eigen").mkdir()
    (beleid / "eigen" / "index.html").write_text("<html><body><p>Beleid</p></body></html>", encoding="utf-8")
    (beleid / "eigen" / "findings.json").write_text("{}", encoding="utf-8")
    assert "eigen/index.html" in [rel for _, rel in discover([beleid]).files]


def test_exclude_a_folder_and_a_pattern(beleid, tmp_path):
    (beleid / "archief").mkdir()
    (beleid / "archief" / "verordening-2015.txt").write_text("Verordening 2015\n\nDe AWBZ geldt.\n", encoding="utf-8")
    (beleid / "concept.concept.txt").write_text("Concept\n", encoding="utf-8")
    out = tmp_path / "rapport"
    res = run("audit", beleid, "-o", out, "-f", "json", "--exclude", "archief/", "--exclude", "*.concept.txt", "-j", "1")
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in data["documents"]] == ["verordening-wmo-2020.txt", "werkinstructies/huishoudelijke-ondersteuning.txt"]
    assert {(s["path"], s["reason"]) for s in data["skipped"]} == {
        ("archief/", "uitgesloten met --exclude archief/"), ("concept.concept.txt", "uitgesloten met --exclude *.concept.txt")}
    assert "archief/: uitgesloten met --exclude archief/" in res.stdout


def test_excluded_by_patterns():
    assert excluded_by("a/archief", ["archief/"], folder=True) == "archief/"
    assert excluded_by("archief", ["archief/"], folder=False) is None  # a file named archief is no folder
    assert excluded_by("x/oud/2019", ["oud/2019"], folder=True) is None  # a path pattern starts at the root
    assert excluded_by("oud/2019", ["oud/2019"], folder=True) == "oud/2019"
    assert excluded_by("a/b/c.pdf", ["**/b/*.pdf"]) == "**/b/*.pdf" and excluded_by("b/c.pdf", ["**/b/*.pdf"])
    assert excluded_by("a/verordening.txt", ["*.pdf"]) is None


def test_select_and_ignore_by_id_type_and_glob(beleid, tmp_path):
    def rules_found(*opts: str) -> set[str]:
        out = tmp_path / "r"
        run("audit", beleid, "-o", out, "-f", "json", "-j", "1", "--no-cache", *opts)
        return {f["rule"] for f in json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]}

    everything = rules_found()
    assert {"awbz-vervallen", "indiceren", "gebruikelijke-zorg"} <= everything
    assert rules_found("--select", "awbz-vervallen") == {"awbz-vervallen"}
    assert rules_found("--ignore", "indiceren,gebruikelijke-*") == everything - {"indiceren", "gebruikelijke-zorg"}
    assert rules_found("--select", "term", "--ignore", "awbz-vervallen") == {r for r in everything if r != "awbz-vervallen"} & rules_found("--select", "term")
    res = run("audit", beleid, "-o", tmp_path / "r", "--ignore", "indicerne")
    assert res.exit_code == 2 and "--ignore indicerne: geen controle" in res.stderr and "bedoelde u indiceren?" in res.stderr


def test_settings_file_found_upwards_and_the_command_line_wins(beleid, tmp_path):
    (tmp_path / "docmine.toml").write_text(
        'ignore = ["indiceren"]\nexclude = ["werkinstructies/"]\nformat = ["json"]\noutput = "uit"\n'
        '[severity]\nawbz-vervallen = "waarschuwing"\n', encoding="utf-8")
    res = run("audit", beleid, "-j", "1", "--no-cache")
    data = json.loads((tmp_path / "uit" / "findings.json").read_text(encoding="utf-8"))  # output relative to the file
    assert sorted(p.name for p in (tmp_path / "uit").iterdir() if not p.name.startswith(".")) == ["findings.json"]
    rules = {f["rule"]: f["severity"] for f in data["findings"]}
    assert "indiceren" not in rules and rules["awbz-vervallen"] == "warning"
    assert [d["path"] for d in data["documents"]] == ["verordening-wmo-2020.txt"]
    assert res.exit_code == 0  # no error left: the AWBZ is a warning here
    # the command line wins over the file
    res = run("audit", beleid, "-j", "1", "--no-cache", "--ignore", "gebruikelijke-zorg", "-o", tmp_path / "cli", "-f", "json")
    rules = {f["rule"] for f in json.loads((tmp_path / "cli" / "findings.json").read_text(encoding="utf-8"))["findings"]}
    assert "indiceren" in rules and res.exit_code == 0
    # --no-config: the file is not read
    res = run("audit", beleid, "-j", "1", "--no-cache", "--no-config", "-o", tmp_path / "plain", "-f", "json")
    assert res.exit_code == 1


def test_settings_in_pyproject_and_a_wrong_key(beleid, tmp_path):
    (beleid / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.docmine]\nselect = ["awbz-vervallen"]\n'
                                           'fail-on = "never"\n', encoding="utf-8")
    res = run("audit", beleid, "-o", tmp_path / "r", "-f", "json", "-j", "1", "--no-cache")
    assert res.exit_code == 0
    assert {f["rule"] for f in json.loads((tmp_path / "r" / "findings.json").read_text(encoding="utf-8"))["findings"]} == {"awbz-vervallen"}
    (beleid / "docmine.toml").write_text('selekt = ["term"]\n', encoding="utf-8")
    res = run("audit", beleid, "-o", tmp_path / "r")
    assert res.exit_code == 2 and "onbekende instelling 'selekt'" in res.stderr and "bedoelde u 'select'?" in res.stderr
    (beleid / "docmine.toml").write_text('fail-on = "soms"\n', encoding="utf-8")
    res = run("audit", beleid, "-o", tmp_path / "r")
    assert res.exit_code == 2 and "onbekende waarde 'soms'" in res.stderr


def test_a_user_pack_replaces_a_shipped_rule_on_purpose(beleid, tmp_path):
    pack = tmp_path / "eigen"
    pack.mkdir()
    rule = """rules:
  - id: awbz-vervallen
    {replaces}type: term
    severity: info
    message: Eigen tekst over de AWBZ.
    terms: [AWBZ]
    examples:
      match: ["De AWBZ is voorliggend."]
      no_match: ["De Wlz is voorliggend."]
"""
    (pack / "awbz.yml").write_text(rule.format(replaces=""), encoding="utf-8")
    res = run("audit", beleid, "-o", tmp_path / "r", "--rules", pack)
    assert res.exit_code == 2 and "dubbele controle-id 'awbz-vervallen'" in res.stderr and "replaces: awbz-vervallen" in res.stderr
    (pack / "awbz.yml").write_text(rule.format(replaces="replaces: awbz-vervallen\n    "), encoding="utf-8")
    res = run("audit", beleid, "-o", tmp_path / "r", "-f", "json", "--rules", pack, "-j", "1", "--no-cache")
    found = [f for f in json.loads((tmp_path / "r" / "findings.json").read_text(encoding="utf-8"))["findings"]
             if f["rule"] == "awbz-vervallen"]
    assert found and all(f["severity"] == "info" and f["message"] == "Eigen tekst over de AWBZ." for f in found)
    listing = run("rules", "list", pack).stdout
    assert listing.count("awbz-vervallen") == 1 and "Eigen tekst over de AWBZ." in listing
    (pack / "awbz.yml").write_text(rule.format(replaces="replaces: awbz-verv\n    "), encoding="utf-8")
    res = run("rules", "check", pack)
    assert res.exit_code == 2 and "'replaces: awbz-verv': er is geen eerder geladen controle" in res.stderr


def test_rules_check_holds_every_rule_to_examples_of_both_kinds(tmp_path):
    pack = tmp_path / "eigen"
    pack.mkdir()
    (pack / "a.yml").write_text("""rules:
  - id: zonder-tegenvoorbeeld
    type: term
    severity: warning
    message: Een term.
    terms: [ZZP]
    examples:
      match: ["Een ZZP 5."]
""", encoding="utf-8")
    res = run("rules", "check", pack)
    assert res.exit_code == 2
    assert f"{pack / 'a.yml'}:2:5: error: controle 'zonder-tegenvoorbeeld' heeft geen voorbeelden onder examples.no_match" in res.stderr
    assert run("rules", "check").exit_code == 0  # the shipped rules keep the promise
