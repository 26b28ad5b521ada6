"""Werkinstructie: titel, datum, versienummer, redacteur (also auteur/eigenaar), and the steps.

The metadata may stand anywhere a knowledge base or a Word template puts it: "Label: value" lines
at the top, a key/value table, the DOCX page header or footer, a knowledge-base page's footer, or
one compact line ("Versie 1.0 — 2 november 2020 — opgesteld door K. Yilmaz", "v2.1 | 03-05-2021 |
J. de Vries"). The labels are the vocabulary's ``werkinstructie_fields``
(rules/vocabulary/velden.yml). A title is the document's own title line (or its title property),
not a line of metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Clause, Document
from ..vocabulary import Vocabulary, current
from .dates import parse_date
from ._rx import lower_line

# what separates the parts of a compact metadata line
_SEPARATORS = re.compile(r"\s+[|—–·•]\s+|\s*;\s+|\s{3,}|\t+")
# initials and a surname: "J. de Vries", "K. Yilmaz", "A.B. van der Berg", "Z. Öztürk"
_UPPER = "A-ZÀ-ÖØ-Þ"  # "Ö. Öztürk", "Ç. Çelik"
_NAME = re.compile(rf"^(?:[{_UPPER}]\.\s*){{1,4}}(?:(?:van|de|der|den|el|ter|ten|te|la|le)\s+){{0,3}}[{_UPPER}][\w'-]+")
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\))\s+\S")
HEAD_LINES = 40
TAIL_LINES = 12


@dataclass
class _Labels:
    label_at: re.Pattern[str]  # a label at a segment's start
    label_any: re.Pattern[str]  # a label anywhere (a line without one holds no metadata)
    label_in: re.Pattern[str]  # "Label:" or ", label" inside a segment (a second field on the same part)
    field: dict[str, str]  # label -> field
    first_words: tuple[str, ...]  # the first word of each label of two letters or more
    letter_label: re.Pattern[str] | None  # a one-letter label before its number ("v2.1"), in a lower-cased line
    name_prefix: re.Pattern[str]  # a word before the redacteur's name ("door K. Bosman"), at a value's start
    step: re.Pattern[str]  # a step's line: "Stap 3: Controleer de aanvraag", "3. Controleer ..."

    def may_hold(self, lines: list[str]) -> list[bool]:
        """For each line, whether a label may stand in it. A label's first word stands in a line
        that holds it: the first words are looked for in all lines at once (a ``str.find`` each),
        then each line for the words found (re tries ``label_any`` at every position: ~10 µs a
        line)."""
        block = lower_line("\n".join(lines))
        if block is None:  # a character re matches with an ASCII letter that lower() leaves
            return [True] * len(lines)
        found = [w for w in self.first_words if w in block]
        letter = self.letter_label if self.letter_label is not None and self.letter_label.search(block) else None
        if not found and letter is None:
            return [False] * len(lines)
        out = []
        for line in lines:
            low = line.lower()
            out.append(any(w in low for w in found) or (letter is not None and letter.search(low) is not None))
        return out


def _build(voc: Vocabulary) -> _Labels:
    field: dict[str, str] = {}
    for fld, labels in (voc.get("werkinstructie_fields", default={}) or {}).items():
        for label in labels:
            field.setdefault(" ".join(str(label).lower().split()).rstrip("."), str(fld))
    words = sorted(field, key=len, reverse=True)
    # a one-letter label ("v") only directly before its number: "v2.1"
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") + (r"(?=\s*\d)" if len(w) == 1 else r"\b") for w in words)
    letters = [re.escape(w) for w in words if len(w) == 1]
    prefixes = "|".join(re.escape(str(w)) for w in voc.get("name_prefixes", default=[])) or "(?!)"
    # "Stap" or "STAP", as written at a step's start
    step_words = "|".join(f"{re.escape(w.capitalize())}|{re.escape(w.upper())}"
                          for w in (str(x).strip() for x in voc.get("step_words", default=[])) if w) or "(?!)"
    return _Labels(re.compile(rf"^\s*(?:[-•*]\s*)?\**(?P<label>{alt})\.?\**\s*(?::|\|)?\**\s*(?P<val>.*)$", re.I),
                   re.compile(rf"\b(?:{alt})", re.I),
                   # a second field inside a part: "Label:", ", label", "(versie 4)", "door K. Bosman"
                   re.compile(rf"\s(?=(?:{alt})\s*:)|,\s+(?=(?:{alt}))|\s*\((?=\s*(?:{alt}))|(?<=\d)\s(?=(?:{prefixes})\s+[A-Z])", re.I), field,
                   tuple(dict.fromkeys(w.split()[0] for w in words if len(w) > 1)),
                   re.compile(rf"(?:{'|'.join(letters)})\s*\d") if letters else None,
                   re.compile(rf"^(?:{prefixes})\s+"),
                   re.compile(rf"^\s*(?:(?:{step_words})\s+(?P<n1>\d+)\b\s*[.:)-]?\s*|(?P<n2>\d{{1,2}})[.)]\s+)(?P<title>\S.*)$"))


def _labels() -> _Labels:
    return current().derived("werkinstructie-labels", _build)


def _segments(line: str) -> list[str]:
    parts = []
    for part in _SEPARATORS.split(line.strip()):
        parts.extend(p for p in _labels().label_in.split(part) if p.strip())
    return [p.strip(" .,)") for p in parts if p.strip(" .,)")]


def _value(fld: str, val: str) -> str | None:
    """The field's value in ``val`` or None when it holds none (a version needs a number, a date a
    date, a redacteur a name)."""
    val = val.strip(" .,:")
    if fld == "versienummer":
        m = re.search(r"\d+(?:[.,]\d+)*", val)
        return m.group(0).replace(",", ".") if m else None
    if fld == "datum":
        d = parse_date(val)
        return d.isoformat() if d else None
    if fld == "redacteur":
        val = re.sub(r"^op\s+", "", _labels().name_prefix.sub("", val))
        name = val.split(",")[0].split("(")[0].strip()
        return val if re.search(r"[A-Z]", name) and not re.match(r"(?i)(?:het|de|een)\s", name) else None
    return val or None


def parse_metadata_line(line: str) -> dict[str, str]:
    """The metadata fields one line gives.

    >>> parse_metadata_line("Versie 1.0 — 2 november 2020 — opgesteld door K. Yilmaz, beleidsmedewerker")
    {'versienummer': '1.0', 'redacteur': 'K. Yilmaz, beleidsmedewerker', 'datum': '2020-11-02'}
    >>> parse_metadata_line("Eigenaar | J. Jansen")
    {'redacteur': 'J. Jansen'}
    >>> parse_metadata_line("v2.1 | 03-05-2021 | J. de Vries")
    {'versienummer': '2.1', 'datum': '2021-05-03', 'redacteur': 'J. de Vries'}
    >>> parse_metadata_line("Laatst herzien op 3 april 2023 door K. Bosman (versie 4)")
    {'datum': '2023-04-03', 'versienummer': '4', 'redacteur': 'K. Bosman'}
    >>> parse_metadata_line("Het protocol geldt voor alle aanvragen.")
    {}
    """
    lab = _labels()
    found: dict[str, str] = {}
    bare: list[str] = []
    if not lab.label_any.search(line):
        return found
    segs = _segments(line)
    k = 0
    while k < len(segs):
        seg = segs[k]
        k += 1
        m = lab.label_at.match(seg)
        if m:
            fld = lab.field[" ".join(m.group("label").lower().split()).rstrip(".")]
            raw = m.group("val")
            if not raw.strip(" :") and k < len(segs):  # "Eigenaar | J. Jansen": the value in the next part
                raw, k = segs[k], k + 1
            val = _value(fld, raw)
            if val is not None and fld not in found:
                found[fld] = val
                continue
        bare.append(seg)
    if found:  # a line of metadata: a date or a name standing alone beside a label is one too
        for seg in bare:
            if "datum" not in found and len(seg) <= 30 and (d := parse_date(seg)) is not None:
                found["datum"] = d.isoformat()
            elif "redacteur" not in found and _NAME.match(name := lab.name_prefix.sub("", seg)) and len(name) <= 60:
                found["redacteur"] = _NAME.match(name).group(0)
    return found


def parse_metadata_lines(lines: list[str]) -> list[dict[str, str]]:
    """``parse_metadata_line`` of each line, the lines without a label's word skipped."""
    return [parse_metadata_line(line) if may else {} for line, may in zip(lines, _labels().may_hold(lines))]


def _candidate_lines(doc: Document) -> list[tuple[str, int, int]]:
    """(line, start, end) where metadata may stand: the head, the tail, the page header and footer
    (not in the text: offsets 0, 0)."""
    text = doc.text
    out = []
    pos = 0
    lines = []
    for line in text.split("\n"):
        if line.strip():
            lines.append((line, pos, pos + len(line)))
        pos += len(line) + 1
    out.extend(lines[:HEAD_LINES])
    out.extend(x for x in lines[-TAIL_LINES:] if x not in out[:HEAD_LINES])
    for key in ("header", "footer"):
        part = doc.metadata.get(key)
        if isinstance(part, str):
            out.extend((line, 0, 0) for line in part.split("\n") if line.strip())
    return out


def _is_metadata_line(line: str) -> bool:
    return bool(parse_metadata_line(line))


def extract_werkinstructie(doc: Document, title: str | None) -> list[Clause]:
    """Metadata clauses and stap clauses; fills ``doc.metadata["werkinstructie"]``.

    >>> d = Document(path="w.txt", format="txt", text="Werkinstructie X\\nVersie: 1.2\\n\\nStap 1 Bel de cliënt")
    >>> [c.kind for c in extract_werkinstructie(d, "Werkinstructie X")]
    ['metadata', 'stap']
    """
    text = doc.text
    base = doc.path + "#"
    meta: dict[str, str | None] = {"titel": None, "datum": None, "versienummer": None, "redacteur": None}
    clauses: list[Clause] = []
    candidates = _candidate_lines(doc) + _table_lines(doc)
    for (line, s, e), fields in zip(candidates, parse_metadata_lines([line for line, _, _ in candidates])):
        for fld, val in fields.items():
            if meta.get(fld) is None:
                meta[fld] = val
                if e > s:
                    clauses.append(Clause(id=f"{base}meta.{fld}", kind="metadata", text=text[s:e].strip(), start=s, end=e,
                                          title=fld, attrs={"field": fld, "value": val}))
    if meta["titel"] is None and title and not _is_metadata_line(title) and not _NUMBERED.match(title):
        meta["titel"] = title
    for key, fld in (("author", "redacteur"), ("created", "datum"), ("modified", "datum")):
        if not meta.get(fld) and doc.metadata.get(key):
            v = doc.metadata[key]
            meta[fld] = v.isoformat() if hasattr(v, "isoformat") else str(v)
    doc.metadata["werkinstructie"] = meta
    steps = _steps(doc)
    clauses.sort(key=lambda c: c.start)
    return clauses + steps


def _table_lines(doc: Document) -> list[tuple[str, int, int]]:
    """Key/value rows of the document's tables as "key: value" lines; a table whose header row
    names two fields or more (a "Documentbeheer" or version history: Versie | Datum | Auteur |
    Wijziging) as "header: cell" lines of its rows, the last (newest) row first."""
    lab = _labels()
    out = []
    for t in doc.tables:
        header = [" ".join(c.lower().split()).strip(" :") for c in (t.rows[0] if t.rows else [])]
        named = {lab.field[h] for h in header if h in lab.field}
        if len(named) >= 2 and len(t.rows) >= 2:
            for row in reversed(t.rows[1:]):
                out.extend((f"{h}: {c.strip()}", t.start, t.end) for h, c in zip(header, row) if h in lab.field and c.strip())
            continue
        for row in t.rows:
            if len(row) >= 2 and row[0].strip():
                out.append((f"{row[0].strip().rstrip(':')}: {row[1].strip()}", t.start, t.end))
    return out


def _steps(doc: Document) -> list[Clause]:
    text = doc.text
    base = doc.path + "#"
    pos = 0
    steps: list[Clause] = []
    expect = 1
    step_re = _labels().step
    for line in text.split("\n"):
        ls = pos
        pos += len(line) + 1
        m = step_re.match(line)
        if not m or " | " in line:
            continue
        n = int(m.group("n1") or m.group("n2"))
        if m.group("n2") and n != expect and n != 1:
            continue
        expect = n + 1
        if steps:
            _close(steps[-1], text, ls)
        steps.append(Clause(id=f"{base}stap{n}" + (f"~{len(steps)}" if any(c.number == str(n) for c in steps) else ""),
                            kind="stap", text="", start=ls, end=ls, number=str(n), title=m.group("title").strip()[:120]))
    if steps:
        _close(steps[-1], text, len(text))
    return steps


def _close(c: Clause, text: str, at: int) -> None:
    while at > c.start and text[at - 1].isspace():
        at -= 1
    c.end = at
    c.text = text[c.start:at]
