"""Where docmine may write its report, and that it writes nothing else."""

from __future__ import annotations

import os

import pytest

from docmine.errors import UsageError
from docmine.report import MARKER, write_reports

ALL = ["html", "json", "sarif", "csv"]


def _snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_write_reports_creates_folder_with_marker_and_only_the_asked_files(audit_result, tmp_path):
    out = tmp_path / "rapport"
    written = write_reports(audit_result, out, ["json", "csv"])
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "findings.json", "findings.csv"])
    assert written == {"json": out / "findings.json", "csv": out / "findings.csv"}


def test_write_reports_overwrites_its_own_report(audit_result, tmp_path):
    out = tmp_path / "rapport"
    write_reports(audit_result, out, ALL)
    (out / "findings.json").write_text("oud", encoding="utf-8")
    write_reports(audit_result, out, ALL)
    assert (out / "findings.json").read_text(encoding="utf-8").startswith("{")
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_write_reports_refuses_foreign_file(audit_result, tmp_path):
    out = tmp_path / "mijn-map"
    out.mkdir()
    (out / "index.html").write_text("<p>mijn eigen website</p>", encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        write_reports(audit_result, out, ALL)
    assert exc.value.code == "DM300" and "index.html" in exc.value.message and exc.value.hint
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>mijn eigen website</p>"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_write_reports_into_existing_folder_without_clash_adds_no_marker(audit_result, tmp_path):
    out = tmp_path / "bestaand"
    out.mkdir()
    (out / "notities.txt").write_text("blijft", encoding="utf-8")
    write_reports(audit_result, out, ["json"])
    assert sorted(p.name for p in out.iterdir()) == ["findings.json", "notities.txt"]


def test_write_reports_refuses_audited_folder(audit_result, tmp_path):
    root = tmp_path / "beleid"
    before = _snapshot(root)
    with pytest.raises(UsageError) as exc:
        write_reports(audit_result, root, ALL, audited=[root])
    assert exc.value.code == "DM300"
    assert _snapshot(root) == before and not (root / MARKER).exists()


def test_write_reports_refuses_folder_holding_audited_documents(audit_result, tmp_path):
    folder = tmp_path / "beleid" / "werkinstructies"
    before = _snapshot(folder)
    with pytest.raises(UsageError) as exc:
        write_reports(audit_result, folder, ALL, audited=[tmp_path / "beleid"])
    assert "gecontroleerde documenten" in exc.value.message
    assert _snapshot(folder) == before


def test_write_reports_refuses_parent_of_audited_folder(audit_result, tmp_path):
    before = _snapshot(tmp_path)
    with pytest.raises(UsageError):
        write_reports(audit_result, tmp_path, ALL, audited=[tmp_path / "beleid"])
    assert _snapshot(tmp_path) == before


def test_write_reports_allows_report_folder_inside_audited_folder(audit_result, tmp_path):
    out = tmp_path / "beleid" / "docmine-report"
    written = write_reports(audit_result, out, ["json"], audited=[tmp_path / "beleid"])
    assert written["json"].is_file() and (out / MARKER).is_file()


def test_write_reports_files_are_readable_by_others(audit_result, tmp_path):
    old = os.umask(0o022)
    try:
        written = write_reports(audit_result, tmp_path / "out", ["json"])
    finally:
        os.umask(old)
    assert written["json"].stat().st_mode & 0o777 == 0o644


def test_write_reports_unknown_format_is_usage_error(audit_result, tmp_path):
    with pytest.raises(UsageError):
        write_reports(audit_result, tmp_path / "out", ["pdf"])
    assert not (tmp_path / "out").exists()


def test_write_reports_failing_writer_leaves_no_file_behind(audit_result, tmp_path, monkeypatch):
    from docmine.report import sarif

    def broken(result, fh):
        fh.write(b'{"version": "2.1.0", "runs": [')
        raise RuntimeError("kapot")

    monkeypatch.setattr(sarif, "write", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        write_reports(audit_result, out, ["json", "sarif"])
    assert not (out / "findings.json").exists() and not (out / "findings.sarif").exists()
    assert [p.name for p in out.iterdir()] == [] if out.exists() else True


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_write_reports_refuses_folder_that_linked_documents_resolve_into(tmp_path):
    """The audited files' real paths (worked out once per folder, with one check per file for a
    link) still catch a document that is a link, or lies in a linked folder, into the report folder."""
    from docmine.model import AuditResult, Document

    root, elsewhere, other = tmp_path / "beleid", tmp_path / "elders", tmp_path / "ander"
    for d in (root / "sub", elsewhere, other):
        d.mkdir(parents=True)
    (elsewhere / "x.txt").write_text("x", encoding="utf-8")
    (other / "y.txt").write_text("y", encoding="utf-8")
    (root / "sub" / "z.txt").write_text("z", encoding="utf-8")
    os.symlink(elsewhere / "x.txt", root / "sub" / "a.txt")
    os.symlink(other, root / "lnk")
    result = AuditResult(version="0.1.0", root=str(root), documents=[
        Document(path=p, format="txt", text="") for p in ("sub/z.txt", "sub/a.txt", "lnk/y.txt")])
    for folder, name in ((elsewhere, "x.txt"), (other, "y.txt")):  # the message names the real file
        with pytest.raises(UsageError) as exc:
            write_reports(result, folder, ["json"])
        assert "gecontroleerde documenten" in exc.value.message and name in exc.value.message
    assert write_reports(result, tmp_path / "rapport", ["json"])["json"].is_file()
