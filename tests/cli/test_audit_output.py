"""What ``docmine audit`` prints: each finding as 'pad:regel:kolom  ernst  controle  bericht',
grouped by document with errors first, a summary at the end; -q, --format text,
--output-format, -o -, the baseline and --update-baseline."""

from __future__ import annotations

import json
import re
from pathlib import Path

from clihelp import run


def _finding_lines(text: str) -> list[list[str]]:
    return [re.split(r"\s{2,}", ln) for ln in text.splitlines() if re.match(r"^\S+:\d+:\d+", ln)]


def test_audit_lists_every_finding_with_place_severity_rule_and_message(beleid, tmp_path):
    res = run("audit", beleid, "-o", tmp_path / "rapport", "-j", "1", "--no-cache")
    assert res.exit_code == 1
    lines = _finding_lines(res.stdout)
    data = json.loads((tmp_path / "rapport" / "findings.json").read_text(encoding="utf-8"))
    assert len(lines) == len(data["findings"])
    awbz = next(ln for ln in lines if ln[2] == "awbz-vervallen")
    row = next(f for f in data["findings"] if f["rule"] == "awbz-vervallen")
    assert awbz[0] == f"verordening-wmo-2020.txt:{row['line']}:{row['column']}" and awbz[1] == "fout"
    text_line = (beleid / "verordening-wmo-2020.txt").read_text(encoding="utf-8").splitlines()[row["line"] - 1]
    assert text_line[row["column"] - 1:].startswith("AWBZ")
    # grouped by document: the document with an error first; a summary after the findings
    assert lines[0][0].startswith("verordening-wmo-2020.txt:") and lines[0][1] == "fout"
    tail = res.stdout.rsplit("\n\n", 2)
    assert "2 documenten gelezen" in res.stdout and re.search(r"\d+ bevindingen in 2 documenten: 1 fout, \d+ waarschuwingen", tail[-2] + tail[-1])
    assert "\x1b[" not in res.stdout  # no colour when stdout is not a terminal


def test_audit_quiet_lists_only_errors(beleid, tmp_path):
    res = run("audit", beleid, "-o", tmp_path / "rapport", "-q", "-j", "1", "--no-cache")
    lines = _finding_lines(res.stdout)
    assert lines and {ln[1] for ln in lines} == {"fout"}
    assert "Rapport:" not in res.stdout and res.exit_code == 1


def test_audit_format_text_writes_no_files_and_the_listing_to_stdout(beleid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("audit", beleid, "--format", "text", "-j", "1")
    assert res.exit_code == 1 and _finding_lines(res.stdout)
    assert not (tmp_path / "docmine-report").exists() and "Rapport:" not in res.stdout


def test_audit_output_format_json_and_sarif_on_stdout_for_ci(beleid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("audit", beleid, "--output-format", "json", "-j", "1", "--no-cache")
    data = json.loads(res.stdout)
    assert {f["rule"] for f in data["findings"]} >= {"awbz-vervallen"} and res.exit_code == 1
    assert "documenten gelezen" in res.stderr  # the summary goes to stderr, stdout stays JSON
    res = run("audit", beleid, "-o", "-", "--output-format", "sarif", "-j", "1")
    sarif = json.loads(res.stdout)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert not (tmp_path / "-").exists()


def test_audit_output_dash_is_stdout_or_a_clear_refusal_never_a_folder(beleid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("audit", beleid, "-o", "-", "-f", "csv", "-j", "1")
    assert res.stdout.startswith("\ufeffernst;controle;")
    res = run("audit", beleid, "-o", "-", "-f", "html,json", "-j", "1")
    assert res.exit_code == 2 and "met -o - gaat het rapport naar stdout" in res.stderr
    res = run("audit", beleid, "-o", "-", "-j", "1")
    assert res.exit_code == 1 and _finding_lines(res.stdout)
    assert not (tmp_path / "-").exists()


def test_audit_baseline_update_confirms_and_exits_0_then_only_new_findings_with_their_place(beleid, tmp_path):
    base = tmp_path / "geaccepteerd.json"
    out = tmp_path / "rapport"
    res = run("audit", beleid, "-o", out, "--baseline", base, "--update-baseline", "-j", "1")
    assert res.exit_code == 0
    n = len(json.loads(base.read_text(encoding="utf-8"))["findings"])
    assert f"Baseline bijgewerkt: {base} ({n} bevindingen vastgelegd)" in res.stdout
    res = run("audit", beleid, "-o", out, "--baseline", base, "-j", "1")
    assert res.exit_code == 0 and "Geen nieuwe bevindingen." in res.stdout and not _finding_lines(res.stdout)
    doc = beleid / "werkinstructies" / "huishoudelijke-ondersteuning.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "Stap 3. Verwijs voor langdurige zorg naar de AWBZ.\n", encoding="utf-8")
    res = run("audit", beleid, "-o", out, "--baseline", base, "-j", "1")
    lines = _finding_lines(res.stdout)
    assert [ln[:3] for ln in lines] == [["werkinstructies/huishoudelijke-ondersteuning.txt:8:46", "fout", "awbz-vervallen"]]
    assert "1 nieuwe bevinding in 1 document" in res.stdout and res.exit_code == 1


def test_audit_update_baseline_without_baseline_is_a_usage_error(beleid, tmp_path):
    res = run("audit", beleid, "-o", tmp_path / "r", "--update-baseline")
    assert res.exit_code == 2 and "--update-baseline heeft --baseline" in res.stderr


def test_rules_list_into_a_pipe_closed_early_ends_quietly():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "docmine", "rules", "list"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before docmine writes, as with '| head -0'
    err = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert "BrokenPipe" not in err and "interne fout" not in err and err == ""


def test_click_texts_are_dutch():
    import subprocess
    import sys

    def docmine(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "docmine", *args], capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8"})

    help_text = docmine("audit", "--help").stdout
    assert help_text.startswith("Gebruik: docmine audit [OPTIES] PADEN...")
    assert "Opties:" in help_text and "Toon deze hulp en stop." in help_text and "[standaard: error]" in help_text
    for english in ("Usage:", "Options:", "Show this message and exit", "[default"):
        assert english not in help_text
    bad = docmine("audit", "--fail-on", "soms", "x")
    assert bad.returncode == 2
    assert "Fout: Ongeldige waarde voor '--fail-on': 'soms' is niet een van" in bad.stderr
    assert "Typ 'docmine audit --help' voor hulp." in bad.stderr
    typo = docmine("audti")
    assert "Fout: Onbekende opdracht 'audti'. Bedoelde u 'audit'?" in typo.stderr
    assert docmine("--version").stdout.strip() == "docmine, versie 0.1.0"
