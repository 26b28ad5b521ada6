"""A small, realistic audit result built by hand: a verordening with an outdated term, two
near-identical werkinstructies, an arrangementsbeschrijving with an inverted level, an
unreadable file and a document that contains HTML and a script tag."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docmine.model import AuditResult, Clause, Document, DocumentError, Finding, Page, Rule, SourceMap

VERORDENING = """Verordening maatschappelijke ondersteuning Gemeente Voorbeeld 2020

Artikel 4 Aanvraag
1. Een cliënt kan een aanvraag indienen voor een maatwerkvoorziening.
2. Voor persoonlijke verzorging is de AWBZ voorliggend.

Artikel 12 Beschikking
1. De beschikking vermeldt de voorziening en het beoogde resultaat.
"""

WI_A = """Werkinstructie onbepaalde tijd beschikken
Datum: 1 maart 2019
Stap 1. Beoordeel of de situatie van de cliënt stabiel is.
Stap 2. Geef de beschikking af voor onbepaalde tijd.
"""
WI_B = """Werkinstructie beschikken voor onbepaalde tijd
Datum: 4 juni 2020
Stap 1. Beoordeel of de situatie van de cliënt stabiel is.
Stap 2. Geef de beschikking af voor onbepaalde tijd, met een heronderzoek na vijf jaar.
"""

ARRANGEMENT = """Beschrijving arrangementen Wmo 2018

Begeleiding Groep
Laag (BG01): de cliënt is niet volledig in staat om zelfstandig of met zijn omgeving invulling te geven aan de dag. 2 dagdelen per week. € 35,00 per dagdeel.
Midden (BG02): de cliënt is in staat om zelfstandig of met zijn omgeving invulling te geven aan de dag. 3 dagdelen per week. € 42,50 per dagdeel.
Hoog (BG03): de cliënt heeft intensieve begeleiding nodig. 5 dagdelen per week. € 58,00 per dagdeel.
"""

HOSTILE = """Raadsinformatiebrief <b>vet</b>
Volgens de <script>alert(1)</script> AWBZ is dit "geregeld" & klaar </textarea><img src=x onerror=alert(2)>
"""


def _doc(path: str, text: str, type_: str, title: str, d: date | None, law: str | None = "Wmo") -> Document:
    return Document(path=path, format="txt", text=text, pages=[Page(1, 0, len(text))],
                    source_map=SourceMap.identity(text), type=type_, title=title, date=d, law=law)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def _finding(rule: Rule, doc: Document, needle: str, clause: Clause | None = None, **kw) -> Finding:
    s, e = _span(doc.text, needle)
    f = Finding(rule=rule.id, type=rule.type, severity=kw.pop("severity", rule.severity),
                message=kw.pop("message", rule.message), suggestion=kw.pop("suggestion", rule.suggestion),
                document=doc.path, clause=clause.id if clause else None, page=1, line=doc.line_of(s),
                column=doc.source_map.position(s)[1], end_line=doc.source_map.end_position(s, e)[0],
                end_column=doc.source_map.end_position(s, e)[1],
                start=s, end=e, excerpt=kw.pop("excerpt", doc.text[s:e]), **kw)
    f.fingerprint = f.compute_fingerprint()
    return f


def build_result(root: Path) -> AuditResult:
    """Write the documents under ``root`` and return an AuditResult about them."""
    files = {
        "verordeningen/verordening-wmo-2020.txt": VERORDENING,
        "werkinstructies/onbepaalde-tijd-2019.txt": WI_A,
        "werkinstructies/onbepaalde-tijd-2020.txt": WI_B,
        "arrangementen/arrangementen-wmo-2018.txt": ARRANGEMENT,
        "overig/brief-<script>.txt": HOSTILE,
        "overig/kapot.pdf": "%PDF-1.4 kapot",
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    ver = _doc("verordeningen/verordening-wmo-2020.txt", VERORDENING, "verordening",
               "Verordening maatschappelijke ondersteuning Gemeente Voorbeeld 2020", date(2020, 1, 1))
    s, e = _span(VERORDENING, "Artikel 4 Aanvraag")
    art4_end = VERORDENING.index("Artikel 12")
    art4 = Clause(id=ver.path + "#art4", kind="artikel", text=VERORDENING[s:art4_end], start=s, end=art4_end,
                  number="4", title="Aanvraag", page=1, law="Wmo")
    ls, le = _span(VERORDENING, "2. Voor persoonlijke verzorging is de AWBZ voorliggend.")
    lid2 = Clause(id=ver.path + "#art4.lid2", kind="lid", text=VERORDENING[ls:le], start=ls, end=le, number="2",
                  page=1, parent=art4.id, law="Wmo")
    ver.clauses = [art4, lid2]

    wia = _doc("werkinstructies/onbepaalde-tijd-2019.txt", WI_A, "werkinstructie", "Werkinstructie onbepaalde tijd beschikken", date(2019, 3, 1))
    wib = _doc("werkinstructies/onbepaalde-tijd-2020.txt", WI_B, "werkinstructie", "Werkinstructie beschikken voor onbepaalde tijd", date(2020, 6, 4))

    arr = _doc("arrangementen/arrangementen-wmo-2018.txt", ARRANGEMENT, "arrangementsbeschrijving",
               "Beschrijving arrangementen Wmo 2018", date(2018, 1, 1))
    ps = ARRANGEMENT.index("Begeleiding Groep")
    product = Clause(id=arr.path + "#begeleiding-groep", kind="product", text=ARRANGEMENT[ps:], start=ps,
                     end=len(ARRANGEMENT), title="Begeleiding Groep", attrs={"family": "Begeleiding Groep"})
    levels = []
    for rank, (lvl, code, dg, n, amount) in enumerate([
        ("laag", "BG01", "de cliënt is niet volledig in staat om zelfstandig of met zijn omgeving invulling te geven aan de dag", 2, 35.0),
        ("midden", "BG02", "de cliënt is in staat om zelfstandig of met zijn omgeving invulling te geven aan de dag", 3, 42.5),
        ("hoog", "BG03", "de cliënt heeft intensieve begeleiding nodig", 5, 58.0),
    ]):
        ls = ARRANGEMENT.index(lvl.capitalize() + " (")
        le = ARRANGEMENT.index("\n", ls)
        levels.append(Clause(
            id=f"{arr.path}#begeleiding-groep.{lvl}", kind="niveau", text=ARRANGEMENT[ls:le], start=ls, end=le,
            title=f"Begeleiding Groep {lvl}", parent=product.id, law="Wmo",
            attrs={"family": "Begeleiding Groep", "level": lvl, "rank": rank, "code": code, "doelgroep": dg,
                   "omvang": [{"value": float(n), "unit": "dagdeel", "per": "week", "text": f"{n} dagdelen per week"}],
                   "tarief": {"amount": amount, "unit": "per dagdeel", "text": f"€ {amount:.2f}".replace(".", ",") + " per dagdeel"},
                   "source": "text"}))
    arr.clauses = [product, *levels]

    hostile = _doc("overig/brief-<script>.txt", HOSTILE, "other", "Raadsinformatiebrief <b>vet</b> <script>alert(3)</script>", None)

    r_awbz = Rule(id="awbz-vervallen", type="term", severity="error",
                  message="De AWBZ bestaat sinds 1 januari 2015 niet meer.",
                  suggestion="Verwijs naar de Wlz, de Wmo 2015 of de Zvw.",
                  source="https://wetten.overheid.nl/BWBR0002614")
    r_dup = Rule(id="werkinstructie-dubbel", type="duplicate", severity="warning",
                 message="Deze werkinstructie staat (bijna) gelijk twee keer in de kennisbank.",
                 suggestion="Bepaal welke versie geldt en trek de andere in.")
    r_lvl = Rule(id="niveau-doelgroep-omgekeerd", type="levels", severity="error",
                 message="De doelgroep van een lager niveau is minder zelfredzaam dan die van het niveau erboven.",
                 suggestion="Beschrijf per niveau een oplopende ondersteuningsbehoefte.",
                 source="https://wetten.overheid.nl/BWBR0035362")
    r_js = Rule(id="link-javascript", type="pattern", severity="info", message="Test van een onveilige link.",
                source="javascript:alert(4)")

    findings = [
        _finding(r_awbz, ver, "AWBZ", clause=lid2),
        _finding(r_awbz, hostile, "AWBZ", message="De AWBZ <script>alert(5)</script> bestaat niet meer."),
        _finding(r_js, hostile, "<script>alert(1)</script>"),
        _finding(r_dup, wia, WI_A.strip(), excerpt=WI_A.strip(),
                 related=[{"document": wib.path, "clause": None, "excerpt": WI_B.strip()}]),
        _finding(r_lvl, arr, levels[0].text, clause=levels[0],
                 related=[{"document": arr.path, "clause": levels[1].id, "excerpt": levels[1].text}]),
    ]
    findings.sort(key=Finding.sort_key)
    graph = {"directed": True, "multigraph": False, "graph": {},
             "nodes": [{"id": ver.path, "kind": "document", "label": ver.title},
                       {"id": arr.path, "kind": "document", "label": arr.title},
                       {"id": "wet:AWBZ", "kind": "wet", "label": "AWBZ", "repealed": True},
                       {"id": "wet:Wmo 2015", "kind": "wet", "label": "Wmo 2015"},
                       {"id": hostile.path, "kind": "document", "label": hostile.title}],
             "links": [{"source": ver.path, "target": "wet:AWBZ", "kind": "wet", "repealed": True},
                       {"source": ver.path, "target": "wet:Wmo 2015", "kind": "wet"},
                       {"source": arr.path, "target": "wet:Wmo 2015", "kind": "wet"},
                       {"source": hostile.path, "target": "wet:AWBZ", "kind": "wet", "repealed": True}]}
    return AuditResult(
        version="0.1.0", root=str(root), rules=[r_awbz, r_dup, r_lvl, r_js],
        documents=[arr, hostile, ver, wia, wib], findings=findings,
        errors=[DocumentError("overig/kapot.pdf", "DM112", "het PDF-bestand is beschadigd of afgebroken",
                              "open het in een PDF-lezer en sla het opnieuw op")],
        graph=graph)


@pytest.fixture
def audit_result(tmp_path: Path) -> AuditResult:
    return build_result(tmp_path / "beleid")


CHROMIUM = Path("/usr/bin/chromium")  # Debian's Chromium, which Playwright drives (no browser download)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the report tests that open a page (skipped where it is missing)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium ontbreekt (CI installeert het)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()
