"""The national laws docmine knows: canonical short name, aliases, BWB id, repeal date, successor.

Rules import ``LAWS`` from here; ``find_laws`` finds mentions in text.

>>> LAWS["AWBZ"].repealed
datetime.date(2015, 1, 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ._rx import literal_first


@dataclass(frozen=True)
class Law:
    name: str  # canonical short name: "Wmo 2015"
    aliases: tuple[str, ...] = field(default_factory=tuple)  # full names, case-insensitive
    bwb: str | None = None
    repealed: date | None = None
    successor: str | None = None
    abbreviations: tuple[str, ...] = field(default_factory=tuple)  # case-sensitive forms
    context: str | None = None  # law context it belongs to: Wmo, Jeugdwet, Wlz, Participatiewet
    title: str = ""  # official full title

    @property
    def url(self) -> str | None:
        return f"https://wetten.overheid.nl/{self.bwb}" if self.bwb else None


_JAN_2015 = date(2015, 1, 1)

LAWS: dict[str, Law] = {law.name: law for law in [
    Law("Wmo 2015", ("Wet maatschappelijke ondersteuning 2015", "Wet maatschappelijke ondersteuning"), "BWBR0035362", None, None,
        ("Wmo 2015", "WMO 2015", "Wmo2015", "WMO2015", "Wmo", "WMO"), "Wmo",
        "Wet maatschappelijke ondersteuning 2015"),
    Law("Wmo 2007", ("Wet maatschappelijke ondersteuning 2007",),
        "BWBR0020031", _JAN_2015, "Wmo 2015", ("Wmo 2007", "WMO 2007"), "Wmo",
        "Wet maatschappelijke ondersteuning"),
    Law("Jeugdwet", ("Jeugdwet",), "BWBR0034925", None, None, (), "Jeugdwet", "Jeugdwet"),
    Law("Wlz", ("Wet langdurige zorg",), "BWBR0035917", None, None, ("Wlz", "WLZ"), "Wlz",
        "Wet langdurige zorg"),
    Law("AWBZ", ("Algemene wet bijzondere ziektekosten",), "BWBR0002614", _JAN_2015, "Wlz",
        ("AWBZ", "Awbz"), None, "Algemene Wet Bijzondere Ziektekosten"),
    Law("Wet op de jeugdzorg", ("Wet op de jeugdzorg",), "BWBR0016637", _JAN_2015, "Jeugdwet", (),
        "Jeugdwet", "Wet op de jeugdzorg"),
    Law("Participatiewet", ("Participatiewet",), "BWBR0015703", None, None, (), "Participatiewet",
        "Participatiewet"),
    # The WWB was renamed (not replaced): same BWB id as the Participatiewet.
    Law("WWB", ("Wet werk en bijstand",), "BWBR0015703", _JAN_2015, "Participatiewet", ("WWB", "Wwb"),
        "Participatiewet", "Wet werk en bijstand"),
    Law("Awb", ("Algemene wet bestuursrecht",), "BWBR0005537", None, None, ("Awb", "AWB"), None,
        "Algemene wet bestuursrecht"),
    Law("Wet Bopz", ("Wet bijzondere opnemingen in psychiatrische ziekenhuizen",), "BWBR0005700",
        date(2020, 1, 1), "Wvggz", ("Wet Bopz", "Wet BOPZ", "Bopz", "BOPZ"), None,
        "Wet bijzondere opnemingen in psychiatrische ziekenhuizen"),
    Law("Zvw", ("Zorgverzekeringswet",), "BWBR0018450", None, None, ("Zvw", "ZVW"), None, "Zorgverzekeringswet"),
    Law("Wvggz", ("Wet verplichte geestelijke gezondheidszorg",), "BWBR0040635", None, None,
        ("Wvggz", "WVGGZ"), None, "Wet verplichte geestelijke gezondheidszorg"),
    Law("Wzd", ("Wet zorg en dwang",), "BWBR0040632", None, None, ("Wzd", "WZD"), None, "Wet zorg en dwang"),
    # WIJ: merged into the WWB in 2012; today's successor is the Participatiewet.
    Law("WIJ", ("Wet investeren in jongeren",), "BWBR0025415", date(2012, 1, 1), "Participatiewet",
        ("WIJ",), "Participatiewet", "Wet investeren in jongeren"),
]}

_FORMS: dict[str, str] = {}  # lower-cased full name or exact abbreviation -> canonical name
for _law in LAWS.values():
    for _a in _law.aliases:
        _FORMS[_a.lower()] = _law.name
    for _a in _law.abbreviations:
        _FORMS[_a] = _law.name

_full = sorted({a for law in LAWS.values() for a in law.aliases}, key=len, reverse=True)
_abbr = sorted({a for law in LAWS.values() for a in law.abbreviations}, key=len, reverse=True)
def _trie(words: list[str], fold: bool) -> dict:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in (w.lower() if fold else w):
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(words: list[str], fold: bool) -> str:
    """One regex for many words with shared prefixes factored out (``Wet (?:op de jeugdzorg|...)``):
    the regex engine then tries a handful of branches per position instead of every name."""
    return _emit(_trie(words, fold))


def _emit(node: dict) -> str:
    def emit(node: dict) -> str:
        alts = []
        for ch, child in sorted(node.items(), key=lambda kv: kv[0] == ""):
            if ch == "":
                alts.append("")
                continue
            alts.append((r"\s+" if ch == " " else re.escape(ch)) + emit(child))
        if len(alts) == 1:
            return alts[0]
        optional = "" in alts
        alts = [a for a in alts if a]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if optional else body

    return emit(node)


LAW_RE = re.compile(
    r"(?<![\w-])(?:(?i:" + _trie_regex(_full, True) + r")|" + _trie_regex(_abbr, False) + r")(?!\w)"
)
# The same matches as LAW_RE (full names before abbreviations for each first letter), with a
# literal first letter so re skips to candidate letters: find_laws 0.2 -> 0.05 ms per text file.
_LAW_SCAN = re.compile(
    literal_first([(ch, _emit(sub), True) for ch, sub in _trie(_full, True).items()]
                  + [(ch, _emit(sub), False) for ch, sub in _trie(_abbr, False).items()], r"[\w-]") + r"(?!\w)"
)


def lookup(name: str) -> Law | None:
    """The Law for a name or abbreviation as written in a text.

    >>> lookup("Wet maatschappelijke ondersteuning 2015").bwb
    'BWBR0035362'
    """
    key = " ".join(name.split())
    # A bare "Wmo" / "Wet maatschappelijke ondersteuning" means the law in force (Wmo 2015);
    # references.py turns it into the Wmo 2007 for documents dated before 2015.
    canon = _FORMS.get(key) or _FORMS.get(key.lower())
    return LAWS.get(canon) if canon else None


def find_laws(text: str) -> list[tuple[Law, int, int]]:
    """Mentions of national laws in ``text`` with their spans.

    >>> [l.name for l, s, e in find_laws("op grond van de Jeugdwet en de AWBZ")]
    ['Jeugdwet', 'AWBZ']
    """
    out = []
    for m in _LAW_SCAN.finditer(text):
        law = lookup(m.group(0))
        if law is not None:
            out.append((law, m.start(), m.end()))
    return out
