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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..vocabulary import Vocabulary, current
from ._rx import literal_first, lower_for_words, matches_from, needle_starts


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
        out[str(name)] = Law(str(name), _strings(entry.get("namen")), entry.get("bwb") or None,
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
    # lower-cased full name or exact abbreviation -> the laws of that name ("Wet maatschappelijke
    # ondersteuning": the Wmo 2007 and, without its year, the Wmo 2015)
    forms: dict[str, list[Law]]
    pattern: re.Pattern[str]  # every name and abbreviation, not inside a word
    # where a match can start (``_mentions``): the first word of a full name (lower-case, its ASCII
    # letters; None when a name starts otherwise) and the first letter of an abbreviation
    first_words: list[tuple[str, int]] | None
    capitals: re.Pattern[str]


def _names(voc: Vocabulary) -> _Names:
    laws = voc.derived("laws", _laws)
    forms: dict[str, list[Law]] = {}
    for law in laws.values():
        for key in {" ".join(a.split()).lower() for a in law.aliases} | {" ".join(a.split()) for a in law.abbreviations}:
            forms.setdefault(key, []).append(law)
    full = sorted({a for law in laws.values() for a in law.aliases}, key=len, reverse=True)
    abbr = sorted({a for law in laws.values() for a in law.abbreviations}, key=len, reverse=True)
    # full names (any case) before abbreviations for each first letter, a literal first letter
    # so that re skips to candidate letters (extract/_rx.py)
    branches = [(ch, _emit(sub), True) for ch, sub in _trie(full, True).items() if ch.isalpha()] \
        + [(ch, _emit(sub), False) for ch, sub in _trie(abbr, False).items() if ch.isalpha()]
    pattern = re.compile(literal_first(branches, r"[\w-]") + r"(?!\w)") if branches else re.compile(r"(?!)")
    heads = {_ascii_head(name.split()[0].lower()) for name in full if name.split()}
    first_words = None if "" in heads else [(w, 0) for w in sorted(heads) if not any(w != o and w.startswith(o) for o in heads)]
    capitals = re.compile("[" + "".join(sorted({re.escape(a[0]) for a in abbr})) + "]" if abbr else r"(?!)")
    return _Names(forms, pattern, first_words, capitals)


def _ascii_head(word: str) -> str:
    """The ASCII letters and digits ``word`` starts with: "financiële-verhoudingswet" -> "financi"."""
    n = 0
    while n < len(word) and word[n].isascii() and word[n].isalnum():
        n += 1
    return word[:n]


def law_names() -> re.Pattern[str]:
    """The pattern of every law name and abbreviation of the current vocabulary."""
    return current().derived("laws.names", _names).pattern


def in_force_on(law: Law, day: date) -> bool:
    return (law.in_force is None or law.in_force <= day) and (law.repealed is None or day < law.repealed)


def lookup(name: str, on: date | None = None) -> Law | None:
    """The Law for a name or abbreviation as written in a text. A name two laws share (a bare
    "Wmo") means the one in force ``on`` that day (a document's date), else the one in force now.

    >>> lookup("Wet maatschappelijke ondersteuning 2015").bwb
    'BWBR0035362'
    >>> lookup("Wmo", on=date(2012, 5, 1)).name, lookup("Wmo").name
    ('Wmo 2007', 'Wmo 2015')
    """
    key = " ".join(name.split())
    forms = current().derived("laws.names", _names).forms
    found = forms.get(key) or forms.get(key.lower())
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    if on is not None:
        for law in found:
            if in_force_on(law, on):
                return law
        coming = [law for law in found if law.in_force is not None and law.in_force > on]
        if coming:  # written for a law about to take effect (a bill, its first regulations)
            return min(coming, key=lambda law: law.in_force)
    return next((law for law in found if law.repealed is None), found[0])


def find_laws(text: str, on: date | None = None) -> list[tuple[Law, int, int]]:
    """Mentions of national laws in ``text`` with their spans (``on``: the document's date, for
    names two laws share).

    >>> [l.name for l, s, e in find_laws("op grond van de Jeugdwet en de AWBZ")]
    ['Jeugdwet', 'AWBZ']
    """
    out = []
    for m in _mentions(text):
        law = lookup(m.group(0), on)
        if law is not None:
            out.append((law, m.start(), m.end()))
    return out


# a text shorter than this (a title, a clause) is scanned: the ~15 finds of the first words cost
# more than the pattern along it (equal at about 1,500 characters)
_SCANNED_BELOW = 2000


def _mentions(text: str) -> Iterable[re.Match[str]]:
    """``law_names().finditer(text)``, the pattern tried only where a match can start: at a full
    name's first word (``str.find`` in the lower-cased text) or an abbreviation's first letter
    (the pattern's first letters are common lower-case letters: tried at a third of all places)."""
    names = current().derived("laws.names", _names)
    if len(text) < _SCANNED_BELOW or names.first_words is None or (low := lower_for_words(text)) is None:
        return names.pattern.finditer(text)
    starts = set(needle_starts(low, names.first_words, len(text)))
    starts.update(m.start() for m in names.capitals.finditer(text))
    return matches_from(names.pattern, text, sorted(starts))


def valid_from(doc_date: date | None, own: date | None, title: str, basis: str | None) -> date | None:
    """The day from which a document speaks: its own date, its own entry into force (``own``,
    from its slotbepaling), or the entry into force of the law it is or regulates (named in its
    title, or ``basis``: the definition of "de wet" in it) when that law was adopted before it took
    effect: a Wmo 2015 verordening of November 2014, the Jeugdwet of March 2014 speak from
    1 January 2015.

    >>> valid_from(date(2014, 11, 6), None, "Verordening maatschappelijke ondersteuning 2015", "Wmo 2015")
    datetime.date(2015, 1, 1)
    >>> valid_from(date(2010, 3, 1), None, "Verordening voorzieningen maatschappelijke ondersteuning", "Wmo")
    datetime.date(2010, 3, 1)
    """
    days = [d for d in (doc_date, own) if d is not None]
    if doc_date is None:  # an undated document is not dated by the laws it names
        return own
    laws = [law for law, _, _ in find_laws(title, doc_date)] + [law for law, _, _ in find_laws(basis or "", doc_date)][:1]
    for law in laws:
        if law.in_force is not None and law.in_force > doc_date:
            days.append(law.in_force)
    return max(days) if days else None


def speaks_from(doc) -> date | None:
    """The day a document speaks from: ``metadata["geldig_vanaf"]`` (set by extraction from
    ``valid_from``), else its date. A term that was right before a law's repeal is stale in a
    document only when that day is before the repeal."""
    day = (doc.metadata or {}).get("geldig_vanaf")
    if isinstance(day, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", day):
        return date.fromisoformat(day)
    return doc.date
