"""Reading one line or one value of a product description: a level's heading ("Begeleiding
Groep laag (02A11)", "Niveau 2 — productcode 45A12"), a run-in level heading, a family's heading,
a list item naming a level, the field labels of a level's text, and the values: amounts, omvang,
tarief, group size.

Level names and their orders, the markers before a level number ("zwaarte 3"), the words product
families start with, the field labels, units and number words come from the vocabulary
(rules/vocabulary/niveaus.yml and velden.yml); ``level_vocabulary()`` is what extraction needs
of them, compiled once per vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import Vocabulary, current

# numbering before a heading ("3.1", "II.", "§ 4", "a)")
NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|§\s*\d+|[a-z]\))\s+")
# a product code behind a heading: "(02A01)", "[JB-22]", "(code: X1)", "— productcode 45A12"; a code holds a digit
_CODE = r"(?=[\w./-]*\d)[A-Za-z0-9][\w./-]{1,14}"
# words a family name does not end with ("op basis", "te hoog"): then the line is a sentence
_NOT_FAMILY_END = {"op", "de", "het", "een", "te", "van", "voor", "en", "of", "is", "zijn", "naar", "tot", "met", "in",
                   "als", "die", "dat", "er", "niet", "wordt", "worden", "was", "heel", "zo", "erg", "vrij"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s")
_LEVEL_NUMBER = re.compile(r"\d{1,2}|[ivx]{1,4}|[a-d]")  # behind a marker: "zwaarte 3", "niveau II", "niveau b"
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NOT_WORD = re.compile(r"[^\w-]+")


@dataclass
class LevelVocabulary:
    """What extraction needs from the vocabulary, compiled once per vocabulary."""

    orders: list[list[str]]
    names: frozenset[str]  # every level name of level_orders
    markers: frozenset[str]  # "niveau", "zwaarte": words before a level number
    level_words: frozenset[str]  # the words of the level names and markers: a level line holds one
    inline_re: re.Pattern[str]  # "Begeleiding Groep Laag (code 02A11). Doelgroep: ..."
    product_re: re.Pattern[str]  # a family heading's start
    field_re: re.Pattern[str]  # a field label: "Label:" at a line start, a label alone on its line, inline
    labels: dict[str, str]  # label (lower case, single spaces) -> field
    header_re: re.Pattern[str]  # the labels in a (lower-cased) table header cell
    group_re: re.Pattern[str]  # the largest group a level names ("groep van ten hoogste 12 deelnemers")
    units: dict[str, str]
    numbers: dict[str, float]
    omvang_re: re.Pattern[str]
    code_tail: re.Pattern[str]  # a product code behind a heading: "(02A01)", "(code: X1)", "— productcode 45A12"
    code_line: re.Pattern[str]  # a line that is only a code in brackets
    labelled: re.Pattern[str]  # a family label before a heading: "Product: Begeleiding groep"
    durations: frozenset[str]  # units of a duration when no period follows ("gedurende drie maanden")
    tariff_units: dict[str, str]  # written form (``_unit_form``) -> the unit docmine names ("p/u" -> "per uur")
    tariff_re: re.Pattern[str]  # an euro amount and its unit


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _build(voc: Vocabulary) -> LevelVocabulary:
    orders = [[" ".join(str(n).lower().split()) for n in o] for o in voc.get("level_orders", default=[])]
    names = {n for o in orders for n in o}
    long_names = [n for n in names if len(n) >= 3]  # "a", "ii": only behind a marker
    markers = [str(m).lower() for m in voc.get("level_markers", default=[])] or ["niveau"]
    mk = _alt(markers)
    lvl = rf"(?:(?:{mk})\s+(?P<num>\d{{1,2}}|[ivx]{{1,4}}|[a-d]|{_alt(names)})|(?:(?:{mk})\s+)?(?P<word>{_alt(long_names)}))"
    labels, field_re = _field_labels(voc)
    codes, families = _labels_of(labels, "code"), _labels_of(labels, "family")  # "productcode"; "product", "arrangement"
    inline_re = re.compile(rf"^\s*(?P<fam>[A-Z][\w'-]*(?:\s+[\w'-]+){{0,5}}?)\s+[-–]?\s*\b{lvl}\b"
                           rf"\s*(?:\((?:(?:{codes}):?\s*)?(?P<code>{_CODE})\)\s*)?[.:]\s+\S", re.I)
    product_re = re.compile(rf"^(?:(?:{families})\s*:\s*)?(?:{_alt(voc.get('product_words', default=[]))})\b", re.I)
    units = {str(k).lower(): str(v) for k, v in (voc.get("omvang_units", default={}) or {}).items()}
    numbers = {str(k).lower(): float(v) for k, v in (voc.get("number_words", default={}) or {}).items()}
    header_re = re.compile(r"(?:^|\s)(" + _alt(labels) + r")(?=\s|$)")
    # a number is a level word only as a name of its own: in "2 sterren" the word "sterren" tells
    # (every line with a number would otherwise be looked at as a level heading)
    level_words = frozenset(w for n in [*names, *markers] for w in n.split() if not (w.isdigit() and w != n))
    tariff_units = _tariff_units(voc)
    return LevelVocabulary(orders, frozenset(names), frozenset(markers), level_words, inline_re, product_re, field_re, labels, header_re, _group_pattern(voc),
                  units, numbers, _omvang_pattern(voc, units, numbers),
                  *_code_patterns(codes),
                  re.compile(rf"(?i)^(?:{families})\s*:\s*"), frozenset(str(u) for u in voc.get("duration_units", default=[])),
                  tariff_units, _tariff_pattern(tariff_units))


def _labels_of(labels: dict[str, str], fld: str) -> str:
    """The labels of one field as an alternation (none: a pattern that matches nothing)."""
    return _alt(w for w, f in labels.items() if f == fld) or "(?!)"


def _group_pattern(voc: Vocabulary) -> re.Pattern[str]:
    """The largest group a level names: "ten hoogste 12 deelnemers", "een groep van maximaal 8"."""
    limits = _alt(voc.get("group_limits", default=[]) or ["ten hoogste"])
    members = _alt(voc.get("group_members", default=[]) or ["deelnemers"])
    return re.compile(rf"(?:{limits})\s+(?P<n>\d{{1,3}}|\w+)\s+(?:{members})\b"
                      rf"|groep\s+van\s+(?:(?:{limits})\s+)?(?P<n2>\d{{1,3}}|\w+)\b", re.I)


def _code_patterns(codes: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A product code behind a heading, with or without one of the ``codes`` labels before it, and
    a line that is only a code in brackets."""
    return (re.compile(rf"\s*(?:[\(\[]\s*(?:(?:{codes})\s*:?\s*)?(?P<c1>{_CODE})\s*[\)\]]"
                       rf"|\s(?:[-–—:,|]\s*)?(?:{codes})\s*:?\s*(?P<c2>{_CODE}))\s*$", re.I),
            re.compile(rf"^\s*[\(\[]\s*(?:(?:{codes})\s*:?\s*)?(?P<code>{_CODE})\s*[\)\]]\s*$", re.I))


def _field_labels(voc: Vocabulary) -> tuple[dict[str, str], re.Pattern[str]]:
    """The vocabulary's level_fields as label -> field, and the pattern of a field label in a
    level's text ("Label:" at a line start, a label alone on its line, "… . Label:" inline)."""
    labels: dict[str, str] = {}
    for fld, words in (voc.get("level_fields", default={}) or {}).items():
        for w in words:
            labels.setdefault(" ".join(str(w).lower().split()), str(fld))
    text_labels = [w for w, f in labels.items() if f not in ("family", "niveau", "eenheid")]
    la = _alt(text_labels)
    cap = "|".join(re.escape(w[:1].upper() + w[1:]).replace(r"\ ", r"\s+") for w in sorted(text_labels, key=len, reverse=True))
    return labels, re.compile(rf"^[ \t]*(?:[-•*–][ \t]*)?(?P<k1>(?i:{la}))[ \t]*(?::|\|)"
                              rf"|^[ \t]*(?P<k3>(?i:{la}))[ \t]*:?[ \t]*$"
                              rf"|(?<=[.;)])[ \t]+(?P<k2>{cap})[ \t]*:", re.M)


def _omvang_pattern(voc: Vocabulary, units: dict[str, str], numbers: dict[str, float]) -> re.Pattern[str]:
    """A number (or a range) with a unit of omvang_units and a period of omvang_periods behind it."""
    number = r"\d+(?:[.,]\d+)?|(?<![\w-])(?:" + _alt(numbers) + r")(?![\w-])"
    periods = _alt(str(p) for p in voc.get("omvang_periods", default=[])) or "(?!)"
    return re.compile(rf"(?P<v>{number})(?:\s*(?:-|–|tot(?:\s+en\s+met)?|à|a|t/m)\s*(?P<max>{number}))?\s*(?P<unit>{_alt(units)})\b"
                      rf"(?:\s*(?:per|p/|/|in\s+de|in\s+het)\s*(?P<per>{periods}))?", re.I)


def _tariff_units(voc: Vocabulary) -> dict[str, str]:
    """The vocabulary's tariff_units as written form (``_unit_form``) -> the unit docmine names."""
    return {_unit_form(str(form)): " ".join(str(unit).lower().split())
            for unit, forms in (voc.get("tariff_units", default={}) or {}).items() for form in forms or [unit]}


def level_vocabulary() -> LevelVocabulary:
    """What extraction needs of the running vocabulary."""
    return current().derived("arrangement", _build)


_AMOUNT = r"(?:€|EUR|euro)\s*(?P<amt>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s*,-)?"


def _unit_form(form: str) -> str:
    """How a tariff unit's written form is told apart: lower case, single spaces, no space after
    a leading slash ("/ uur" -> "/uur")."""
    form = " ".join(form.lower().split())
    return "/" + form[1:].lstrip() if form.startswith("/") else form


def _tariff_pattern(units: dict[str, str]) -> re.Pattern[str]:
    """An euro amount with its unit (vocabulary tariff_units): "€ 52,30 per dagdeel", "€ 40 p/u"."""
    forms = []
    for form in sorted(units, key=len, reverse=True):
        slash = form.startswith("/")
        rx = re.escape(form[1:] if slash else form).replace(r"\ ", r"\s+")
        forms.append(r"/\s*" + rx if slash else rx)
    return re.compile(_AMOUNT + rf"(?:\s*(?P<unit>{'|'.join(forms) or '(?!)'}))?", re.I)


def tariff_re() -> re.Pattern[str]:
    """An euro amount and, when written behind it, its unit (group ``unit``)."""
    return level_vocabulary().tariff_re


def parse_amount(s: str) -> float:
    """Dutch money or a count: "1.234,56" -> 1234.56, "52,30" -> 52.3, "52.30" -> 52.3, "drie" -> 3."""
    w = " ".join(s.lower().split())
    numbers = level_vocabulary().numbers
    if w in numbers:
        return float(numbers[w])
    if "," in s:
        return float(s.replace(".", "").replace(",", "."))
    if _THOUSANDS.fullmatch(s):
        return float(s.replace(".", ""))
    return float(s)


def parse_omvang(text: str) -> list[dict]:
    """Numbers with units in an omvang description.

    >>> parse_omvang("2 dagdelen per week")
    [{'value': 2.0, 'unit': 'dagdeel', 'per': 'week', 'text': '2 dagdelen per week'}]
    """
    v = level_vocabulary()
    out = []
    for m in v.omvang_re.finditer(text):
        if v.tariff_re.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        unit = v.units[" ".join(m.group("unit").lower().split())]
        if unit in v.durations and not m.group("per"):
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
    v = level_vocabulary()
    m = v.tariff_re.search(text)
    if not m:
        return None
    unit = m.group("unit")
    if unit:
        unit = v.tariff_units[_unit_form(unit)]
    return {"amount": parse_amount(m.group("amt")), "unit": unit, "text": m.group(0).strip()}


def parse_group_size(text: str) -> int | None:
    """The largest group a level describes: "in een groep van ten hoogste 12 deelnemers" -> 12."""
    sizes = []
    for m in level_vocabulary().group_re.finditer(text):
        n = m.group("n") or m.group("n2")
        try:
            sizes.append(int(parse_amount(n)))
        except ValueError:
            continue
    return max(sizes) if sizes else None


def norm_level(s: str, v: LevelVocabulary | None = None) -> str:
    """ "Basis" -> "basis", "Niveau 2" -> "2", "zwaarte III" -> "3"."""
    s = " ".join(s.lower().split())
    return str(_ROMAN[s]) if s in _ROMAN and not any(s in o for o in (v or level_vocabulary()).orders) else s


def level_of(line: str, v: LevelVocabulary | None = None) -> tuple[str, str, str | None] | None:
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
    v = v or level_vocabulary()
    if v.level_words.isdisjoint(s.lower().replace("(", " ").replace(")", " ").split()):
        return None  # most lines: no level name or marker in them at all
    rest = NUMBERING.sub("", s, count=1)
    rest = v.labelled.sub("", rest)
    code = None
    m = v.code_tail.search(rest)
    if m:
        code = m.group("c1") or m.group("c2")
        rest = rest[:m.start()]
    found = level_at_end(rest, v)
    if found is None:
        return None
    fam = found[0].strip(" -–—:,")
    if fam:
        words = fam.split()
        if (len(words) > 7 or not fam[0].isupper() or words[-1].lower() in _NOT_FAMILY_END
                or v.field_re.match(fam) or _SENTENCE_BREAK.search(fam)):
            return None
    return fam, norm_level(found[1], v), code


def level_at_end(rest: str, v: LevelVocabulary | None = None) -> tuple[str, str] | None:
    """(what stands before, level) when ``rest`` ends in a level: a marker and a number, letter
    or name ("zwaarte 3", "niveau II", "niveau basis") or a level name ("basis", "extra zwaar")."""
    v = v or level_vocabulary()
    words = rest.replace("(", " ").replace(")", " ").split()
    low = [w.lower() for w in words]
    if len(words) >= 2 and low[-2] in v.markers and (_LEVEL_NUMBER.fullmatch(low[-1]) or low[-1] in v.names):
        return " ".join(words[:-2]), low[-1]
    for n in (2, 1):
        name = " ".join(low[-n:])
        if len(words) >= n and len(name) >= 3 and name in v.names:
            before = words[:-n]
            if before and before[-1].lower() in v.markers:
                before = before[:-1]
            return " ".join(before), name
    return None


def family_heading(line: str, block: bool, v: LevelVocabulary | None = None) -> str | None:
    """The family a heading-like line starts ("4. Begeleiding Groep", an HTML heading, a short line
    starting with a product word); None for other lines."""
    s = line.strip()
    v = v or level_vocabulary()
    if not s or len(s) > 80 or s.endswith((".", ";", ",", ":")) or v.field_re.match(s):
        return None
    numbered = NUMBERING.match(s) is not None
    title = NUMBERING.sub("", s, count=1)
    m = v.code_tail.search(title)
    if m:
        title = title[:m.start()]
    title = title.strip(" -–—:")
    if not title[:1].isupper():
        return None
    if block or numbered or (v.product_re.match(title) and len(title.split()) <= 6):
        return title
    return None


def inline_match(line: str, v: LevelVocabulary | None = None) -> re.Match[str] | None:
    """A run-in level heading at the line's start: "Gezinsbegeleiding 2 sterren (GB-2). Voor gezinnen ..."."""
    v = v or level_vocabulary()
    if v.level_words.isdisjoint(_NOT_WORD.split(line[:120].lower())):
        return None
    return v.inline_re.match(line)


def inline_level(line: str, v: LevelVocabulary | None = None) -> tuple[str, str] | None:
    """(family, level) of a paragraph that opens with a run-in level heading."""
    m = inline_match(line, v)
    return (m.group("fam").strip(), norm_level(m.group("num") or m.group("word"), v)) if m else None


def lead_prose(body: str, v: LevelVocabulary | None = None) -> str:
    """The sentences before a level's first field label, when there are some (three words or more)."""
    v = v or level_vocabulary()
    m = v.field_re.search(body)
    lead = body[:m.start()].strip() if m else ""
    return lead if len(lead.split()) >= 3 and not v.code_line.match(lead) else ""


_BULLET = re.compile(r"^\s*(?:[-•*–]\s+|\d{1,2}[.)]\s+)?(?P<name>[^\W\d][\w-]*(?:\s+[\w-]+)?)\s*[:–—]\s+(?P<rest>\S.*)$")


def bullet_level(line: str, v: LevelVocabulary | None = None) -> tuple[str, int] | None:
    """(level, where its text starts) of a list item that starts with a level's name:
    "- Licht: voor inwoners die ...", "• Zwaarte 2 – dagelijks toezicht"."""
    v = v or level_vocabulary()
    if v.level_words.isdisjoint(_NOT_WORD.split(line[:40].lower())):
        return None
    m = _BULLET.match(line)
    if m is None:
        return None
    found = level_at_end(m.group("name"), v)
    if found is None or found[0]:
        return None
    return norm_level(found[1], v), m.start("rest")


def level_fields(body: str, attrs: dict, v: LevelVocabulary | None = None) -> dict[str, str]:
    """Field values in a level's text: "Label: value" lines, a label alone on its line with the
    value below, inline labels after a sentence ("... . Omvang: 2 dagdelen")."""
    v = v or level_vocabulary()
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
