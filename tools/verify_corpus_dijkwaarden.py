"""Check corpus-dijkwaarden/EXPECTED.yaml against the documents.

    .venv/bin/python tools/verify_corpus_dijkwaarden.py        # exit status 1 on any problem

1. every document named (and every related_document) exists;
2. every excerpt of an expected entry or trap occurs verbatim, and exactly once, in the reference
   text extraction of its document (`extract_text` below), and has 1 to 8 words;
3. the term ground truth is exhaustive: every hit of a noise-tolerant lexicon of outdated terms in
   every document lies inside the excerpt of a term/reference entry or of a trap (a few benign
   senses are allowed without a trap; in Jeugdwet documents 'individuele voorziening' and
   'gebruikelijke zorg' are correct and not scanned);
4. prints the counts by type and format.

Reference extraction (independent of docmine):
  PDF   pdfplumber page.extract_text() with default settings, pages joined by "\\n" (running
        headers, footers and the contents page are part of it; two-column lines come out side by side);
  DOCX  python-docx: the header part, then body paragraphs and tables in document order (each cell
        once, merged cells not repeated, cells joined by "\\t"), then the footer part;
  HTML  text nodes outside <head>, <script> and <style>; block elements on their own line;
  XML   (CVDR) text of <body>; each kop on one line (label, nr and titel joined by a space), every
        al / li / functie on its own line, a list item's nr attribute before its text;
  TXT / MD   the file as UTF-8.
"""

from __future__ import annotations

import collections
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus-dijkwaarden"
EXPECTED = CORPUS / "EXPECTED.yaml"
TYPES = {"term", "duplicate", "version", "levels", "required", "reference", "metadata"}
NOT_DOCUMENTS = {"EXPECTED.yaml", "README.md"}

# --------------------------------------------------------------------------- extraction


def _pdf(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join((page.extract_text() or "") for page in pdf.pages)


def _docx(path: Path) -> str:
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(path))

    def para_text(p) -> str:
        return "".join(t.text or "" for t in p.iter(qn("w:t")))

    def table_lines(tbl) -> list[str]:
        lines = []
        for tr in tbl.iterchildren(qn("w:tr")):
            cells = []
            for tc in tr.iterchildren(qn("w:tc")):
                vm = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
                if vm is not None and vm.get(qn("w:val")) != "restart":
                    continue                       # continuation of a vertically merged cell
                cells.append("\n".join(para_text(p) for p in tc.iterchildren(qn("w:p"))))
            lines.append("\t".join(cells))
        return lines

    out: list[str] = []
    for sec in d.sections[:1]:
        out += [p.text for p in sec.header.paragraphs if p.text]
    for child in d.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(para_text(child))
        elif child.tag == qn("w:tbl"):
            out += table_lines(child)
    for sec in d.sections[:1]:
        out += [p.text for p in sec.footer.paragraphs if p.text]
    return "\n".join(out) + "\n"


class _HTMLText(HTMLParser):
    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "div", "nav", "footer", "header",
             "table", "ul", "ol", "dl", "dt", "dd", "main", "section", "article", "br", "aside"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.buf: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.buf.append("\n")
        if tag in ("td", "th"):
            self.buf.append("\t")

    def handle_endtag(self, tag):
        if tag in ("head", "script", "style"):
            self.skip -= 1
        if tag in self.BLOCK:
            self.buf.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def _html(path: Path) -> str:
    p = _HTMLText()
    p.feed(path.read_text(encoding="utf-8"))
    text = re.sub(r"[ \t]*\n\s*", "\n", "".join(p.buf))
    return re.sub(r"[ \t]+", " ", text).strip() + "\n"


def _cvdr(path: Path) -> str:
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()

    def local(el) -> str:
        return el.tag.rsplit("}", 1)[-1]

    body = next(el for el in root if local(el) == "body")
    out: list[str] = []

    def walk(el, prefix: str = "") -> None:
        tag = local(el)
        if tag == "kop":
            parts = ("".join(c.itertext()).strip() for c in el)
            out.append(" ".join(p for p in parts if p))
        elif tag in ("al", "functie", "intitule", "lidnr"):
            out.append(prefix + "".join(el.itertext()).strip())
        else:
            for i, child in enumerate(el):
                walk(child, (el.get("nr") or "") + " " if tag == "li" and i == 0 else "")

    walk(body)
    return "\n".join(s for s in out if s) + "\n"


def extract_text(path: Path) -> str:
    """The reference text of one document (see the module docstring)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf(path)
    if suffix == ".docx":
        return _docx(path)
    if suffix in (".html", ".htm"):
        return _html(path)
    if suffix == ".xml":
        return _cvdr(path)
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- lexicon

# (name, pattern, wmo_only): deliberately broad and noise-tolerant (OCR: 2 for Z, l/1/I, 0 for o,
# dropped or wrong diacritics, split words).  Every hit must be covered by an entry or a trap.
LEXICON = [
    ("awbz", r"A\.?\s?W\.?\s?B\.?\s?[Z2]\b|(?i:algemene\s+wet\s+bijzondere\s+ziekte\s*kosten)", False),
    ("compensatieplicht", r"(?i)c[o0]mpensatie\s*-?\s*\n?\s*plicht", False),
    ("indic", r"(?i)(?:\b(?:her|contra-?)?[il1]ndic\w*|ge[ïi'\"]+\s?ndic\w*|indi\s*-?\s*\n?\s*cat\w*)", False),
    ("gebruikelijke zorg", r"(?i)gebruike[l1I]ijke\s+z[o0]rg", True),
    ("individuele voorziening", r"(?i)individue[l1]e\s+v[o0]orziening", True),
    ("wwb", r"\bWWB\b|(?i:wet\s+werk\s+en\s+bijstand)", False),
    ("wet op de jeugdzorg", r"(?i)wet\s+op\s+d[ec]\s+jeugdz[o0]rg", False),
    ("bureau jeugdzorg", r"(?i)bureau\s*jeugdz[o0]rg|\bBJZ\b", False),
    ("wmo 2007", r"(?i)wet\s+maatschappelijke\s+ondersteuning(?!\s+2015)|wmo[\s-]*2007|\bwmo\b(?!\s*2015)(?=[^.\n]{0,40}\b200[0-9]\b)", False),
    ("bopz", r"(?i)\bb[o0]pz\b", False),
    ("huishoudelijke verzorging", r"(?i)huish[o0]ude[l1I]ijke\s+verz[o0]rg\w*", False),
    ("wvg", r"\bWvg\b|\bWVG\b|(?i:wet\s+voorzieningen\s+gehandicapten)", False),
    ("zzp", r"(?i)zorgzwaarte\s?\w*|\bZZP\b", False),
    ("wwnv", r"\bWWNV\b|(?i:wet\s+werken\s+naar\s+vermogen)", False),
    ("wij", r"\bWIJ\b|(?i:wet\s+investeren\s+in\s+jongeren)", False),
    ("ciz", r"\bCIZ\b", False),
    ("richtlijn+jaar", r"(?i)richtlijn[^.\n]{0,60}?\b(?:19|20)\d\d\b", False),
]

# Benign senses that are not findings and need no trap of their own.
ALLOW = [r"(?i)\bindicatoren\b", r"(?i)\bindicator\b"]


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def documents() -> list[str]:
    return sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
                  if p.is_file() and p.name not in NOT_DOCUMENTS)


def check(gt: dict, texts: dict[str, str]) -> list[str]:
    """All problems with the ground truth, as readable lines (empty when everything holds)."""
    problems: list[str] = []
    covered: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    ids: set[str] = set()
    jeugd = set(gt.get("jeugdwet_documents", []))
    entries = [(e, "expected") for e in gt["expected"]] + [(t, "trap") for t in gt["traps"]]
    for e, kind in entries:
        doc = e.get("document", "")
        tag = e.get("id") or f"trap {doc} | {e.get('excerpt', '')[:30]}"
        for k in (("id", "document", "type", "excerpt", "note") if kind == "expected" else ("document", "excerpt", "note")):
            if not e.get(k):
                problems.append(f"{tag}: missing {k}")
        if kind == "expected":
            if e["id"] in ids:
                problems.append(f"duplicate id {e['id']}")
            ids.add(e["id"])
            if e.get("type") not in TYPES:
                problems.append(f"{tag}: unknown type {e.get('type')}")
            if e.get("type") in ("duplicate", "version") and (not e.get("related") or not e.get("related_document")):
                problems.append(f"{tag}: {e['type']} needs related and related_document")
            if e.get("type") in ("required", "metadata") and (e.get("scope") != "document" or not e.get("missing")):
                problems.append(f"{tag}: {e['type']} needs scope: document and missing")
        if doc not in texts:
            problems.append(f"{tag}: document not found: {doc}")
            continue
        rd = e.get("related_document")
        if rd and rd not in texts:
            problems.append(f"{tag}: related_document not found: {rd}")
        elif rd and e.get("related") and e["related"] not in texts[rd]:
            problems.append(f"{tag}: related title not in {rd}")
        sp = _spans(texts[doc], e["excerpt"])
        words = len(e["excerpt"].split())
        if not 1 <= words <= 8:
            problems.append(f"{tag}: excerpt has {words} words")
        if not sp:
            problems.append(f"{tag}: excerpt not in {doc}: {e['excerpt']!r}")
        elif len(sp) > 1:
            problems.append(f"{tag}: excerpt occurs {len(sp)} times in {doc}: {e['excerpt']!r}")
        if kind == "trap" or e.get("type") in ("term", "reference"):
            covered[doc] += sp
    for doc, text in texts.items():
        allowed = [m.span() for a in ALLOW for m in re.finditer(a, text)]
        for name, pattern, wmo_only in LEXICON:
            if wmo_only and doc in jeugd:
                continue
            for m in re.finditer(pattern, text):
                s, t = m.span()
                if any(a <= s and t <= b for a, b in allowed):
                    continue
                if not any(s < b and a < t for a, b in covered[doc]):
                    ctx = text[max(0, s - 35):t + 35].replace("\n", "\\n")
                    problems.append(f"unlabelled lexicon hit {doc}: [{name}] ...{ctx}...")
    return problems


def load(path: Path = EXPECTED) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def main() -> int:
    gt = load()
    docs = documents()
    texts = {d: extract_text(CORPUS / d) for d in docs}
    problems = check(gt, texts)
    scored = [e for e in gt["expected"] if not e.get("optional")]
    print("documents:", len(docs), dict(sorted(collections.Counter(Path(d).suffix for d in docs).items())))
    print("expected (scored):", len(scored), dict(sorted(collections.Counter(e["type"] for e in scored).items())))
    print("optional:", len(gt["expected"]) - len(scored))
    print("traps:", len(gt["traps"]))
    unused = sorted(set(docs) - {e["document"] for e in gt["expected"] + gt["traps"]})
    if unused:
        print("documents without any entry:", ", ".join(unused))
    if problems:
        print(f"\nPROBLEMS ({len(problems)}):")
        for p in problems:
            print("  -", p)
        return 1
    print("OK: every excerpt verbatim and unique, lexicon scan fully labelled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
