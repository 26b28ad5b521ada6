"""Beschikking and gespreksverslag: which of the required sections are present, found by
heading ("Beoogd resultaat") or by cue phrase in a paragraph ("met ingang van 1 maart 2021")."""

from __future__ import annotations

import re

from ..model import Clause, Document
from ._rx import lower_for_words

BESCHIKKING_ELEMENTS = {
    "voorziening": r"(?:ons\s+besluit|besluit|toekenning|u\s+krijgt|wij\s+kennen|kennen\s+wij|toegekend|maatwerkvoorziening|individuele\s+voorziening|voorziening)",
    "beoogd_resultaat": r"(?:beoogd(?:e)?\s+resultaat|te\s+bereiken\s+resultaat|resultaat\s+dat|doel\s+van\s+de)",
    "aard_omvang": r"(?:aard\s+en\s+omvang|omvang|\d+\s*(?:uur|uren|dagdelen|dagdeel|minuten)\s+per\s+(?:week|maand))",
    "ingangsdatum": r"(?:ingangsdatum|met\s+ingang\s+van|gaat\s+in\s+op|ingaande|vanaf\s+\d)",
    "duur": r"(?:einddatum|looptijd|duur\b|tot\s+en\s+met\s+\d|geldig\s+tot|onbepaalde\s+tijd|eindigt\s+op)",
    "bezwaar": r"(?:bezwaar|bezwaarschrift)",
}
VERSLAG_ELEMENTS = {
    "hulpvraag": r"(?:hulpvraag|(?:uw|de)\s+vraag|aanleiding|melding)",
    "problemen": r"(?:problemen|beperkingen|zelfredzaamheid|participatie|opvoed|opgroei|stoornis|belemmering)",
    "gewenst_resultaat": r"(?:gewenst(?:e)?\s+resultaat|te\s+bereiken\s+resultaat|doelen|wat\s+wilt\s+u\s+bereiken)",
    "aard_omvang": r"(?:aard\s+en\s+omvang|benodigde\s+ondersteuning|benodigde\s+hulp|bruto)",
    "eigen_mogelijkheden": r"(?:eigen\s+mogelijkheden|eigen\s+kracht|gebruikelijke\s+(?:hulp|zorg)|sociaal\s+netwerk|netwerk|mantelzorg|probleemoplossend\s+vermogen)",
    "andere_voorzieningen": r"(?:algemene\s+voorziening|andere\s+voorziening|overige\s+voorziening|voorliggende\s+voorziening|algemeen\s+gebruikelijk)",
    "vaststelling": r"(?:vaststelling|conclusie|afweging|advies|maatwerkvoorziening\b.*\bduur|individuele\s+voorziening\b.*\bduur)",
}

# Words (lower case, ASCII) one of which every match of an element's pattern holds: an element
# none of whose words is in the text is not searched for paragraph by paragraph (that read the
# whole text for each element a document lacks)
_WORDS = {
    "beschikking": {"voorziening": ("besluit", "toekenning", "krijgt", "kennen", "toegekend", "voorziening"),
                    "beoogd_resultaat": ("resultaat", "doel"), "aard_omvang": ("omvang", "per"),
                    "ingangsdatum": ("ingangsdatum", "ingang", "gaat", "ingaande", "vanaf"),
                    "duur": ("einddatum", "looptijd", "duur", "tot", "geldig", "onbepaalde", "eindigt"), "bezwaar": ("bezwaar",)},
    "gespreksverslag": {"hulpvraag": ("vraag", "aanleiding", "melding"),
                        "problemen": ("problemen", "beperkingen", "zelfredzaamheid", "participatie", "opvoed", "opgroei", "stoornis",
                                      "belemmering"),
                        "gewenst_resultaat": ("resultaat", "doelen", "bereiken"), "aard_omvang": ("omvang", "benodigde", "bruto"),
                        "eigen_mogelijkheden": ("eigen", "gebruikelijke", "netwerk", "mantelzorg", "probleemoplossend"),
                        "andere_voorzieningen": ("voorziening", "gebruikelijk"),
                        "vaststelling": ("vaststelling", "conclusie", "afweging", "advies", "duur")},
}


def _patterns(elements: dict[str, str]) -> tuple[dict[str, re.Pattern], dict[str, re.Pattern]]:
    heads = {k: re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:[A-Za-z ]{0,25}\b)?" + v, re.I) for k, v in elements.items()}
    cues = {k: re.compile(r"\b" + v, re.I) for k, v in elements.items()}
    return heads, cues


# compiled once (were looked up in re's cache per document, and compiled again, ~1 ms each, once
# other patterns had pushed them out of it)
_PATTERNS = {"beschikking": _patterns(BESCHIKKING_ELEMENTS), "gespreksverslag": _patterns(VERSLAG_ELEMENTS)}
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")


def _holds(find, words: tuple[str, ...], s: int, e: int) -> bool:
    """One of ``words`` in ``low[s:e]`` (``find = low.find``)."""
    for w in words:
        if find(w, s, e) != -1:
            return True
    return False


def extract_sections(doc: Document, kind: str) -> list[Clause]:
    """``sectie`` clauses with attrs.element for the elements present.

    >>> d = Document(path="b.txt", format="txt", text="Bezwaar\\nU kunt binnen zes weken bezwaar maken.")
    >>> [c.attrs["element"] for c in extract_sections(d, "beschikking")]
    ['bezwaar']
    """
    heads, cues = _PATTERNS["beschikking" if kind == "beschikking" else "gespreksverslag"]
    text = doc.text
    base = doc.path + "#"
    # paragraphs: blank-line separated; a short first line without final period is a heading
    paras: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(text):
        if m.group(0).strip():
            paras.append((m.start(), m.end()))
    found: dict[str, Clause] = {}
    # 1. headings: a short line; the section runs to the next heading line
    heading_idx = []
    for pi, (s, e) in enumerate(paras):
        first = text[s:e].split("\n", 1)[0].strip()
        if len(first) <= 60 and not first.endswith((".", ",", ";")):
            heading_idx.append((pi, first))
    for n, (pi, first) in enumerate(heading_idx):
        for el, rx in heads.items():
            if el not in found and rx.match(first):
                s = paras[pi][0]
                body_only = "\n" not in text[s:paras[pi][1]].strip()
                nxt = heading_idx[n + 1][0] if n + 1 < len(heading_idx) else len(paras)
                last = max(pi + (1 if body_only else 0), nxt - 1) if nxt > pi else pi
                last = min(last, len(paras) - 1)
                e = paras[last][1]
                found[el] = Clause(id=f"{base}sectie.{el}", kind="sectie", text=text[s:e], start=s, end=e,
                                   title=first, attrs={"element": el, "found_by": "heading"})
                break
    # 2. cue phrases in paragraphs
    low = lower_for_words(text)
    words = _WORDS["beschikking" if kind == "beschikking" else "gespreksverslag"]
    for el, rx in cues.items():
        if el in found:
            continue
        ws = words[el]
        if low is not None and not any(w in low for w in ws):
            continue  # no paragraph can hold a cue (same result, without re along the text)
        find = low.find if low is not None else None
        for s, e in paras:
            # a paragraph none of whose words is in it is not searched (re tries the cue at every
            # position, ~13 ns a character; str.find on a paragraph is ~20x faster)
            if find is not None and not _holds(find, ws, s, e):
                continue
            m = rx.search(text, s, e)
            if m:
                found[el] = Clause(id=f"{base}sectie.{el}", kind="sectie", text=text[s:e], start=s, end=e,
                                   title=None, attrs={"element": el, "found_by": "cue", "cue": m.group(0)})
                break
    return sorted(found.values(), key=lambda c: c.start)
