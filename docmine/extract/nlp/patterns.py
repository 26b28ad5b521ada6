"""Text as patterns: folding (lower case, no accents, same length), the vocabulary's cue
phrases as word patterns, and OCR-tolerant patterns of one word form."""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Iterable

from ...vocabulary import Vocabulary, current, words
from .lemmas import lemma_forms


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
    """Cue phrases as one pattern that matches only at the start of a word. Places are found with
    the alternatives as a prefix tree (``alternation``), without the word-start check in front,
    so ``re`` skips along the text to the characters they start with and tries only the branches
    of the letters it reads; a place inside a word is rejected here and the search goes on after
    it. The match at a place is the flat alternation's (``rx``: the first alternative, longest
    first). ``pattern``: the same as one plain regex."""

    def __init__(self, phrases: list[str]) -> None:
        self.alternatives = sorted({a for p in phrases if p.strip() for a in cue_alternatives(p)}, key=lambda a: (-len(a), a))
        self.places = re.compile(alternation(self.alternatives)) if self.alternatives else _NEVER
        self.pattern = "|".join(cue_pattern(p) for p in phrases if p.strip()) or _NEVER.pattern

    @cached_property
    def literals(self) -> tuple[str, ...] | None:
        """What every match holds: the literal beginning of one of the alternatives (shortest
        kept of those that hold another); None when an alternative has none."""
        heads = sorted({_literal_head(a)[0] for a in self.alternatives}, key=len)
        if not heads or "" in heads:
            return None
        kept: list[str] = []
        for h in heads:
            if not any(k in h for k in kept):
                kept.append(h)
        return tuple(kept)

    def may_occur_in(self, text: str) -> bool:
        """False only when no part of ``text`` can hold a match (``literals``: a few substring
        tests in C, instead of a pattern search over the whole text)."""
        lits = self.literals
        return lits is None or any(lit in text for lit in lits)

    @cached_property
    def rx(self) -> re.Pattern:
        return re.compile("|".join(self.alternatives)) if self.alternatives else _NEVER

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        endpos = len(text) if endpos is None else endpos
        m = self.places.search(text, pos, endpos)
        while m is not None and not _word_start(text, m.start()):
            m = self.places.search(text, m.start() + 1, endpos)
        return None if m is None else self.rx.match(text, m.start(), endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match]:
        m = self.search(text, pos, endpos)
        while m is not None:
            yield m
            m = self.search(text, max(m.end(), m.start() + 1), endpos)


_META = frozenset(".^$*+?{}[]\\|()")


def _literal_head(alt: str) -> tuple[str, str]:
    """A regex split into the characters it starts with literally (``re.escape`` undone) and the
    rest; a character that a quantifier follows belongs to the rest."""
    i, head = 0, []
    while i < len(alt):
        if alt[i] == "\\" and i + 1 < len(alt) and not alt[i + 1].isalnum():
            step, ch = 2, alt[i + 1]
        elif alt[i] not in _META:
            step, ch = 1, alt[i]
        else:
            break
        if alt[i + step:i + step + 1] in ("*", "+", "?", "{"):
            break
        head.append(ch)
        i += step
    return "".join(head), alt[i:]


def alternation(alternatives: Iterable[str]) -> str:
    """The regexes ``alternatives`` as one alternation written as a prefix tree of their literal
    beginnings ("opgaan|opgeheven" -> "op(?:gaan|geheven)"): it matches at the same places as
    the flat one (``re`` tries a few branches per place instead of every alternative), though
    not always with the same alternative; for finding places, and patterns used as yes/no."""
    tree: dict = {}
    for alt in alternatives:
        head, rest = _literal_head(alt)
        node = tree
        for ch in head:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(rest)
    return _branches(tree) if tree else _NEVER.pattern


def _branches(node: dict) -> str:
    parts = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    parts += sorted(node.get("", ()), key=lambda r: (-len(r), r))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


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
