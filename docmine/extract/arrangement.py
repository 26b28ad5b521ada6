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
from dataclasses import dataclass

from ..model import Clause, Document, Table
from ..vocabulary import Vocabulary, current

# numbering before a heading ("3.1", "II.", "§ 4", "a)")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|§\s*\d+|[a-z]\))\s+")
# a product code behind a heading: "(02A01)", "[JB-22]", "(code: X1)", "— productcode 45A12"; a code holds a digit
_CODE = r"(?=[\w./-]*\d)[A-Za-z0-9][\w./-]{1,14}"
_CODE_TAIL = re.compile(rf"\s*(?:[\(\[]\s*(?:(?:product)?code\s*:?\s*)?(?P<c1>{_CODE})\s*[\)\]]"
                        rf"|\s(?:[-–—:,|]\s*)?(?:product)?code\s*:?\s*(?P<c2>{_CODE}))\s*$", re.I)
_CODE_LINE = re.compile(rf"^\s*[\(\[]\s*(?:(?:product)?code\s*:?\s*)?(?P<code>{_CODE})\s*[\)\]]\s*$", re.I)
# words a family name does not end with ("op basis", "te hoog"): then the line is a sentence
_NOT_FAMILY_END = {"op", "de", "het", "een", "te", "van", "voor", "en", "of", "is", "zijn", "naar", "tot", "met", "in",
                   "als", "die", "dat", "er", "niet", "wordt", "worden", "was", "heel", "zo", "erg", "vrij"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}


@dataclass
class _Vocab:
    """What extraction needs from the vocabulary, compiled once per vocabulary."""

    orders: list[list[str]]
    names: frozenset[str]  # every level name of level_orders
    markers: frozenset[str]  # "niveau", "zwaarte": words before a level number
    level_words: frozenset[str]  # every word of a level name or marker: a level line holds one
    inline_re: re.Pattern[str]  # "Begeleiding Groep Laag (code 02A11). Doelgroep: ..."
    product_re: re.Pattern[str]  # a family heading's start
    field_re: re.Pattern[str]  # a field label: "Label:" at a line start, a label alone on its line, inline
    labels: dict[str, str]  # label (lower case, single spaces) -> field
    header_re: re.Pattern[str]  # the labels in a (lower-cased) table header cell
    group_re: re.Pattern[str]  # the largest group a level names ("groep van ten hoogste 12 deelnemers")
    units: dict[str, str]
    numbers: dict[str, float]
    omvang_re: re.Pattern[str]


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _build(voc: Vocabulary) -> _Vocab:
    orders = [[" ".join(str(n).lower().split()) for n in o] for o in voc.get("level_orders", default=[])]
    names = {n for o in orders for n in o}
    long_names = [n for n in names if len(n) >= 3]  # "a", "ii": only behind a marker
    markers = [str(m).lower() for m in voc.get("level_markers", default=[])] or ["niveau"]
    mk = _alt(markers)
    lvl = rf"(?:(?:{mk})\s+(?P<num>\d{{1,2}}|[ivx]{{1,4}}|[a-d]|{_alt(names)})|(?:(?:{mk})\s+)?(?P<word>{_alt(long_names)}))"
    inline_re = re.compile(rf"^\s*(?P<fam>[A-Z][\w'-]*(?:\s+[\w'-]+){{0,5}}?)\s+[-–]?\s*\b{lvl}\b"
                           rf"\s*(?:\((?:(?:product)?code:?\s*)?(?P<code>{_CODE})\)\s*)?[.:]\s+\S", re.I)
    product_re = re.compile(rf"^(?:(?:product(?:familie)?|arrangement)\s*:\s*)?(?:{_alt(voc.get('product_words', default=[]))})\b", re.I)
    labels: dict[str, str] = {}
    for fld, words in (voc.get("level_fields", default={}) or {}).items():
        for w in words:
            labels.setdefault(" ".join(str(w).lower().split()), str(fld))
    text_labels = [w for w, f in labels.items() if f not in ("family", "niveau", "eenheid")]
    la = _alt(text_labels)
    cap = "|".join(re.escape(w[:1].upper() + w[1:]).replace(r"\ ", r"\s+") for w in sorted(text_labels, key=len, reverse=True))
    field_re = re.compile(rf"^[ \t]*(?:[-•*–][ \t]*)?(?P<k1>(?i:{la}))[ \t]*(?::|\|)"
                          rf"|^[ \t]*(?P<k3>(?i:{la}))[ \t]*:?[ \t]*$"
                          rf"|(?<=[.;)])[ \t]+(?P<k2>{cap})[ \t]*:", re.M)
    units = {str(k).lower(): str(v) for k, v in (voc.get("omvang_units", default={}) or {}).items()}
    numbers = {str(k).lower(): float(v) for k, v in (voc.get("number_words", default={}) or {}).items()}
    number = r"\d+(?:[.,]\d+)?|(?<![\w-])(?:" + _alt(numbers) + r")(?![\w-])"
    omvang_re = re.compile(rf"(?P<v>{number})(?:\s*(?:-|–|tot(?:\s+en\s+met)?|à|a|t/m)\s*(?P<max>{number}))?\s*(?P<unit>{_alt(units)})\b"
                           rf"(?:\s*(?:per|p/|/|in\s+de|in\s+het)\s*(?P<per>week|maand|jaar|dag|kwartaal|etmaal))?", re.I)
    header_re = re.compile(r"(?:^|\s)(" + _alt(labels) + r")(?=\s|$)")
    limits = _alt(voc.get("group_limits", default=[]) or ["ten hoogste"])
    members = _alt(voc.get("group_members", default=[]) or ["deelnemers"])
    group_re = re.compile(rf"(?:{limits})\s+(?P<n>\d{{1,3}}|\w+)\s+(?:{members})\b"
                          rf"|groep\s+van\s+(?:(?:{limits})\s+)?(?P<n2>\d{{1,3}}|\w+)\b", re.I)
    level_words = frozenset(w for n in [*names, *markers] for w in n.split())
    return _Vocab(orders, frozenset(names), frozenset(markers), level_words, inline_re, product_re, field_re, labels, header_re, group_re,
                  units, numbers, omvang_re)


def _voc() -> _Vocab:
    return current().derived("arrangement", _build)


TARIEF_RE = re.compile(r"(?:€|EUR|euro)\s*(?P<amt>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s*,-)?"
                       r"(?:\s*(?P<unit>per\s+(?:uur|dagdeel|dag|week|maand|jaar|etmaal|contactmoment|traject|cliënt|client|kwartier|minuut|sessie|keer|weekend)"
                       r"|p/(?:u|uur|dd|dagdeel|dag|w|wk|week|mnd|maand|etmaal)|/\s*(?:uur|dagdeel|dag|week|maand|etmaal)))?", re.I)
_PER_ABBR = {"p/u": "per uur", "p/uur": "per uur", "p/dd": "per dagdeel", "p/dagdeel": "per dagdeel", "p/dag": "per dag",
             "p/w": "per week", "p/wk": "per week", "p/week": "per week", "p/mnd": "per maand", "p/maand": "per maand",
             "p/etmaal": "per etmaal"}

def parse_amount(s: str) -> float:
    """Dutch money or a count: "1.234,56" -> 1234.56, "52,30" -> 52.3, "52.30" -> 52.3, "drie" -> 3."""
    w = " ".join(s.lower().split())
    numbers = _voc().numbers
    if w in numbers:
        return float(numbers[w])
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
    v = _voc()
    out = []
    for m in v.omvang_re.finditer(text):
        if TARIEF_RE.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        unit = v.units[" ".join(m.group("unit").lower().split())]
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


def parse_group_size(text: str) -> int | None:
    """The largest group a level describes: "in een groep van ten hoogste 12 deelnemers" -> 12."""
    sizes = []
    for m in _voc().group_re.finditer(text):
        n = m.group("n") or m.group("n2")
        try:
            sizes.append(int(parse_amount(n)))
        except ValueError:
            continue
    return max(sizes) if sizes else None


def _norm_level(s: str) -> str:
    """ "Basis" -> "basis", "Niveau 2" -> "2", "zwaarte III" -> "3"."""
    s = " ".join(s.lower().split())
    return str(_ROMAN[s]) if s in _ROMAN and not any(s in o for o in _voc().orders) else s


def level_of(line: str) -> tuple[str, str, str | None] | None:
    """(family, level, code) of a heading-like line that names a level; family is "" when the line
    names only the level ("Niveau 2 — productcode 45A12").

    >>> level_of("3.1 Begeleiding Individueel plus (02A01)")
    ('Begeleiding Individueel', 'plus', '02A01')
    >>> level_of("Dagbesteding zwaarte 3 (DB-Z3)")
    ('Dagbesteding', '3', 'DB-Z3')
    >>> level_of("De cliënt woont op basis") is None
    True
    """
    s = line.strip()
    if not s or len(s) > 100 or s.endswith((".", ";", ",")):
        return None
    if _voc().level_words.isdisjoint(s.lower().replace("(", " ").replace(")", " ").split()):
        return None  # most lines: no level name or marker in them at all
    rest = _NUMBERING.sub("", s, count=1)
    rest = re.sub(r"(?i)^(?:product(?:familie)?|arrangement)\s*:\s*", "", rest)
    code = None
    m = _CODE_TAIL.search(rest)
    if m:
        code = m.group("c1") or m.group("c2")
        rest = rest[:m.start()]
    found = _level_at_end(rest)
    if found is None:
        return None
    fam = found[0].strip(" -–—:,")
    if fam:
        words = fam.split()
        if (len(words) > 7 or not fam[0].isupper() or words[-1].lower() in _NOT_FAMILY_END
                or _voc().field_re.match(fam) or re.search(r"[.;:!?]\s", fam)):
            return None
    return fam, _norm_level(found[1]), code


def _level_at_end(rest: str) -> tuple[str, str] | None:
    """(what stands before, level) when ``rest`` ends in a level: a marker and a number, letter
    or name ("zwaarte 3", "niveau II", "niveau basis") or a level name ("basis", "extra zwaar")."""
    v = _voc()
    words = rest.replace("(", " ").replace(")", " ").split()
    low = [w.lower() for w in words]
    if len(words) >= 2 and low[-2] in v.markers and (re.fullmatch(r"\d{1,2}|[ivx]{1,4}|[a-d]", low[-1]) or low[-1] in v.names):
        return " ".join(words[:-2]), low[-1]
    for n in (2, 1):
        name = " ".join(low[-n:])
        if len(words) >= n and len(name) >= 3 and name in v.names:
            before = words[:-n]
            if before and before[-1].lower() in v.markers:
                before = before[:-1]
            return " ".join(before), name
    return None


def _family_heading(line: str, block: bool) -> str | None:
    """The family a heading-like line starts ("4. Begeleiding Groep", an HTML heading, a short line
    starting with a product word); None for other lines."""
    s = line.strip()
    if not s or len(s) > 80 or s.endswith((".", ";", ",", ":")) or _voc().field_re.match(s):
        return None
    numbered = _NUMBERING.match(s) is not None
    title = _NUMBERING.sub("", s, count=1)
    m = _CODE_TAIL.search(title)
    if m:
        title = title[:m.start()]
    title = title.strip(" -–—:")
    if not title[:1].isupper():
        return None
    if block or numbered or (_voc().product_re.match(title) and len(title.split()) <= 6):
        return title
    return None


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
    v = _voc()
    text = doc.text
    heads = {blk.start for blk in doc.blocks if blk.kind in ("heading", "title")}
    table_spans = [(t.start, t.end) for t in doc.tables if t.end > t.start]
    family: str | None = None
    cur: Clause | None = None
    cur_end = cur_lines = cur_head = 0  # cur_head: where the level's own text starts (after its heading)
    in_par = after_label = False
    pos = ti = 0

    def close() -> None:
        nonlocal cur
        if cur is not None:
            cur.end = cur_end
            cur.text = text[cur.start:cur_end]
            raw = _fields(cur.text, cur.attrs)
            body = text[cur_head:cur_end].strip() if cur_end > cur_head else ""
            lead = _lead_prose(body) if raw else ""
            if lead and not ({"doelgroep", "aanbod", "beschrijving"} & set(raw)):
                raw["beschrijving"] = lead  # "Voor gezinnen met ... Inzet: 2 uur per week": prose before the labels
            if not raw and body and not _CODE_LINE.match(body):
                # prose without labels: the paragraph describes the level; its quantities are the omvang
                raw = {"beschrijving": body}
                if [o for o in parse_omvang(body) if not o.get("duur")]:
                    raw["omvang"] = body
                if TARIEF_RE.search(body):
                    raw["tarief"] = body
            _finish(cur.attrs, raw)
        cur = None

    lines = text.split("\n")
    for idx, line in enumerate(lines):
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
        found = level_of(line)
        code = None
        head_len = len(line.rstrip())  # where the level's own text starts on its first line
        if found is None and (m := _inline_match(line)):
            found = (m.group("fam").strip(), _norm_level(m.group("num") or m.group("word")), m.group("code"))
            code = m.group("code")
            head_len = m.end() - 1  # a run-in heading: its text goes on after "(GB-2). "
        if found is not None:
            fam, lvl, code = found[0], found[1], code or found[2]
            if fam and not re.fullmatch(r"(?i)niveau|product", fam):
                family = fam
            if family:
                close()
                cur = b.niveau(family, lvl, ls, "text")
                if code:
                    cur.attrs["code"] = code
                cur_end, cur_lines, in_par, after_label = ls + len(line.rstrip()), 1, True, False
                cur_head = ls + head_len
                continue
        bullet = bullet_level(line) if family else None
        if bullet is not None:  # "- Licht: voor inwoners die ...": a level as a list item
            close()
            cur = b.niveau(family, bullet[0], ls, "text")
            cur_head, cur_end, cur_lines, in_par, after_label = ls + bullet[1], ls + len(line.rstrip()), 2, True, False
            continue
        if cur is not None and cur_lines == 1 and (m := _CODE_LINE.match(line)):
            cur.attrs.setdefault("code", m.group("code"))  # a heading's code wrapped onto the next line
            cur_end, cur_lines = ls + len(line.rstrip()), 2
            continue
        label = v.field_re.match(line)
        if label is None:
            fh = _family_heading(line, ls in heads)
            if fh is not None and (ls in heads or not _continues(lines, idx)):
                close()
                family = fh
                continue
        if cur is None:
            continue
        if label is not None or in_par or after_label or cur_lines == 1:
            cur_end, in_par, cur_lines = ls + len(line.rstrip()), True, cur_lines + 1
            after_label = label is not None and label.group("k3") is not None
        else:
            close()
    close()


def _inline_match(line: str) -> re.Match[str] | None:
    """A run-in level heading at the line's start: "Gezinsbegeleiding 2 sterren (GB-2). Voor gezinnen ..."."""
    v = _voc()
    if v.level_words.isdisjoint(re.split(r"[^\w-]+", line[:120].lower())):
        return None
    return v.inline_re.match(line)


def inline_level(line: str) -> tuple[str, str] | None:
    """(family, level) of a paragraph that opens with a run-in level heading."""
    m = _inline_match(line)
    return (m.group("fam").strip(), _norm_level(m.group("num") or m.group("word"))) if m else None


def _lead_prose(body: str) -> str:
    """The sentences before a level's first field label, when there are some (three words or more)."""
    m = _voc().field_re.search(body)
    lead = body[:m.start()].strip() if m else ""
    return lead if len(lead.split()) >= 3 and not _CODE_LINE.match(lead) else ""


def _continues(lines: list[str], idx: int) -> bool:
    """Line ``idx`` is the first line of a wrapped sentence: the next line goes on in lower case
    ("Dagbesteding biedt structuur, ontmoeting" / "en zinvolle bezigheden ...")."""
    nxt = lines[idx + 1].strip() if idx + 1 < len(lines) else ""
    return nxt[:1].islower()


_BULLET = re.compile(r"^\s*(?:[-•*–]\s+|\d{1,2}[.)]\s+)?(?P<name>[^\W\d][\w-]*(?:\s+[\w-]+)?)\s*[:–—]\s+(?P<rest>\S.*)$")


def bullet_level(line: str) -> tuple[str, int] | None:
    """(level, where its text starts) of a list item that starts with a level's name:
    "- Licht: voor inwoners die ...", "• Zwaarte 2 – dagelijks toezicht"."""
    if _voc().level_words.isdisjoint(re.split(r"[^\w-]+", line[:40].lower())):
        return None
    m = _BULLET.match(line)
    if m is None:
        return None
    found = _level_at_end(m.group("name"))
    if found is None or found[0]:
        return None
    return _norm_level(found[1]), m.start("rest")


def _fields(body: str, attrs: dict) -> dict[str, str]:
    """Field values in a level's text: "Label: value" lines, a label alone on its line with the
    value below, inline labels after a sentence ("... . Omvang: 2 dagdelen")."""
    v = _voc()
    found = list(v.field_re.finditer(body))
    raw: dict[str, str] = {}
    for k, f in enumerate(found):
        key = v.labels[" ".join((f.group("k1") or f.group("k2") or f.group("k3")).lower().split())]
        stop = found[k + 1].start() if k + 1 < len(found) else len(body)
        val = body[f.end():stop].strip(" \t\n-•*:")
        if key == "code" and attrs.get("code"):
            continue
        raw[key] = (raw.get(key, "") + " " + val).strip() if key in raw else val
    return raw


def _level_order(names: list[str]) -> list[str] | None:
    """The order of a family's level names: the first vocabulary order holding all of them,
    numbers in their order; else, when each name stands in some order, by its relative place
    there (basis 0 < middel 0.5 < intensief 1). None when that leaves them unordered."""
    if names and all(re.fullmatch(r"\d+", n) for n in names):
        return sorted(set(names), key=int)
    orders = _voc().orders
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
            fh = _family_heading(s, False)
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
    v = _voc()
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
            return any(TARIEF_RE.search(c) for c in cells)
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
        fld = _voc().labels.get(label)
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
            lvl = _norm_level(re.sub(rf"(?i)^(?:{'|'.join(map(re.escape, _markers()))})\s+", "", lvl))
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
        if raw.get("tarief") and cell("eenheid") and not TARIEF_RE.search(raw["tarief"] + " ").group("unit"):
            raw["tarief"] = f"{raw['tarief']} per {cell('eenheid').split()[0]}"
        _finish(c.attrs, raw)


def _markers() -> list[str]:
    return [str(m) for m in current().get("level_markers", default=[])]
