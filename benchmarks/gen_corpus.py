"""Generate a deterministic benchmark corpus of Dutch social-domain policy documents.

    python benchmarks/gen_corpus.py OUT_DIR [--docs 2000] [--seed 8]

About 70% plain text, 20% PDF (reportlab) and 10% DOCX (python-docx), spread over several
(fictional) municipalities, of every document type docmine knows: verordening, besluit / nadere
regels with a richtlijn bijlage, arrangementsbeschrijving (with a level table), werkinstructie,
beschikking and gespreksverslag. Planted problems: outdated terms (AWBZ, compensatieplicht,
indicatie, gebruikelijke zorg, WWB, Wet op de jeugdzorg ...), near-duplicate werkinstructies and
yearly arrangement versions, inverted or flat levels, references to articles that do not exist,
werkinstructies without versienummer, beschikkingen without duur.

The same ``--docs`` and ``--seed`` always give the same texts. The folder is reused when it
already holds a corpus made with the same parameters (``.gen_corpus.json``), because making
PDFs takes a while.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

GENERATOR_VERSION = 4

GEMEENTEN = ["Oosterwaarde", "Lindenburg", "Heemsvoort", "Bergeijkerveen", "Zuidmeer", "Kloosterhaven",
             "Veldhoven-Noord", "Westerdam", "Ravenstijn", "Eikelenbosch"]
YEARS = list(range(2012, 2025))
FAMILIES = ["Begeleiding Groep", "Begeleiding Individueel", "Dagbesteding", "Kortdurend Verblijf",
            "Ambulante Jeugdhulp", "Huishoudelijke Ondersteuning", "Persoonlijke Verzorging", "Logeeropvang"]
LEVELS = [("laag", "midden", "hoog"), ("licht", "middel", "zwaar"), ("basis", "plus", "intensief")]
OUTDATED = [
    "Voor persoonlijke verzorging is de AWBZ voorliggend.",
    "Het college geeft invulling aan de compensatieplicht door het verstrekken van een individuele voorziening.",
    "De consulent stelt de indicatie vast na een huisbezoek.",
    "Bij de herindicatie wordt opnieuw gekeken naar de gebruikelijke zorg van huisgenoten.",
    "Cliënten met een uitkering op grond van de WWB komen in aanmerking voor de collectieve verzekering.",
    "Jeugdigen die eerder via Bureau Jeugdzorg werden geholpen, worden doorverwezen.",
    "De Wet op de jeugdzorg is van overeenkomstige toepassing.",
    "Huishoudelijke verzorging wordt verstrekt in de vorm van zorg in natura.",
    "De aanvrager wordt geïndiceerd voor begeleiding groep.",
    "Gedwongen opname vindt plaats op grond van de Wet Bopz.",
    "Als richtlijn geldt de CIZ indicatiewijzer.",
]
CLEAN = [
    "Het college bepaalt na het onderzoek of een maatwerkvoorziening nodig is.",
    "Bij het onderzoek wordt rekening gehouden met de gebruikelijke hulp van huisgenoten.",
    "De ondersteuning draagt bij aan de zelfredzaamheid en participatie van de cliënt.",
    "Ten tijde van de AWBZ werd dit anders geregeld; sinds 2015 valt begeleiding onder de Wmo 2015.",
    "De cliënt kan een persoonsgebonden budget aanvragen als hij dat gemotiveerd wenst.",
    "Het college draagt zorg voor een zorgvuldig onderzoek naar de hulpvraag.",
    "De jeugdige en zijn ouders worden betrokken bij het opstellen van het ondersteuningsplan.",
    "Een algemene voorziening gaat voor op een maatwerkvoorziening als die passend is.",
    "Het college verstrekt een beschikking waarin de aard en omvang van de ondersteuning staan.",
    "De aanbieder rapporteert elk half jaar over de voortgang van de resultaten.",
    "Het sociaal netwerk van de cliënt wordt waar mogelijk ingezet.",
    "De wijkverpleging valt onder de Zorgverzekeringswet.",
    "Het college stelt vast welke eigen mogelijkheden de cliënt heeft om het probleem op te lossen.",
    "De hoogte van de bijdrage wordt vastgesteld door het CAK.",
    "Een aanvraag wordt binnen acht weken na ontvangst afgehandeld.",
    "De consulent bespreekt de uitkomsten van het gesprek met de cliënt en legt die vast in een verslag.",
]
TOPICS = ["Toegang", "Melding en onderzoek", "Aanvraag", "Maatwerkvoorziening", "Persoonsgebonden budget",
          "Bijdrage in de kosten", "Kwaliteit", "Klachten en bezwaar", "Mantelzorg", "Beschermd wonen",
          "Jeugdhulp", "Hulp bij het huishouden", "Woningaanpassing", "Vervoer", "Misbruik en oneigenlijk gebruik"]
NAMES = ["J. de Vries", "M. Jansen", "A. Bakker", "S. Visser", "P. Smit", "R. Meijer", "L. de Boer", "K. Mulder"]


SUBJ = ["het college", "de consulent", "de aanbieder", "de gemeente", "het wijkteam", "de cliënt", "de jeugdige",
        "de mantelzorger", "de klantmanager", "de casusregisseur", "de zorgaanbieder", "de toegangsmedewerker",
        "de ouder", "het sociaal team", "de coördinator", "de gecertificeerde instelling"]
VERB = ["beoordeelt", "bespreekt", "legt vast", "onderzoekt", "stemt af", "controleert", "verantwoordt", "evalueert",
        "plant", "beschrijft", "registreert", "toetst", "herziet", "ondersteunt", "bewaakt", "rapporteert"]
OBJ = ["de hulpvraag", "het ondersteuningsplan", "de aanvraag", "de voortgang", "de beoogde resultaten",
       "de eigen kracht", "de inzet van het netwerk", "de kosten", "de kwaliteit van de ondersteuning", "de signalen",
       "de afspraken met de aanbieder", "het persoonlijk plan", "de woonsituatie", "de dagbesteding",
       "de vervoersbehoefte", "de schuldenproblematiek", "de mantelzorgwaardering", "de wachttijd",
       "de klachtafhandeling", "de privacy van gegevens", "de declaraties", "de herbeoordeling"]
COND = ["binnen zes weken", "na overleg met de cliënt", "voor zover dat redelijk is", "zo nodig met een tolk",
        "in het eerstvolgende overleg", "op basis van het dossier", "elk kwartaal", "binnen twee werkdagen",
        "met inachtneming van de privacywetgeving", "na een huisbezoek", "als de situatie daarom vraagt",
        "tenzij de cliënt bezwaar maakt", "uiterlijk aan het einde van het jaar", "samen met de huisarts",
        "in het cliëntvolgsysteem", "volgens het werkproces", "met een kopie aan de aanbieder", "per trajectfase"]


def _prose(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJ)} {rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(COND)}"
    if rng.random() < 0.5:
        s += f" en {rng.choice(VERB)} {rng.choice(OBJ)}"
    if rng.random() < 0.3:
        s += f" ({rng.randint(2, 52)} weken)"
    return s[0].upper() + s[1:] + "."


def _sentences(rng: random.Random, n: int, dirty: float) -> list[str]:
    """Mostly varied prose (so unrelated documents do not look alike), some fixed sentences,
    and with probability ``dirty`` a sentence with an outdated term."""
    out = []
    for _ in range(n):
        r = rng.random()
        out.append(rng.choice(OUTDATED) if r < dirty else rng.choice(CLEAN) if r < dirty + 0.2 else _prose(rng))
    return out


def _date(rng: random.Random, year: int) -> str:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december"]
    return f"{rng.randint(1, 28)} {rng.choice(months)} {year}"


def verordening(rng: random.Random, gem: str, year: int, law: str) -> tuple[str, list[list[list[str]]]]:
    title = (f"Verordening maatschappelijke ondersteuning {gem} {year}" if law == "Wmo"
             else f"Verordening jeugdhulp {gem} {year}")
    wet = "artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015" if law == "Wmo" else "artikel 2.9 van de Jeugdwet"
    lines = [title, "", f"De raad van de gemeente {gem};", f"gelet op {wet};", "besluit vast te stellen:", ""]
    art = 1
    nchap = rng.randint(4, 8)
    for h in range(1, nchap + 1):
        lines += [f"Hoofdstuk {h} {rng.choice(TOPICS)}", ""]
        if h == 1:
            lines += [f"Artikel {art} Begripsbepalingen", "In deze verordening wordt verstaan onder:"]
            for letter, (term, d) in zip("abcde", [("maatwerkvoorziening", "op de behoeften afgestemd geheel van diensten"),
                                                  ("cliënt", "persoon die een melding doet"),
                                                  ("college", "college van burgemeester en wethouders"),
                                                  ("mantelzorg", "hulp ten behoeve van zelfredzaamheid"),
                                                  ("pgb", "persoonsgebonden budget")]):
                lines.append(f"{letter}. {term}: {d};")
            lines.append("")
            art += 1
        for _ in range(rng.randint(2, 5)):
            suffix = "a" if rng.random() < 0.08 else ""
            lines += [f"Artikel {art}{suffix} {rng.choice(TOPICS)}"]
            for lid in range(1, rng.randint(2, 5)):
                lines.append(f"{lid}. " + " ".join(_sentences(rng, rng.randint(1, 3), 0.12)))
                if rng.random() < 0.25:
                    for letter in "abc"[: rng.randint(1, 3)]:
                        lines.append(f"{letter}. {rng.choice(CLEAN).rstrip('.').lower()};")
            if rng.random() < 0.2:
                ref = art + rng.choice([-1, 1, 40])  # 40: an article that does not exist
                lines.append(f"{lid + 1}. Het bepaalde in artikel {max(ref, 1)}, tweede lid, is van overeenkomstige toepassing.")
            lines.append("")
            art += 1
    lines += [f"Hoofdstuk {nchap + 1} Slotbepalingen", "", f"Artikel {art} Inwerkingtreding",
              f"Deze verordening treedt in werking op 1 januari {year}.", "",
              f"Artikel {art + 1} Citeertitel", f"Deze verordening wordt aangehaald als: {title}.", "",
              f"Aldus vastgesteld in de openbare vergadering van {_date(rng, year - 1)}.",
              "de griffier, de voorzitter,", f"{rng.choice(NAMES)} {rng.choice(NAMES)}"]
    return "\n".join(lines) + "\n", []


def besluit(rng: random.Random, gem: str, year: int, law: str) -> tuple[str, list]:
    title = f"Besluit maatschappelijke ondersteuning {gem} {year}" if rng.random() < 0.6 else f"Nadere regels jeugdhulp {gem} {year}"
    lines = [title, "", f"Het college van burgemeester en wethouders van de gemeente {gem};",
             f"gelet op de Verordening maatschappelijke ondersteuning {gem} {year - 1};", "besluit vast te stellen:", ""]
    for art in range(1, rng.randint(6, 14)):
        lines.append(f"Artikel {art} {rng.choice(TOPICS)}")
        for lid in range(1, rng.randint(2, 4)):
            lines.append(f"{lid}. " + " ".join(_sentences(rng, rng.randint(1, 3), 0.15)))
        lines.append("")
    ry = rng.choice([2013, 2016, 2019, 2022])
    lines += [f"Bijlage 1 Richtlijn Hulp bij het huishouden {ry}", "",
              f"Uitgangspunt is de richtlijn HH uit {ry}."] + _sentences(rng, rng.randint(6, 15), 0.3) + [""]
    return "\n".join(lines) + "\n", []


def arrangement(rng: random.Random, gem: str, year: int, law: str, flaw: str | None = None) -> tuple[str, list]:
    title = f"Beschrijving arrangementen {'Jeugd' if law == 'Jeugdwet' else 'Wmo'} {year} {gem}"
    lines = [title, "", f"Dit productenboek beschrijft de arrangementen van de gemeente {gem} voor {year}.", ""]
    tables = []
    for fam in rng.sample(FAMILIES, rng.randint(2, 4)):
        names = rng.choice(LEVELS)
        lines += [fam, ""]
        rows = [["Niveau", "Code", "Doelgroep", "Omvang", "Tarief"]]
        hours = sorted(rng.sample(range(2, 16), 3))
        rates = sorted(round(rng.uniform(35, 90), 2) for _ in range(3))
        who = ["is niet volledig in staat om zelfstandig of met zijn omgeving invulling te geven aan de dag",
               "heeft beperkte ondersteuning nodig bij het structureren van de dag",
               "heeft intensieve ondersteuning nodig en kan de dag niet zelf structureren"]
        if flaw == "inverted":
            who[1] = "is in staat om zelfstandig of met zijn omgeving invulling te geven aan de dag"
        if flaw == "flat":
            hours[1] = hours[0]
        unit = "dagdelen" if "Groep" in fam or "Dagbesteding" in fam else "uur"
        for i, lvl in enumerate(names):
            code = f"{fam[:3].upper()}{i + 1:02d}"
            lines += [f"{fam} {lvl}", f"Productcode: {code}", f"Doelgroep: de cliënt {who[i]}.",
                      f"Omvang: {hours[i]} {unit} per week.", f"Tarief: € {rates[i]:.2f} per {'dagdeel' if unit == 'dagdelen' else 'uur'}.",
                      "Resultaat: " + rng.choice(CLEAN), ""]
            rows.append([lvl, code, who[i][:40], f"{hours[i]} {unit} per week", f"€ {rates[i]:.2f}"])
        tables.append(rows)
        lines += _sentences(rng, 2, 0.2) + [""]
    return "\n".join(lines) + "\n", tables


def werkinstructie(rng: random.Random, gem: str, year: int, law: str, topic: str | None = None) -> tuple[str, list]:
    drawn = rng.choice(["onbepaalde tijd beschikken", "periodiek onderzoek Wmo", "melding ontvangen",
                        "pgb-aanvraag beoordelen", "herbeoordeling jeugdhulp"])
    topic = topic or drawn
    lines = [f"Werkinstructie {topic}" + (f" {gem}" if rng.random() < 0.8 else ""), "", f"Datum: {_date(rng, year)}"]
    if rng.random() < 0.75:
        lines.append(f"Versienummer: {rng.randint(1, 4)}.{rng.randint(0, 9)}")
    lines += [f"Redacteur: {rng.choice(NAMES)}", "", "Doel", rng.choice(CLEAN), "", "Werkwijze"]
    for i in range(1, rng.randint(5, 10)):
        lines.append(f"Stap {i}: " + " ".join(_sentences(rng, rng.randint(1, 2), 0.15)))
    return "\n".join(lines) + "\n", []


def beschikking(rng: random.Random, gem: str, year: int, law: str) -> tuple[str, list]:
    lines = [f"Beschikking {'Wmo' if law == 'Wmo' else 'jeugdhulp'}", "", f"Gemeente {gem}", f"Datum: {_date(rng, year)}",
             "", "Geachte heer/mevrouw,", "", "Op uw aanvraag hebben wij het volgende besloten.", "",
             f"Voorziening: {rng.choice(FAMILIES)}", f"Beoogd resultaat: {rng.choice(CLEAN)}",
             f"Aard en omvang: {rng.randint(2, 10)} uur per week"]
    lines.append(f"Ingangsdatum: {_date(rng, year)}")
    if rng.random() < 0.7:
        lines.append(f"Duur: tot en met {_date(rng, year + rng.randint(1, 3))}")
    lines += [""] + _sentences(rng, 3, 0.25) + ["",
              "Bezwaar: bent u het niet eens met dit besluit, dan kunt u binnen zes weken bezwaar maken.", ""]
    return "\n".join(lines) + "\n", []


def gespreksverslag(rng: random.Random, gem: str, year: int, law: str) -> tuple[str, list]:
    lines = [f"Gespreksverslag keukentafelgesprek {gem}", f"Datum gesprek: {_date(rng, year)}", ""]
    for head in ["Hulpvraag", "Problemen in zelfredzaamheid en participatie", "Gewenst resultaat",
                 "Ondersteuning naar aard en omvang", "Eigen mogelijkheden en sociaal netwerk",
                 "Andere voorzieningen", "Vaststelling maatwerk"]:
        if rng.random() < 0.12:
            continue  # a missing required step
        lines += [head, " ".join(_sentences(rng, rng.randint(2, 4), 0.15)), ""]
    return "\n".join(lines) + "\n", []


KINDS = [(verordening, 0.18), (besluit, 0.17), (arrangement, 0.15), (werkinstructie, 0.2), (beschikking, 0.15),
         (gespreksverslag, 0.15)]


_PRE = ["Noord", "Zuid", "Oost", "West", "Hoog", "Laag", "Groot", "Klein", "Oud", "Nieuw", "Sint", "Ter"]
_STEM = ["broek", "dijk", "veen", "wolde", "horst", "hoven", "dam", "zand", "hout", "mere", "kerk", "donk", "rade",
         "lo", "beek", "brug", "wijk", "burg", "haar", "loon"]


def municipalities(n: int) -> list[str]:
    """The ten named municipalities, plus more as the corpus grows (about 200 documents each,
    as in a real knowledge base: a large corpus is a region, not one municipality x 1000)."""
    extra = max(0, n // 200 - len(GEMEENTEN))
    names = [f"{p}{s}" if p not in ("Sint", "Ter") else f"{p} {s.capitalize()}" for p in _PRE for s in _STEM]
    return GEMEENTEN + names[:extra]


def plan(n: int, seed: int) -> list[dict]:
    """What each document is (kind, municipality, year, law, format), deterministic."""
    rng = random.Random(seed)
    gems = municipalities(n)
    docs = []
    for i in range(n):
        r = rng.random()
        fmt = "txt" if r < 0.7 else ("pdf" if r < 0.9 else "docx")
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0].__name__
        docs.append({"i": i, "fmt": fmt, "kind": kind, "gem": rng.choice(gems), "year": rng.choice(YEARS),
                     "law": rng.choice(["Wmo", "Wmo", "Jeugdwet"]), "seed": rng.randrange(1 << 30)})
    return docs


def render(spec: dict, all_specs: list[dict]) -> tuple[str, str, list]:
    """(file name, text, tables) of one planned document."""
    rng = random.Random(spec["seed"])
    kind = spec["kind"]
    fn = globals()[kind]
    if kind == "arrangement":
        flaw = rng.choice([None, None, "inverted", "flat"])
        text, tables = fn(rng, spec["gem"], spec["year"], spec["law"], flaw)
    elif kind == "werkinstructie" and spec["i"] % 10 == 3 and any(s["kind"] == "werkinstructie" for s in all_specs[:spec["i"]]):
        # the same werkinstructie filed twice: an earlier one's text under another heading and date
        base = [s for s in all_specs[:spec["i"]] if s["kind"] == "werkinstructie"][-1]
        spec = dict(spec, gem=base["gem"])
        text, tables = werkinstructie(random.Random(base["seed"]), base["gem"], spec["year"], base["law"],
                                      topic=rng.choice(["onbepaalde tijd beschikken en periodiek onderzoek",
                                                        "beschikken voor onbepaalde tijd"]))
    else:
        text, tables = fn(rng, spec["gem"], spec["year"], spec["law"])
    slug = {"verordening": "verordening", "besluit": "besluit", "arrangement": "arrangementen",
            "werkinstructie": "werkinstructie", "beschikking": "beschikking", "gespreksverslag": "verslag"}[kind]
    name = f"{spec['gem'].lower()}/{spec['i']:05d}-{slug}-{spec['year']}.{spec['fmt']}"
    return name, text, tables


def write_pdf(path: Path, text: str, tables: list) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    styles = getSampleStyleSheet()
    story = []
    lines = text.split("\n")
    story.append(Paragraph(escape(lines[0]), styles["Title"]))
    for line in lines[1:]:
        story.append(Paragraph(escape(line), styles["BodyText"]) if line.strip() else Spacer(1, 6))
    for rows in tables:
        t = Table(rows)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 7)]))
        story += [Spacer(1, 10), t]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=lines[0], author="gemeente").build(story)


def write_docx(path: Path, text: str, tables: list) -> None:
    import datetime as dt

    import docx

    d = docx.Document()
    lines = text.split("\n")
    d.add_heading(lines[0], level=1)
    for line in lines[1:]:
        if line.startswith(("Hoofdstuk ", "Bijlage ")):
            d.add_heading(line, level=2)
        elif line.startswith("Artikel "):
            d.add_heading(line, level=3)
        elif line.strip():
            d.add_paragraph(line)
    for rows in tables:
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    d.core_properties.title = lines[0]
    d.core_properties.author = "gemeente"
    d.core_properties.created = dt.datetime(2020, 1, 1)
    d.core_properties.modified = dt.datetime(2020, 1, 1)
    d.save(str(path))


def generate(out: str | Path, n: int = 2000, seed: int = 8, quiet: bool = True) -> Path:
    """Write the corpus (or reuse it when ``.gen_corpus.json`` says it matches); return the folder."""
    out = Path(out)
    marker = out / ".gen_corpus.json"
    params = {"docs": n, "seed": seed, "version": GENERATOR_VERSION}
    if marker.exists():
        try:
            if json.loads(marker.read_text()) == params:
                return out
        except ValueError:
            pass
    out.mkdir(parents=True, exist_ok=True)
    specs = plan(n, seed)
    t0 = time.time()
    for spec in specs:
        name, text, tables = render(spec, specs)
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec["fmt"] == "txt":
            if tables:  # tables in text files: one row per line, cells joined by ' | '
                text += "\n" + "\n\n".join("\n".join(" | ".join(r) for r in rows) for rows in tables) + "\n"
            path.write_text(text, encoding="utf-8")
        elif spec["fmt"] == "pdf":
            write_pdf(path, text, tables)
        else:
            write_docx(path, text, tables)
        if not quiet and spec["i"] % 200 == 199:
            print(f"  {spec['i'] + 1}/{n} documenten ({time.time() - t0:.0f} s)", file=sys.stderr)
    marker.write_text(json.dumps(params))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="map waarin het corpus komt")
    ap.add_argument("--docs", type=int, default=2000, help="aantal documenten (standaard 2000)")
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args(argv)
    t = time.time()
    generate(a.out, a.docs, a.seed, quiet=False)
    print(f"{a.docs} documenten in {a.out} ({time.time() - t:.1f} s)")


if __name__ == "__main__":
    main()
