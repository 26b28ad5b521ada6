"""``docmine extract --format text``: an indented outline of what extraction found."""

from __future__ import annotations

from ..model import Clause, Document


def _short(s: str | None, n: int = 70) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def outline(doc: Document) -> str:
    """Type and evidence, title, date, law, metadata, then one line per clause, indented by depth.

    >>> print(outline(Document(path="x.txt", format="txt", text="")).splitlines()[0])
    x.txt
    """
    out = _header(doc)
    out.append(f"  clausules: {len(doc.clauses)}")
    by_id = {c.id: c for c in doc.clauses}
    out.extend(_clause_line(c, _depth(c, by_id), doc.law) for c in doc.clauses)
    return "\n".join(out)


def _header(doc: Document) -> list[str]:
    """The document's lines: path, type with its evidence, title, date, law, format, metadata, warnings."""
    out = [doc.path]
    out.append(f"  type:     {doc.type}" + (f"  ({'; '.join(doc.type_evidence)})" if doc.type_evidence else ""))
    out.append(f"  titel:    {doc.title or '-'}")
    out.append(f"  datum:    {doc.date.isoformat() if doc.date else '-'}")
    out.append(f"  wet:      {doc.law or '-'}")
    out.append(f"  formaat:  {doc.format}, {len(doc.pages) or 1} pagina('s), {len(doc.text)} tekens")
    for k, v in doc.metadata.items():
        if k == "sources" and isinstance(v, list):
            v = ", ".join(str(s.get("title", s)) if isinstance(s, dict) else str(s) for s in v)
        out.append(f"  {k + ':':<9} {_short(str(v), 100)}")
    for w in doc.warnings:
        out.append(f"  let op:   {w}")
    return out


def _depth(c: Clause, by_id: dict[str, Clause]) -> int:
    depth, p = 0, c.parent
    while p in by_id and depth < 10:
        depth += 1
        p = by_id[p].parent
    return depth


def _clause_line(c: Clause, depth: int, doc_law: str | None) -> str:
    """One clause: kind, number and title, what it holds, the start of its text, its law when
    not the document's, its first references."""
    head = c.kind + (f" {c.number}" if c.number else "")
    if c.title:
        head += f" {c.title}"
    body = c.text
    if c.title and body.lstrip().startswith(c.kind.capitalize()):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    line = "  " + "  " * (depth + 1) + head + _extra(c)
    if c.kind not in ("hoofdstuk", "paragraaf", "bijlage", "product"):
        line += f": {_short(body, 60)}"
    if c.law and c.law != doc_law:
        line += f"  ({c.law})"
    if c.references:
        line += "  -> " + ", ".join(_ref(r) for r in c.references[:4])
    return line


def _extra(c: Clause) -> str:
    """What a clause holds: a definition's meaning, a level's code, omvang, tarief and target
    group, the fields of metadata, sections and slotbepalingen."""
    if c.kind == "definitie":
        return f" = {_short(c.attrs.get('definition'), 50)}"
    if c.kind == "niveau":
        bits = _level_bits(c.attrs)
        return " [" + "; ".join(bits) + "]" if bits else ""
    if c.kind in ("metadata", "sectie", "slotbepaling"):
        return " " + ", ".join(f"{k}={_short(str(v), 40)}" for k, v in c.attrs.items() if v is not None and k != "found_by")
    return ""


def _level_bits(attrs: dict) -> list[str]:
    bits = []
    if attrs.get("code"):
        bits.append(f"code {attrs['code']}")
    for o in attrs.get("omvang") or []:
        bits.append(o.get("text", ""))
    t = attrs.get("tarief")
    if t and t.get("amount") is not None:
        bits.append(f"€ {t['amount']:.2f} {t.get('unit') or ''}".strip())
    who = attrs.get("doelgroep") or attrs.get("beschrijving")
    if who:
        bits.append(f"voor wie: {_short(str(who), 60)}")
    return bits


def _ref(r) -> str:
    if r.kind == "wet":
        return f"{r.law}{' art. ' + r.artikel if r.artikel else ''}"
    if r.kind == "richtlijn":
        return f"richtlijn {r.year}"
    return f"art. {r.artikel or '?'}{' lid ' + str(r.lid) if r.lid else ''}{' onder ' + r.onderdeel if r.onderdeel else ''}"
