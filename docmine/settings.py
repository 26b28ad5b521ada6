"""Settings of an audit: a ``docmine.toml`` (or ``[tool.docmine]`` in ``pyproject.toml``) found
from the audited folder upwards, overridden by what was given on the command line.

    >>> s = resolve(["beleid/"], given={"fail_on": "warning"})
    >>> s.select, s.ignore, s.exclude, s.severity, s.source

A settings file (every key optional; paths relative to the file's folder)::

    select = ["term", "verwijzing-*"]     # controles: ids, types or globs
    ignore = ["indiceren"]
    exclude = ["archief/", "*.concept.docx"]
    fail-on = "warning"
    format = ["html", "xlsx"]
    output = "rapport"
    rules = ["mijn-controles/"]
    no-default-rules = false
    baseline = "geaccepteerd.json"
    type = {"dossiers/*" = "beschikking"}
    folder-pages-above = 2000             # meer documenten: index.html plus een rapport per map

    [severity]                            # ernst per controle (id, type of glob)
    gebruikelijke-zorg = "info"
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import UsageError

REPORT_FORMATS = ("html", "json", "sarif", "csv", "xlsx")  # written unless told otherwise
MORE_FORMATS = ("jsonl",)  # written when asked for (findings.jsonl: for large audits)
STDOUT_FORMATS = ("text", "json", "sarif")
FAIL_ON = ("error", "warning", "info", "never")
CONFIG_NAME = "docmine.toml"


@dataclass
class Settings:
    """Everything an audit is told besides its paths, after file and command line are merged."""

    output: str = "docmine-report"
    formats: list[str] = field(default_factory=lambda: list(REPORT_FORMATS))
    output_format: str | None = None  # what goes to stdout: text (default), json or sarif
    fail_on: str = "error"
    rules: list[str] = field(default_factory=list)  # rule folders or files
    no_default_rules: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    type_overrides: dict[str, str] = field(default_factory=dict)
    baseline: str | None = None
    folder_pages_above: int | None = None  # more documents than this (in 2+ folders): a report page per
    # folder; None: docmine's default (report.folder.SPLIT_ABOVE)
    source: Path | None = None  # the settings file read, if any


# key in the file -> (attribute, kind); kinds: str, bool, count (int >= 0), list (of str), table (str -> str)
_KEYS = {
    "output": ("output", "path"), "format": ("formats", "list"), "output-format": ("output_format", "str"),
    "fail-on": ("fail_on", "str"), "rules": ("rules", "paths"), "no-default-rules": ("no_default_rules", "bool"),
    "select": ("select", "list"), "ignore": ("ignore", "list"), "exclude": ("exclude", "list"),
    "severity": ("severity", "table"), "type": ("type_overrides", "table"), "baseline": ("baseline", "path"),
    "folder-pages-above": ("folder_pages_above", "count"),
}
_CHOICES = {"formats": REPORT_FORMATS + MORE_FORMATS + ("text",), "output_format": STDOUT_FORMATS, "fail_on": FAIL_ON}


def find_config(paths: Iterable[str | os.PathLike]) -> Path | None:
    """The first ``docmine.toml``, or ``pyproject.toml`` with a ``[tool.docmine]`` table, in the
    audited folder (of the first path) or a folder above it."""
    first = next(iter(paths), None)
    if first is None:
        return None
    start = Path(first).resolve()
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "docmine" in _read(project).get("tool", {}):
            return project
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError.of("DM302", "toml", target=path, reason=exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError.of("DM302", "unreadable", target=path, reason=exc) from None


def read_config(path: Path) -> dict[str, Any]:
    """The settings in ``path`` as Settings attributes (paths made relative to the file's folder
    absolute), checked: an unknown key or a wrong value is a UsageError naming the file."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("docmine", {})
        where = f"{path} [tool.docmine]"
    else:
        where = str(path)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), _KEYS, n=1, cutoff=0.6)
            raise UsageError.of("DM302", "unknown_key_close" if close else "unknown_key", where=where, key=key,
                                close=close[0] if close else None, keys=", ".join(_KEYS))
        attr, kind = _KEYS[key]
        out[attr] = _value(where, key, value, kind, path.parent)
        choices = _CHOICES.get(attr)
        bad = [v for v in (out[attr] if isinstance(out[attr], list) else [out[attr]]) if choices and v not in choices]
        if bad:
            raise UsageError.of("DM302", "unknown_value", where=where, key=key, value=value, bad=bad[0],
                                choices=", ".join(choices))
    return out


def _value(where: str, key: str, value: Any, kind: str, base: Path) -> Any:
    def wrong(what: str) -> UsageError:
        return UsageError.of("DM302", "wrong_type", where=where, key=key, what=what, value=value)

    if kind == "count":
        if type(value) is not int or value < 0:
            raise wrong("een geheel getal van 0 of meer")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise wrong("true of false")
        return value
    if kind in ("str", "path"):
        if not isinstance(value, str) or not value:
            raise wrong("tekst")
        return str(base / value) if kind == "path" else value
    if kind in ("list", "paths"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
            raise wrong("een lijst van teksten")
        return [str(base / v) for v in items] if kind == "paths" else list(items)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise wrong('een tabel van teksten (sleutel = "waarde")')
    return dict(value)


def resolve(paths: Iterable[str | os.PathLike], given: Mapping[str, Any] | None = None,
            config: str | os.PathLike | None = None, use_config: bool = True) -> Settings:
    """Settings for an audit of ``paths``: the defaults, then the settings file (``config``, or
    the one ``find_config`` finds unless ``use_config`` is False), then ``given`` (what the user
    typed on the command line, as Settings attributes), each winning over the one before."""
    paths = list(paths)
    settings = Settings()
    source = Path(config) if config else (find_config(paths) if use_config else None)
    if source is not None:
        if not source.is_file():
            raise UsageError.of("DM302", target=source)
        for attr, value in read_config(source).items():
            setattr(settings, attr, value)
        settings.source = source
    names = {f.name for f in fields(Settings)}
    for attr, value in (given or {}).items():
        if attr not in names:
            raise TypeError(f"unknown setting {attr!r}")
        setattr(settings, attr, value)
    return settings
