"""Arrangementsbeschrijving: product families and their levels, in any layout.

A level is announced by a heading-like line naming it: "Begeleiding Groep laag",
"3.1 Begeleiding Individueel laag (02A01)", "Niveau 2 — productcode 45A12", "Dagbesteding zwaarte 3
(DB-Z3)", "BASIS Productcode: BI-1" (a level name printed in the margin beside the code line), "Niveau laag" under a family heading; or inline: "Begeleiding Groep Laag (code 02A11).
Doelgroep: ...". Its fields follow as "Label: value" lines, bulleted "- Label: value" lines, a label
on its own line with the value below (HTML definition lists, headings per field) or inline after a
sentence. Tables: a header row naming the columns (in any order), one level per row; a separate
tariff table fills in the levels the text describes.

Level names and their orders, the markers before a level number ("zwaarte 3"), the words product
families start with, the field labels, units and number words come from the vocabulary
(rules/vocabulary/niveaus.yml and velden.yml), so a user's ``level_orders: [[brons, zilver, goud]]``
or ``level_fields: {doelgroep: [bestemd voor]}`` works here too.
"""

from __future__ import annotations

import re

from ..model import Clause, Document, Table
from ..vocabulary import current
from .level_text import (bullet_level, family_heading, inline_match, lead_prose, level_fields,
                         level_of, level_vocabulary, norm_level, parse_group_size, parse_omvang, parse_tarief, tariff_re)

class _Builder:
    """Collects product and niveau clauses of one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.base = doc.path + "#"
        self.products: dict[str, Clause] = {}
        self.clauses: list[Clause] = []
        self.ids: set[str] = set()

    def product(self, family: str, start: int) -> Clause:
        key = " ".join(family.lower().split())
        if key not in self.products:
            slug = re.sub(r"[^\w]+", "-", key).strip("-")
            cid = self.base + "product." + slug
            c = Clause(id=cid, kind="product", text="", start=start, end=start, title=family, attrs={"family": family})
            self.products[key] = c
            self.clauses.append(c)
            self.ids.add(cid)
        return self.products[key]

    def niveau(self, family: str, level: str, start: int, source: str) -> Clause:
        p = self.product(family, start)
        slug = re.sub(r"[^\w]+", "-", level.lower()).strip("-")
        cid = f"{p.id}.{slug}"
        while cid in self.ids:
            cid += "~2"
        self.ids.add(cid)
        rank = sum(1 for c in self.clauses if c.kind == "niveau" and c.parent == p.id)
        c = Clause(id=cid, kind="niveau", text="", start=start, end=start, number=level, title=f"{p.title} {level}",
                   parent=p.id, attrs={"family": p.title, "level": level, "rank": rank, "source": source})
        self.clauses.append(c)
        return c


def _finish(attrs: dict, raw: dict) -> None:
    """Field values parsed: omvang into numbers with units (a duration apart), tarief into an
    amount; an omvang label over text without a quantity is the aanbod ("Inzet: een
    hbo-begeleider"), an aanbod with a quantity and no omvang gives the omvang too."""
    raw = {k: " ".join(v.split()) for k, v in raw.items() if v and v.strip()}
    if "omvang" in raw and not [o for o in parse_omvang(raw["omvang"]) if not o.get("duur")]:
        text = raw.pop("omvang")
        raw["aanbod"] = f"{raw['aanbod']} {text}" if raw.get("aanbod") else text
    if "omvang" not in raw and raw.get("aanbod") and [o for o in parse_omvang(raw["aanbod"]) if not o.get("duur")]:
        raw["omvang"] = raw["aanbod"]
    for key, val in raw.items():
        if key == "omvang":
            items = parse_omvang(val)
            attrs["omvang"] = [o for o in items if not o.get("duur")]
            duur = [{k: v for k, v in o.items() if k != "duur"} for o in items if o.get("duur")]
            if duur:
                attrs["duur"] = duur
            attrs["omvang_text"] = val.rstrip(" .;")
        elif key == "tarief":
            attrs["tarief"] = parse_tarief(val) or {"amount": None, "unit": None, "text": val}
        elif key == "groepsgrootte":
            attrs["groepsgrootte_text"] = val
        elif key in ("family", "niveau"):
            continue
        else:
            attrs[key] = val
    size = parse_group_size(" ".join(raw.get(k, "") for k in ("groepsgrootte", "aanbod", "doelgroep", "beschrijving")))
    if size:
        attrs["groepsgrootte"] = size


def extract_arrangement(doc: Document) -> list[Clause]:
    """Product and niveau clauses; see the module docstring.

    >>> d = Document(path="a.txt", format="txt", text="Begeleiding Groep\\nNiveau licht\\nTarief: € 40,00 per dagdeel\\nNiveau zwaar\\nTarief: € 60,00 per dagdeel")
    >>> [(c.kind, c.attrs.get("level")) for c in extract_arrangement(d)]
    [('product', None), ('niveau', 'licht'), ('niveau', 'zwaar')]
    """
    b = _Builder(doc)
    _prose_levels(doc, b)
    text = doc.text
    tables = list(doc.tables) or _pipe_tables(text)
    for t in tables:
        _table_levels(t, text, b, family_before=_family_before(text, t.start))
    clauses = _merge_levels(b.clauses)
    for p in b.products.values():
        kids = [c for c in clauses if c.parent == p.id]
        if kids:
            p.start = min(p.start, min(c.start for c in kids))
            p.end = max(c.end for c in kids)
            p.text = text[p.start:p.end]
    clauses = [c for c in clauses if c.kind == "niveau" or any(k.parent == c.id for k in clauses)]
    clauses.sort(key=lambda c: (c.start, 0 if c.kind == "product" else 1))
    return clauses


def _prose_levels(doc: Document, b: _Builder) -> None:
    """Levels from headings and the field lines under them (outside tables). A level runs from
    its heading over its paragraph and every following paragraph that starts with a field label
    or is the value under a label standing alone; a heading ends it."""
    reader = _ProseReader(doc, b)
    pos = 0
    for idx, line in enumerate(reader.lines):
        reader.line(idx, pos, line)
        pos += len(line) + 1
    reader.close()


_BARE_WORD = re.compile(r"(?i)niveau|product")  # a heading "Niveau laag": the level of the family above


class _ProseReader:
    """The level being read (``cur``) and the family it belongs to, line by line."""

    def __init__(self, doc: Document, b: _Builder) -> None:
        self.v = level_vocabulary()
        self.b = b
        self.text = doc.text
        self.lines = doc.text.split("\n")
        self.heads = {blk.start for blk in doc.blocks if blk.kind in ("heading", "title")}
        self.table_spans = [(t.start, t.end) for t in doc.tables if t.end > t.start]
        self.ti = 0  # the first table span not before the line
        self.family: str | None = None
        self.cur: Clause | None = None
        self.cur_end = self.cur_lines = self.cur_head = 0  # cur_head: where the level's own text starts (after its heading)
        self.in_par = self.after_label = False

    def line(self, idx: int, ls: int, line: str) -> None:
        if not line.strip():
            self.in_par = False
            return
        if self._in_table(ls, line):
            self.close()
            return
        if self._level_heading(ls, line) or self._level_item(ls, line) or self._wrapped_code(ls, line):
            return
        label = self.v.field_re.match(line)
        if label is None and self._family_heading(idx, ls, line):
            return
        if self.cur is None:
            return
        if label is not None or self.in_par or self.after_label or self.cur_lines == 1:
            self.cur_end, self.in_par, self.cur_lines = ls + len(line.rstrip()), True, self.cur_lines + 1
            self.after_label = label is not None and label.group("k3") is not None
        else:
            self.close()

    def _in_table(self, ls: int, line: str) -> bool:
        """A table row ("a | b") or a line inside one of the document's tables."""
        spans = self.table_spans
        while self.ti < len(spans) and spans[self.ti][1] <= ls:
            self.ti += 1
        return " | " in line or (self.ti < len(spans) and spans[self.ti][0] <= ls < spans[self.ti][1])

    def _level_heading(self, ls: int, line: str) -> bool:
        """A heading naming a level ("Begeleiding groep laag (02A11)") or a run-in level heading
        ("Gezinsbegeleiding 2 sterren (GB-2). Voor gezinnen ..."): a new level, when its family is known."""
        found = level_of(line, self.v)
        code = None
        head_len = len(line.rstrip())  # where the level's own text starts on its first line
        if found is None and (m := inline_match(line, self.v)):
            found = (m.group("fam").strip(), norm_level(m.group("num") or m.group("word"), self.v), m.group("code"))
            code = m.group("code")
            head_len = m.end() - 1  # a run-in heading: its text goes on after "(GB-2). "
        if found is None:
            return False
        fam, lvl, code = found[0], found[1], code or found[2]
        if fam and not _BARE_WORD.fullmatch(fam):
            self.family = fam
        if not self.family:
            return False
        self._open(lvl, ls, ls + head_len, ls + len(line.rstrip()), 1)
        if code:
            self.cur.attrs["code"] = code
        return True

    def _level_item(self, ls: int, line: str) -> bool:
        """"- Licht: voor inwoners die ...": a level as a list item."""
        bullet = bullet_level(line, self.v) if self.family else None
        if bullet is None:
            return False
        self._open(bullet[0], ls, ls + bullet[1], ls + len(line.rstrip()), 2)
        return True

    def _wrapped_code(self, ls: int, line: str) -> bool:
        """A heading's code wrapped onto the next line."""
        if self.cur is None or self.cur_lines != 1 or (m := self.v.code_line.match(line)) is None:
            return False
        self.cur.attrs.setdefault("code", m.group("code"))
        self.cur_end, self.cur_lines = ls + len(line.rstrip()), 2
        return True

    def _family_heading(self, idx: int, ls: int, line: str) -> bool:
        """A family's heading (not the first line of a wrapped sentence, unless marked a heading)."""
        fh = family_heading(line, ls in self.heads, self.v)
        if fh is None or not (ls in self.heads or not _continues(self.lines, idx)):
            return False
        self.close()
        self.family = fh
        return True

    def _open(self, level: str, start: int, head_end: int, end: int, lines: int) -> None:
        self.close()
        self.cur = self.b.niveau(self.family, level, start, "text")
        self.cur_head, self.cur_end, self.cur_lines, self.in_par, self.after_label = head_end, end, lines, True, False

    def close(self) -> None:
        """The level read so far gets its text and fields: prose before its first label is its
        description; prose without labels describes the level, its quantities are the omvang."""
        cur, text = self.cur, self.text
        if cur is None:
            return
        cur.end = self.cur_end
        cur.text = text[cur.start:self.cur_end]
        raw = level_fields(cur.text, cur.attrs, self.v)
        body = text[self.cur_head:self.cur_end].strip() if self.cur_end > self.cur_head else ""
        lead = lead_prose(body, self.v) if raw else ""
        if lead and not ({"doelgroep", "aanbod", "beschrijving"} & set(raw)):
            raw["beschrijving"] = lead  # "Voor gezinnen met ... Inzet: 2 uur per week": prose before the labels
        if not raw and body and not self.v.code_line.match(body):
            raw = {"beschrijving": body}
            if [o for o in parse_omvang(body) if not o.get("duur")]:
                raw["omvang"] = body
            if tariff_re().search(body):
                raw["tarief"] = body
        _finish(cur.attrs, raw)
        self.cur = None


def _continues(lines: list[str], idx: int) -> bool:
    """Line ``idx`` is the first line of a wrapped sentence: the next line goes on in lower case
    ("Dagbesteding biedt structuur, ontmoeting" / "en zinvolle bezigheden ...")."""
    nxt = lines[idx + 1].strip() if idx + 1 < len(lines) else ""
    return nxt[:1].islower()


def _level_order(names: list[str]) -> list[str] | None:
    """The order of a family's level names: the first vocabulary order holding all of them,
    numbers in their order; else, when each name stands in some order, by its relative place
    there (basis 0 < middel 0.5 < intensief 1). None when that leaves them unordered."""
    if names and all(re.fullmatch(r"\d+", n) for n in names):
        return sorted(set(names), key=int)
    orders = level_vocabulary().orders
    for order in orders:
        if all(n in order for n in names):
            return order
    place: dict[str, float] = {}
    for n in names:
        for order in orders:
            if n in order and len(order) > 1:
                place[n] = order.index(n) / (len(order) - 1)
                break
    if len(place) == len(set(names)) and len(set(place.values())) == len(place):
        return sorted(place, key=place.get)
    return None


def _merge_levels(clauses: list[Clause]) -> list[Clause]:
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
        for k, val in c.attrs.items():
            if k in ("source", "rank", "family", "level") or val in (None, "", [], {}):
                continue
            have = first.attrs.get(k)
            if have in (None, "", [], {}):
                first.attrs[k] = val
            elif not _same_value(k, have, val):
                conflicts[k] = {"text": have, "table": val}
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
    return " ".join(str(a).lower().split()).strip(" .;") == " ".join(str(b).lower().split()).strip(" .;")


def _family_before(text: str, at: int) -> str | None:
    for line in reversed(text[max(0, at - 600):at].split("\n")):
        s = line.strip()
        if s and " | " not in s:
            fh = family_heading(s, False)
            if fh is not None:
                return fh
            if len(s) < 60 and not s.endswith("."):
                return s.rstrip(":")
            return None
    return None


def _pipe_tables(text: str) -> list[Table]:
    out: list[Table] = []
    rows: list[list[str]] = []
    start = end = 0
    pos = 0
    for line in text.split("\n") + [""]:
        ls = pos
        pos += len(line) + 1
        if " | " in line:
            if not rows:
                start = ls
            rows.append([c.strip() for c in line.split(" | ")])
            end = ls + len(line)
        elif rows:
            out.append(Table(rows=rows, start=start, end=end))
            rows = []
    return out


def _header_columns(header: list[str], body: list[list[str]]) -> dict[str, int]:
    """Field -> column, from the header cells' labels (vocabulary level_fields), in any order. A
    cell naming two fields ("Inzet en inhoud") takes the one no other column has; omvang and
    tarief go to the column whose cells hold a quantity or an amount."""
    v = level_vocabulary()
    cands: list[list[str]] = []
    for cell in header:
        norm = " ".join(re.sub(r"[^\w\s-]", " ", (cell or "").lower()).split())
        norm = re.sub(r"\s*\b(?:19|20)\d\d\b", "", norm).strip()
        fields: list[str] = []
        for m in v.header_re.finditer(norm):
            fld = v.labels[" ".join(m.group(1).split())]
            if fld not in fields:
                fields.append(fld)
        cands.append(fields)

    def holds(i: int, fld: str) -> bool:
        cells = [r[i] for r in body if i < len(r) and r[i]]
        if fld == "omvang":
            return any(parse_omvang(c) for c in cells)
        if fld == "tarief":
            return any(tariff_re().search(c) for c in cells)
        return True

    cols: dict[str, int] = {}
    for single in (True, False):
        for i, fields in enumerate(cands):
            if i in cols.values() or not fields or (single and len(fields) > 1):
                continue
            for fld in fields:
                if fld not in cols and holds(i, fld):
                    cols[fld] = i
                    break
    if "niveau" not in cols:  # no header names it: the column whose cells are all level names
        for i in range(len(header)):
            cells = [" ".join(r[i].lower().split()) for r in body if i < len(r) and r[i].strip()]
            if i not in cols.values() and len(cells) >= 2 and all(c in v.names for c in cells):
                cols["niveau"] = i
                break
    return cols


def _split_level(name: str) -> tuple[str, str | None]:
    """A table cell "Begeleiding groep zwaar" -> ("Begeleiding groep", "zwaar")."""
    found = level_of(name)
    if found is None or not found[0]:
        return name, None
    return found[0], found[1]


def _level_columns(t: Table, text: str, b: _Builder, family_before: str | None) -> bool:
    """A table with one column per level ("Kenmerk | Laag | Midden | Hoog") and one row per
    field ("Doelgroep | ...", "Tarief | ..."): each level from its column. False when the header
    does not name two levels or the first column names no field."""
    header = t.rows[0]
    levels = [(i, level_of(cell)) for i, cell in enumerate(header) if i > 0 and cell.strip()]
    levels = [(i, found) for i, found in levels if found is not None]
    fields = {}
    for row in t.rows[1:]:
        label = " ".join(re.sub(r"[^\w\s-]", " ", (row[0] if row else "").lower()).split())
        fld = level_vocabulary().labels.get(label)
        if fld is not None and fld not in fields:
            fields[fld] = row
    if len(levels) < 2 or not ({"tarief", "omvang", "doelgroep"} & set(fields)):
        return False
    title = family_before
    for i, (fam, lvl, code) in levels:
        fam = fam or title
        if not fam:
            continue
        c = b.niveau(fam, lvl, t.start, "table")
        c.end, c.text = t.end, text[t.start:t.end]
        if t.page is not None:
            c.page = t.page
        if code:
            c.attrs["code"] = code
        raw = {fld: row[i] for fld, row in fields.items() if i < len(row) and row[i].strip()}
        _finish(c.attrs, raw)
    return True


def _table_levels(t: Table, text: str, b: _Builder, family_before: str | None) -> None:
    if len(t.rows) < 2 or _level_columns(t, text, b, family_before):
        return
    cols = _header_columns(t.rows[0], t.rows[1:])
    if "tarief" not in cols and "omvang" not in cols:
        return
    if "niveau" not in cols and "family" not in cols:
        return
    row_starts = []
    p = t.start
    for _ in t.rows:
        row_starts.append(p)
        nl = text.find("\n", p, max(t.end, p) + 1)
        p = nl + 1 if nl != -1 else p
    group = None  # a row spanning the whole table (merged cells) names a group of products
    for ri, row in enumerate(t.rows[1:], start=1):
        cells = [c.strip() for c in row]
        if len(set(cells)) == 1 and cells[0]:
            group = cells[0]
            continue

        def cell(k: str) -> str:
            i = cols.get(k)
            return cells[i] if i is not None and i < len(cells) and cells[i] else ""

        fam, lvl = cell("family"), cell("niveau")
        if lvl:
            lvl = norm_level(re.sub(rf"(?i)^(?:{'|'.join(map(re.escape, _markers()))})\s+", "", lvl))
        elif fam:
            fam, lvl = _split_level(fam)
        fam = fam or family_before or group
        if not fam or not lvl:
            continue
        start = row_starts[ri] if ri < len(row_starts) else t.start
        c = b.niveau(fam, lvl, start, "table")
        nl = text.find("\n", start)
        c.end = min(t.end, nl if nl != -1 else t.end) if t.end > start else start
        c.text = text[c.start:c.end] if c.end > c.start else " | ".join(row)
        if t.page is not None:
            c.page = t.page
        raw = {k: cell(k) for k in ("code", "doelgroep", "aanbod", "omvang", "tarief", "resultaat", "groepsgrootte") if cell(k)}
        if raw.get("tarief") and cell("eenheid") and not tariff_re().search(raw["tarief"] + " ").group("unit"):
            raw["tarief"] = f"{raw['tarief']} per {cell('eenheid').split()[0]}"
        _finish(c.attrs, raw)


def _markers() -> list[str]:
    return [str(m) for m in current().get("level_markers", default=[])]
