"""Load and validate YAML rule packs.

    >>> rules = load_rules(["mijn-regels/"])          # shipped packs plus your own
    >>> rules = load_rules(["a.yml"], default=False)   # only this file
    >>> rules, vocabulary = load_packs(["mijn-regels/"])  # and the vocabulary they extend

A pack is a YAML file with a list under ``rules:``, a ``vocabulary:`` mapping that adds to
docmine's vocabulary (``docmine.vocabulary``), or both. Every problem in every file is collected

before anything is raised, and each is formatted like a compiler error::

    mijn-regels/termen.yml:7:5: error: onbekende sleutel 'severty'
        7 |     severty: error
          |     ^
      hint: bedoelde u 'severity'?

The common keys (id, type, severity, message, ...) are checked here; the type's own keys go to
``Rule.params`` and are checked by that type's ``Params`` model.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Iterable, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from ..errors import RuleFileError
from ..model import DOCUMENT_TYPES, SEVERITIES, Rule
from ..vocabulary import Vocabulary, kind_of, packs_dir, patterns_in, shipped
from . import registry
from .yamlpos import KEY, Mark, Problem, load_with_marks

LAW_NAMES = ("Wmo", "Jeugdwet", "Wlz", "Participatiewet")
CONTEXT_FILTERS = ("historisch", "citaat", "vermelding")
RULE_SUFFIXES = (".yml", ".yaml")
TOP_KEYS = ("rules", "vocabulary", "name", "description")
MAX_RULE_FILE = 8 << 20  # bytes; the shipped packs: < 15 KB each


def str_or(model: type[BaseModel]) -> Any:
    """A value that is either plain text or a mapping validated by ``model``; errors of the
    mapping branch keep clean locations (no union noise)."""
    return Annotated[
        Union[Annotated[str, Tag("text")], Annotated[model, Tag("map")]],
        Discriminator(lambda v: "text" if isinstance(v, str) else "map"),
    ]


def _check_unless(value: str) -> str:
    """``unless`` names a context filter (historisch, citaat) or an exception phrase
    (Wlz-indicatie, indicatiewijzer): a bare lower-case word close to a filter name is a typo."""
    if value.isalpha() and value.islower() and value not in CONTEXT_FILTERS:
        close = difflib.get_close_matches(value, CONTEXT_FILTERS, n=1, cutoff=0.7)
        if close:
            raise ValueError(
                f"onbekend contextfilter '{value}'\nhint: bedoelde u '{close[0]}'? filters: "
                f"{', '.join(CONTEXT_FILTERS)}; een uitzondering is een woord(groep) zoals 'Wlz-indicatie'")
    return value


class Scope(BaseModel):
    """Where a rule applies: document types, law context, path globs."""

    model_config = ConfigDict(extra="forbid")
    types: list[Literal[DOCUMENT_TYPES]] | None = None  # type: ignore[valid-type]
    laws: list[Literal[LAW_NAMES]] | None = None  # type: ignore[valid-type]
    paths: list[str] | None = None


class ExampleDoc(BaseModel):
    """One example document: text or a file, with what extraction would otherwise guess."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    file: str | None = None
    type: Literal[DOCUMENT_TYPES] | None = None  # type: ignore[valid-type]
    law: Literal[LAW_NAMES] | None = None  # type: ignore[valid-type]
    date: _dt.date | None = None
    path: str | None = None
    title: str | None = None
    metadata: dict[str, Any] | None = None
    documents: list[Union[str, "ExampleDoc"]] | None = None
    count: int | None = Field(default=None, ge=0)  # exact number of findings expected



class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[str_or(ExampleDoc)] = Field(default_factory=list)  # type: ignore[valid-type]
    no_match: list[str_or(ExampleDoc)] = Field(default_factory=list)  # type: ignore[valid-type]


class RuleCommon(BaseModel):
    """The keys every rule has, whatever its type."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="unieke naam, bijv. awbz-vervallen")
    type: str = Field(description="regeltype: " + "term, pattern, required, duplicate, levels, reference")
    severity: Literal[SEVERITIES]  # type: ignore[valid-type]
    message: str = Field(min_length=1, description="wat er mis is, in gewone taal")
    suggestion: str | None = Field(default=None, description="wat de gebruiker in plaats daarvan doet")
    scope: Scope | None = None
    unless: list[Annotated[str, AfterValidator(_check_unless)]] = Field(default_factory=list)
    source: str | None = Field(default=None, description="wettelijke grondslag, bijv. https://wetten.overheid.nl/BWBR0035362")
    repealed: date | None = Field(default=None, description="documenten van vóór deze datum krijgen een info-melding")
    examples: Examples | None = None
    title: str | None = Field(default=None, min_length=1,
                              description="korte omschrijving zonder {invulplekken}, voor lijsten en SARIF")
    replaces: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9._-]*$",
                                 description="id van een meegeleverde controle die deze vervangt")


COMMON_KEYS = tuple(RuleCommon.model_fields)


KEY_HINTS = {
    "id": "geef elke controle een unieke id, bijv. 'id: awbz-vervallen'",
    "type": "kies een regeltype, bijv. 'type: term'",
    "severity": "kies 'severity: error', 'warning' of 'info'",
    "message": "schrijf in gewone taal wat er mis is, bijv. 'message: De AWBZ bestaat niet meer.'",
}


def shipped_rules_dir() -> Path:
    """The packs that ship: ``docmine/packs`` in a wheel, the repo's ``rules/`` when editable."""
    return packs_dir()


def rule_files(dirs: Iterable[str | os.PathLike] = (), default: bool = True) -> list[Path]:
    """The YAML files to load: shipped packs first (if ``default``), then each of ``dirs``
    (a folder: every *.yml/*.yaml inside, sorted; or a file)."""
    out: list[Path] = []
    sources = ([shipped_rules_dir()] if default else []) + [Path(d) for d in dirs]
    for d in sources:
        if d.is_dir():
            out.extend(sorted(p for p in d.iterdir() if p.suffix.lower() in RULE_SUFFIXES
                              and p.is_file() and not p.name.startswith(".")))
        elif d.is_file():
            out.append(d)
        elif d.exists():  # a FIFO or a device: never opened (it could wait for ever)
            raise RuleFileError.of("DM200", "not_a_file", path=str(d), target=d)
        else:
            raise RuleFileError.of("DM200", "missing", path=str(d), target=d)
    seen: set[Path] = set()
    unique = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique


def load_rules(dirs: Iterable[str | os.PathLike] = (), default: bool = True) -> list[Rule]:
    """Load, validate and return every rule; raise ``RuleFileError`` listing every problem
    (see ``load_packs``)."""
    return load_packs(dirs, default)[0]


def load_packs(dirs: Iterable[str | os.PathLike] = (), default: bool = True) -> tuple[list[Rule], Vocabulary]:
    """Every rule of the packs, and the vocabulary: the shipped one merged with each pack's
    ``vocabulary:`` in load order. Raise ``RuleFileError`` listing every problem.

    A rule with ``replaces: ID`` takes the place of the rule ``ID`` loaded before it (a shipped
    rule a user pack changes on purpose); any other id that occurs twice is an error."""
    rules: list[Rule] = []
    problems: list[str] = []
    first_seen: dict[str, Rule] = {}
    base = shipped()
    vocabulary = Vocabulary(dict(base.data), {k: list(v) for k, v in base.origins.items()})
    for path in rule_files(dirs, default):
        file_rules, file_problems, part = load_file(path)
        problems.extend(file_problems)
        if part:
            vocabulary.add(part, str(path))
        for r in file_rules:
            if r.replaces:
                problem = _replace(r, rules, first_seen)
                if problem:
                    problems.append(problem.format(_lines(path)))
                continue
            if r.id in first_seen:
                other = first_seen[r.id]
                p = Problem(r.file or "", r.line or 1, _ID_COLS.get((r.file, r.line), 1),
                            f"dubbele controle-id '{r.id}'",
                            f"'{r.id}' staat ook in {other.file}:{other.line}; geef één van beide een andere id, "
                            f"of zet 'replaces: {r.id}' bij deze als hij de andere moet vervangen")
                problems.append(p.format(_lines(path)))
                continue
            first_seen[r.id] = r
            rules.append(r)
    if problems:
        raise RuleFileError.of("DM200", "one" if len(problems) == 1 else None, count=len(problems), problems=problems)
    return rules, vocabulary


def _replace(r: Rule, rules: list[Rule], first_seen: dict[str, Rule]) -> Problem | None:
    """Put ``r`` where the rule it ``replaces`` was; a Problem when there is no such rule or
    ``r``'s own id is taken by another."""
    at = Problem(r.file or "", r.line or 1, _ID_COLS.get((r.file, r.line), 1), "", None)
    old = first_seen.get(r.replaces or "")
    if old is None:
        close = difflib.get_close_matches(r.replaces or "", list(first_seen), n=1, cutoff=0.6)
        at.message = f"'replaces: {r.replaces}': er is geen eerder geladen controle met die id"
        at.hint = (f"bedoelde u '{close[0]}'? " if close else "") + "zie 'docmine rules list'"
        return at
    if r.id != old.id and r.id in first_seen:
        other = first_seen[r.id]
        at.message = f"dubbele controle-id '{r.id}'"
        at.hint = f"'{r.id}' staat ook in {other.file}:{other.line}; geef deze controle een andere id"
        return at
    rules[rules.index(old)] = r
    del first_seen[old.id]
    first_seen[r.id] = r
    return None


def promise_problems(rules: Iterable[Rule]) -> list[str]:
    """What ``docmine rules check`` holds every rule to besides a valid file (the README's
    promise): examples of both kinds, ``match`` and ``no_match``. Formatted like load errors."""
    out = []
    for r in rules:
        missing = [k for k in ("match", "no_match") if not (r.examples or {}).get(k)]
        if not missing:
            continue
        p = Problem(r.file or "", r.line or 1, _ID_COLS.get((r.file, r.line), 1),
                    f"controle '{r.id}' heeft geen voorbeelden onder {' en '.join('examples.' + k for k in missing)}",
                    "geef minstens één tekst die de controle vindt (match) en één die hij terecht niet vindt "
                    "(no_match); 'docmine rules test' draait ze")
        out.append(p.format(_lines(Path(r.file)) if r.file else None))
    return out


_LINES_CACHE: dict[str, list[str]] = {}
_ID_COLS: dict[tuple, int] = {}  # (file, line) -> column where the rule starts


def _lines(path: Path) -> list[str]:
    key = str(path)
    if key not in _LINES_CACHE:
        try:
            _LINES_CACHE[key] = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            _LINES_CACHE[key] = []
    return _LINES_CACHE[key]


def load_file(path: Path) -> tuple[list[Rule], list[str], dict[str, Any]]:
    """Load one pack: (valid rules, formatted problems, its valid ``vocabulary:`` entries).
    Never raises for bad content."""
    fname = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_RULE_FILE + 1)
    except OSError as exc:
        return [], [Problem(fname, 1, 1, f"kan het bestand niet lezen ({exc.strerror})", "controleer het pad en de rechten").format(None)], {}
    if len(raw) > MAX_RULE_FILE:
        return [], [Problem(fname, 1, 1, f"regelbestand is groter dan {MAX_RULE_FILE // (1 << 20)} MB",
                            "een regelbestand is een paar KB; splits het of controleer of dit het juiste bestand is").format(None)], {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [Problem(fname, line, 1, "het bestand is geen UTF-8", "sla het op als UTF-8 (in de meeste editors: 'Opslaan als' > codering UTF-8)").format(None)], {}
    lines = text.splitlines()
    _LINES_CACHE[fname] = lines
    data, marks, probs = load_with_marks(text, fname)
    found: list[Problem] = list(probs)
    rules: list[Rule] = []
    part: dict[str, Any] = {}
    if data is None and not probs:
        found.append(Problem(fname, 1, 1, "leeg regelbestand", "begin met 'rules:' en een lijst van regels"))
    elif isinstance(data, dict):
        for k in data:
            if k not in TOP_KEYS:
                m = marks.get((k, KEY), Mark(1, 1))
                found.append(Problem(fname, m.line, m.col, f"onbekende sleutel '{k}' bovenaan het bestand", _did_you_mean(k, TOP_KEYS)))
        if "vocabulary" in data:
            part = _vocabulary_part(data["vocabulary"], marks, fname, found)
        if "rules" not in data:
            if "vocabulary" not in data:
                found.append(Problem(fname, 1, 1, "'rules:' ontbreekt", "zet de regels in een lijst onder 'rules:'"))
        elif not isinstance(data["rules"], list):
            m = marks.get(("rules",), Mark(1, 1))
            found.append(Problem(fname, m.line, m.col, "'rules' moet een lijst zijn", "begin elke controle met '- id: ...'"))
        else:
            for i, item in enumerate(data["rules"]):
                rule = _validate_rule(item, ("rules", i), marks, fname, found)
                if rule is not None:
                    rules.append(rule)
    elif data is not None:
        found.append(Problem(fname, 1, 1, "een regelbestand begint met 'rules:'", "zet de regels in een lijst onder 'rules:'"))
    unique: dict[tuple, Problem] = {}
    for p in found:
        unique.setdefault((p.line, p.col, p.message), p)
    ordered = sorted(unique.values(), key=lambda p: (p.line, p.col))
    return rules, [p.format(lines) for p in ordered], part


def _vocabulary_part(value: Any, marks: dict, fname: str, found: list[Problem]) -> dict[str, Any]:
    """The entries of a pack's ``vocabulary:`` that the shipped vocabulary knows, with a value of
    the same kind (a list where it has a list); a Problem for each other one."""
    if not isinstance(value, dict):
        m = marks.get(("vocabulary",), Mark(1, 1))
        found.append(Problem(fname, m.line, m.col, "'vocabulary' moet een tabel zijn",
                             "schrijf per regel 'sleutel: waarde', bijvoorbeeld 'level_orders: [[brons, zilver, goud]]'"))
        return {}
    known = shipped().data
    part: dict[str, Any] = {}
    for key, entry in value.items():
        m = marks.get(("vocabulary", key, KEY), Mark(1, 1))
        if key not in known:
            found.append(Problem(fname, m.line, m.col, f"onbekende woordenlijst '{key}' onder 'vocabulary'",
                                 _did_you_mean(str(key), known, "woordenlijsten") + "; 'docmine vocab' toont ze alle"))
        elif kind_of(entry) != kind_of(known[key]):
            found.append(Problem(fname, m.line, m.col, f"'{key}' moet een {kind_of(known[key])} zijn, geen {kind_of(entry)}",
                                 f"zie 'docmine vocab {key}' voor hoe de meegeleverde woordenlijst eruitziet"))
        elif isinstance(entry, dict) and _table_problems(key, entry, known[key], marks, fname, found):
            continue
        elif _pattern_problems(key, entry, marks, fname, found):
            continue
        else:
            part[key] = entry
    return part


def _pattern_problems(key: str, entry: Any, marks: dict, fname: str, found: list[Problem]) -> bool:
    """A Problem for each regular expression of the entry that does not compile, at its line. True if any."""
    n = len(found)
    for place, pattern in patterns_in(key, entry):
        try:
            re.compile(pattern)
        except re.error as err:
            m = marks.get(("vocabulary", key, *place), marks.get(("vocabulary", key, KEY), Mark(1, 1)))
            found.append(Problem(fname, m.line, m.col, f"ongeldige reguliere expressie '{pattern}' onder '{key}' ({err.msg})",
                                 "de woorden onder deze sleutel zijn reguliere expressies: zet een \\ voor ( ) [ ] ? * + . | "
                                 "als u het teken zelf bedoelt"))
    return len(found) > n


# tables of the vocabulary keyed by document type: another key is a typing error
_TYPE_TABLES = ("title_cues", "title_leads", "path_cues")


def _table_problems(key: str, entry: dict, shipped_table: dict, marks: dict, fname: str, found: list[Problem]) -> bool:
    """Problems of a table's entries: an unknown document type in a table keyed by type, a value
    of another kind than the shipped table's (a single word where it has lists). True if any."""
    kinds = {kind_of(v) for v in shipped_table.values()}
    n = len(found)
    for sub, value in entry.items():
        m = marks.get(("vocabulary", key, sub, KEY), marks.get(("vocabulary", key, KEY), Mark(1, 1)))
        if key in _TYPE_TABLES and sub not in DOCUMENT_TYPES:
            found.append(Problem(fname, m.line, m.col, f"onbekend documenttype '{sub}' onder '{key}'",
                                 _did_you_mean(str(sub), DOCUMENT_TYPES, "documenttypen")))
        elif len(kinds) == 1 and kind_of(value) not in kinds:
            found.append(Problem(fname, m.line, m.col, f"'{key}: {sub}' moet een {next(iter(kinds))} zijn, geen {kind_of(value)}",
                                 f"zie 'docmine vocab {key}' voor hoe de meegeleverde woordenlijst eruitziet"))
    return len(found) > n


def _did_you_mean(word: str, allowed: Iterable[str], what: str = "toegestaan") -> str:
    allowed = list(allowed)
    close = difflib.get_close_matches(str(word), allowed, n=1, cutoff=0.6)
    listing = f"{what}: {', '.join(allowed)}"
    return f"bedoelde u '{close[0]}'? {listing}" if close else listing


def _validate_rule(item: Any, path: tuple, marks: dict, fname: str, found: list[Problem]) -> Rule | None:
    start = marks.get(path, Mark(1, 1))
    if not isinstance(item, dict):
        found.append(Problem(fname, start.line, start.col, "een controle moet een mapping zijn (sleutel: waarde)",
                             "begin een controle met '- id: ...' en zet de andere sleutels eronder"))
        return None
    n_before = len(found)
    common = {k: v for k, v in item.items() if k in COMMON_KEYS}
    rest = {k: v for k, v in item.items() if k not in COMMON_KEYS}
    rtype = item.get("type")
    type_cls = None
    if isinstance(rtype, str):
        try:
            type_cls = registry.get(rtype)
        except KeyError:
            m = marks.get(path + ("type",), start)
            found.append(Problem(fname, m.line, m.col, f"onbekend regeltype '{rtype}'",
                                 _did_you_mean(rtype, registry.names(), "beschikbare types")))
    try:
        RuleCommon.model_validate(common)
    except ValidationError as exc:
        _report(exc, item, path, marks, fname, found, allowed=COMMON_KEYS, model=RuleCommon)
    params = dict(rest)
    if type_cls is not None:
        param_fields = list(type_cls.Params.model_fields)
        if "repealed" in item:
            if "repealed" in param_fields:
                params["repealed"] = item["repealed"]
            else:
                m = marks.get(path + ("repealed", KEY), start)
                found.append(Problem(fname, m.line, m.col, f"type '{rtype}' gebruikt 'repealed' niet",
                                     "verwijder 'repealed' of gebruik een term- of patroonregel"))
        try:
            type_cls.Params.model_validate(params)
        except ValidationError as exc:
            _report(exc, item, path, marks, fname, found, allowed=tuple(COMMON_KEYS) + tuple(f for f in param_fields if f != "repealed"),
                    model=type_cls.Params)
    else:
        # Without a known type the type's own keys cannot be checked, but a key that no rule type
        # knows is still a typo worth reporting now ('severty' next to a misspelt type).
        known = list(COMMON_KEYS) + sorted({f for n in registry.names() for f in registry.get(n).Params.model_fields} - set(COMMON_KEYS))
        for k in rest:
            if k not in known:
                m = marks.get(path + (k, KEY), start)
                found.append(Problem(fname, m.line, m.col, f"onbekende sleutel '{k}'", _did_you_mean(k, COMMON_KEYS)))
    if len(found) > n_before:
        return None
    ex = item.get("examples") or {}
    _ID_COLS[(fname, start.line)] = start.col
    return Rule(
        id=item["id"], type=rtype, severity=item["severity"], message=item["message"].strip(),
        suggestion=(item.get("suggestion") or None) and item["suggestion"].strip(),
        scope=dict(item.get("scope") or {}), unless=list(item.get("unless") or []),
        source=item.get("source"), examples={"match": list(ex.get("match") or []), "no_match": list(ex.get("no_match") or [])},
        params=params, file=fname, line=start.line,
        title=(item.get("title") or None) and " ".join(item["title"].split()), replaces=item.get("replaces"),
    )


def _walk(item: Any, loc: tuple) -> tuple[tuple, str | None]:
    """Follow a pydantic error location through the data; returns the data path that exists
    and the last field name on the way (tags of unions are skipped)."""
    cur = item
    real: list = []
    field_name = None
    for el in loc:
        if isinstance(cur, dict) and el in cur:
            real.append(el)
            field_name = el if isinstance(el, str) else field_name
            cur = cur[el]
        elif isinstance(cur, list) and isinstance(el, int) and 0 <= el < len(cur):
            real.append(el)
            cur = cur[el]
        elif isinstance(el, str) and el not in ("text", "map", "str") and not el[:1].isupper():
            field_name = el
            break
    return tuple(real), field_name


def _report(exc: ValidationError, item: dict, path: tuple, marks: dict, fname: str,
            found: list[Problem], allowed: tuple, model: type[BaseModel]) -> None:
    seen = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        real, field_name = _walk(item, loc)
        etype = err["type"]
        key = (real, etype, field_name)
        if key in seen:
            continue
        seen.add(key)
        name = field_name or (str(real[-1]) if real else "regel")
        at = marks.get(path + real, marks.get(path, Mark(1, 1)))
        if etype == "extra_forbidden":
            bad = str(loc[-1])
            at = marks.get(path + real + (bad, KEY), at) if real and real[-1] != bad else marks.get(path + real[:-1] + (bad, KEY), at)
            where = real[:-1] if real and real[-1] == bad else real
            # keys allowed at this level: the rule itself, or a nested model
            sub = _submodel_for(model, where) if where else None
            level_allowed = allowed if not where else (tuple(sub.model_fields) if sub else ())
            msg, hint = f"onbekende sleutel '{bad}'", _did_you_mean(bad, level_allowed)
        else:
            msg, hint = _explain(err, name)
        found.append(Problem(fname, at.line, at.col, msg, hint))


_TYPE_ERRORS = {  # pydantic error type -> (message, hint), in Dutch; {name} the key, {kind} what it is
    "string_type": ("'{name}' moet tekst zijn, niet {kind}", "zet de tekst eventueel tussen aanhalingstekens"),
    "dict_type": ("'{name}' moet een mapping zijn (sleutel: waarde), niet {kind}", "zet de sleutels ingesprongen op eigen regels eronder"),
    "string_too_short": ("'{name}' mag niet leeg zijn", None),
    "too_short": ("'{name}' mag niet leeg zijn", "geef minstens één item"),
    "string_pattern_mismatch": ("'{name}' {value} is geen geldige id", "gebruik kleine letters, cijfers en '-', bijv. awbz-vervallen"),
    "bool_type": ("'{name}' moet true of false zijn", None),
    "int_type": ("'{name}' moet een getal zijn, niet {value}", None),
    "date": ("'{name}': {value} is geen geldige datum", "schrijf de datum als JJJJ-MM-DD, bijv. 2015-01-01"),
    "greater_than": ("'{name}': {value} ligt buiten het toegestane bereik ({msg})", None),
}
_SAME_AS = {"model_type": "dict_type", "model_attributes_type": "dict_type", "bool_parsing": "bool_type",
            "int_parsing": "int_type", "float_type": "int_type", "float_parsing": "int_type",
            "greater_than_equal": "greater_than", "less_than_equal": "greater_than", "less_than": "greater_than"}


def _explain(err: dict, name: str) -> tuple[str, str | None]:
    """The Dutch message and hint for one pydantic error (other than an unknown key) of ``name``."""
    etype, inp = err["type"], err.get("input")
    if etype == "missing":
        return f"verplichte sleutel '{name}' ontbreekt", KEY_HINTS.get(name, f"voeg '{name}:' toe")
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        return f"ongeldige waarde {inp!r} voor '{name}'", _did_you_mean(str(inp), options)
    if etype in ("list_type", "tuple_type"):
        return (f"'{name}' moet een lijst zijn, niet {_kind(inp)}",
                f"schrijf bijv. '{name}: [{inp if isinstance(inp, (str, int)) else '...'}]' of zet elk item op een eigen regel met '- '")
    if etype == "value_error":
        text = str(err.get("ctx", {}).get("error", err["msg"]))
        msg, _, hint = text.partition("\nhint: ")
        return msg, hint or None
    kind = "date" if etype.startswith("date") else _SAME_AS.get(etype, etype)
    if kind not in _TYPE_ERRORS:
        return err["msg"], None
    msg, hint = _TYPE_ERRORS[kind]
    return msg.format(name=name, kind=_kind(inp), value=repr(inp), msg=err["msg"]), hint


def _submodel_for(model: type[BaseModel], where: tuple) -> type[BaseModel] | None:
    """Find the pydantic model that validates data at ``where`` below ``model``."""
    cur: Any = model
    for el in where:
        if isinstance(el, int):
            continue
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)) or el not in cur.model_fields:
            return None
        cur = _first_model(cur.model_fields[el].annotation)
        if cur is None:
            return None
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _first_model(ann: Any) -> Any:
    import typing

    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for a in typing.get_args(ann):
        m = _first_model(a)
        if m is not None:
            return m
    return None


def _kind(v: Any) -> str:
    if isinstance(v, list):
        return "een lijst"
    if isinstance(v, dict):
        return "een mapping"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, float)):
        return f"het getal {v}"
    if isinstance(v, date):
        return f"de datum {v}"
    if v is None:
        return "leeg"
    return f"{v!r}"


__all__ = ["load_rules", "load_packs", "promise_problems", "load_file", "rule_files", "shipped_rules_dir", "RuleCommon", "Scope", "Examples",
           "ExampleDoc", "CONTEXT_FILTERS", "LAW_NAMES", "str_or"]
