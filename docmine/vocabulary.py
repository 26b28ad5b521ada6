"""What docmine knows about Dutch policy language, as data a policy officer can read and extend.

The shipped vocabulary is the YAML files in ``rules/vocabulary/`` (installed as
``docmine/packs/vocabulary/``); each has a top-level ``vocabulary:`` mapping of KEY -> value, and
a comment on top saying what its keys mean and who reads them. A user's rule pack (any file in a
folder given with ``--rules``, or ``rules = [...]`` in docmine.toml) may add to it with its own
top-level ``vocabulary:`` mapping::

    vocabulary:
      level_orders: [[brons, zilver, goud]]
      history_cues: ["in de tijd van"]

Files are merged in the order they are loaded (shipped first): a mapping merges key by key, a
list is extended (an entry already there is not added twice), a single value of a later file
wins. Only keys the shipped vocabulary has may be given, with a value of the same kind (a list
where it has a list); ``docmine rules check`` reports any other with file and line, like a rule
error. ``docmine vocab`` lists the merged vocabulary and where each entry came from.

Extractors and rules read the vocabulary of the audit that runs::

    >>> from docmine.vocabulary import current
    >>> ["basis", "plus", "intensief"] in current().get("level_orders")
    True

The pipeline calls ``activate`` with the audit's vocabulary (``Options.vocabulary``) in the main
process and in every worker before a document is read; without that, ``current()`` is the
shipped vocabulary. This module imports nothing of docmine's (every layer may use it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

SUFFIXES = (".yml", ".yaml")


def packs_dir() -> Path:
    """The shipped packs: ``docmine/packs`` in an installed wheel, the repo's ``rules/`` when
    installed editable."""
    here = Path(__file__).resolve().parent
    packed = here / "packs"
    if packed.is_dir() and any(packed.glob("*.y*ml")):
        return packed
    return here.parent / "rules"


def shipped_files() -> list[Path]:
    """The shipped vocabulary files, sorted by name."""
    folder = packs_dir() / "vocabulary"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith("."))


def merge(old: Any, new: Any) -> Any:
    """``new`` merged into ``old``: mappings key by key, lists extended without repeats, any
    other value replaced.

    >>> merge({"a": [1, 2], "b": {"x": 1}}, {"a": [2, 3], "b": {"y": 2}, "c": 0})
    {'a': [1, 2, 3], 'b': {'x': 1, 'y': 2}, 'c': 0}
    """
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for k, v in new.items():
            out[k] = merge(out[k], v) if k in out else v
        return out
    if isinstance(old, list) and isinstance(new, list):
        return old + [v for v in new if v not in old]
    return new


# keys whose entries are regular expressions (of a table: its values; of need_cues: its keys); a
# user's entry that does not compile is reported by ``docmine rules check`` like a rule error
PATTERN_KEYS = frozenset({
    "client_letter", "beschikking_cues", "title_cues", "title_leads", "path_cues", "council_letters", "council_salutations",
    "verslag_step_cues", "letter_subject_labels", "letter_salutations", "letterhead_lines", "besluit_cues", "college_cues",
    "council_enactment", "enactment_words", "tariff_words", "level_table_words", "metadata_row_labels", "beschikking_head_cues",
    "letter_greetings", "objection_words", "need_cues", "diagnoses", "diagnosis_gates", "beschikking_elements", "verslag_steps",
    "richtlijn_naamwoorden", "wetgeving_aanhef"})


def patterns_in(key: str, value: Any) -> list[tuple[tuple, str]]:
    """The regular expressions of a ``PATTERN_KEYS`` entry (none for another key), each with its
    place in the entry: (index,) in a list, (subkey, index) in a table of lists, (subkey,) in a
    table of single values, (subkey, "__key__") for need_cues (the patterns are its keys)."""
    if key not in PATTERN_KEYS:
        return []
    if key == "need_cues" and isinstance(value, dict):
        return [((k, "__key__"), str(k)) for k in value]
    if isinstance(value, list):
        return [((i,), str(v)) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out: list[tuple[tuple, str]] = []
        for sub, vs in value.items():
            out.extend((((sub, i), str(v)) for i, v in enumerate(vs)) if isinstance(vs, list) else [((sub,), str(vs))])
        return out
    return [((), str(value))]


def kind_of(value: Any) -> str:
    """'lijst', 'tabel' or 'waarde' (what a user is told a key needs)."""
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, dict):
        return "tabel"
    return "waarde"


@dataclass
class Vocabulary:
    """The merged vocabulary: ``data`` KEY -> value, and for each KEY the files that gave or
    extended it, shipped first."""

    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, list[str]] = field(default_factory=dict)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def get(self, key: str, *subkeys: str, default: Any = None) -> Any:
        """The value under ``key`` (and ``subkeys`` into nested mappings), or ``default``."""
        value = self.data.get(key, default)
        for sub in subkeys:
            if not isinstance(value, dict) or sub not in value:
                return default
            value = value[sub]
        return value

    def add(self, part: dict[str, Any], origin: str) -> None:
        """Merge one file's ``vocabulary:`` mapping into this one."""
        for key, value in part.items():
            self.data[key] = merge(self.data[key], value) if key in self.data else value
            self.origins.setdefault(key, []).append(origin)
        self._derived.clear()

    def __getstate__(self) -> dict[str, Any]:  # to a worker process: the data, not what was built from it
        return {"data": self.data, "origins": self.origins, "_derived": {}}

    def derived(self, name: str, build: Callable[[Vocabulary], Any]) -> Any:
        """What ``build`` makes of this vocabulary (a compiled pattern, a lookup table), made once
        per vocabulary and kept with it under ``name``."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]

    def fingerprint(self) -> str:
        """A hash of the merged data (cached results depend on it)."""
        text = json.dumps(self.data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def read_shipped() -> Vocabulary:
    """The shipped vocabulary, read without checks (it is tested in the repo's tests)."""
    voc = Vocabulary()
    for path in shipped_files():
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        voc.add(data.get("vocabulary") or {}, str(path))
    return voc


_shipped: Vocabulary | None = None
_active: Vocabulary | None = None


def shipped() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    global _shipped
    if _shipped is None:
        _shipped = read_shipped()
    return _shipped


def activate(voc: Vocabulary | None) -> Vocabulary | None:
    """Make ``voc`` the vocabulary ``current()`` returns in this process (None: the shipped one);
    returns the one active before, for the caller to put back. Called by the pipeline for each
    audit, in the main process and in each worker."""
    global _active
    previous, _active = _active, voc
    return previous


def current() -> Vocabulary:
    """The vocabulary of the audit running in this process."""
    return _active if _active is not None else shipped()


def words(key: str, voc: Vocabulary | None = None) -> list[str]:
    """The list under ``key`` as strings (an absent key: empty)."""
    value = (voc or current()).get(key, default=[])
    return [str(v) for v in value] if isinstance(value, list) else []


__all__ = ["Vocabulary", "activate", "current", "merge", "packs_dir", "shipped", "shipped_files", "words",
           "kind_of", "patterns_in", "PATTERN_KEYS", "SUFFIXES"]

