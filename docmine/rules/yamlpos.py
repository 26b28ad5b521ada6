"""YAML with positions: turn a ``yaml.compose`` node tree into plain Python values and keep
where every value and key stands, so validation errors can point at ``file:line:col``.

    >>> data, marks, problems = load_with_marks("rules:\\n  - id: x\\n", "a.yml")
    >>> marks[("rules", 0, "id")].line
    2

Only the safe YAML subset is built (``SafeConstructor`` for scalars); nothing is executed. An
alias (``*naam``) is built again at every place it is used, so a few nested anchors can stand for
billions of values: building stops after ``MAX_VALUES`` values per file with a problem at the
anchor (a rule file of 564 bytes took 6 GB and minutes before).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .. import errors


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass
class Problem:
    """One problem in a rule file, formatted like a compiler error by ``format``."""

    file: str
    line: int
    col: int
    message: str
    hint: str | None = None

    def format(self, source_lines: list[str] | None) -> str:
        out = f"{self.file}:{self.line}:{self.col}: error: {self.message}"
        if source_lines is not None and 1 <= self.line <= len(source_lines):
            src = source_lines[self.line - 1].rstrip("\n").replace("\t", " ")
            gutter = f"{self.line:>5} | "
            out += f"\n{gutter}{src}\n{' ' * (len(gutter) - 2)}| {' ' * max(self.col - 1, 0)}^"
        if self.hint:
            out += f"\n  hint: {self.hint}"
        return out


Path_ = tuple  # a path into the data: ("rules", 0, "terms", 2)
MAX_VALUES = 100_000  # values (scalars, lists, mappings) built from one file; the shipped packs: < 600 each


class _TooMany(Exception):
    """The file stands for more than MAX_VALUES values (aliases used inside aliases)."""

    def __init__(self, node: yaml.Node, path: tuple) -> None:
        super().__init__()
        self.node = node
        self.path = path


class _Budget:
    """How many more values may be built from one file."""

    def __init__(self, left: int) -> None:
        self.left = left
KEY = "__key__"  # marks[path + (KEY,)] is where the key of a mapping entry stands


class _Scalar(SafeConstructor):
    pass


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.ScalarNode) -> Any:
    # SafeConstructor's value of a text is the text itself: no constructor per scalar
    # (node_to_python of the shipped packs 3.8 -> 1.9 ms)
    if node.tag == _STR_TAG:
        return node.value
    try:
        return _Scalar().construct_object(node, deep=True)
    except Exception:  # e.g. 2015-13-01 resolves to a timestamp but is not a date
        return node.value


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def node_to_python(node: yaml.Node, file: str, marks: dict[tuple, Mark], problems: list[Problem],
                   path: tuple = (), budget: _Budget | None = None) -> Any:
    """Build Python values from ``node``; record positions in ``marks``; duplicate keys and
    unsupported YAML (anchors to complex types are fine, tags are not) become ``problems``.
    Raises ``_TooMany`` past the ``budget`` of values (default MAX_VALUES)."""
    if budget is None:
        budget = _Budget(MAX_VALUES)
    budget.left -= 1
    if budget.left < 0:
        raise _TooMany(node, path)
    marks[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [node_to_python(n, file, marks, problems, path + (i,), budget) for i, n in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        seen: dict[Any, Mark] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                m = _mark(knode)
                problems.append(Problem(file, m.line, m.col, "een sleutel moet een eenvoudige naam zijn",
                                        "schrijf 'sleutel: waarde'"))
                continue
            key = _scalar(knode)
            if not isinstance(key, str):
                key = str(knode.value)
            km = _mark(knode)
            if key in seen:
                first = seen[key]
                problems.append(Problem(file, km.line, km.col, f"sleutel '{key}' komt twee keer voor",
                                        f"de eerste staat op regel {first.line}; laat er één staan"))
                continue
            seen[key] = km
            marks[path + (key, KEY)] = km
            out[key] = node_to_python(vnode, file, marks, problems, path + (key,), budget)
        return out
    return None


_CLoader = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` with libyaml's C parser when PyYAML has it (the seven shipped packs:
    0.34 -> 0.03 s); on a syntax error the pure-Python parser runs again, so the messages
    and positions users see do not depend on how PyYAML was built."""
    if _CLoader is not None:
        try:
            return yaml.compose(text, Loader=_CLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_with_marks(text: str, file: str) -> tuple[Any, dict[tuple, Mark], list[Problem]]:
    """Parse ``text``; return (data, marks, problems). A syntax error is one problem with the
    position YAML reports and a hint in plain Dutch (tabs, indentation, quotes)."""
    marks: dict[tuple, Mark] = {}
    problems: list[Problem] = []
    try:
        node = _compose(text)
    except RecursionError:
        problems.append(Problem(file, 1, 1, "de YAML is te diep genest", "een regelbestand heeft enkele niveaus; controleer de haakjes"))
        return None, marks, problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        problems.append(Problem(file, line, col, _syntax_message(exc, text, line), _syntax_hint(exc, text, line)))
        return None, marks, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, 1, f"geen geldige YAML: {exc}", "controleer de opmaak"))
        return None, marks, problems
    if node is None:
        return None, marks, problems
    try:
        return node_to_python(node, file, marks, problems), marks, problems
    except _TooMany as exc:  # pointed at the top-level key whose value grew too large
        m = marks.get(exc.path[:1] + (KEY,)) or _mark(exc.node)
        too_many = errors.text("DM202", limit=f"{MAX_VALUES:,}".replace(",", "."))
        problems.append(Problem(file, m.line, m.col, f"{too_many.message} [{too_many.code}]", too_many.hint))
        return None, {}, problems
    except RecursionError:
        problems.append(Problem(file, 1, 1, "de YAML is te diep genest", "een regelbestand heeft enkele niveaus; controleer de inspringing"))
        return None, {}, problems


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = (exc.problem or "").strip()
    lines = text.splitlines()
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in src[: len(src) - len(src.lstrip())] or "found character '\\t'" in problem:
        return "tab gebruikt voor inspringen"
    if "mapping values are not allowed" in problem and _over_indented(lines, line):
        return "verkeerd ingesprongen: deze regel springt verder in dan de regel erboven"
    if "mapping values are not allowed" in problem:
        return "onverwachte ':' (verkeerd ingesprongen, of een waarde met ':' zonder aanhalingstekens)"
    if "expected <block end>" in problem or "did not find expected key" in problem or \
            "expected '-' indicator" in problem or "did not find expected '-'" in problem:
        return "verkeerd ingesprongen: deze regel past niet bij de regels erboven"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in str(exc.context or ""):
        return "aanhalingsteken niet gesloten"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return f"ongeldige YAML: {problem}"
    return f"ongeldige YAML: {problem or exc}"


def _over_indented(lines: list[str], line: int) -> bool:
    if not (1 < line <= len(lines)):
        return False
    cur = lines[line - 1]
    prev = next((l for l in reversed(lines[: line - 1]) if l.strip() and not l.lstrip().startswith("#")), "")
    ind = lambda l: len(l) - len(l.lstrip(" "))
    return ind(cur) > ind(prev) and not prev.rstrip().endswith(":") and not prev.lstrip().startswith("- ")


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    msg = _syntax_message(exc, text, line)
    if msg.startswith("tab"):
        return "YAML staat alleen spaties toe om in te springen; vervang de tab door spaties"
    if msg.startswith("verkeerd ingesprongen"):
        return "sleutels van één regel staan precies onder elkaar; een nieuwe regel begint met '- '"
    if msg.startswith("onverwachte ':'"):
        return "zet tekst met een dubbele punt tussen aanhalingstekens, of controleer het inspringen"
    if msg.startswith("aanhalingsteken"):
        return "sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint"
    return "controleer de opmaak rond deze plek"
