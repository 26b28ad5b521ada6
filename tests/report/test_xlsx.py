"""findings.xlsx: a workbook a policy officer can filter: header row, filters, frozen header,
widths, links to the document, the rule's explanation and the law; errors first; text that
starts with '=' stays text."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from docmine.report import write_reports


def test_xlsx_header_filters_frozen_panes_widths_links_and_order(audit_result, tmp_path):
    audit_result.findings[-1].message = "=HYPERLINK(\"http://x\",\"klik\")"
    written = write_reports(audit_result, tmp_path / "out", ["xlsx", "html"])
    wb = load_workbook(io.BytesIO(written["xlsx"].read_bytes()))
    ws = wb["Bevindingen"]
    header = [c.value for c in ws[1]]
    assert header == ["ernst", "controle", "soort", "document", "pagina", "regel", "kolom", "gevonden tekst",
                      "bericht", "suggestie", "clausule", "grondslag", "vingerafdruk"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:M{len(audit_result.findings) + 1}"
    widths = {k: ws.column_dimensions[k].width for k in "ABDI"}
    assert widths["I"] >= 30 and 8 <= widths["A"] <= 14 and widths["D"] > widths["A"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    order = [{"fout": 0, "waarschuwing": 1, "info": 2}[r[0]] for r in rows]
    assert order == sorted(order) and len(rows) == len(audit_result.findings)
    awbz = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "awbz-vervallen" and r[3].value.startswith("verordeningen"))
    assert (awbz[5].value, awbz[6].value, awbz[7].value) == (5, 39, "AWBZ")
    assert awbz[3].hyperlink.target == (tmp_path / "beleid" / "verordeningen" / "verordening-wmo-2020.txt").resolve().as_uri()
    # a link looks like one in Excel: its own 'Hyperlink' cell style, blue and underlined; other cells plain
    assert awbz[3].style == "Hyperlink" and awbz[3].font.u == "single" and awbz[3].font.color.rgb == "000563C1"
    assert awbz[8].style == "Normal" and not awbz[8].font.u
    assert ws["B1"].hyperlink.target == written["html"].absolute().as_uri() + "#controles"
    assert awbz[11].value == "https://wetten.overheid.nl/BWBR0002614" and awbz[11].hyperlink.target == awbz[11].value
    formula = next(c for r in ws.iter_rows(min_row=2) for c in r if isinstance(c.value, str) and c.value.startswith("=HYP"))
    assert formula.data_type == "s"  # a text cell, not a formula
    other = wb["Niet gelezen"]
    assert [c.value for c in other[2]][:2] == ["overig/kapot.pdf", "DM112"]


def test_xlsx_is_written_by_default_beside_the_csv(audit_result, tmp_path):
    written = write_reports(audit_result, tmp_path / "out")
    assert {"csv", "xlsx"} <= set(written) and written["xlsx"].name == "findings.xlsx"
    assert written["xlsx"].read_bytes()[:2] == b"PK"
