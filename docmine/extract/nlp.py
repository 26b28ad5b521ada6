"""Dutch language support: the spaCy pipeline (loaded once per process, lazily, offline) and
the helpers that make term matching tolerant of inflection, compounds and OCR noise.

    >>> lemma("geïndiceerd")
    'indiceren'
    >>> sorted(word_forms("indicatie"))[:2]
    ['indicatie', 'indicaties']

Matching works in two steps so a long document costs one regex pass:

1. a prefilter: one compiled regex of every term's surface forms (all forms the lookup
   lemmatizer maps to the term's lemma, plus plural endings), each form written OCR-tolerant
   (``m``/``rn``, ``l``/``1``, an optional space inside long words, dots in acronyms), run over
   the case- and accent-folded text (same length as the text, so offsets carry over);
2. only for the hits: the sentence around it goes through spaCy (cached), whose lemmas drive
   the context filters (historical mention, quotation).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

_NLP: Any = None
_LOOKUP: dict[str, str] | None = None
_INVERSE: dict[str, list[str]] | None = None


def get_nlp() -> Any:
    """``spacy.blank("nl")`` with the lookup lemmatizer from spacy-lookups-data; built once."""
    global _NLP
    if _NLP is None:
        import spacy

        nlp = spacy.blank("nl")
        try:
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
        except Exception:  # lookups missing: still tokenise; lemma() falls back to the word
            nlp = spacy.blank("nl")
        _NLP = nlp
    return _NLP


def _lookup_path() -> str | None:
    try:
        import spacy_lookups_data
    except ImportError:
        return None
    p = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "nl_lemma_lookup.json.gz")
    return p if os.path.exists(p) else None


def lookup_table() -> dict[str, str]:
    """form -> lemma, from spacy-lookups-data (the same table the lemmatizer uses)."""
    global _LOOKUP, _INVERSE
    if _LOOKUP is None:
        p = _lookup_path()
        table: dict[str, str] = {}
        if p:
            with gzip.open(p, "rt", encoding="utf-8") as fh:
                table = json.load(fh)
        _LOOKUP = table
        inv: dict[str, list[str]] = {}
        for form, lem in table.items():
            inv.setdefault(lem, []).append(form)
        _INVERSE = inv
    return _LOOKUP


def lemma(word: str) -> str:
    """The lemma of one word (lower-case)."""
    w = word.lower()
    return lookup_table().get(w, w)


def word_forms(word: str) -> set[str]:
    """Every surface form of ``word`` the lemmatizer knows (same lemma), plus regular plurals.

    >>> "indiceerde" in word_forms("indiceren")
    True
    """
    lookup_table()
    w = word.lower()
    lem = lemma(w)
    forms = {w, lem}
    for base in (w, lem):
        forms.update((_INVERSE or {}).get(base, ()))
    if len(w) >= 4 and w.isalpha():
        for f in list(forms):
            if f.endswith("e"):
                forms.update({f + "n", f + "s"})
            elif f[-1] not in "aeiou":
                forms.update({f + "en", f + "s"})
    return forms


# -- folding: lower-case and without accents, same length as the input ----------------------

_ACCENTS = {}
for _c in "àáâãäåèéêëìíîïòóôõöùúûüýÿçñ":
    _ACCENTS[ord(_c)] = unicodedata.normalize("NFD", _c)[0]
for _c, _r in {"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "\u00ad": "-"}.items():
    _ACCENTS[ord(_c)] = _r


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic quotes and hyphens made plain; ``len(fold(t))
    == len(t)`` so offsets in the folded text are offsets in ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_ACCENTS)


# -- OCR-tolerant regex for one form ----------------------------------------------------------

_OCR = {
    "m": "(?:m|rn)",
    "l": "[l1|]",
    "i": "[il1]",
    "o": "[o0]",
}


def form_regex(form: str, *, acronym: bool = False) -> str:
    """A regex (for folded text) that finds ``form`` with common OCR noise.

    >>> bool(re.fullmatch(form_regex("compensatieplicht"), "cornpensatie plicht"))
    True
    """
    f = fold(form)
    if acronym:
        letters = [re.escape(c) for c in f if not c.isspace()]
        return r"\.?\s?".join(letters) + r"\.?" if len(letters) > 1 else letters[0]
    words = f.split()
    parts = []
    for w in words:
        chars = []
        n = len(w)
        for i, c in enumerate(w):
            piece = _OCR.get(c, re.escape(c)) if c.isalpha() else ("[-\\s]?" if c == "-" else re.escape(c))
            chars.append(piece)
            # a stray space (or a kept line-break hyphen) inside a long word
            if n >= 8 and 2 <= i < n - 3 and c.isalpha() and w[i + 1].isalpha():
                chars.append(r"(?:-?\n| )?")
        parts.append("".join(chars))
    return r"[\s\-]+".join(parts)


# -- sentences and context --------------------------------------------------------------------

_SENT_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"“‘(\u00C0-\u00DD]|\s*\n)|:(?=\s)|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s)")


def sentence_bounds(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """The sentence (or list item, or line block) around ``[start, end)``, at most ``limit``
    characters either side."""
    lo = max(0, start - limit)
    s = lo
    for m in _SENT_END.finditer(text, lo, start):
        # an abbreviation like 'art.' or 'o.a.' is no sentence end; keep it simple: need space+capital/digit/newline
        s = m.end()
    e_m = _SENT_END.search(text, end, min(len(text), end + limit))
    e = e_m.end() if e_m else min(len(text), end + limit)
    while s < start and text[s].isspace():
        s += 1
    return s, e


@lru_cache(maxsize=8192)
def analyse(sentence: str) -> tuple[tuple[str, str], ...]:
    """(text, lemma) of each token of one sentence; cached, so a repeated sentence is free."""
    doc = get_nlp()(sentence)
    return tuple((t.text, (t.lemma_ or t.text).lower()) for t in doc)


HIST_PATTERNS = re.compile(
    r"ten tijde van|in de tijd van|\bvoorheen\b|\bvroeger\b|\bdestijds\b|\btoenmalige?\b|\bvoormalige?\b|"
    r"\bopgegaan in\b|\bopgevolgd door\b|\bvervangen door\b|\bovergeheveld\b|\bovergegaan\b|\bafgeschaft\b|"
    r"\bingetrokken\b|\bniet meer (?:van kracht|van toepassing|geldig)\b|\bbestaat\b[^.]{0,40}\bniet meer\b|"
    r"\bbestond\b|\bopvolger\b|\bhistorisch|\bgeschiedenis\b|\boverheveling\b|\bdecentralisatie\b|"
    r"\btot (?:en met )?(?:\d{1,2} \w+ )?(?:19\d\d|20(?:0\d|1[0-4]))\b|\btot (?:1 januari )?2015\b|"
    r"\b(?:v(?:o|oo)r|tot) (?:\d{1,2} \w+ )?(?:19\d\d|20(?:0\d|1[0-5]))\b|"
    r"\bin (?:19\d\d|20(?:0\d|1[0-4]))\b|\bin het verleden\b|\bniet meer bestaande\b|\boude terminologie\b|\bverouderde?\b|"
    r"\bi\.p\.v\.|\bviel(?:en)?\b[^.]{0,30}\bonder\b|\bwas (?:toen|destijds)\b"
)
HIST_LEMMAS = {"opgaan", "overhevelen", "afschaffen", "intrekken", "opvolgen"}


def is_historical(sentence: str) -> bool:
    """Does the sentence speak of the past ("ten tijde van de AWBZ", "vóór 2015 viel dit onder
    de AWBZ", "de AWBZ is in 2015 opgegaan in de Wlz")?"""
    if HIST_PATTERNS.search(fold(sentence)):
        return True
    return any(lem in HIST_LEMMAS for _, lem in analyse(sentence))


_QUOTE_PAIRS = (("“", "”"), ("„", "”"), ("«", "»"), ("„", "“"))


def in_quotation(text: str, start: int, end: int) -> bool:
    """Is ``[start, end)`` inside a quotation: double quotes, a long single-quoted passage,
    a '>' quoted line, or after 'luidt:' / 'citaat' in the same paragraph."""
    p_start = text.rfind("\n\n", 0, start)
    p_start = 0 if p_start < 0 else p_start + 2
    p_end = text.find("\n\n", end)
    p_end = len(text) if p_end < 0 else p_end
    before, after = text[p_start:start], text[end:p_end]
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].lstrip().startswith(">"):
        return True
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    for o, c in _QUOTE_PAIRS:
        i = before.rfind(o)
        if i >= 0 and before.rfind(c) < i and c in after:
            return True
    i = before.rfind("‘")
    if i >= 0 and before.rfind("’") < i:
        j = after.find("’")
        if j >= 0 and (start - (p_start + i)) + j >= 30:  # a passage, not a word in emphasis quotes
            return True
    low = fold(before[-300:])
    return bool(re.search(r"\bluidt(?: als volgt)?:|\bcitaat\b|\bluidde\b", low))


LAW_CONTEXT = {
    "Wlz": r"\bwlz\b|wet langdurige zorg|centrum indicatiestelling zorg",
    "Jeugdwet": r"\bjeugdwet\b|\bjeugdhulp|\bjeugdige|\bjeugd-?ggz\b",
    "Wmo": r"\bwmo\b|maatschappelijke ondersteuning",
    "Participatiewet": r"\bparticipatiewet\b|\bbijstand\b",
    "Zvw": r"\bzvw\b|zorgverzekeringswet",
}


LAW_NEAR = {"Wlz": r"\bciz\b"}  # only right next to the term: "een indicatie van het CIZ"


def mentions_law(sentence_folded: str, law: str, near: str = "") -> bool:
    """Does the (folded) sentence name ``law``, or does ``near`` (the few words around the
    term) name its institution (the CIZ for the Wlz)?"""
    if near and law in LAW_NEAR and re.search(LAW_NEAR[law], near):
        return True
    pat = LAW_CONTEXT.get(law)
    if pat is None:
        pat = r"\b" + re.escape(fold(law)) + r"\b"
    return re.search(pat, sentence_folded) is not None


def is_caps_line(text: str, start: int) -> bool:
    """Is the line holding ``start`` written in capitals (a heading such as 'WIJ HELPEN U')?"""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls: le if le >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def is_stop_word(word: str) -> bool:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return word.lower() in STOP_WORDS
