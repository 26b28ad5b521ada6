"""Build corpus-dijkwaarden/ (the sample municipality Dijkwaarden) from tools/corpus_dijkwaarden_src/.

    .venv/bin/python tools/build_corpus_dijkwaarden.py [OUT]     # default: corpus-dijkwaarden/

Every document is written by this script: hand-written .txt, .md and .html sources are copied as
they are; PDF (reportlab), DOCX (python-docx) and CVDR XML are rendered from the markup described
in tools/dijkwaarden_render.py; two beschikkingen are filled in from one letter template and three
yearly versions of one protocol are derived from its newest text.  Running it twice gives
byte-identical files (invariant PDFs, fixed DOCX zip timestamps, fixed dates).
EXPECTED.yaml and README.md are written by hand and not touched.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dijkwaarden_render as dr  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "corpus_dijkwaarden_src"
OUT = ROOT / "corpus-dijkwaarden"

COPY = {
    "Verordening_jeugdhulp_Dijkwaarden_2021.md": "regelgeving/Verordening_jeugdhulp_Dijkwaarden_2021.md",
    "Beleidsregels_sociaal_domein_Dijkwaarden_2024.html": "regelgeving/Beleidsregels_Wmo_en_jeugdhulp_Dijkwaarden_2024.html",
    "zorgwijzer_dagbesteding.html": "producten/zorgwijzer/dagbesteding.html",
    "zorgwijzer_ambulante_jeugdhulp.html": "producten/zorgwijzer/ambulante-jeugdhulp.html",
    "WI_aanvraag_woningaanpassing.txt": "werkinstructies/wmo/WI_aanvraag_woningaanpassing.txt",
    "WI_heronderzoek_hulpmiddelen.md": "werkinstructies/wmo/Werkinstructie_heronderzoek_hulpmiddelen.md",
    "wi_clientondersteuning_def.txt": "werkinstructies/toegang/wi_clientondersteuning_def.txt",
    "kb_pgb_budgetplan.html": "werkinstructies/kennisbank/budgetplan-pgb-beoordelen.html",
    "kb_huisbezoek_plannen.html": "werkinstructies/kennisbank/huisbezoek-plannen-en-voorbereiden.html",
    "Beschikking_Wmo_2023-0301.txt": "dossiers/2023/beschikkingen/Beschikking_Wmo_2023-0301.txt",
    "Beschikking_Jeugd_2023-J044.txt": "dossiers/2023/beschikkingen/Beschikking_Jeugd_2023-J044.txt",
    "Verslag_Wmo_2023-0117.md": "dossiers/2023/verslagen/Verslag_Wmo_2023-0117.md",
    "Verslag_Jeugd_2023-J051.html": "dossiers/2023/verslagen/Verslag_Jeugd_2023-J051.html",
    "scan_werkinstructie_HV_2013.txt": "archief/scan_0032_werkinstructie_HV_2013.txt",
}

RENDER = {
    "raadsinformatiebrief_2023.txt": ("raad/Raadsinformatiebrief_2023-41_opschoning_beleidsdocumenten.docx", "docx"),
    "productcatalogus_wmo_2023.txt": ("producten/Productcatalogus_Wmo_Dijkwaarden_2023.docx", "docx"),
    "arrangementen_jeugd_2022.txt": ("producten/Arrangementen_jeugdhulp_Waardenland_2022.pdf", "pdf"),
    "protocol_ho_2022.txt": ("protocollen/Protocol_huishoudelijke_ondersteuning_2022.docx", "docx"),
    "handboek_toegang_2023.txt": ("handboek/Handboek_Toegang_Sociaal_Domein_2023.pdf", "pdf"),
    "WI_vervoersvoorziening.txt": ("werkinstructies/wmo/Werkinstructie_vervoersvoorziening_Wmo.docx", "docx"),
    "WI_spoedprocedure_beschermd_wonen.txt":
        ("werkinstructies/beschermd_wonen/Werkinstructie_spoedprocedure_beschermd_wonen.docx", "docx"),
    "WI_mantelzorgwaardering.txt": ("werkinstructies/wmo/Werkinstructie_mantelzorgwaardering.docx", "docx"),
    "Hulpmiddelen_opnieuw_beoordelen.txt": ("werkinstructies/toegang/Hulpmiddelen_opnieuw_beoordelen.docx", "docx"),
    "Beschikking_Wmo_2023-0208.txt": ("dossiers/2023/beschikkingen/Beschikking_Wmo_2023-0208_woningaanpassing.docx", "docx"),
    "Beschikking_Wmo_2023-0231.txt": ("dossiers/2023/beschikkingen/Beschikking_Wmo_2023-0231.docx", "docx"),
    "Beschikking_Wmo_2023-0259.txt": ("dossiers/2023/beschikkingen/Beschikking_Wmo_2023-0259.pdf", "pdf"),
    "Beschikking_Jeugd_2023-J051.txt": ("dossiers/2023/beschikkingen/Beschikking_Jeugd_2023-J051.pdf", "pdf"),
    "Verslag_Wmo_2023-0142.txt": ("dossiers/2023/verslagen/Verslag_Wmo_2023-0142.docx", "docx"),
    "Verslag_Wmo_2023-0259_checklist.txt": ("dossiers/2023/verslagen/Verslag_Wmo_2023-0259_checklist.docx", "docx"),
    "Verslag_Jeugd_2023-J044.txt": ("dossiers/2023/verslagen/Verslag_Jeugd_2023-J044.docx", "docx"),
    "Verslag_Wmo_2023-0301_formulier.txt": ("dossiers/2023/verslagen/Verslag_Wmo_2023-0301_formulier.pdf", "pdf"),
}

REGULATIONS = {
    "verordening_wmo_2015.txt": ("regelgeving/Verordening_maatschappelijke_ondersteuning_Dijkwaarden_2015.xml", {
        "identifier": "CVDR351872_1", "modified": "2014-12-02", "issued": "2014-11-13", "inwerking": "2015-01-01",
        "publicatie": "gmb-2014-61207", "orgaan": "gemeenteraad", "kenmerk": "RV-2014-118",
        "sources": [("Wet maatschappelijke ondersteuning 2015", "BWBR0035362"), ("Gemeentewet", "BWBR0005416")],
    }),
    "nadere_regels_wmo_2017.txt": ("regelgeving/Nadere_regels_maatschappelijke_ondersteuning_Dijkwaarden_2017.xml", {
        "identifier": "CVDR402219_1", "modified": "2017-02-24", "issued": "2017-02-14", "inwerking": "2017-03-01",
        "publicatie": "gmb-2017-30914", "orgaan": "college van burgemeester en wethouders",
        "sources": [("Verordening maatschappelijke ondersteuning gemeente Dijkwaarden 2015", "CVDR351872"),
                    ("Wet maatschappelijke ondersteuning 2015", "BWBR0035362")],
    }),
}

# Two beschikkingen on one letter template: 0117 is complete, 0142 names no ingangsdatum.
LETTERS = {
    "dossiers/2023/beschikkingen/Beschikking_Wmo_2023-0117_begeleiding.txt": {
        "AANHEF": "Mevrouw H. Jansen", "ADRES": "Dorpsstraat 12\n4261 AE Dijkwaarden", "DATUM": "17 maart 2023",
        "KENMERK": "WMO-2023-0117", "GROET": "mevrouw Jansen", "AANVRAAG": "15 maart 2023",
        "PRODUCT": "Begeleiding individueel middel (productcode BI-02)", "AANBIEDER": "Stichting Thuis in Waardenland",
        "OMVANG": "3 uur per week",
        "PERIODE": "De voorziening gaat in op 1 april 2023 en eindigt op 31 maart 2024.",
        "RESULTAAT": "U houdt met begeleiding zelf de regie over uw post, uw agenda en uw geldzaken, en u onderneemt "
                     "één keer per week iets buitenshuis.",
        "MOTIVERING": "In het gesprek van 6 maart 2023 hebben wij vastgesteld dat u door geheugenproblemen het overzicht "
                      "over uw administratie bent kwijtgeraakt. Uw zoon helpt in het weekend, maar kan de wekelijkse "
                      "ondersteuning niet bieden. Een algemene voorziening biedt te weinig structuur.",
        "CONSULENT": "W. Scholten"},
    "dossiers/2023/beschikkingen/Beschikking_Wmo_2023-0142_begeleiding_groep.txt": {
        "AANHEF": "De heer B. Visser", "ADRES": "Esdoornstraat 5\n4262 KP Dijkwaarden", "DATUM": "29 maart 2023",
        "KENMERK": "WMO-2023-0142", "GROET": "heer Visser", "AANVRAAG": "22 maart 2023",
        "PRODUCT": "Begeleiding groep basis (productcode BG-01)", "AANBIEDER": "Ontmoetingscentrum De Brug",
        "OMVANG": "2 dagdelen per week",
        "PERIODE": "De maatwerkvoorziening loopt tot en met 31 maart 2024.",
        "RESULTAAT": "U heeft een vast weekritme, u ontmoet andere mensen en u bereidt zich voor op vrijwilligerswerk.",
        "MOTIVERING": "Uit het gesprek van 20 maart 2023 blijkt dat u na uw ziekte moeite heeft om uw dagen in te "
                      "delen en dat u weinig contacten heeft. Begeleiding in een groep helpt u een vast ritme op te bouwen.",
        "CONSULENT": "L. Hendriks"},
}

# Three yearly versions of one protocol: 2022 (DOCX) is current, 2021 (Markdown) and 2020 (text)
# were left beside it.  Each older text is the newer one with a few edits.
PROTOCOL_2021 = [
    ("Protocol huishoudelijke ondersteuning Dijkwaarden 2022", "Protocol huishoudelijke ondersteuning Dijkwaarden 2021"),
    ("Versie 3.0, vastgesteld door het afdelingshoofd Sociaal Domein op 10 januari 2022.",
     "Versie 2.0, vastgesteld door het afdelingshoofd Sociaal Domein op 4 januari 2021."),
    ("Naast het schoonhouden van het huis kunnen ook de wasverzorging, de boodschappen en de zorg voor kinderen "
     "tot het resultaat behoren.",
     "Naast het schoonhouden van het huis kunnen ook de wasverzorging en de boodschappen tot het resultaat behoren."),
    ("De aanbieder evalueert na een half jaar", "De aanbieder evalueert na een jaar"),
]
PROTOCOL_2020 = [
    ("Protocol huishoudelijke ondersteuning Dijkwaarden 2021", "Protocol huishoudelijke ondersteuning Dijkwaarden 2020"),
    ("Versie 2.0, vastgesteld door het afdelingshoofd Sociaal Domein op 4 januari 2021.",
     "Versie 1.0, vastgesteld door het afdelingshoofd Sociaal Domein op 6 januari 2020."),
    ("- Stel vast of er een algemene voorziening is, zoals een boodschappendienst of een wasservice, die passend is.\n", ""),
    ("een huisstofmijtallergie, incontinentie of een huisdier dat de inwoner voor zijn welzijn nodig heeft",
     "een huisstofmijtallergie of incontinentie"),
    ("telefoon 14 0183", "telefoon 0183 69 12 00"),
    ("in het kader van gebruikelijke hulp", "in het kader van gebruikelijke zorg"),
]


def edit(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        if old not in text:
            raise SystemExit(f"edit not found: {old[:60]!r}")
        text = text.replace(old, new)
    return text


def main(out: Path = OUT) -> list[Path]:
    """Write every document into `out`; return the paths written."""
    written: list[Path] = []

    def target(rel: str) -> Path:
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        written.append(p)
        return p

    for src, rel in COPY.items():
        shutil.copyfile(SRC / src, target(rel))
    for src, (rel, kind) in RENDER.items():
        meta, blocks = dr.parse_markup((SRC / src).read_text(encoding="utf-8"))
        (dr.render_pdf if kind == "pdf" else dr.render_docx)(blocks, meta, target(rel))
    for src, (rel, meta) in REGULATIONS.items():
        reg = dr.parse_regulation((SRC / src).read_text(encoding="utf-8"))
        target(rel).write_text(dr.cvdr_xml(reg, meta), encoding="utf-8")
    template = (SRC / "beschikking_wmo_sjabloon.txt").read_text(encoding="utf-8")
    for rel, values in LETTERS.items():
        target(rel).write_text(re.sub(r"\{([A-Z]+)\}", lambda m: values[m.group(1)], template), encoding="utf-8")
    p2022 = (SRC / "protocol_ho_2022.txt").read_text(encoding="utf-8")
    p2021 = edit(p2022, PROTOCOL_2021)
    p2020 = edit(p2021, PROTOCOL_2020)
    target("protocollen/Protocol_huishoudelijke_ondersteuning_2021.md").write_text(
        dr.markup_to_text(dr.parse_markup(p2021)[1], markdown=True), encoding="utf-8")
    target("protocollen/Protocol_HO_2020_def.txt").write_text(
        dr.markup_to_text(dr.parse_markup(p2020)[1]), encoding="utf-8")
    return written


if __name__ == "__main__":
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for path in main(dest):
        print(path.relative_to(dest))
