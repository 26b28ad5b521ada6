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
_LVL_WORDS = (r"(?i:laag|midden|hoog|licht|middel|zwaar|basis|plus|intensief)|[Nn]iveau\s+\d")
LEVEL_LINE = re.compile(rf"^\s*(?P<fam>[A-Z][\w /&'()-]*?)?\s*[-–:,]?\s*(?:\(?niveau|\(?[Nn]iveau|NIVEAU)\s+(?P<lvl>{_LVL})\)?\s*$"
                        rf"|^\s*(?P<fam2>[A-Z][\w /&'()-]*?)\s*[-–:,]?\s+(?P<lvl2>laag|midden|hoog|licht|middel|zwaar|basis|plus|intensief|Laag|Midden|Hoog|Licht|Middel|Zwaar|Basis|Plus|Intensief|LAAG|MIDDEN|HOOG)\s*$")
# every word LEVEL_LINE's second form can end with (a level word on its own at the end of a line)
_LEVEL_LINE_ENDS = tuple(re.search(r"\(\?P<lvl2>([^)]*)\)", LEVEL_LINE.pattern).group(1).split("|"))
FIELD_RE = re.compile(r"^\s*(?:[-•*]\s*)?(?P<key>product\s*code|productcode|code|doelgroep|aanbod|inhoud|omvang|intensiteit|inzet|"
                      r"tarief|prijs|kostprijs|resultaat|beoogd\s+resultaat|te\s+behalen\s+resultaat|doel)\s*[:]\s*(?P<val>.*)$", re.I)
_KEYS = (r"product\s*code|productcode|code|doelgroep|aanbod|inhoud|omvang|intensiteit|inzet|tarief|prijs|kostprijs|"
         r"resultaat|beoogd\s+resultaat|te\s+behalen\s+resultaat|doel")
# a field key at a line start (any case) or inline after a sentence end (capitalised)
FIELD_INLINE = re.compile(r"(?:^[ \t]*(?:[-•*][ \t]*)?(?P<k1>(?i:" + _KEYS + r"))|(?<=[.;)])[ \t]+(?P<k2>(?:Product\s*code|Productcode|Code|Doelgroep|"
                          r"Aanbod|Inhoud|Omvang|Intensiteit|Inzet|Tarief|Prijs|Kostprijs|Resultaat|Beoogd\s+resultaat|Doel)))[ \t]*:", re.M)
LEVEL_INLINE = re.compile(r"^\s*(?P<fam>[A-Z][\w'-]*(?:\s+[\w'-]+){0,5}?)\s+[-–]?\s*(?:[Nn]iveau\s+)?(?P<lvl>" + _LVL_WORDS + r")\b"
                          r"\s*(?:\((?:product)?code:?\s*(?P<code>[\w.-]+)\)\s*)?[.:]\s+\S")
HEADING_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|§\s*\d+)\s+(?P<title>[A-Z][^.;:]{1,70})$")
LEVEL_ORDERS = [["laag", "midden", "hoog"], ["basis", "plus"], ["licht", "middel", "zwaar"], ["licht", "midden", "zwaar"],
                ["laag", "middel", "hoog"], ["basis", "midden", "intensief"], ["licht", "intensief"], ["laag", "hoog"],
                ["licht", "licht-midden", "midden", "midden-zwaar", "zwaar", "extra zwaar"], ["i", "ii", "iii", "iv"], ["a", "b", "c", "d"]]
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
         "maand": "maand", "maanden": "maand", "jaar": "jaar", "traject": "traject", "trajecten": "traject", "sessie": "sessie", "sessies": "sessie"}
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
                "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20, "dertig": 30, "anderhalf": 1.5,
                "anderhalve": 1.5, "half": 0.5, "halve": 0.5, "een half": 0.5, "een halve": 0.5}
_NUMBER = r"\d+(?:[.,]\d+)?|(?<![\w-])(?:een\s+halve?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w-])"
OMVANG_RE = re.compile(rf"(?P<v>{_NUMBER})(?:\s*(?:-|–|tot(?:\s+en\s+met)?|à|a|t/m)\s*(?P<max>{_NUMBER}))?\s*(?P<unit>{_UNIT})\b"
                       rf"(?:\s*(?:per|p/|/|in\s+de|in\s+het)\s*(?P<per>week|maand|jaar|dag|kwartaal|etmaal))?", re.I)
TARIEF_RE = re.compile(r"(?:€|EUR|euro)\s*(?P<amt>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s*,-)?"
                       r"(?:\s*(?P<unit>per\s+(?:uur|dagdeel|dag|week|maand|jaar|etmaal|contactmoment|traject|cliënt|client|kwartier|minuut|sessie|keer)"
                       r"|p/(?:u|uur|dd|dagdeel|dag|w|wk|week|mnd|maand|etmaal)|/\s*(?:uur|dagdeel|dag|week|maand|etmaal)))?", re.I)
_PER_ABBR = {"p/u": "per uur", "p/uur": "per uur", "p/dd": "per dagdeel", "p/dagdeel": "per dagdeel", "p/dag": "per dag",
             "p/w": "per week", "p/wk": "per week", "p/week": "per week", "p/mnd": "per maand", "p/maand": "per maand",
             "p/etmaal": "per etmaal"}


def parse_amount(s: str) -> float:
    """Dutch money or a count: "1.234,56" -> 1234.56, "52,30" -> 52.3, "52.30" -> 52.3, "drie" -> 3."""
    w = " ".join(s.lower().split())
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
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
        unit = UNITS[m.group("unit").lower()]
        if unit in ("week", "maand", "jaar") and not m.group("per"):
            # "gedurende drie maanden": a duration, kept apart from the omvang per period
            out.append({"value": parse_amount(m.group("v")), "unit": unit, "per": None, "text": m.group(0), "duur": True})
            continue
        item = {"value": parse_amount(m.group("v")), "unit": unit,
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
    """ "Laag" -> "laag", "Niveau 2" -> "2"."""
    return re.sub(r"^niveau\s+", "", " ".join(s.lower().split()))


def _finish(attrs: dict, raw: dict) -> None:
    for key, val in raw.items():
        val = " ".join(val.split())
        if key == "omvang":
            items = parse_omvang(val)
            attrs["omvang"] = [o for o in items if not o.get("duur")]
            duur = [{k: v for k, v in o.items() if k != "duur"} for o in items if o.get("duur")]
            if duur:
                attrs["duur"] = duur
            attrs["omvang_text"] = val.rstrip(" .;")
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

    # --- prose: a level starts at a level line and runs on over its paragraph; a following
    # paragraph belongs to it when it starts with a field ("Tarief: ...") or when the level
    # line stood alone. Fields may stand inline: "Begeleiding Groep Laag (code 02A11). Doelgroep: ..."
    family = None
    cur: Clause | None = None
    cur_end = 0  # end of the last line that belongs to the current level
    cur_lines = 0  # lines of the current level
    in_par = False  # the current level's paragraph is still running (no blank line since)
    pos = 0
    table_spans = [(t.start, t.end) for t in doc.tables if t.end > t.start]
    ti = 0

    def close() -> None:
        nonlocal cur
        if cur is not None:
            cur.end = cur_end
            cur.text = text[cur.start:cur_end]
            _finish(cur.attrs, _fields(cur.text, cur.attrs))
        cur = None

    for line in text.split("\n"):
        ls = pos
        pos += len(line) + 1
        s = line.strip()
        if not s:
            in_par = False
            continue
        while ti < len(table_spans) and table_spans[ti][1] <= ls:
            ti += 1
        if " | " in line or (ti < len(table_spans) and table_spans[ti][0] <= ls < table_spans[ti][1]):
            close()
            continue
        lvl = fam = None
        # LEVEL_LINE needs "niveau" (any of its cases) or a level word at the line's end: tried only
        # then (0.2 ms per arrangement file: most lines are fields or prose)
        m = LEVEL_LINE.match(line) if len(s) < 90 and ("iveau" in line or "IVEAU" in line or s.endswith(_LEVEL_LINE_ENDS)) else None
        if m:
            fam = (m.group("fam") or m.group("fam2") or "").strip(" -–:,")
            lvl = m.group("lvl") or m.group("lvl2")
        else:
            m = LEVEL_INLINE.match(line)
            if m:
                fam, lvl = m.group("fam").strip(), m.group("lvl")
        if m:
            known = fam and (FAMILY_HINT.match(fam) or (family and fam.lower() == family.lower()))
            if fam and not re.fullmatch(r"(?i)niveau|product", fam) and (known or m.re is LEVEL_LINE):
                family = fam
            if family and (not fam or re.fullmatch(r"(?i)niveau|product", fam) or fam == family):
                close()
                cur = niveau(family, _norm_level(lvl), ls, "text")
                if m.re is LEVEL_INLINE and m.group("code"):
                    cur.attrs["code"] = m.group("code")
                cur_end, in_par = ls + len(line.rstrip()), True
                cur_lines = 1 if m.re is LEVEL_LINE else 2  # a bare level heading takes the paragraph below it
                continue
        heading = HEADING_RE.match(line)
        fh = FAMILY_HINT.match(heading.group("title") if heading else s)
        if (fh or heading) and len(s) < 70 and not s.endswith((".", ";", ",")) and not FIELD_RE.match(line):
            close()
            family = fh.group("fam").strip() if fh else None
            continue
        if cur is not None:
            if in_par or FIELD_RE.match(line) or cur_lines == 1:
                cur_end, in_par = ls + len(line.rstrip()), True
                cur_lines += 1
            else:
                close()
    close()

    # --- tables (reader tables, else " | " rows in the text)
    tables = list(doc.tables) or _pipe_tables(text)
    for t in tables:
        _table_levels(t, text, niveau, family_before=_family_before(text, t.start))

    clauses = _merge_levels(clauses, text)
    for p in products.values():
        kids = [c for c in clauses if c.parent == p.id]
        if kids:
            p.start = min(p.start, min(c.start for c in kids))
            p.end = max(c.end for c in kids)
            p.text = text[p.start:p.end]
    clauses = [c for c in clauses if c.kind == "niveau" or any(k.parent == c.id for k in clauses)]
    clauses.sort(key=lambda c: (c.start, 0 if c.kind == "product" else 1))
    return clauses


_FIELD_STARTS = re.compile(r"[\n.;)]")  # what stands before a FIELD_INLINE match (or the text's start)


def _field_matches(body: str) -> list[re.Match]:
    """``list(FIELD_INLINE.finditer(body))``, tried only where a match can start: at a line start
    (``^``) or right after ``.``, ``;`` or ``)`` (the lookbehind), not at every character
    (_fields 0.1 -> 0.04 ms per arrangement file)."""
    out = []
    pos = 0
    match = FIELD_INLINE.match
    for c in [0, *[m.end() for m in _FIELD_STARTS.finditer(body)]]:
        if c >= pos and (m := match(body, c)) is not None:
            out.append(m)
            pos = m.end()
    return out


def _fields(body: str, attrs: dict) -> dict[str, str]:
    """Field values in a level's text, on their own lines or inline ("... . Omvang: 2 dagdelen")."""
    found = _field_matches(body)
    raw: dict[str, str] = {}
    for k, f in enumerate(found):
        key = FIELD_MAP[" ".join((f.group("k1") or f.group("k2")).lower().split())]
        stop = found[k + 1].start() if k + 1 < len(found) else len(body)
        val = body[f.end():stop].strip(" \t\n-•*")
        if key == "code" and attrs.get("code"):
            continue
        raw[key] = (raw.get(key, "") + " " + val).strip() if key in raw else val
    return raw


def _level_order(names: list[str]) -> list[str] | None:
    """A known order holding every name ("laag" < "midden" < "hoog"), numbers in their order."""
    if names and all(re.fullmatch(r"\d+", n) for n in names):
        return sorted(names, key=int)
    for order in LEVEL_ORDERS:
        if all(n in order for n in names):
            return order
    return None


def _merge_levels(clauses: list[Clause], text: str) -> list[Clause]:
    """One niveau clause per family and level: a table row of a level also described in the
    text fills in what the text lacks; the clause keeps the text's span (that is where a finding
    about the level goes) and notes the table row in ``attrs["table"]``. Ranks are renumbered in
    the family's order."""
    by_key: dict[tuple[str, str], Clause] = {}
    out: list[Clause] = []
    for c in sorted(clauses, key=lambda c: (c.kind != "product", c.attrs.get("source") == "table", c.start)):
        if c.kind != "niveau":
            out.append(c)
            continue
        key = (c.parent or "", c.attrs["level"])
        first = by_key.get(key)
        if first is None:
            by_key[key] = c
            out.append(c)
            continue
        if c.attrs.get("source") != "table" or first.attrs.get("source") != "text":
            out.append(c)  # the same level twice in the text: keep both, the check will see them
            continue
        conflicts = {}
        for k, v in c.attrs.items():
            if k in ("source", "rank", "family", "level") or v in (None, "", [], {}):
                continue
            have = first.attrs.get(k)
            if have in (None, "", [], {}):
                first.attrs[k] = v
            elif not _same_value(k, have, v):
                conflicts[k] = {"text": have, "table": v}
        first.attrs["table"] = {"start": c.start, "end": c.end, "page": c.page, "text": c.text}
        if conflicts:
            first.attrs["conflicts"] = conflicts
    for pid in {c.parent for c in out if c.kind == "niveau"}:
        levels = sorted((c for c in out if c.kind == "niveau" and c.parent == pid), key=lambda c: c.start)
        order = _level_order([c.attrs["level"] for c in levels])
        if order:
            levels.sort(key=lambda c: (order.index(c.attrs["level"]), c.start))
        for r, c in enumerate(levels):
            c.attrs["rank"] = r
    return out


def _same_value(key: str, a, b) -> bool:
    if key == "tarief" and isinstance(a, dict) and isinstance(b, dict):
        return a.get("amount") == b.get("amount")
    if key == "omvang" and isinstance(a, list) and isinstance(b, list):
        return [(o.get("value"), o.get("unit"), o.get("per")) for o in a] == [(o.get("value"), o.get("unit"), o.get("per")) for o in b]
    norm = lambda x: " ".join(str(x).lower().split()).strip(" .;")  # noqa: E731
    return norm(a) == norm(b)


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
