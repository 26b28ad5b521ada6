"""The vocabulary's words about the levels of a product family (rules/vocabulary/niveaus.yml),
compiled once per vocabulary (``scales``): level orders, how much support a described group
needs (``self_reliance_need``), diagnoses, the staff scale (``staff_level``), vague quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import normalise
from ..vocabulary import current


@dataclass(eq=False)
class _Scales:
    """The vocabulary's scale words (rules/vocabulary/niveaus.yml), compiled once per vocabulary."""

    orders: list[list[str]]
    diagnoses: list[str]
    gate: re.Pattern[str]
    example: re.Pattern[str]
    anchors: tuple[str, ...]
    heads: frozenset[str]  # the first word of each anchor
    neg: frozenset[str]
    partial: frozenset[str]
    limited: frozenset[str]
    mostly: frozenset[str]
    need_cues: list[tuple[re.Pattern[str], float]]
    staff: list[tuple[re.Pattern[str], float]]
    vague: re.Pattern[str]


def _build_scales(voc) -> _Scales:
    sr = voc.get("self_reliance", default={}) or {}

    def words(k: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in sr.get(k, []))
    gates = [re.escape(str(g)).replace(r"\ ", r"\s+") for g in voc.get("diagnosis_gates", default=[])]
    return _Scales(
        orders=[[" ".join(str(n).lower().split()) for n in o] for o in voc.get("level_orders", default=[])],
        diagnoses=[str(d) for d in voc.get("diagnoses", default=[])],
        gate=re.compile(r"\b(?:" + "|".join(gates or ["alleen"]) + r")\b", re.I),
        example=re.compile(r"\b(?:" + "|".join([re.escape(str(g)).replace(r"\ ", r"\s+") for g in voc.get("diagnosis_examples", default=[])]
                                             or ["zoals"]) + r")\b", re.I),
        anchors=tuple(sorted((str(a).lower() for a in sr.get("anchors", [])), key=len, reverse=True)),
        heads=frozenset(str(a).lower().split()[0] for a in sr.get("anchors", []) if str(a).strip()),
        neg=words("negation"), partial=words("partial"), limited=words("limited"), mostly=words("mostly"),
        # a cue is a whole word or phrase: it ends at a word boundary, and where it starts is checked
        # at a match (``_word_matches``: re skips to the letters it starts with)
        need_cues=[(re.compile(rf"(?:{k})\b"), float(v)) for k, v in (voc.get("need_cues", default={}) or {}).items()],
        staff=[(re.compile(rf"\b{k}", re.I), float(v)) for k, v in (voc.get("staff_scale", default={}) or {}).items()],
        vague=re.compile(r"\b(?:" + ("|".join(re.escape(str(w)) for w in voc.get("vague_quantities", default=[])) or "enkele")
                         + r")\s+(?:" + ("|".join(re.escape(str(u)) for u in voc.get("omvang_units", default={})) or "uur") + r")\b"),
    )


def scales() -> _Scales:
    """The scale words of the running audit's vocabulary."""
    return current().derived("levels-scales", _build_scales)


def self_reliance_need(text: str) -> tuple[float | None, list[str]]:
    """How much support the described group needs, from negation and need cues; None without cues.

    Positive = less self-reliant. ``"De cliënt is niet geheel in staat ..."`` -> 1.0;
    ``"De cliënt is in staat ..."`` -> -1.0.

    >>> self_reliance_need("De cliënt is niet geheel in staat om zelfstandig een dag in te vullen.")[0]
    1.0
    >>> self_reliance_need("De cliënt is in staat om zelfstandig een dag in te vullen.")[0]
    -1.0
    """
    need, cues = _need(text)
    return need, list(cues)


def _need(text: str) -> tuple[float | None, tuple[str, ...]]:
    return _need_in(text, scales())


def _need_in(text: str, sc: _Scales) -> tuple[float | None, tuple[str, ...]]:
    norm = normalise(text)
    words = norm.split()
    values: list[float] = []
    cues: list[str] = []
    i = 0
    consumed_until = -1
    while i < len(words):
        w = words[i]
        anchor = None
        if i > consumed_until and w in sc.heads:  # no anchor starts with another word
            two = " ".join(words[i:i + 2])
            anchor = two if two in sc.anchors else w if w in sc.anchors else None
        if anchor is None:
            i += 1
            continue
        # look back within the clause (no more than 5 words)
        back = words[max(0, i - 5):i]
        neg = any(b in sc.neg for b in back)
        limited = any(b in sc.limited for b in back)
        mostly = any(b in sc.mostly for b in back)
        if neg:
            # "niet geheel in staat" = partly unable; "geheel niet" / "niet" = unable
            idx_neg = max(k for k, b in enumerate(back) if b in sc.neg)
            partial_after = any(b in sc.partial for b in back[idx_neg + 1:])
            value = 1.0 if partial_after else 2.0
            if mostly and not partial_after:
                value = 1.5
        elif limited:
            value = 0.5 if " " in anchor else 1.0
        elif mostly:
            value = -0.5
        else:
            value = -1.0
        values.append(value)
        cues.append(" ".join(back[-3:] + anchor.split()))
        # the object of an ability ("in staat om zelfstandig ...") is part of the same cue
        consumed_until = i + (6 if " " in anchor else 1)
        i += len(anchor.split())
    for pat, val in sc.need_cues:
        for m in _word_matches(pat, norm):
            values.append(val)
            cues.append(m.group(0))
    if not values:
        return None, ()
    return sum(values) / len(values), tuple(cues)


def _word_matches(rx: re.Pattern[str], text: str):
    """The matches of ``rx`` that start at a word boundary, left to right, not overlapping (as
    ``finditer`` of ``\\b`` followed by ``rx``)."""
    pos = 0
    m = rx.search(text, pos)
    while m is not None:
        s = m.start()
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_")) == (text[s:s + 1].isalnum() or text[s:s + 1] == "_"):
            m = rx.search(text, s + 1)  # no boundary here
            continue
        yield m
        m = rx.search(text, max(m.end(), s + 1))


def staff_level(text: str) -> tuple[float, str] | None:
    """The highest step of the vocabulary's staff_scale named in ``text`` and the words naming it.

    >>> staff_level("een beroepskracht op mbo-niveau, aangevuld met vrijwilligers")
    (1.0, 'mbo')
    """
    best: tuple[float, str] | None = None
    for pat, val in scales().staff:
        m = pat.search(text)
        if m and (best is None or val > best[0]):
            best = (val, m.group(0))
    return best
