"""JSON Schema for rule files, built from the same pydantic models the loader validates with,
so an editor (VS Code with the YAML extension) can complete and check rule files.

    $ docmine rules schema > docmine-rules.schema.json
    # in a rule file:  # yaml-language-server: $schema=docmine-rules.schema.json
"""

from __future__ import annotations

from typing import Any

from . import registry
from ..vocabulary import kind_of, shipped
from .loader import RuleCommon


def json_schema() -> dict[str, Any]:
    """The schema: a mapping with ``rules:``, each rule the common keys plus its type's keys."""
    common = RuleCommon.model_json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = dict(common.pop("$defs", {}))
    variants = []
    for name in registry.names():
        params = registry.get(name).Params.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(params.pop("$defs", {}))
        props = dict(common["properties"])
        props.update(params.get("properties", {}))
        props["type"] = {"const": name, "description": (registry.get(name).__doc__ or "").strip().splitlines()[0]}
        required = sorted(set(common.get("required", [])) | set(params.get("required", [])))
        variants.append({"title": f"regel van type {name}", "type": "object", "properties": props,
                         "required": required, "additionalProperties": False,
                         "if": {"properties": {"type": {"const": name}}, "required": ["type"]}})
    rule = {"type": "object", "required": ["id", "type", "severity", "message"],
            "properties": {"type": {"enum": registry.names()}},
            "allOf": [{"if": v.pop("if"), "then": v} for v in variants]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "docmine rule pack",
        "type": "object",
        "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                       "rules": {"type": "array", "items": {"$ref": "#/$defs/Rule"}},
                       "vocabulary": {"type": "object", "description": "aanvullingen op de woordenlijsten ('docmine vocab')",
                                      "properties": {k: {"type": {"lijst": "array", "tabel": "object"}.get(kind_of(v), "string")}
                                                     for k, v in shipped().data.items()},
                                      "additionalProperties": False}},
        "anyOf": [{"required": ["rules"]}, {"required": ["vocabulary"]}],
        "additionalProperties": False,
        "$defs": {**defs, "Rule": rule},
    }
