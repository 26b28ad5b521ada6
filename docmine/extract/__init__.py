"""Classify each document and build its clause tree. (Placeholder until extraction lands.)"""

from __future__ import annotations


def extract_structure(doc, type_overrides=None):
    return doc
