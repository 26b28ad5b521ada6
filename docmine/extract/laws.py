"""The national laws docmine knows, from the vocabulary (``rules/vocabulary/wetten.yml``, key
``wetten``): canonical short name, names and abbreviations, BWB id, in force from and until,
successor, kind (wet, amvb, regeling, beleidsregel) and the law context it belongs to.

Rules read ``LAWS`` (the laws of the running audit's vocabulary); ``find_laws`` finds mentions
in text.

>>> LAWS["AWBZ"].repealed
datetime.date(2015, 1, 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..vocabulary import Vocabulary, current
from ._rx import literal_first


@dataclass(frozen=True)
class Law:
    name: str  # canonical short name: "Wmo 2015"
    aliases: tuple[str, ...] = field(default_factory=tuple)  # full names, case-insensitive
    bwb: str | None = None
    repealed: date | None = None  # in force until (geldig_tot)
    successor: str | None = None
    abbreviations: tuple[str, ...] = field(default_factory=tuple)  # case-sensitive forms
    context: str | None = None  # law context it belongs to: Wmo, Jeugdwet, Wlz, Participatiewet
    title: str = ""  # official full title
    in_force: date | None = None  # in force from (geldig_vanaf)
    kind: str = "wet"  # wet, amvb, regeling, beleidsregel

    @property
    def url(self) -> str | None:
        return f"https://wetten.overheid.nl/{self.bwb}" if self.bwb else None


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
        return date.fromisoformat(value.strip())
    return None


def _strings(value) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _laws(voc: Vocabulary) -> dict[str, Law]:
    out = {}
    for name, entry in (voc.get("wetten") or {}).items():
        entry = entry if isinstance(entry, dict) else {}
        title = str(entry.get("titel") or name)
        out[str(name)] = Law(str(name), _strings(entry.get("namen")) or (title,), entry.get("bwb") or None,
                             _date(entry.get("geldig_tot")), entry.get("opvolger") or None,
                             _strings(entry.get("afkortingen")), entry.get("context") or None, title,
                             _date(entry.get("geldig_vanaf")), str(entry.get("soort") or "wet"))
    return out


class _CurrentLaws(Mapping):
    """``LAWS``: the laws of the vocabulary in use (the shipped one, or the audit's with a user's
    additions), canonical name -> Law."""

    def _table(self) -> dict[str, Law]:
        return current().derived("laws", _laws)

    def __getitem__(self, name: str) -> Law:
        return self._table()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


LAWS: Mapping[str, Law] = _CurrentLaws()


def _trie(words: list[str], fold: bool) -> dict:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in (w.lower() if fold else w):
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _emit(node: dict) -> str:
    """One regex for many words with shared prefixes factored out (``Wet (?:op de jeugdzorg|...)``):
    the regex engine tries a handful of branches per position instead of every name; longer
    names before their prefixes."""
    alts = []
    for ch, child in sorted(node.items(), key=lambda kv: kv[0] == ""):
        if ch == "":
            alts.append("")
            continue
        alts.append((r"\s+" if ch == " " else re.escape(ch)) + _emit(child))
    if len(alts) == 1:
        return alts[0]
    optional = "" in alts
    alts = [a for a in alts if a]
    body = "(?:" + "|".join(alts) + ")"
    return body + "?" if optional else body


@dataclass(frozen=True)
class _Names:
    forms: dict[str, str]  # lower-cased full name or exact abbreviation -> canonical name
    pattern: re.Pattern[str]  # every name and abbreviation, not inside a word


def _names(voc: Vocabulary) -> _Names:
    laws = voc.derived("laws", _laws)
    forms: dict[str, str] = {}
    for law in laws.values():
        for a in law.aliases:
            forms[" ".join(a.split()).lower()] = law.name
        for a in law.abbreviations:
            forms[" ".join(a.split())] = law.name
    full = sorted({a for law in laws.values() for a in law.aliases}, key=len, reverse=True)
    abbr = sorted({a for law in laws.values() for a in law.abbreviations}, key=len, reverse=True)
    # full names (any case) before abbreviations for each first letter, a literal first letter
    # so that re skips to candidate letters (extract/_rx.py)
    branches = [(ch, _emit(sub), True) for ch, sub in _trie(full, True).items() if ch.isalpha()] \
        + [(ch, _emit(sub), False) for ch, sub in _trie(abbr, False).items() if ch.isalpha()]
    pattern = re.compile(literal_first(branches, r"[\w-]") + r"(?!\w)") if branches else re.compile(r"(?!)")
    return _Names(forms, pattern)


def law_names() -> re.Pattern[str]:
    """The pattern of every law name and abbreviation of the current vocabulary."""
    return current().derived("laws.names", _names).pattern


def lookup(name: str) -> Law | None:
    """The Law for a name or abbreviation as written in a text.

    >>> lookup("Wet maatschappelijke ondersteuning 2015").bwb
    'BWBR0035362'
    """
    voc = current()
    key = " ".join(name.split())
    # A bare "Wmo" / "Wet maatschappelijke ondersteuning" means the law in force (Wmo 2015);
    # references.py turns it into the Wmo 2007 for documents dated before 2015.
    forms = voc.derived("laws.names", _names).forms
    canon = forms.get(key) or forms.get(key.lower())
    return voc.derived("laws", _laws).get(canon) if canon else None


def find_laws(text: str) -> list[tuple[Law, int, int]]:
    """Mentions of national laws in ``text`` with their spans.

    >>> [l.name for l, s, e in find_laws("op grond van de Jeugdwet en de AWBZ")]
    ['Jeugdwet', 'AWBZ']
    """
    out = []
    for m in law_names().finditer(text):
        law = lookup(m.group(0))
        if law is not None:
            out.append((law, m.start(), m.end()))
    return out
