"""The registry of rule types: ``type:`` in YAML -> the class in ``docmine/rules/types/``.

A rule type is one module with one class registered under its YAML name::

    @register("term")
    class TermRule(RuleType):
        Params = TermParams            # pydantic model of the type's own YAML keys
        level = "document"             # or "corpus"
        def check_document(self, rule, doc, ctx): ...

Importing ``docmine.rules.types`` imports every module there, which fills the registry.
"""

from __future__ import annotations

from .base import RuleType

_REGISTRY: dict[str, type[RuleType]] = {}


def register(name: str):
    def deco(cls: type[RuleType]) -> type[RuleType]:
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return deco


def _load() -> None:
    from . import types  # noqa: F401  (fills the registry)


def get(name: str) -> type[RuleType]:
    _load()
    return _REGISTRY[name]


def names() -> list[str]:
    _load()
    return sorted(_REGISTRY)
