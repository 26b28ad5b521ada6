"""Which kind of document is this? A score per type from title, metadata, path and structure,
with the reasons kept as evidence (shown by ``docmine extract``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document
from ..vocabulary import Vocabulary, current, words
from .nlp.patterns import fold
from .level_text import bullet_level, inline_level, level_of, level_vocabulary
from .werkinstructie import parse_metadata_lines
from ._rx import fewest_needles, first_at, literal_starts, lower_for_words, matches_at

ARTIKEL_LINE = re.compile(r"^\s*(?:Artikel|ARTIKEL|Art\.)\s+\d+(?:[.:]\d+)*[a-z]?\b", re.M)
LID_LINE = re.compile(r"^\s*\d{1,2}\.\s+\S", re.M)
# points a cue in the title gives its type (default 6): a werkinstructie, beschikking or verslag
# names itself; a verordening's or besluit's title may name another document
_TITLE_POINTS = {"werkinstructie": 7, "beschikking": 7, "gespreksverslag": 7}


@dataclass
class _Cue:
    """A pattern of the vocabulary's cues and the words its matches start with (None: it is
    searched along the text)."""

    rx: re.Pattern[str]
    needles: list[tuple[str, int]] | None
    # the words of each pattern's plain start, longest first, when every pattern starts with two
    # or more ("de raad van de gemeente": raad, de): a match holds all words of one of them
    holds: list[tuple[str, ...]] | None = None

    def first(self, text: str, low: str | None, end: int | None = None) -> re.Match[str] | None:
        if low is not None and self.holds is not None and \
                not any(all(low.find(w, 0, end) != -1 for w in ws) for ws in self.holds):
            return None  # a str.find a word instead of trying the pattern at every "de" of the text
        return first_at(self.rx, text, low, self.needles, end)

    @property
    def words(self) -> tuple[str, ...] | None:
        return tuple(w for w, _ in self.needles) if self.needles is not None else None

    def count(self, text: str, low: str | None) -> int:
        if low is None or self.needles is None:
            return sum(1 for _ in self.rx.finditer(text))
        return len(matches_at(self.rx, text, low, self.needles))


def _cue(patterns: list[str], flags: int = re.I) -> _Cue:
    """The patterns as whole words, tried where their first words are."""
    first = _first_words(patterns)
    starts = [literal_starts([p]) for p in patterns]
    holds = [tuple(sorted(set(st[0][0].split()), key=len, reverse=True)) for st in starts if st]
    return _Cue(re.compile(_whole(patterns), flags), fewest_needles([(w, 0) for w in first]) if first else None,
                holds if holds and len(holds) == len(patterns) and all(len(ws) > 1 for ws in holds) else None)


@dataclass
class _TypeCues:
    """The vocabulary's cues of document types and of a letter's head (rules/vocabulary/
    documenttypen.yml), compiled once per vocabulary."""

    titles: list[tuple[str, re.Pattern[str]]]  # (type, a cue anywhere in the title, as whole words)
    leads: list[tuple[str, re.Pattern[str]]]  # (type, the word a title starts with: group 'lead')
    paths: list[tuple[str, re.Pattern[str]]]  # (type, a cue anywhere in the file's path)
    council_title: re.Pattern[str]  # a letter to the council by its title's start
    council_salutation: re.Pattern[str]  # ... by its salutation at a line's start
    council_words: tuple[str, ...] | None  # a word each salutation starts with (None: any)
    verslag: re.Pattern[str]  # the title cues of a gespreksverslag, searched in the head
    verslag_words: tuple[str, ...] | None
    steps: list[tuple[re.Pattern[str], list[tuple[str, int]] | None]]  # a step of the investigation, tried where its word is
    werkinstructie: _Cue  # the title cues of a werkinstructie, searched in the head
    besluit: _Cue  # "nadere regels", "beleidsregels" in the title or the opening
    college: _Cue  # enacted by the college
    council: _Cue  # enacted by the council ("De raad van de gemeente ... besluit")
    enactment: re.Pattern[str]  # "besluit", "gelet op"
    tariffs: _Cue  # "tarief", "productcode" (counted)
    level_table: re.Pattern[str]  # a table header of levels or tariffs
    metadata_row: re.Pattern[str]  # a table row of document metadata, by its first cell
    beschikking: _Cue  # a beschikking's words in the head
    greeting: _Cue  # "Geachte ..." in a letter's head
    objection: _Cue  # "bezwaar" anywhere
    subject: re.Pattern[str]  # "Onderwerp: X" (group 'val': X)
    salutation: re.Pattern[str]  # a salutation's start: not a title
    letterhead: re.Pattern[str]  # a line of a letterhead ("Postbus 12", "Ons kenmerk"), or one starting with a digit


def _alt(patterns: list[str]) -> str:
    """The vocabulary's patterns as one alternation, a space standing for any whitespace."""
    return "|".join("(?:" + p.replace(" ", r"\s+") + ")" for p in patterns) or "(?!)"


def _whole(patterns: list[str]) -> str:
    return rf"(?<!\w)(?:{_alt(patterns)})(?!\w)"


def _first_words(patterns: list[str]) -> tuple[str, ...] | None:
    """The plain word each pattern starts with (lower case, ASCII), or None when one starts
    otherwise (then the text is searched without looking for a word first)."""
    starts = literal_starts(patterns)
    if not starts or any(not w.split() for w, _ in starts):
        return None
    return tuple(w.split()[0] for w, _ in starts)


def _per_type(voc: Vocabulary, key: str) -> dict[str, list[str]]:
    return {str(typ): [str(p) for p in cues or []] for typ, cues in (voc.get(key, default={}) or {}).items()}


def _build_type_cues(voc: Vocabulary) -> _TypeCues:
    titles = _per_type(voc, "title_cues")
    council = words("council_salutations", voc)
    verslag = titles.get("gespreksverslag", [])
    steps = []
    for cue in words("verslag_step_cues", voc):
        first = _first_words([cue])
        steps.append((re.compile(_whole([cue]), re.I), [(first[0], 0)] if first else None))
    return _TypeCues(
        [(typ, re.compile(_whole(cues), re.I)) for typ, cues in titles.items() if cues],
        [(typ, re.compile(rf"^\s*(?P<lead>{_alt(cues)})(?!\w)", re.I)) for typ, cues in _per_type(voc, "title_leads").items() if cues],
        [(typ, re.compile("|".join(cues), re.I)) for typ, cues in _per_type(voc, "path_cues").items() if cues],
        re.compile(rf"^\s*(?:{_alt(words('council_letters', voc))})(?!\w)", re.I),
        re.compile(rf"^\s*(?:{_alt(council)})(?!\w)", re.I | re.M), _first_words(council),
        re.compile(_whole(verslag), re.I), _first_words(verslag),
        steps,
        _cue(titles.get("werkinstructie", [])), _cue(words("besluit_cues", voc)), _cue(words("college_cues", voc)),
        _cue(words("council_enactment", voc), re.I | re.S), re.compile(_alt(words("enactment_words", voc)), re.I),
        _cue(words("tariff_words", voc)), re.compile(_alt(words("level_table_words", voc)), re.I),
        re.compile(rf"\s*(?:{_alt(words('metadata_row_labels', voc))})\b", re.I),
        _cue(words("beschikking_head_cues", voc)), _cue(words("letter_greetings", voc)), _cue(words("objection_words", voc)),
        re.compile(rf"(?im)^[ \t>*#]*(?:{_alt(words('letter_subject_labels', voc))})\b[ \t]*[:|]?[ \t]*(?P<val>[^\n]*)$"),
        re.compile(rf"(?i)^(?:{_alt(words('letter_salutations', voc))})"),
        re.compile(rf"(?i)^(?:{_alt(words('letterhead_lines', voc))}|\d)"))


def _cues() -> _TypeCues:
    return current().derived("classify-types", _build_type_cues)


LABEL_RE = re.compile(r"^[A-Z][A-Z .-]{2,30}$")  # "BEHANDELD DOOR", "DATUM": a letterhead label


_ARTIKEL_AT = re.compile(r"(?:Artikel|ARTIKEL|Art\.)\s+\d+(?:[.:]\d+)*[a-z]?\b")  # ARTIKEL_LINE from its keyword on


def _artikel_lines(text: str) -> int:
    """``len(ARTIKEL_LINE.findall(text))``: ARTIKEL_LINE (``^\\s*`` first, so tried at every
    position) counted as its keyword found by a pattern that starts with it, when only
    whitespace, reaching back to a line start, comes before (0.08 -> 0.02 ms per verordening)."""
    n = 0
    for m in _ARTIKEL_AT.finditer(text):
        k = m.start() - 1
        while k >= 0 and text[k].isspace():
            if text[k] == "\n":
                break
            k -= 1
        if k < 0 or text[k] == "\n":
            n += 1
    return n


def _level_lines(text: str, limit: int = 40000) -> int:
    """Heading-like lines (short, no full stop) that name a product level, and list items that
    start with one or open with one as a run-in heading, the way the arrangement extractor
    recognises them ("Begeleiding groep laag", "Niveau 2 — productcode X", "- Licht — 1 etmaal per
    maand", "Gezinsbegeleiding 2 sterren (GB-2). Voor gezinnen ...")."""
    v = level_vocabulary()
    n = 0
    for line in text[:limit].split("\n"):
        if 3 < len(line) < 100 and not line.rstrip().endswith(".") and level_of(line, v) is not None:
            n += 1
        elif line[:1] in "-•*–" and bullet_level(line, v) is not None:
            n += 1
        elif line[:1].isupper() and inline_level(line, v) is not None:  # "Gezinsbegeleiding 2 sterren (GB-2). Voor ..."
            n += 1
    return n


def _metadata_fields(head: str, lines: int = 15, furniture: tuple[str, ...] = ()) -> int:
    """Version and redacteur fields on the first lines (vocabulary werkinstructie_fields, any
    layout: "Versie: 1.2", "v2.1 | 03-05-2021 | J. de Vries", "Versie 1.0 — opgesteld door X")
    and in the page header and footer (``furniture``: their lines)."""
    n = 0
    for fields in parse_metadata_lines([x for x in head.split("\n") if x.strip()][:lines] + list(furniture)):
        n += ("versienummer" in fields) + ("redacteur" in fields)
    return n


@dataclass
class _LetterPatterns:
    """The vocabulary's client_letter and beschikking_cues, each as one pattern with the words its
    matches start with (searched only where one of those is: a pattern of alternatives ignoring
    case is tried at every position, ~0.1 ms on a letter's head)."""

    salutation: re.Pattern[str]
    salutation_starts: list[tuple[str, int]] | None
    decision: re.Pattern[str]
    decision_starts: list[tuple[str, int]] | None


def _build_letter(voc: Vocabulary) -> _LetterPatterns:
    def alt(key: str) -> str:
        return "|".join(f"(?:{p})" for p in words(key, voc) or ["(?!)"])
    return _LetterPatterns(re.compile(alt("client_letter"), re.I | re.M), literal_starts(words("client_letter", voc)),
                           re.compile(alt("beschikking_cues"), re.I | re.S), literal_starts(words("beschikking_cues", voc)))


def _client_letter(text: str, low: str | None, end: int = 4000) -> str | None:
    """The phrase that decides on a request in a letter to a client (vocabulary client_letter and
    beschikking_cues) in ``text[:end]``, or None. ``low``: ``lower_for_words(text)``."""
    letter = current().derived("classify-letter", _build_letter)
    if not first_at(letter.salutation, text, low, letter.salutation_starts, end):
        return None
    m = first_at(letter.decision, text, low, letter.decision_starts, end)
    return " ".join(m.group(0).split())[:60] if m else None


def _clean(s: str) -> str:
    return " ".join(s.strip(" \t#*>").split())


class _CleanLines:
    """``[_clean(x) for x in raw]``, each line cleaned when first looked at (index, slice, iteration)."""

    __slots__ = ("raw", "done")

    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        self.done: dict[int, str] = {}

    def _at(self, k: int) -> str:
        s = self.done.get(k)
        if s is None:
            s = self.done[k] = _clean(self.raw[k])
        return s

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._at(i) for i in range(*k.indices(len(self.raw)))]
        return self._at(k if k >= 0 else k + len(self.raw))

    def __iter__(self):
        return (self._at(k) for k in range(len(self.raw)))


def _subject(head: str) -> str | None:
    """The value of "Onderwerp: X" / "Onderwerp" with X on the next line(s)."""
    cues = _cues()
    m = cues.subject.search(head)
    if not m:
        return None
    val = _clean(m.group("val"))
    if len(val) >= 4:
        return val.rstrip(".")[:200]
    lines = head[m.end():].split("\n")
    out: list[str] = []
    for line in lines[1:8]:
        s = _clean(line)
        if not s:
            if out:
                break
            continue
        if LABEL_RE.match(s) or cues.letterhead.match(s):
            break
        out.append(s)
        if s.endswith(".") or len(out) == 2:
            break
    val = " ".join(out).rstrip(".")
    return val[:200] if len(val) >= 4 else None


_PLACEHOLDER_TITLE = re.compile(r"(?i)(microsoft word - .*|document\d*|untitled|titel)")
_WORDY = re.compile(r"[A-Za-z]{3}")


def guess_title(doc: Document) -> str | None:
    """The document's title: the metadata title, else the subject of a letter ("Onderwerp: X"),
    else the first heading-like line (not a salutation, address or page furniture).

    >>> guess_title(Document(path="x.txt", format="txt", text="\\n Verordening jeugdhulp 2020\\nDe raad"))
    'Verordening jeugdhulp 2020'
    >>> guess_title(Document(path="b.txt", format="txt", text="Geachte raadsleden,\\n\\nOnderwerp: Verbeterplan sociaal domein\\n"))
    'Verbeterplan sociaal domein'
    """
    meta = doc.metadata.get("title")
    if isinstance(meta, str) and meta.strip() and not _PLACEHOLDER_TITLE.fullmatch(meta.strip()):
        return " ".join(meta.split())
    head = doc.text[:3000]
    lines = _CleanLines(head.splitlines())  # cleaned when looked at: the title is mostly on the first lines
    return _first_line_title(lines) or _subject(head) or _heading_title(lines)


def _heading_like(s: str, nxt: str) -> bool:
    """A line that can be a heading: short, not ending as a sentence or clause, and not continued
    in lower case on the next line."""
    return len(s) <= 150 and not s.endswith((".", ",", ";", ":")) and not nxt[:1].islower()


def _first_line_title(lines: _CleanLines) -> str | None:
    """A title on the very first line with words ("Beschikking maatwerkvoorziening ..."), unless
    that line is a salutation, letterhead furniture, a label or a subject line."""
    top = next((k for k, x in enumerate(lines) if len(x) >= 4 and _WORDY.search(x)), None)
    if top is None:
        return None
    s, nxt = lines[top], next(iter(lines[top + 1:top + 2]), "")
    cues = _cues()
    if cues.salutation.match(s) or cues.letterhead.match(s) or LABEL_RE.match(s) or cues.subject.match(s) or not _heading_like(s, nxt):
        return None
    return s[:200]


def _heading_title(lines: _CleanLines) -> str | None:
    """The first heading-like line; in a letter without a subject (a salutation or a line ending
    in a comma comes first), the first sentence after the salutation says what it is about."""
    letter = False
    first = None
    cues = _cues()
    for k, s in enumerate(lines):
        if len(s) < 4 or not _WORDY.search(s):
            continue
        if cues.salutation.match(s) or (s.endswith(",") and len(s) < 60):
            letter = True
            continue
        if cues.letterhead.match(s) or LABEL_RE.match(s):
            continue
        if first is None:
            first = k
        if letter:
            break
        if _heading_like(s, next(iter(lines[k + 1:k + 2]), "")):
            return s[:200]
    if first is None:
        return None
    return _first_sentence(lines, first) if letter else lines[first][:200]


def _first_sentence(lines: _CleanLines, k: int) -> str:
    """The first sentence of the paragraph that starts on line ``k`` (at most 120 characters)."""
    par = []
    for x in lines[k:k + 6]:
        if not x:
            break
        par.append(x)
    sent = re.split(r"(?<=[.!?])\s", " ".join(par), maxsplit=1)[0]
    return sent if len(sent) <= 120 else sent[:119].rsplit(" ", 1)[0] + "…"


LEGISLATION_LABELS = {"wet": "wet", "amvb": "algemene maatregel van bestuur", "ministeriele-regeling": "ministeriële regeling",
                      "beleidsregel": "beleidsregel van een minister of bestuursorgaan van het Rijk"}
_DATE_START = re.compile(r"\s+\d{1,2}\s+[a-z]+\s+\d{4}\b")
_BELEIDSREGEL = re.compile(r"\(Beleidsregel|\bhoudende\s+(?:de\s+)?beleidsregels?\b")


def legislation_kind(title: str, text: str = "") -> str | None:
    """What kind of national legislation a title of its publication says it is, or None:
    "Wet van 9 juli 2014, houdende ..." a wet, "Besluit van 5 november 2014, ..." an AMvB,
    "Regeling van de Staatssecretaris ..." a ministerial regulation, and one "houdende
    beleidsregels" or with the citeertitel "(Beleidsregels ...)" a beleidsregel. The title starts are in the vocabulary
    (``wetgeving_titels``). A title that says none of this: a beleidsregel when a line of the start
    of ``text`` (``STATE_OPENING`` characters) opens the way a minister's decision does
    (``wetgeving_aanhef``: "De staatssecretaris van Financiën heeft het volgende besloten.").

    >>> legislation_kind("Wet van 1 maart 2014 inzake regels over de jeugdhulp (Jeugdwet)")
    'wet'
    >>> legislation_kind("Besluit van het college van burgemeester en wethouders van Veendijk") is None
    True
    >>> legislation_kind("Omzetbelasting en zorg", "Omzetbelasting en zorg\nDe Staatssecretaris van Financiën heeft het volgende besloten.")
    'beleidsregel'
    """
    kind = _kind_of_title(title)
    if kind is None and text and current().derived("wetgeving_aanhef", _state_opening).search(fold(text[:STATE_OPENING])):
        return "beleidsregel"
    return kind


STATE_OPENING = 600  # characters of a text's start in which a minister's decision says so


def _state_opening(voc: Vocabulary) -> re.Pattern[str]:
    """The vocabulary's ``wetgeving_aanhef`` patterns as one, for the folded lines of a text's head."""
    return re.compile("|".join(f"(?:{p})" for p in words("wetgeving_aanhef", voc)) or "(?!)", re.M)


def _kind_of_title(title: str) -> str | None:
    starts = current().get("wetgeving_titels") or {}
    for kind in ("ministeriele-regeling", "wet", "amvb"):
        for start in starts.get(kind) or []:
            if not title.startswith(str(start)):
                continue
            rest = title[len(str(start)):]
            if kind != "ministeriele-regeling" and not _DATE_START.match(rest):
                continue  # "Wet van <datum>", "Besluit van <datum>"
            if _BELEIDSREGEL.search(title):
                return "beleidsregel"
            return kind
    return None


class _Scores:
    """Points per document type, with the reasons that gave them."""

    def __init__(self) -> None:
        self.points: dict[str, float] = {}
        self.why: dict[str, list[str]] = {}

    def add(self, typ: str, pts: float, reason: str) -> None:
        self.points[typ] = self.points.get(typ, 0) + pts
        self.why.setdefault(typ, []).append(reason)

    def verdict(self) -> tuple[str, list[str]]:
        """The type with the most points (at least 5) and its reasons, else "other"."""
        best = max(self.points.items(), key=lambda kv: kv[1], default=(None, 0))
        if best[0] is None:
            return "other", ["geen kenmerken van een bekend documenttype"]
        if best[1] < 5:
            return "other", [f"geen duidelijk type (hoogste score {best[1]:.0f} voor {best[0]})"]
        return best[0], self.why[best[0]]


class _Text:
    """The text of the document, its head and its lower-cased copy (``lower_for_words``). A pattern
    is searched only when a word each of its matches holds is in the text (up to where the pattern
    looks): ``str.find`` instead of re along the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.head = text[:4000]
        self.low = lower_for_words(text)

    def has(self, end: int, *words: str) -> bool:
        """Whether one of ``words`` (lower case) is in ``text[:end]`` (True when that cannot be told)."""
        return self.low is None or any(self.low.find(w, 0, end) != -1 for w in words)

    def may_hold(self, end: int, words: tuple[str, ...] | None) -> bool:
        """``has(end, *words)``, True for ``words`` None (a pattern without a first word)."""
        return words is None or self.has(end, *words)


def classify(doc: Document, title: str | None = None) -> tuple[str, list[str]]:
    """Guess the document type and say why. ``title``: ``guess_title(doc) or ""`` when known.

    >>> classify(Document(path="a.txt", format="txt", text="Werkinstructie beschikken\\nVersie: 1.2"))[0]
    'werkinstructie'
    """
    title = (guess_title(doc) if title is None else title) or ""
    t = _Text(doc.text)
    scores = _Scores()
    _score_title(scores, title, t)
    _score_path(scores, doc.path)
    _score_articles(scores, title, t)
    _score_levels(scores, doc, t)
    _score_werkinstructie(scores, doc, t)
    _score_letter(scores, t)
    _score_verslag(scores, t)
    return scores.verdict()


def _score_title(scores: _Scores, title: str, t: _Text) -> None:
    """The title's words ("Verordening ...", "Werkinstructie ..."), and a letter to the council."""
    cues = _cues()
    plain = title.strip()
    for typ, rx in cues.titles:
        if rx.search(plain):
            scores.add(typ, _TITLE_POINTS.get(typ, 6), f"titel '{title[:80]}' wijst op {typ}")
    for typ, rx in cues.leads:  # "Werkinstructie keukentafelgesprek": the first noun says what it is
        lead = rx.match(title)
        if lead:
            scores.add(typ, 5, f"titel begint met '{lead.group('lead')}'")
            break
    if cues.council_title.search(title) or (t.may_hold(1500, cues.council_words) and cues.council_salutation.search(t.head[:1500])):
        scores.add("other", 12, "brief of voorstel aan de gemeenteraad")


def _score_path(scores: _Scores, path: str) -> None:
    for typ, rx in _cues().paths:
        if rx.search(path):
            scores.add(typ, 3, f"bestandsnaam '{path}' wijst op {typ}")


def _score_articles(scores: _Scores, title: str, t: _Text) -> None:
    """Articles, who enacted them (the council: a verordening, the college: a besluit), national
    legislation by its title, nadere regels and beleidsregels."""
    text, head, low = t.text, t.head, t.low
    n_art = _artikel_lines(text) if "Art" in text or "ARTIKEL" in text else 0  # case-sensitive
    # each searched from the whitespace before the first "college" / "raad" (re tries these at
    # every d/h/c before it)
    cues = _cues()
    college = cues.college.first(head, low, 4000) is not None
    raad = cues.council.first(head, low, 4000) is not None
    if n_art >= 3:
        pts = min(8.0, 2 + n_art / 3)
        if college and not raad:
            scores.add("besluit", pts, f"{n_art} regels 'Artikel N', vastgesteld door het college")
        else:
            scores.add("verordening", pts, f"{n_art} regels 'Artikel N'")
    if raad:
        scores.add("verordening", 5, "'De raad van de gemeente ... besluit' in de aanhef")
    kind = legislation_kind(title, text)
    if kind:  # a law, AMvB, ministerial regulation or beleidsregel of the State: a besluit (kind in metadata)
        scores.add("besluit", 12, f"titel '{title[:60]}' is die van een {LEGISLATION_LABELS[kind]}")
    if college and cues.enactment.search(head):
        scores.add("besluit", 4, "vastgesteld door het college van burgemeester en wethouders")
    if cues.besluit.rx.search(title) or cues.besluit.first(text, low, 600):
        scores.add("besluit", 3, "'nadere regels' / 'beleidsregels' in titel of aanhef")


def _score_levels(scores: _Scores, doc: Document, t: _Text) -> None:
    """Product levels with tariffs or product codes: an arrangementsbeschrijving. Levels count only
    with a tarief (or a price): without one neither is looked for."""
    text, low = t.text, t.low
    tariffs = _cues().tariffs
    n_lvl = _level_lines(text) if "€" in text or t.may_hold(len(text), tariffs.words) else 0
    n_tar = 0 if n_lvl < 2 else tariffs.count(text, low) + text.count("€")
    if n_lvl >= 2 and n_tar >= 1:
        scores.add("arrangementsbeschrijving", min(8.0, 2 + n_lvl + n_tar / 2), f"{n_lvl} productniveaus en {n_tar}x tarief/productcode")
    if any(tb.rows and _cues().level_table.search(" ".join(tb.rows[0])) for tb in doc.tables):
        scores.add("arrangementsbeschrijving", 3, "tabel met niveaus/tarieven")


def _score_werkinstructie(scores: _Scores, doc: Document, t: _Text) -> None:
    """'Werkinstructie' in the head, and version and redacteur fields (lines or table rows)."""
    cues = _cues()
    if cues.werkinstructie.first(t.text, t.low, 4000):
        scores.add("werkinstructie", 3, "'Werkinstructie' in de kop")
    furniture = tuple(x for key in ("header", "footer") if isinstance(part := doc.metadata.get(key), str)
                      for x in part.split("\n") if x.strip())
    n_meta = _metadata_fields(t.head, furniture=furniture) + sum(
        1 for tb in doc.tables for r in tb.rows if r and cues.metadata_row.match(r[0]))
    if n_meta:
        scores.add("werkinstructie", 3 * min(n_meta, 3), f"{n_meta} documentgegevens (versie, redacteur, auteur, eigenaar)")


def _score_letter(scores: _Scores, t: _Text) -> None:
    """A beschikking: its words in the head, a letter to a client with a bezwaar clause, a letter
    that decides on a request."""
    text, low = t.text, t.low
    cues = _cues()
    if cues.beschikking.first(text, low, 4000):
        scores.add("beschikking", 3, "'beschikking' / 'uw aanvraag' in de kop")
    # the salutation in the head first: the whole text is searched only for letters
    if cues.greeting.first(text, low, 4000) and cues.objection.first(text, low):
        scores.add("beschikking", 3, "brief aan een cliënt met bezwaarclausule")
    letter = _client_letter(text, low)
    if letter:
        scores.add("beschikking", 6, f"brief aan een cliënt die op een aanvraag beslist ('{letter}')")


def _score_verslag(scores: _Scores, t: _Text) -> None:
    """A gespreksverslag: its name in the head, or the steps of the investigation named."""
    text, low = t.text, t.low
    cues = _cues()
    if t.may_hold(600, cues.verslag_words) and cues.verslag.search(t.head[:600]):
        scores.add("gespreksverslag", 5, "'gespreksverslag' / 'keukentafelgesprek' in de kop")
    n_steps = _verslag_steps(text, low)
    if n_steps >= 4:  # long documents that name the steps are reports about them
        scores.add("gespreksverslag", n_steps, f"{n_steps} onderzoeksstappen (hulpvraag, resultaat, eigen mogelijkheden ...)")


def _verslag_steps(text: str, low: str | None) -> int:
    """How many of the vocabulary's steps of the investigation (verslag_step_cues) the first
    20,000 characters name: looked for only when 4 can be there, and then only where a step's first
    word is; 0 in a long document."""
    steps = _cues().steps
    if len(text) >= 60000:
        return 0
    possible = [(rx, needles) for rx, needles in steps if low is None or needles is None or low.find(needles[0][0], 0, 20000) != -1]
    if len(possible) < 4:
        return 0
    return sum(1 for rx, needles in possible if first_at(rx, text, low, needles, 20000))
