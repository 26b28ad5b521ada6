"""Dutch language support: the spaCy pipeline (loaded once per process, lazily, offline) and
the helpers that make term matching tolerant of inflection, compounds and OCR noise.

    >>> lemma("geïndiceerd")
    'indiceren'
    >>> "indicaties" in word_forms("indicatie")
    True

Matching works in two steps so a long document costs one regex pass:

1. a prefilter: one compiled regex of every term's surface forms (all forms the lookup
   lemmatizer maps to the term's lemma, plus plural endings), each form written OCR-tolerant
   (``m``/``rn``, ``l``/``1``, an optional space inside long words, dots in acronyms), run over
   the case- and accent-folded text (same length as the text, so offsets carry over);
2. only for the hits: the context filters (historical mention, quotation, mention of the word)
   look at the sentence and paragraph around it; lemmas come from the same lookup table as
   spaCy's lookup lemmatizer, without loading spaCy (``lemma_forms``; spaCy itself is loaded
   only for token patterns of ``pattern`` rules).
"""

from __future__ import annotations

import atexit
import gzip
import json
import os
import re
import unicodedata
from collections import deque
from typing import Any, Iterable

from ..vocabulary import Vocabulary, current, words

_NLP: Any = None
_LOOKUP: dict[str, str] | None = None
_INVERSE: dict[str, list[str]] | None = None


def get_nlp() -> Any:
    """``spacy.blank("nl")`` with the lookup lemmatizer from spacy-lookups-data; built once.
    Only token patterns of ``pattern`` rules need it (loading spaCy costs ~2.5 s per process);
    term matching uses the same lookup table directly (``word_forms``, ``lemma_forms``)."""
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
            with gzip.open(p, "rb") as fh:
                table = _json_loads(fh.read())
        _LOOKUP = table
        inv: dict[str, list[str]] = {}
        for form, lem in table.items():
            inv.setdefault(lem, []).append(form)
        _INVERSE = inv
    return _LOOKUP


def _json_loads(raw: bytes) -> Any:
    try:
        import orjson

        return orjson.loads(raw)
    except ImportError:  # pragma: no cover - orjson is a dependency
        return json.loads(raw)


class _FormMemo:
    """What term matching asks of the 213,000-entry lookup table (a few hundred words' forms)
    kept in a small JSON file in the audit's cache folder (``keep_in``; or DOCMINE_CACHE_HOME),
    keyed by the table's version and file, so a process does not parse the whole table (0.4 s)
    to answer them. Without a folder (``--no-cache``) nothing is written: an audit changes
    nothing outside its report folder and cache. A question the memo cannot answer loads the
    table and the answer is added to the memo. A memo that cannot be read or written, or holds
    anything but words, is ignored: answers are the same, only slower."""

    def __init__(self) -> None:
        self.data: dict[str, Any] | None = None
        self.dirty = False
        self.directory: str | None = None

    def keep_in(self, directory: str | os.PathLike | None) -> None:
        self.directory = os.fspath(directory) if directory is not None else None

    def _file(self) -> str | None:
        p = _lookup_path()
        base = self.directory or os.environ.get("DOCMINE_CACHE_HOME")
        if not p or not base:
            return None
        try:
            st = os.stat(p)
        except OSError:
            return None
        return os.path.join(base, f"woordvormen-{st.st_size}-{st.st_mtime_ns}-v1.json")

    def _load(self) -> dict[str, Any]:
        if self.data is None:
            self.data = {"lemma": {}, "forms": {}}
            f = self._file()
            if f:
                try:
                    with open(f, "rb") as fh:
                        got = _json_loads(fh.read())
                    if _words_only(got):
                        self.data = got
                except (OSError, ValueError):
                    pass
        return self.data

    def get(self, kind: str, key: str, compute) -> Any:
        d = self._load()[kind]
        if key not in d:
            d[key] = compute()
            if not self.dirty:
                atexit.register(self.save)  # once, when the process ends normally
            self.dirty = True
        return d[key]

    def save(self) -> None:
        f = self._file()
        if not (f and self.dirty and self.data is not None):
            return
        try:
            os.makedirs(os.path.dirname(f), exist_ok=True)
            tmp = f"{f}.{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(self.data, fh, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, f)
            self.dirty = False
        except OSError:
            pass


def _words_only(memo: Any) -> bool:
    """A memo as ``_FormMemo`` writes it: lemma {word: word}, forms {word: [word, ...]}."""
    if not (isinstance(memo, dict) and isinstance(memo.get("lemma"), dict) and isinstance(memo.get("forms"), dict)):
        return False
    return (all(isinstance(k, str) and isinstance(v, str) for k, v in memo["lemma"].items())
            and all(isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
                    for k, v in memo["forms"].items()))


_MEMO = _FormMemo()


def keep_word_forms_in(directory: str | os.PathLike | None) -> None:
    """Where the memo of word forms is kept (the audit's cache folder); None: nowhere."""
    _MEMO.keep_in(directory)


def lemma(word: str) -> str:
    """The lemma of one word (lower-case)."""
    w = word.lower()
    return _MEMO.get("lemma", w, lambda: lookup_table().get(w, w))


def _inverse(lem: str) -> list[str]:
    lookup_table()
    return list((_INVERSE or {}).get(lem, ()))


def word_forms(word: str) -> set[str]:
    """Every surface form of ``word`` the lemmatizer knows (same lemma), plus regular plurals.

    >>> "indiceerde" in word_forms("indiceren")
    True
    """
    w = word.lower()
    lem = lemma(w)
    forms = {w, lem}
    for base in (w, lem):
        forms.update(_MEMO.get("forms", base, lambda b=base: sorted(_inverse(b))))
    if len(w) >= 4 and w.isalpha():
        for f in list(forms):
            if f.endswith("e"):
                forms.update({f + "n", f + "s"})
            elif f[-1] not in "aeiou":
                forms.update({f + "en", f + "s"})
    return forms


def lemma_forms(lem: str) -> set[str]:
    """The tokens spaCy's lookup lemmatizer gives the lemma ``lem``: the table's forms of it, and
    ``lem`` itself unless the table maps it elsewhere (lookup is case-sensitive, as in spaCy).

    >>> "opgegaan" in lemma_forms("opgaan")
    True
    """
    forms = set(_MEMO.get("forms", lem, lambda: sorted(_inverse(lem))))
    if lemma(lem) == lem:
        forms.add(lem)
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
    # str.translate looks up every character in the dict once the text has one non-ASCII
    # character (~0.4 ms per 10 KB); a regex finds the few characters to replace in C.
    return _ACCENT_RE.sub(_accent, low) if not low.isascii() else low


_ACCENT_RE = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_ACCENTS)) + "]")


def _accent(m: re.Match) -> str:
    return _ACCENTS[ord(m.group())]


# -- cue words of the vocabulary as patterns ---------------------------------------------------

GAP = "..."  # in a cue phrase: up to GAP_WORDS other words
GAP_WORDS = 6
_NEVER = re.compile(r"(?!x)x")


def cue_forms(word: str) -> set[str]:
    """The forms a single cue word stands for (folded): itself, the forms the lookup
    lemmatizer gives it as a lemma, and its inflected adjective form on -e.

    >>> sorted(cue_forms("afschaffen"))[:3], "toenmalige" in cue_forms("toenmalig")
    (['afgeschaft', 'afschaffen', 'afschaffend'], True)
    """
    w = fold(word)
    forms = {w} | {fold(f) for f in lemma_forms(w)}
    if len(w) >= 4 and w.isalpha() and w[-1] not in "aeiou" and not w.endswith("en"):
        forms.add(w + "e")
    return forms


def _cue_word(word: str) -> str:
    """One word of a cue phrase as a pattern: '*' at either end stands for the rest of a compound."""
    head, tail = word.startswith("*"), word.endswith("*") and len(word) > 1
    core = word.strip("*")
    return (r"\w*" if head else "") + re.escape(fold(core)) + (r"[\w\-]*" if tail else "")


def cue_alternatives(phrase: str) -> list[str]:
    """A cue phrase of the vocabulary as regex alternatives for folded text (see
    rules/vocabulary/termen.yml): a single word in all its forms (``cue_forms``), several words as
    written, ``...`` for up to GAP_WORDS other words, ``*`` for the rest of a compound. Each ends
    at the end of a word; that it starts at the start of one is for the caller (``cue_pattern``,
    ``WordPattern``)."""
    words = phrase.split()
    if len(words) == 1 and "*" not in phrase and phrase.replace("-", "").isalpha():
        bodies = [re.escape(f) for f in sorted(cue_forms(phrase), key=len, reverse=True)]
    else:
        parts: list[str] = []
        for w in words:
            if w == GAP:
                parts.append(rf"(?:\s+[\w\-.'’]+){{0,{GAP_WORDS}}}?")
            else:
                parts.append((r"\s+" if parts else "") + _cue_word(w))
        bodies = ["".join(parts)]
    last = phrase.strip()[-1]
    after = r"(?!\w)" if (last.isalnum() or last == "*") else ""
    return [b + after for b in bodies]


def cue_pattern(phrase: str) -> str:
    """``cue_alternatives`` as one regex of whole words, to build into a larger pattern.

    >>> bool(re.search(cue_pattern("viel ... onder"), "dit viel toen nog onder de awbz"))
    True
    """
    first = phrase.strip()[0]
    before = r"(?<!\w)" if (first.isalnum() or first == "*") else ""
    return before + "(?:" + "|".join(cue_alternatives(phrase)) + ")"


class WordPattern:
    """Cue phrases as one pattern that matches only at the start of a word. The regex is a flat
    alternation without the word-start check in front, so ``re`` skips along the text to the
    characters the alternatives start with; a match inside a word is rejected here and the
    search goes on after its first character. ``pattern``: the same as one plain regex."""

    def __init__(self, phrases: list[str]) -> None:
        alts = sorted({a for p in phrases if p.strip() for a in cue_alternatives(p)}, key=lambda a: (-len(a), a))
        self.rx = re.compile("|".join(alts)) if alts else _NEVER
        self.pattern = "|".join(cue_pattern(p) for p in phrases if p.strip()) or _NEVER.pattern

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        endpos = len(text) if endpos is None else endpos
        m = self.rx.search(text, pos, endpos)
        while m is not None and not _word_start(text, m.start()):
            m = self.rx.search(text, m.start() + 1, endpos)
        return m

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match]:
        m = self.search(text, pos, endpos)
        while m is not None:
            yield m
            m = self.search(text, max(m.end(), m.start() + 1), endpos)


def _word_start(text: str, i: int) -> bool:
    """Is ``i`` not inside a word (a match starting with a letter needs no letter before it)?"""
    return i == 0 or not (text[i].isalnum() and (text[i - 1].isalnum() or text[i - 1] == "_"))


def cue_regex(key: str, voc: Vocabulary | None = None) -> WordPattern:
    """The cue phrases under ``key`` of the vocabulary (the running audit's) as one pattern for
    folded text; built once per vocabulary."""
    voc = voc or current()
    return voc.derived("cue:" + key, lambda v: WordPattern(words(key, v)))


def cue_table(key: str, voc: Vocabulary | None = None) -> dict[str, WordPattern]:
    """A mapping of the vocabulary (NAME -> list of cue phrases, as ``law_context``) as NAME ->
    pattern, built once per vocabulary."""
    voc = voc or current()

    def build(v: Vocabulary) -> dict[str, WordPattern]:
        table = v.get(key, default={}) or {}
        return {str(k): WordPattern([str(x) for x in (vals or [])]) for k, vals in table.items()}
    return voc.derived("cues:" + key, build)


# -- OCR-tolerant regex for one form ----------------------------------------------------------


def _ocr_options(key: str) -> dict[str, list[str]]:
    """The vocabulary's OCR confusions (``ocr_confusions``: letter -> what a scan may show) as
    folded letter -> the letter and what may stand for it, longest first."""
    def build(v: Vocabulary) -> dict[str, list[str]]:
        out = {}
        for letter, alts in (v.get(key, default={}) or {}).items():
            letter = fold(str(letter))
            options = {letter} | {fold(str(a)) for a in (alts or []) if str(a)}
            out[letter] = sorted(options, key=lambda o: (-len(o), o))
        return out
    return current().derived("ocr:" + key, build)


def _ocr_classes(key: str) -> dict[str, str]:
    """``_ocr_options`` as letter -> regex piece."""
    return {c: "(?:" + "|".join(map(re.escape, opts)) + ")" for c, opts in _ocr_options(key).items()}


def first_chars(form: str, *, acronym: bool = False) -> frozenset[str] | None:
    """The characters a match of ``form_regex(form)`` can start with (folded), OCR confusions
    included; None when it can start with a separator.

    >>> sorted(first_chars("indicatie"))
    ['1', 'i', 'l']
    """
    f = fold(form).lstrip()
    if not f or not f[0].isalnum():
        return None
    options = _ocr_options("ocr_acronym_confusions" if acronym else "ocr_confusions").get(f[0], [f[0]])
    return frozenset(o[0] for o in options)


WORD_SEP = r"[\s\-]+"  # between the words of a multi-word term
_STRAY = r"(?:-?\n| )?"  # a stray space (or a kept line-break hyphen) inside a long word
_ACRONYM_DOT = r"\.?\s?"
# a closing dot only after a dotted acronym (A.W.B.Z.), never the full stop after 'AWBZ.'
_ACRONYM_END = r"(?:(?:(?<=\.\w)|(?<=\.\s\w))\.)?"


def form_tokens(form: str, *, acronym: bool = False) -> list[tuple[str, int]]:
    """``form_regex`` as a list of (regex piece, characters of the form it stands for: 1 for a
    letter, 0 for an optional separator), so a prefix of the pattern can be cut (``prefix_regex``).

    >>> "".join(p for p, _ in form_tokens("AWBZ", acronym=True)) == form_regex("AWBZ", acronym=True)
    True
    """
    f = fold(form)
    if acronym:
        ocr = _ocr_classes("ocr_acronym_confusions")
        letters = [ocr.get(c, re.escape(c)) for c in f if not c.isspace()]
        if len(letters) == 1:
            return [(letters[0], 1)]
        out: list[tuple[str, int]] = []
        for i, c in enumerate(letters):
            if i:
                out.append((_ACRONYM_DOT, 0))
            out.append((c, 1))
        out.append((_ACRONYM_END, 0))
        return out
    out = []
    ocr = _ocr_classes("ocr_confusions")
    for k, w in enumerate(f.split()):
        if k:
            out.append((WORD_SEP, 0))
        n = len(w)
        for i, c in enumerate(w):
            out.append((ocr.get(c, re.escape(c)) if c.isalpha() else ("[-\\s]?" if c == "-" else re.escape(c)), 1))
            if n >= 8 and 2 <= i < n - 3 and c.isalpha() and w[i + 1].isalpha():
                out.append((_STRAY, 0))
    return out


def form_regex(form: str, *, acronym: bool = False) -> str:
    """A regex (for folded text) that finds ``form`` with common OCR noise.

    >>> bool(re.fullmatch(form_regex("compensatieplicht"), "cornpensatie plicht"))
    True
    """
    return "".join(p for p, _ in form_tokens(form, acronym=acronym))


def prefix_regex(tokens: list[tuple[str, int]], letters: int) -> tuple[str, int]:
    """The pattern of the first ``letters`` characters of ``tokens`` (up to and including the
    last of them; what follows is cut), and how many characters it holds (fewer when the form
    is shorter). Whatever the whole pattern matches starts with a match of this prefix.

    >>> prefix_regex(form_tokens("zorgen"), 4), prefix_regex(form_tokens("wij"), 4)
    (('z(?:0|o)rg', 4), ("w(?:i'|1|i|l)j", 3))
    """
    out: list[str] = []
    got = 0
    for piece, n in tokens:
        if got >= letters:
            break
        out.append(piece)
        got += n
    return "".join(out), got


# -- sentences and context --------------------------------------------------------------------

_SENT_STOP = r"(?=\s+[A-Z0-9\"“‘(\u00C0-\u00DD]|\s*\n)"
# [.!?] written as three literal branches: every branch starting with a literal lets ``re`` skip
# to the next . ! ? : or newline in C (a character class first entered the matcher at every place)
_SENT_END = re.compile(rf"\.{_SENT_STOP}|!{_SENT_STOP}|\?{_SENT_STOP}|:(?=\s)|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s)")


def sentence_bounds(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """The sentence (or list item, or line block) around ``[start, end)``, at most ``limit``
    characters either side."""
    lo = max(0, start - limit)
    # an abbreviation like 'art.' or 'o.a.' is no sentence end; keep it simple: need space+capital/digit/newline.
    # The last sentence end before ``start``: the deque runs the iterator in C (was a Python loop, ~25% of the call)
    last = deque(_SENT_END.finditer(text, lo, start), maxlen=1)
    s = last[0].end() if last else lo
    e_m = _SENT_END.search(text, end, min(len(text), end + limit))
    e = e_m.end() if e_m else min(len(text), end + limit)
    while s < start and text[s].isspace():
        s += 1
    return s, e


PAST_WINDOW = 100  # characters either side of a term in which ``history_past_cues`` count
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DAY_MONTH = r"(?:\d{1,2}[ -]\w+[ -])?"


def before_year(voc: Vocabulary | None = None) -> int:
    """The vocabulary's ``history_before_year`` (a year before it is 'then')."""
    value = (voc or current()).get("history_before_year", default=2015)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 2015


def _year_regex(key: str) -> re.Pattern:
    """``key``'s words followed by an optional day and month and a year: the year is group 1."""
    def build(v: Vocabulary) -> re.Pattern:
        ws = sorted({fold(w) for w in words(key, v)}, key=len, reverse=True)
        if not ws:
            return _NEVER
        return re.compile(r"(?<![\w\-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ws)
                          + r")\s+" + _DAY_MONTH + r"(1[89]\d\d|20\d\d)(?!\d)")
    return current().derived("years:" + key, build)


def speaks_of_past(low: str, year: int | None = None) -> bool:
    """Does the folded passage ``low`` speak of the past, in a way that does not depend on where
    the term is: a ``history_cues`` phrase ("ten tijde van", "is opgegaan in", "voorheen"), a year
    before ``year`` after a ``history_year_words`` word ("in 2013", "vóór 2015"; up to and
    including ``year`` after ``history_until_words``: "tot 2015"), or a year before ``year``
    together with a past tense (``past_tense_words``: "die op 31 december 2014 ... had")?

    >>> speaks_of_past("de wwb is opgegaan in de participatiewet"), speaks_of_past("de wwb geldt")
    (True, False)
    """
    voc = current()
    year = before_year(voc) if year is None else year
    memo = voc.derived("past-passages", lambda v: {})
    key = (low, year)
    got = memo.get(key)
    if got is None:
        if len(memo) > 20000:
            memo.clear()
        got = memo[key] = _speaks_of_past(low, year)
    return got


def _speaks_of_past(low: str, year: int) -> bool:
    if cue_regex("history_cues").search(low):
        return True
    if any(int(m.group(1)) < year for m in _year_regex("history_year_words").finditer(low)):
        return True
    if any(int(m.group(1)) <= year for m in _year_regex("history_until_words").finditer(low)):
        return True
    return (any(int(m.group(1)) < year for m in _YEAR.finditer(low))
            and cue_regex("past_tense_words").search(low) is not None)


def is_historical(sentence: str, start: int | None = None, end: int | None = None, low: str | None = None,
                  year: int | None = None) -> bool:
    """Does the sentence speak of the past ("ten tijde van de AWBZ", "vóór 2015 viel dit onder
    de AWBZ", "de AWBZ is in 2015 opgegaan in de Wlz", "... dan in de AWBZ golden")?

    ``start``/``end``: the term inside ``sentence``; ``history_past_cues`` count only within
    ``PAST_WINDOW`` characters of it and not inside it (``De consulent indiceerde`` is no cue).
    ``low``: the sentence folded, when the caller has it (a slice of the folded text). ``year``:
    years before it are 'then' (the term's repeal; default ``history_before_year``).

    >>> is_historical("Waar dat in de AWBZ was geregeld, is dat nu anders.")
    True
    >>> is_historical("Voor verzorging is de AWBZ voorliggend.")
    False
    """
    if low is None:
        low = fold(sentence)
    if start is not None and end is not None:  # the term's own words are no cue ("Wmo 2007", "Wet werk")
        low = low[:start] + " " * (end - start) + low[end:]
    if speaks_of_past(low, year):
        return True
    past = cue_regex("history_past_cues")
    if start is None or end is None:
        return past.search(low) is not None
    lo = max(0, start - PAST_WINDOW)
    for m in past.finditer(low, lo, end + PAST_WINDOW):
        if not (start <= m.start() and m.end() <= end):  # not the term's own past tense
            return True
    return False


# -- a mention of a term (named as a word), not a use -----------------------------------------

_Q_OPEN, _Q_CLOSE = "'\"‘“„«`", "'\"’”»´"
_QUOTE_CHARS = "[\"'‘“„]"


def _alt(key: str, v: Vocabulary, forms=None) -> str:
    """The vocabulary's words under ``key`` as one alternation (``forms``: each word's forms)."""
    got: set[str] = set()
    for w in words(key, v):
        got.update(forms(w) if forms else {fold(w)})
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(got, key=len, reverse=True) if f) or "(?!x)x"


def _naming(v: Vocabulary) -> str:
    # "Determ indiceren": OCR may glue the article to the word
    return r"(?<![\w\-])(?:de|het)? ?(?:" + _alt("naming_words", v, word_forms) + r")(?![\w\-])"


def _mention_before(v: Vocabulary) -> re.Pattern:
    """What, right before a term, makes it a mention: "de term", "begrippen als", "er wordt
    gesproken over", "in de nota wordt genoemd dat ..."."""
    fillers = r"(?:(?:" + _alt("naming_fillers", v) + r")\s*[(:]?\s*){0,2}"
    speaking = rf"(?<![\w\-])(?:{_alt('speaking_verbs', v)})\s+(?:(?:{_alt('speaking_fillers', v)})\s+){{0,3}}"
    return re.compile(
        _naming(v) + r"\s*[(:]?\s*" + fillers + _QUOTE_CHARS + r"?\s*(?:de |het |een )?$"
        + "|" + speaking + r"(?:over|van)\s+(?:de |het |een )?" + _QUOTE_CHARS + "?$"
        + r"|\b(?:wordt|worden|werd|werden)\s+(?:[\w\-.]+\s+){0,4}?(?:" + _alt("reporting_verbs", v) + r")\s+dat\b")


def _mention_after(v: Vocabulary) -> re.Pattern:
    """What, right after a term in brackets, makes it a mention: "(= ...)", "(oude term)"."""
    return re.compile(r"^[\"'’”]?\s*\(\s*(?:" + cue_regex("naming_after", v).pattern + ")")


def _substitute(v: Vocabulary) -> re.Pattern:
    """'i.p.v.' right after or before the term (a remark on word use with ``usage_words``)."""
    sub = "(?:" + _alt("substitution_cues", v) + ")"
    return re.compile(r"^[\"'’”]?\s*(?:\(\s*)?(?:[\w\-]+\s+){0,3}?" + sub + r"\s|" + sub
                      + r"\s+(?:de |het |een )?[\"'‘“]?$")


def _usage_words(v: Vocabulary) -> re.Pattern:
    return re.compile(_naming(v) + r"|(?<![\w\-])(?:" + _alt("usage_words", v) + r")(?![\w\-])")


def _old_words(v: Vocabulary) -> re.Pattern:
    """An old word before a naming word: "oude terminologie", "verouderde begrippen"."""
    return re.compile(r"(?<![\w\-])(?:" + _alt("old_words", v, cue_forms) + r")\s+(?:"
                      + _alt("naming_words", v, word_forms) + r"|tekst|teksten)(?![\w\-])")


CRITIQUE_WINDOW = 250


def is_mention(text: str, start: int, end: int, folded: str | None = None,
               bounds: tuple[int, int] | None = None) -> bool:
    """Is the term at ``[start, end)`` named as a term rather than used: "de term indiceren",
    "termen als AWBZ", "gebruikelijke zorg i.p.v. gebruikelijke hulp" (said of word use),
    "compensatieplicht (= uit oude Wmo)", "‘indicatie’" in quotes, "er wordt gesproken over de
    compensatieplicht", "hierbij wordt genoemd dat ... AWBZ ...", "oude terminologie", or a
    passage that calls the text it describes outdated ("Dit is niet meer relevant.",
    "deze is verouderd!") in the sentences around it or in the lead-in of its list?

    >>> is_mention("De term indiceren wordt nog gebruikt.", 8, 17)
    True
    >>> is_mention("De consulent indiceert drie uur.", 13, 22)
    False
    """
    low = folded if folded is not None else fold(text)
    ss, se = bounds if bounds is not None else sentence_bounds(text, start, end)  # bounds: the caller's sentence_bounds
    before = low[max(ss, start - 80):start]
    after = low[end:min(se, end + 80)]
    voc = current()
    if voc.derived("mention_before", _mention_before).search(before) or voc.derived("mention_after", _mention_after).search(after):
        return True
    # quotes right around the term: 'indicatie', “AWBZ”
    i, j = start - 1, end
    if i >= 0 and j < len(text) and text[i] in _Q_OPEN and text[j] in _Q_CLOSE:
        return True
    sent = low[ss:se]
    if voc.derived("old_words", _old_words).search(sent):
        return True
    substitute = voc.derived("substitute", _substitute)
    if (substitute.search(after) or substitute.search(before)) and voc.derived("usage_words", _usage_words).search(sent):
        return True
    # the passage around it judges the described text: "Dit is niet meer relevant."
    ps, pe = paragraph_bounds(text, start, end)
    critique = cue_regex("no_longer_cues", voc)
    if critique.search(low[max(ps, ss - CRITIQUE_WINDOW):min(pe, se + CRITIQUE_WINDOW)]):
        return True
    lead = lead_in(text, start)
    return lead is not None and critique.search(fold(lead)) is not None


# -- passages: paragraph, list lead-in, section heading ----------------------------------------

_BULLET = re.compile(r"^\s*(?:[-–•*=>»·◦▪]|\d+[.)]|[a-z][.)]|\d+°)\s")


def paragraph_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The block between blank lines around ``[start, end)``, at most ``limit`` characters
    either side."""
    lo = max(0, start - limit)
    ps = text.rfind("\n\n", lo, start)
    ps = lo if ps < 0 else ps + 2
    pe = text.find("\n\n", end, min(len(text), end + limit))
    pe = min(len(text), end + limit) if pe < 0 else pe
    return ps, pe


_LEAD_MEMO: dict[str, Any] = {"text": None, "lines": {}}


def lead_in(text: str, pos: int, max_lines: int = 40) -> str | None:
    """For a position in a list item (a line starting with -, •, =, 1., a. ...): the lead-in
    that introduces the list (the paragraph whose last line ends with ':'), or None.

    >>> lead_in("Voor de Jeugdwet geldt:\\n\\n- hulpvraag\\n- individuele voorziening", 40)
    'Voor de Jeugdwet geldt:'
    """
    ls = text.rfind("\n", 0, pos) + 1
    # the answer depends on the line only: remembered per line of the last text (the term rules
    # and passage_laws ask it for every hit, often on the same line)
    if max_lines != 40:
        return _lead_in_line(text, ls, max_lines)
    memo = _LEAD_MEMO
    if memo["text"] != text:  # the same text: equal at once
        memo["text"], memo["lines"] = text, {}
    lines = memo["lines"]
    if ls not in lines:
        lines[ls] = _lead_in_line(text, ls, max_lines)
    return lines[ls]


def _lead_in_line(text: str, ls: int, max_lines: int) -> str | None:
    le = text.find("\n", ls)
    line = text[ls: le if le >= 0 else len(text)]
    if not _BULLET.match(line):
        return None
    end = ls - 1
    for _ in range(max_lines):
        if end <= 0:
            return None
        s = text.rfind("\n", 0, end) + 1
        cur = text[s:end]
        stripped = cur.strip()
        if stripped.endswith(":") and not _BULLET.match(cur):
            lines = [stripped]
            k = s - 1
            while k > 0 and len(lines) < 4:
                p = text.rfind("\n", 0, k) + 1
                prev = text[p:k].strip()
                if not prev or _BULLET.match(text[p:k]):
                    break
                lines.insert(0, prev)
                k = p - 1
            return "\n".join(lines)
        if stripped and not _BULLET.match(cur) and len(stripped.split()) > 3:
            return None  # a prose line: the list (if any) has no lead-in
        end = s - 1
    return None


_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+\S")


def _heading_at(lines: list[str], i: int) -> str | None:
    """``lines[i]`` as a heading (with a wrapped second line for a numbered heading), or None."""
    line = lines[i].strip()
    if not (3 <= len(line) <= 95) or _BULLET.match(lines[i]) and not _NUMBERED.match(lines[i]):
        return None
    if not (line[0].isupper() or line[0].isdigit()) or line[-1] in ".,;":
        return None
    if len(line.split()) > 14:
        return None
    prev = lines[i - 1].strip() if i > 0 else ""
    if prev and prev[-1] not in ".!?:)":
        return None
    if _NUMBERED.match(lines[i]) and i + 1 < len(lines):
        nxt = lines[i + 1].strip()
        if nxt and len(nxt) <= 60 and nxt[-1] in "?:" and line[-1] not in "?:":
            return line + " " + nxt
    return line


_HEADING_NUMBER = re.compile(r"^\s*(?:(?:hoofdstuk|paragraaf|afdeling|artikel|§)\s+)?(\d+(?:\.\d+)*)\.?(?:\s|$)", re.I)
_LEADER = re.compile(r"(?:\s*\.){3,}\s*\d*\s*$|\s+\d+\s*$")  # dot leaders and page number of a contents line


def headings_above(text: str, start: int, reach: int = 8000) -> list[str]:
    """The headings a position in ``text`` falls under: the nearest heading above it and, when
    that one is numbered ("7.1 ..."), the headings of the sections holding it ("7 ..."), within
    ``reach`` characters.

    >>> headings_above("7 Overgang\\n\\n7.1 Cliënten\\n\\nTekst hier.", 30)
    ['7.1 Cliënten', '7 Overgang']
    """
    lo = max(0, start - reach)
    lo = text.find("\n", lo) + 1 if lo > 0 else 0
    ls = text.rfind("\n", 0, start) + 1
    lines = text[lo:max(lo, ls - 1)].split("\n")
    out: list[str] = []
    number: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        h = _heading_at(lines, i)
        if not h:
            continue
        m = _HEADING_NUMBER.match(h)
        got = m.group(1) if m else None
        if not out:
            out.append(h)
            out.extend(_title_after(lines, i))
            number = got
            if number is None or "." not in number:
                break
        elif got and number and number.startswith(got + "."):
            out.append(h)
            out.extend(_title_after(lines, i))
            number = got
            if "." not in number:
                break
    return out


def _title_after(lines: list[str], i: int) -> list[str]:
    """The title on the line after a bare number heading ("Hoofdstuk 8" / "Invoeringsbepalingen")."""
    m = _HEADING_NUMBER.match(lines[i].strip() + " ")
    if not m or lines[i].strip()[m.end():].strip():
        return []
    for nxt in lines[i + 1:i + 4]:
        title = nxt.strip().lstrip("#").strip()
        if title:
            return [title] if len(title) <= 95 and title[-1] not in ".,;" else []
    return []


HEADING_LINE = 200  # a line longer than this (before or after the position) is no heading


def _short_line(text: str, start: int, limit: int = HEADING_LINE) -> tuple[int, int] | None:
    """The bounds of the line holding ``start``, or None when it is longer than ``limit`` on
    either side (the searches stay bounded on a text of one long line)."""
    lo = max(0, start - limit)
    ls = text.rfind("\n", lo, start) + 1
    if ls == 0 and lo > 0:
        return None
    hi = min(len(text), start + limit)
    le = text.find("\n", start, hi)
    if le < 0:
        if hi < len(text):
            return None
        le = len(text)
    return ls, le


def heading_line(text: str, start: int, clause_start: int | None = None) -> tuple[int, int] | None:
    """The bounds of the line holding ``start`` when it is a heading: the first line of the
    clause starting at ``clause_start``, or a short numbered line ("2.2 Samenloop met ..."). A
    heading is a sentence of its own, not the start of the one below it."""
    bounds = _short_line(text, start)
    if bounds is None:
        return None
    ls, le = bounds
    line = text[ls:le].strip()
    if not line or len(line) > 95 or line[-1] in ".,;:!?":
        return None
    if clause_start is not None and ls <= clause_start <= start:
        return ls, le
    return (ls, le) if _NUMBERED.match(text[ls:le]) and len(line.split()) <= 14 else None


def under_transition_heading(titles: Iterable[str]) -> bool:
    """Does one of ``titles`` (the article, section and chapter headings over a term) name a
    transition (``transition_headings``: Overgangsrecht, Overgangsbepalingen)?"""
    rx = cue_regex("transition_headings")
    return any(rx.search(fold(t)) for t in titles if t)


def own_heading_line(text: str, start: int) -> str | None:
    """The line holding ``start`` when it reads as a heading or a line of a table of contents
    ("7.1 Overgangsrecht AWBZ-indicaties . . . 27"), else None."""
    bounds = _short_line(text, start)
    if bounds is None:
        return None
    line = _LEADER.sub("", text[bounds[0]:bounds[1]]).strip()
    if not line or len(line) > 95 or line[-1] in ".,;:" or len(line.split()) > 14:
        return None
    return line if (line[0].isupper() or line[0].isdigit()) else None


def _bracket(text: str, start: int, end: int, limit: int = 200) -> tuple[int, int] | None:
    """The round brackets around ``[start, end)`` on its line, when there are."""
    ls = max(text.rfind("\n", 0, start) + 1, start - limit)
    i = text.rfind("(", ls, start)
    if i < 0 or text.find(")", i, start) >= 0:
        return None
    le = text.find("\n", end)
    j = text.find(")", end, min(len(text), end + limit) if le < 0 else min(le, end + limit))
    return (i + 1, j) if j >= 0 else None


def definition_of(text: str, start: int, end: int, limit: int = 600) -> str | None:
    """When the term at ``[start, end)`` is the headword of a definition (alone on its line, or
    in front of ':' or a dash: "Indicatie", "b. indicatie: ..."), the text that defines it."""
    ls = text.rfind("\n", max(0, start - 40), start) + 1
    if ls == 0 and start > 40:
        return None  # a headword has at most a list mark before it
    le = text.find("\n", end, end + limit)
    le = min(len(text), end + limit) if le < 0 else le
    head = text[ls:start].strip()
    if head and not _BULLET.match(text[ls:start] + " x") and head not in ("*", "**"):
        return None
    rest = text[end:le].strip().strip("*").strip()
    if not rest:  # a headword on its own line: the paragraph after it
        m = re.match(r"\s*\n(?:[ \t]*\n)*", text[le:le + 50])
        if not m:
            return None
        b = le + m.end()
        e = text.find("\n\n", b, b + limit)
        return text[b: e if e >= 0 else min(len(text), b + limit)]
    if rest[0] in ":–—-=":
        return rest[1:][:limit]
    return None


def historical_passage(text: str, folded: str, start: int, end: int, titles: Iterable[str] = (),
                       year: int | None = None) -> bool:
    """Beyond the sentence: is the term at ``[start, end)`` historical by where it stands? Under a
    transition heading (``titles``: the clause's headings; the headings above it in the text;
    or its own line, a heading or a line of contents), inside brackets that speak of the
    past ("(tot 2015: Wet werk en bijstand)"), or as the headword of a definition that calls
    it old ("Huishoudelijke verzorging: vroegere naam van ...")."""
    if under_transition_heading(titles):
        return True
    own = own_heading_line(text, start)
    if own and under_transition_heading([own]):
        return True
    if under_transition_heading(headings_above(text, start)):
        return True
    br = _bracket(text, start, end)
    if br and speaks_of_past(folded[br[0]:br[1]], year):
        return True
    definition = definition_of(text, start, end)
    if definition:
        low = fold(definition)
        if speaks_of_past(low, year) or cue_regex("old_words").search(low) or cue_regex("no_longer_cues").search(low):
            return True
    return False


def laws_named(folded: str) -> set[str]:
    """The laws whose context words (the vocabulary's ``law_context``) occur in a folded text."""
    return {law for law, rx in cue_table("law_context").items() if rx.search(folded)}


def passage_laws(text: str, start: int, end: int, *, headings: bool = True, reach: int = 8000) -> set[str]:
    """The law context of the passage around ``[start, end)``: the laws named by (1) the lead-in
    of its list, else (2) the nearest heading above it (within ``reach`` characters) that names a
    law. Empty when none names one. (The paragraph is not used: an evaluation's paragraph may
    touch 'jeugdigen' in one sentence and the Wmo in the next; the sentence is checked apart.)

    >>> sorted(passage_laws("Jeugdhulp\\n\\nDe noodzaak van de individuele voorziening is duidelijk.", 30, 53))
    ['Jeugdwet']
    """
    lead = lead_in(text, start)
    if lead:
        found = laws_named(fold(lead))
        if found:
            return found
    if not headings:
        return set()
    lo = max(0, start - reach)
    lo = text.find("\n", lo) + 1 if lo > 0 else 0
    ls = text.rfind("\n", 0, start) + 1
    lines = text[lo:max(lo, ls - 1)].split("\n")
    for i in range(len(lines) - 1, -1, -1):
        h = _heading_at(lines, i)
        if h:
            found = laws_named(fold(h))
            if found:
                return found
    return set()


_QUOTE_PAIRS = (("“", "”"), ("„", "”"), ("«", "»"), ("„", "“"))
QUOTE_REACH = 5000  # characters either side of a hit in which its quotation is looked for


def in_quotation(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """Is ``[start, end)`` inside a quotation: double quotes, a long single-quoted passage,
    a '>' quoted line, or after 'luidt:' / 'citaat' in the same paragraph. ``folded``: the
    whole text folded, when the caller has it (its slice answers as folding the slice: only a
    final sigma can fold otherwise, and σ/ς are both word characters to the pattern)."""
    # the paragraph, at most QUOTE_REACH characters either side: the work per hit is bounded
    # (a text of 10 MB without blank lines and 2 million hits searched its whole length per hit)
    lo = max(0, start - QUOTE_REACH)
    p_start = text.rfind("\n\n", lo, start)
    p_start = lo if p_start < 0 else p_start + 2
    hi = min(len(text), end + QUOTE_REACH)
    p_end = text.find("\n\n", end, hi)
    p_end = hi if p_end < 0 else p_end
    # the paragraph before and after the term searched in place (slices of it copied up to the
    # whole rest of a text without blank lines: ~40% of the call)
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].lstrip().startswith(">"):
        return True
    if text.count('"', p_start, start) % 2 == 1 and text.find('"', end, p_end) >= 0:
        return True
    for o, c in _QUOTE_PAIRS:
        i = text.rfind(o, p_start, start)
        if i >= 0 and text.rfind(c, p_start, start) < i and text.find(c, end, p_end) >= 0:
            return True
    i = text.rfind("‘", p_start, start)
    if i >= 0 and text.rfind("’", p_start, start) < i:
        j = text.find("’", end, p_end)
        if j >= 0 and (start - i) + (j - end) >= 30:  # a passage, not a word in emphasis quotes
            return True
    a = max(p_start, start - 300)
    low = folded[a:start] if folded is not None else fold(text[a:start])
    return cue_regex("quotation_cues").search(low) is not None


def mentions_law(sentence_folded: str, law: str, near: str = "") -> bool:
    """Does the (folded) sentence name ``law``, or does ``near`` (the few words around the
    term) name its institution (the CIZ for the Wlz)?"""
    near_rx = cue_table("law_near").get(law)
    if near and near_rx is not None and near_rx.search(near):
        return True
    rx = cue_table("law_context").get(law)
    if rx is None:
        return re.search(r"\b" + re.escape(fold(law)) + r"\b", sentence_folded) is not None
    return rx.search(sentence_folded) is not None


def is_caps_line(text: str, start: int) -> bool:
    """Is the line holding ``start`` written in capitals (a heading such as 'WIJ HELPEN U')?"""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls: le if le >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.85


_STOP_WORDS: frozenset[str] | None = None


def stop_words() -> frozenset[str]:
    """spaCy's Dutch stop words, read from spaCy's ``lang/nl/stop_words.py`` without importing
    spaCy (importing the package costs ~0.9 s; the file only defines a set of words)."""
    global _STOP_WORDS
    if _STOP_WORDS is None:
        words: frozenset[str] = frozenset()
        try:
            import importlib.util

            spec = importlib.util.find_spec("spacy")  # a top-level package: found, not imported
            if spec and spec.origin:
                src = os.path.join(os.path.dirname(spec.origin), "lang", "nl", "stop_words.py")
                with open(src, encoding="utf-8") as fh:
                    m = re.search(r'"""(.*?)"""', fh.read(), re.S)
                words = frozenset(m.group(1).split()) if m else frozenset()
        except (ImportError, OSError, ValueError):
            pass
        if not words:  # an unexpected spaCy layout: import it after all
            from spacy.lang.nl.stop_words import STOP_WORDS

            words = frozenset(STOP_WORDS)
        _STOP_WORDS = words
    return _STOP_WORDS


def is_stop_word(word: str) -> bool:
    """
    >>> is_stop_word("Wij"), is_stop_word("AWBZ")
    (True, False)
    """
    return word.lower() in stop_words()
