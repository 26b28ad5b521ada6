"""Lemmas and word forms from spaCy's Dutch lookup table (without loading spaCy), kept in a
small memo in the audit's cache folder; spaCy's stop words."""

from __future__ import annotations

import atexit
import gzip
import json
import os
import re
from typing import Any


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
