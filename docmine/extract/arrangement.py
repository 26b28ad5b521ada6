"""Arrangementsbeschrijving: product families and their levels, from prose and from tables.

Prose:  "Begeleiding Groep" / "Niveau laag" (or "Begeleiding Groep Laag") followed by field lines
        "Productcode: 02A12", "Doelgroep: ...", "Omvang: 2 dagdelen per week", "Tarief: € 52,30 per dagdeel".
Tables: a header row naming Product/Niveau/Code/Doelgroep/Omvang/Tarief/Resultaat, one level per row.
"""

from __future__ import annotations

import re

from ..model import Clause, Document, Table

LEVEL_WORDS = ("laag", "midden", "hoog", "licht", "middel", "zwaar", "basis", "plus", "intensief", "extra",
               "licht-midden", "midden-zwaar", "extra zwaar", "zeer zwaar", "extramuraal")
_LVL = r"(?:licht-midden|midden-zwaar|extra\s+zwaar|zeer\s+zwaar|laag|midden|hoog|licht|middel|zwaar|basis|plus|intensief|\d|[IVX]{1,3}|[A-D])"
LEVEL_LINE = re.compile(rf"^\s*(?P<fam>[A-Z][\w /&'()-]*?)?\s*[-–:,]?\s*(?:\(?niveau|\(?[Nn]iveau|NIVEAU)\s+(?P<lvl>{_LVL})\)?\s*$"
                        rf"|^\s*(?P<fam2>[A-Z][\w /&'()-]*?)\s*[-–:,]?\s+(?P<lvl2>laag|midden|hoog|licht|middel|zwaar|basis|plus|intensief|Laag|Midden|Hoog|Licht|Middel|Zwaar|Basis|Plus|Intensief|LAAG|MIDDEN|HOOG)\s*$")
FIELD_RE = re.compile(r"^\s*(?:[-•*]\s*)?(?P<key>product\s*code|productcode|code|doelgroep|aanbod|inhoud|omvang|intensiteit|inzet|"
                      r"tarief|prijs|kostprijs|resultaat|beoogd\s+resultaat|te\s+behalen\s+resultaat|doel)\s*[:]\s*(?P<val>.*)$", re.I)
FIELD_MAP = {"productcode": "code", "product code": "code", "code": "code", "doelgroep": "doelgroep", "aanbod": "aanbod",
             "inhoud": "aanbod", "omvang": "omvang", "intensiteit": "omvang", "inzet": "omvang", "tarief": "tarief",
             "prijs": "tarief", "kostprijs": "tarief", "resultaat": "resultaat", "beoogd resultaat": "resultaat",
             "te behalen resultaat": "resultaat", "doel": "resultaat"}
FAMILY_HINT = re.compile(r"(?i)^\s*(?:product(?:familie)?\s*:\s*)?(?P<fam>(?:begeleiding|dagbesteding|dagbehandeling|hulp\s+bij\s+het\s+huishouden|"
                         r"huishoudelijke\s+(?:ondersteuning|hulp)|kortdurend\s+verblijf|logeeropvang|beschermd\s+wonen|persoonlijke\s+verzorging|"
                         r"jeugdhulp|behandeling|ambulante|respijtzorg|vervoer|ondersteuning|arrangement|product)\b[\w /&'()-]{0,60})$")
UNITS = {"uur": "uur", "uren": "uur", "u": "uur", "dagdeel": "dagdeel", "dagdelen": "dagdeel", "contactmoment": "contactmoment",
         "contactmomenten": "contactmoment", "etmaal": "etmaal", "etmalen": "etmaal", "minuten": "minuut", "minuut": "minuut",
         "dag": "dag", "dagen": "dag", "keer": "keer", "bezoek": "bezoek", "bezoeken": "bezoek", "week": "week", "weken": "week",
         "maand": "maand", "maanden": "maand", "traject": "traject", "trajecten": "traject", "sessie": "sessie", "sessies": "sessie"}
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_NUMBER = r"\d+(?:[.,]\d+)?"
OMVANG_RE = re.compile(rf"(?P<v>{_NUMBER})(?:\s*(?:-|–|tot(?:\s+en\s+met)?|à|a|t/m)\s*(?P<max>{_NUMBER}))?\s*(?P<unit>{_UNIT})\b"
                       rf"(?:\s*(?:per|p/|/|in\s+de|in\s+het)\s*(?P<per>week|maand|jaar|dag|kwartaal|etmaal))?", re.I)
TARIEF_RE = re.compile(r"(?:€|EUR|euro)\s*(?P<amt>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s*,-)?"
                       r"(?:\s*(?P<unit>per\s+(?:uur|dagdeel|dag|week|maand|jaar|etmaal|contactmoment|traject|cliënt|client|kwartier|minuut|sessie|keer)"
                       r"|p/(?:u|uur|dd|dagdeel|dag|w|wk|week|mnd|maand|etmaal)|/\s*(?:uur|dagdeel|dag|week|maand|etmaal)))?", re.I)
_PER_ABBR = {"p/u": "per uur", "p/uur": "per uur", "p/dd": "per dagdeel", "p/dagdeel": "per dagdeel", "p/dag": "per dag",
             "p/w": "per week", "p/wk": "per week", "p/week": "per week", "p/mnd": "per maand", "p/maand": "per maand",
             "p/etmaal": "per etmaal"}


def parse_amount(s: str) -> float:
    """Dutch money: "1.234,56" -> 1234.56, "52,30" -> 52.3, "52.30" -> 52.3."""
    if "," in s:
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s)


def parse_omvang(text: str) -> list[dict]:
    """Numbers with units in an omvang description.

    >>> parse_omvang("2 dagdelen per week")
    [{'value': 2.0, 'unit': 'dagdeel', 'per': 'week', 'text': '2 dagdelen per week'}]
    """
    out = []
    for m in OMVANG_RE.finditer(text):
        if TARIEF_RE.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        item = {"value": parse_amount(m.group("v")), "unit": UNITS[m.group("unit").lower()],
                "per": (m.group("per") or "").lower() or None, "text": m.group(0)}
        if m.group("max"):
            item["max"] = parse_amount(m.group("max"))
        out.append(item)
    return out


def parse_tarief(text: str) -> dict | None:
    """The first euro amount and its unit.

    >>> parse_tarief("€ 1.052,30 per maand")
    {'amount': 1052.3, 'unit': 'per maand', 'text': '€ 1.052,30 per maand'}
    """
    m = TARIEF_RE.search(text)
    if not m:
        return None
    unit = m.group("unit")
    if unit:
        u = " ".join(unit.lower().split())
        unit = _PER_ABBR.get(u.replace(" ", ""), u if u.startswith("per") else "per " + u.lstrip("/ "))
    return {"amount": parse_amount(m.group("amt")), "unit": unit, "text": m.group(0).strip()}


def _norm_level(s: str) -> str:
    return " ".join(s.lower().split())


def _finish(attrs: dict, raw: dict) -> None:
    for key, val in raw.items():
        val = " ".join(val.split())
        if key == "omvang":
            attrs["omvang"] = parse_omvang(val)
            attrs["omvang_text"] = val
        elif key == "tarief":
            attrs["tarief"] = parse_tarief(val) or {"amount": None, "unit": None, "text": val}
        else:
            attrs[key] = val


def extract_arrangement(doc: Document) -> list[Clause]:
    """Product and niveau clauses; see the module docstring.

    >>> d = Document(path="a.txt", format="txt", text="Begeleiding Groep\\nNiveau laag\\nTarief: € 40,00 per dagdeel\\nNiveau hoog\\nTarief: € 60,00 per dagdeel")
    >>> [(c.kind, c.attrs.get("level")) for c in extract_arrangement(d)]
    [('product', None), ('niveau', 'laag'), ('niveau', 'hoog')]
    """
    text = doc.text
    base = doc.path + "#"
    products: dict[str, Clause] = {}
    clauses: list[Clause] = []
    ids: set[str] = set()

    def product(family: str, start: int) -> Clause:
        key = family.lower()
        if key not in products:
            slug = re.sub(r"[^\w]+", "-", key).strip("-")
            cid = base + "product." + slug
            c = Clause(id=cid, kind="product", text="", start=start, end=start, title=family, attrs={"family": family})
            products[key] = c
            clauses.append(c)
            ids.add(cid)
        return products[key]

    def niveau(family: str, level: str, start: int, source: str) -> Clause:
        p = product(family, start)
        slug = re.sub(r"[^\w]+", "-", level.lower()).strip("-")
        cid = f"{p.id}.{slug}"
        while cid in ids:
            cid += "~2"
        ids.add(cid)
        rank = sum(1 for c in clauses if c.kind == "niveau" and c.parent == p.id)
        c = Clause(id=cid, kind="niveau", text="", start=start, end=start, number=level, title=f"{family} {level}",
                   parent=p.id, attrs={"family": family, "level": level, "rank": rank, "source": source})
        clauses.append(c)
        return c

    # --- prose
    family = None
    cur: Clause | None = None
    raw: dict[str, str] = {}
    last_key = None
    pos = 0
    table_spans = [(t.start, t.end) for t in doc.tables if t.end > t.start]

    def close(at: int) -> None:
        nonlocal cur, raw
        if cur is not None:
            end = at
            while end > cur.start and text[end - 1].isspace():
                end -= 1
            cur.end = end
            cur.text = text[cur.start:end]
            _finish(cur.attrs, raw)
        cur, raw = None, {}

    for line in text.split("\n"):
        ls = pos
        pos += len(line) + 1
        s = line.strip()
        if not s:
            last_key = None
            continue
        if " | " in line or any(a <= ls < b for a, b in table_spans):
            close(ls)
            continue
        m = LEVEL_LINE.match(line)
        if m and len(s) < 90:
            fam = (m.group("fam") or m.group("fam2") or "").strip(" -–:,")
            lvl = _norm_level(m.group("lvl") or m.group("lvl2"))
            if fam and not re.fullmatch(r"(?i)niveau|product", fam):
                family = fam
            if family:
                close(ls)
                cur = niveau(family, lvl, ls, "text")
                last_key = None
                continue
        f = FIELD_RE.match(line)
        if f and cur is not None:
            last_key = FIELD_MAP[" ".join(f.group("key").lower().split())]
            raw[last_key] = (raw.get(last_key, "") + " " + f.group("val")).strip()
            continue
        fh = FAMILY_HINT.match(s)
        if fh and len(s) < 70 and not s.endswith((".", ";", ",")) and not FIELD_RE.match(line):
            close(ls)
            family = fh.group("fam").strip()
            continue
        if cur is not None and last_key:
            raw[last_key] += " " + s
    close(len(text))

    # --- tables (reader tables, else " | " rows in the text)
    tables = list(doc.tables) or _pipe_tables(text)
    for t in tables:
        _table_levels(t, text, niveau, family_before=_family_before(text, t.start))

    for p in products.values():
        kids = [c for c in clauses if c.parent == p.id]
        if kids:
            p.start = min(p.start, min(c.start for c in kids))
            p.end = max(c.end for c in kids)
            p.text = text[p.start:p.end]
    clauses = [c for c in clauses if c.kind == "niveau" or any(k.parent == c.id for k in clauses)]
    clauses.sort(key=lambda c: (c.start, 0 if c.kind == "product" else 1))
    return clauses


def _family_before(text: str, at: int) -> str | None:
    for line in reversed(text[max(0, at - 600):at].split("\n")):
        s = line.strip()
        if s and " | " not in s:
            m = FAMILY_HINT.match(s)
            if m and len(s) < 70:
                return m.group("fam").strip()
            if len(s) < 60 and not s.endswith("."):
                return s.rstrip(":")
            return None
    return None


def _pipe_tables(text: str) -> list[Table]:
    out: list[Table] = []
    rows: list[list[str]] = []
    start = None
    pos = 0
    for line in text.split("\n") + [""]:
        ls = pos
        pos += len(line) + 1
        if " | " in line:
            if start is None:
                start = ls
            rows.append([c.strip() for c in line.split(" | ")])
            end = ls + len(line)
        else:
            if rows:
                out.append(Table(rows=rows, start=start, end=end))
            rows, start = [], None
    return out


HEADER_KEYS = [("niveau", re.compile(r"(?i)^\s*(niveau|intensiteit\s*niveau|zwaarte)")),
               ("family", re.compile(r"(?i)^\s*(product(?!\s*code)|arrangement|naam|voorziening|dienst)")),
               ("code", re.compile(r"(?i)(product\s*code|code)")),
               ("doelgroep", re.compile(r"(?i)doelgroep")),
               ("aanbod", re.compile(r"(?i)(aanbod|inhoud|omschrijving)")),
               ("omvang", re.compile(r"(?i)(omvang|intensiteit|inzet|uren|dagdelen)")),
               ("tarief", re.compile(r"(?i)(tarief|prijs|kosten|bedrag)")),
               ("resultaat", re.compile(r"(?i)resultaat"))]


def _table_levels(t: Table, text: str, niveau, family_before: str | None) -> None:
    if len(t.rows) < 2:
        return
    header = t.rows[0]
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        for key, rx in HEADER_KEYS:
            if key not in cols and rx.search(cell or ""):
                cols[key] = i
                break
    if "tarief" not in cols and "omvang" not in cols:
        return
    if "niveau" not in cols and "family" not in cols:
        return
    # text position of each row
    row_starts = []
    p = t.start
    for r in t.rows:
        row_starts.append(p)
        nl = text.find("\n", p, max(t.end, p) + 1)
        p = nl + 1 if nl != -1 else p
    for ri, row in enumerate(t.rows[1:], start=1):
        def cell(k):
            i = cols.get(k)
            return row[i].strip() if i is not None and i < len(row) and row[i] else ""
        fam = cell("family")
        lvl = cell("niveau")
        if not lvl and fam:
            m = re.search(r"(?i)\s*[-–]?\s*\b(laag|midden|hoog|licht|middel|zwaar|basis|plus|intensief)\s*$", fam)
            if m:
                lvl, fam = m.group(1), fam[:m.start()].strip(" -–")
        if fam and lvl:
            fam = re.sub(rf"(?i)\s*[-–]?\s*\b{re.escape(lvl)}\s*$", "", fam).strip() or fam
        fam = fam or family_before
        if not fam or not lvl:
            continue
        start = row_starts[ri] if ri < len(row_starts) else t.start
        c = niveau(fam, _norm_level(lvl), start, "table")
        nl = text.find("\n", start)
        c.end = min(t.end, nl if nl != -1 else t.end) if t.end > start else start
        c.text = text[c.start:c.end] if c.end > c.start else " | ".join(row)
        if t.page is not None:
            c.page = t.page
        raw = {k: cell(k) for k in ("code", "doelgroep", "aanbod", "omvang", "tarief", "resultaat") if cell(k)}
        _finish(c.attrs, raw)
