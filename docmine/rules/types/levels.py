"""Rule type ``levels``: the levels of one product family must rise together.

An arrangementsbeschrijving describes each product family (``Begeleiding Groep``) in levels
(laag < midden < hoog, basis < plus, licht < middel < zwaar). A higher level is for clients who
are less self-reliant, gets at least as much omvang and tarief, and is described differently
from its neighbours. One sub-check per rule (``check:``), so each can be switched off or tuned:

- ``inverted``: the lower level describes the *less* self-reliant group (scored from negation
  and need cues such as "niet geheel in staat", "volledig afhankelijk", "intensieve");
- ``falling``: omvang (same unit and period) or tarief (same unit) falls as the level rises;
- ``identical``: neighbouring levels described (near-)identically (doelgroep + aanbod);
- ``jump``: omvang or tarief rises by more than ``max_ratio`` between neighbours;
- ``diagnosis``: a level gated by a diagnosis (NAH, autisme, ...) instead of the support need;
- ``mixed``: one step between levels is about omvang only, another about aard (kind) only.

Example (YAML)::

    - id: niveaus-omgedraaid
      type: levels
      check: inverted
      severity: error
      message: "{family}: niveau {level} beschrijft een zelfredzamere doelgroep dan {other}."
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ...model import Clause, Document, Finding
from ...text import fill, normalise
from ..base import EXCERPT_MAX, Context, RuleType, make_finding
from ..registry import register

DEFAULT_ORDERS = [
    ["laag", "midden", "hoog"],
    ["basis", "plus"],
    ["licht", "middel", "zwaar"],
    ["licht", "midden", "zwaar"],
    ["laag", "middel", "hoog"],
    ["basis", "midden", "intensief"],
    ["licht", "intensief"],
    ["laag", "hoog"],
    ["kort", "middellang", "lang"],
]

DEFAULT_DIAGNOSES = [
    r"nah", r"niet[- ]aangeboren hersenletsel", r"autism\w*", r"autistisch\w*", r"ass",
    r"psychische stoornis\w*", r"psychiatrische (?:stoornis|aandoening|ziekte)\w*", r"dementie",
    r"alzheimer", r"verstandelijke beperking\w*", r"lvb", r"adhd", r"add", r"korsakov",
    r"parkinson", r"ms", r"multiple sclerose", r"schizofrenie", r"persoonlijkheidsstoornis\w*",
    r"dsm(?:[- ]?(?:iv|5|v))?[- ]?(?:diagnose|classificatie)?", r"ggz[- ]diagnose",
]
GATING = re.compile(r"\b(?:alleen|uitsluitend|enkel|diagnose|gediagnosticeerd|vastgestelde|vastgesteld|"
                    r"aangetoonde|aangetoond|bij een|op basis van|voorwaarde|toegang)\b", re.I)

# --------------------------------------------------------------- self-reliance

_NEG = {"niet", "geen", "onvoldoende", "nauwelijks", "moeilijk", "slecht", "amper", "zelden"}
_PARTIAL = {"geheel", "volledig", "helemaal", "altijd", "goed", "voldoende", "zonder"}
_LIMITED = {"beperkt", "gedeeltelijk", "deels", "soms", "minder", "verminderd"}
_MOSTLY = {"grotendeels", "redelijk", "goeddeels", "meestal", "overwegend", "vrij", "veelal", "nog"}
_ABILITY = ("in staat", "zelfstandig", "zelfredzaam", "zelfredzaamheid", "zelf", "regie")
# need cues: (regex on normalised text, need value)
_NEED_CUES: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"\b(?:volledig|geheel|sterk|grotendeels) afhankelijk\b"), 2.0),
    (re.compile(r"\bafhankelijk van (?:zorg|hulp|ondersteuning|begeleiding|anderen)\b"), 1.5),
    (re.compile(r"\bintensiev?e?\b"), 1.0),
    (re.compile(r"\b(?:complexe|complex|meervoudige|ernstige|ernstig|zware|zwaar|forse)\b"), 1.0),
    (re.compile(r"\b(?:permanent|continu|voortdurend|dagelijks|24 uurs?) (?:toezicht|aanwezig|begeleiding|ondersteuning)"), 1.0),
    (re.compile(r"\b(?:methodische|multidisciplinaire|specialistische)\b"), 0.5),
    (re.compile(r"\b(?:lichte|milde|geringe|enkelvoudige) (?:problematiek|beperking\w*|ondersteunings\w*|hulpvraag|zorgvraag)"), -1.0),
    (re.compile(r"\bbeperkte (?:ondersteunings|hulp|zorg)?(?:vraag|behoefte)\b"), -1.0),
    (re.compile(r"\b(?:af en toe|incidenteel|kortdurend|licht) (?:ondersteuning|begeleiding|hulp)"), -0.5),
]


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


@functools.lru_cache(maxsize=1024)
def _need(text: str) -> tuple[float | None, tuple[str, ...]]:
    # cached: inverted and identical score every level's doelgroep again (3 calls per level)
    norm = normalise(text)
    words = norm.split()
    values: list[float] = []
    cues: list[str] = []
    i = 0
    consumed_until = -1
    while i < len(words):
        w = words[i]
        two = " ".join(words[i:i + 2])
        anchor = None
        if two == "in staat":
            anchor = two
        elif w in ("zelfstandig", "zelfredzaam", "zelfredzaamheid", "zelfstandige"):
            anchor = w
        if anchor is None or i <= consumed_until:
            i += 1
            continue
        # look back within the clause (no more than 5 words)
        back = words[max(0, i - 5):i]
        neg = any(b in _NEG for b in back)
        limited = any(b in _LIMITED for b in back)
        mostly = any(b in _MOSTLY for b in back)
        if neg:
            # "niet geheel in staat" = partly unable; "geheel niet" / "niet" = unable
            idx_neg = max(k for k, b in enumerate(back) if b in _NEG)
            partial_after = any(b in _PARTIAL for b in back[idx_neg + 1:])
            value = 1.0 if partial_after else 2.0
            if mostly and not partial_after:
                value = 1.5
        elif limited:
            value = 0.5 if anchor == "in staat" else 1.0
        elif mostly:
            value = -0.5
        else:
            value = -1.0
        values.append(value)
        cues.append(" ".join(back[-3:] + anchor.split()))
        # the object of an ability ("in staat om zelfstandig ...") is part of the same cue
        consumed_until = i + (6 if anchor == "in staat" else 1)
        i += len(anchor.split())
    for pat, val in _NEED_CUES:
        for m in pat.finditer(norm):
            values.append(val)
            cues.append(m.group(0))
    if not values:
        return None, ()
    return sum(values) / len(values), tuple(cues)


# --------------------------------------------------------------- levels of a family

@dataclass
class Level:
    clause: Clause
    family: str
    name: str
    rank: float
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """Doelgroep and aanbod: what a level says about whom it serves and what it offers
        ("" for a bare table row, which has nothing to compare)."""
        parts = [str(self.attrs.get(k) or "") for k in ("doelgroep", "aanbod")]
        return " ".join(p for p in parts if p.strip())

    @property
    def doelgroep(self) -> str:
        if self.attrs.get("doelgroep"):
            return str(self.attrs["doelgroep"])
        return "" if self.attrs.get("source") == "table" else self.clause.text


def _order_rank(name: str, orders: list[list[str]]) -> tuple[int, float] | None:
    n = name.strip().lower()
    for oi, order in enumerate(orders):
        if n in order:
            return oi, order.index(n) / max(1, len(order) - 1)
    return None


def families(doc: Document, orders: list[list[str]] | None = None, prefer_rank: bool = True) -> dict[str, list[Level]]:
    """The levels of each product family in ``doc``, lowest first.

    Order: ``attrs.rank`` when the extractor set it (unless ``prefer_rank`` is off because the
    rule gives its own order), otherwise the first of ``orders`` holding every level name
    (laag < midden < hoog ...). A family whose order is unknown is left out.
    """
    orders = orders or DEFAULT_ORDERS
    by_id = {c.id: c for c in doc.clauses}
    fams: dict[str, list[Level]] = {}
    for c in doc.clauses:
        if c.kind != "niveau":
            continue
        attrs = c.attrs or {}
        parent = by_id.get(c.parent or "")
        family = attrs.get("family") or (parent.attrs.get("family") if parent else None) or (parent.title if parent else None)
        name = str(attrs.get("level") or c.title or "").strip().lower()
        if not family or not name:
            continue
        fams.setdefault(str(family), []).append(Level(c, str(family), name, -1, attrs))
    out: dict[str, list[Level]] = {}
    for fam, levels in fams.items():
        ranks = [_as_number(lv.attrs.get("rank")) for lv in levels]
        has_rank = all(r is not None for r in ranks)
        chosen = next((o for o in orders if all(lv.name in o for lv in levels)), None)
        if has_rank and (prefer_rank or chosen is None):
            for lv, r in zip(levels, ranks):
                lv.rank = r
        elif chosen is not None:
            for lv in levels:
                lv.rank = chosen.index(lv.name)
        else:
            continue
        levels.sort(key=lambda lv: (lv.rank, lv.clause.start))
        # one Level per name: a table row and a text paragraph may both describe a level; the
        # text (with doelgroep) is where the finding goes, the table fills in what it lacks
        merged: dict[str, Level] = {}
        for lv in sorted(levels, key=lambda lv: (lv.attrs.get("source") == "table", not lv.attrs.get("doelgroep"), lv.clause.start)):
            if lv.name not in merged:
                merged[lv.name] = Level(lv.clause, lv.family, lv.name, lv.rank, dict(lv.attrs))
                continue
            base = merged[lv.name].attrs
            for k, v in lv.attrs.items():
                if v not in (None, "", [], {}) and base.get(k) in (None, "", [], {}):
                    base[k] = v
        uniq = sorted(merged.values(), key=lambda lv: (lv.rank, lv.clause.start))
        if len(uniq) >= 2:
            out[fam] = uniq
    return out


_LAST_FAMILIES: list[Any] = [None, None, None]  # (document, key, families)


def _families_of(doc: Document, orders: list[list[str]], prefer_rank: bool) -> dict[str, list[Level]]:
    """``families(doc, orders, prefer_rank)``, remembered for the last document: the six levels
    rules run one after the other on the same document and each needed the families (the
    checks only read them). Holds on to that one document (so its id is not reused)."""
    key = (tuple(map(tuple, orders)), prefer_rank, len(doc.clauses), len(doc.text))
    last = _LAST_FAMILIES
    if last[0] is doc and last[1] == key:
        return last[2]
    fams = families(doc, orders, prefer_rank)
    last[:] = [doc, key, fams]
    return fams


def _as_number(v: Any) -> float | None:
    try:
        return float(v) if v is not None and str(v).strip() != "" else None
    except (TypeError, ValueError):
        return None


def _omvang_by_key(level: Level) -> dict[tuple[str, str | None], float]:
    """Largest omvang value per (unit, period)."""
    out: dict[tuple[str, str | None], float] = {}
    for o in level.attrs.get("omvang") or []:
        try:
            value = float(o.get("value"))
        except (TypeError, ValueError):
            continue
        unit = _unit(str(o.get("unit") or ""))
        if not unit:
            continue
        key = (unit, (o.get("per") or None))
        out[key] = max(out.get(key, value), value)
    return out


def _unit(u: str) -> str:
    u = u.strip().lower()
    for stem, canon in (("uur", "uur"), ("uren", "uur"), ("dagde", "dagdeel"), ("contact", "contactmoment"),
                        ("etmal", "etmaal"), ("etmaal", "etmaal"), ("dag", "dag"), ("minu", "minuut")):
        if u.startswith(stem):
            return canon
    return u


def _tarief(level: Level) -> tuple[float, str] | None:
    t = level.attrs.get("tarief")
    if not isinstance(t, dict):
        return None
    try:
        amount = float(t.get("amount"))
    except (TypeError, ValueError):
        return None
    return amount, " ".join(str(t.get("unit") or "").lower().split())


_UNIT_NL = {"uur": "uur", "dagdeel": "dagdelen", "contactmoment": "contactmomenten", "etmaal": "etmalen",
            "dag": "dagen", "minuut": "minuten"}


def _fmt_num(v: float) -> str:
    return (f"{v:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


def _fmt_eur(v: float) -> str:
    """Dutch money: 1234.5 -> '€ 1.234,50'."""
    return "€ " + f"{v:,.2f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _omvang_label(key: tuple[str, str | None], value: float) -> str:
    unit, per = key
    s = f"{_fmt_num(value)} {_UNIT_NL.get(unit, unit)}"
    return s + (f" per {per}" if per else "")


@functools.lru_cache(maxsize=256)
def _name_patterns(names: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], ...]:
    """The level name and family patterns ``_strip_names`` removes, in order (cached: the
    names were normalised again for every pair of levels)."""
    out = []
    for name, family in names:
        out.append(re.compile(rf"\b{re.escape(normalise(name))}\b"))
        out.append(re.compile(rf"\b{re.escape(normalise(family))}\b"))
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def _strip_names(text: str, names: tuple[tuple[str, str], ...]) -> str:
    """A level's description normalised, without the level and family names (cached: each
    level is in two neighbouring pairs)."""
    norm = normalise(text)
    for pat in _name_patterns(names):
        norm = pat.sub(" ", norm)
    return " ".join(norm.split())


# the aanbod of a level, compared in both of its pairs
_normalise_short = functools.lru_cache(maxsize=1024)(normalise)


# --------------------------------------------------------------- rule type

class LevelsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: Literal["inverted", "falling", "identical", "jump", "diagnosis", "mixed"]
    order: list[list[str]] | list[str] | None = None
    margin: float = 0.25  # inverted: need(lower) must exceed need(higher) by more than this
    threshold: float = 90.0  # identical: rapidfuzz similarity of doelgroep + aanbod
    max_ratio: float = 2.5  # jump: omvang or tarief of the higher level / the lower one
    diagnoses: list[str] | None = None  # regexes; default DEFAULT_DIAGNOSES
    aard_threshold: float = 80.0  # mixed: aanbod at least this similar = same aard


@register("levels")
class LevelsRule(RuleType):
    """Ordered levels of one product family must rise together (document level).

    Example: Begeleiding Groep laag "niet geheel in staat", midden "is in staat" -> inverted.
    """

    level = "document"
    Params = LevelsParams

    def __init__(self, rule) -> None:
        super().__init__(rule)
        o = self.params.order
        if o and isinstance(o[0], str):
            o = [o]
        self.orders = [[str(x).lower() for x in order] for order in o] + DEFAULT_ORDERS if o else DEFAULT_ORDERS
        pats = self.params.diagnoses or DEFAULT_DIAGNOSES
        self.diagnosis_re = re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.I)

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        out: list[Finding] = []
        for fam, levels in _families_of(doc, self.orders, not self.params.order).items():
            out.extend(getattr(self, "_" + self.params.check)(doc, fam, levels))
        return out

    # -- helpers

    def _finding(self, doc: Document, fam: str, lv: Level, other: Level, detail: str) -> Finding:
        msg = fill(self.rule.message, family=fam, level=lv.name, other=other.name, detail=detail)
        if "{detail}" not in self.rule.message:
            msg = f"{msg} {detail}".strip()
        related = [{"document": doc.path, "clause": other.clause.id, "excerpt": other.clause.text[:EXCERPT_MAX]}]
        return make_finding(self.rule, doc, lv.clause.start, lv.clause.end, clause=lv.clause,
                            message=msg, related=related, excerpt=lv.clause.text)

    @staticmethod
    def _pairs(levels: list[Level]):
        return zip(levels, levels[1:])

    # -- sub-checks

    def _inverted(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        scored = [(lv, *self_reliance_need(lv.doelgroep)) for lv in levels]
        scored = [s for s in scored if s[1] is not None]
        out = []
        for (lo, need_lo, cues_lo), (hi, need_hi, cues_hi) in zip(scored, scored[1:]):
            if need_lo - need_hi > self.params.margin:
                detail = (f"Bij {lo.name} staat '{'; '.join(cues_lo[:2])}', bij {hi.name} '{'; '.join(cues_hi[:2])}': "
                          f"de doelgroep van {lo.name} lijkt minder zelfredzaam dan die van {hi.name}.")
                out.append(self._finding(doc, fam, hi, lo, detail))
        return out

    def _falling(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        out = []
        for lo, hi in self._pairs(levels):
            reasons = []
            o_lo, o_hi = _omvang_by_key(lo), _omvang_by_key(hi)
            for key in sorted(set(o_lo) & set(o_hi), key=str):
                if o_hi[key] < o_lo[key]:
                    reasons.append(f"omvang {_omvang_label(key, o_hi[key])} bij {hi.name} tegen "
                                   f"{_omvang_label(key, o_lo[key])} bij {lo.name}")
            t_lo, t_hi = _tarief(lo), _tarief(hi)
            if t_lo and t_hi and t_lo[1] == t_hi[1] and t_hi[0] < t_lo[0]:
                reasons.append(f"tarief {_fmt_eur(t_hi[0])} bij {hi.name} tegen {_fmt_eur(t_lo[0])} bij {lo.name}")
            if reasons:
                out.append(self._finding(doc, fam, hi, lo, "Lager bij het hogere niveau: " + "; ".join(reasons) + "."))
        return out

    def _identical(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        out = []
        for lo, hi in self._pairs(levels):
            a, b = self._strip_names(lo.description, levels), self._strip_names(hi.description, levels)
            if not a or not b:
                continue
            score = fuzz.ratio(a, b)
            need_lo, need_hi = self_reliance_need(lo.doelgroep)[0], self_reliance_need(hi.doelgroep)[0]
            if need_lo is not None and need_hi is not None and abs(need_lo - need_hi) > self.params.margin:
                continue  # worded alike but saying something else ("niet geheel in staat" vs "in staat")
            if score >= self.params.threshold:
                detail = f"De beschrijvingen van {lo.name} en {hi.name} komen voor {score:.0f}% overeen."
                out.append(self._finding(doc, fam, hi, lo, detail))
        return out

    @staticmethod
    def _strip_names(text: str, levels: list[Level]) -> str:
        return _strip_names(text, tuple((lv.name, lv.family) for lv in levels))

    def _jump(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        out = []
        r = self.params.max_ratio
        for lo, hi in self._pairs(levels):
            reasons = []
            o_lo, o_hi = _omvang_by_key(lo), _omvang_by_key(hi)
            for key in sorted(set(o_lo) & set(o_hi), key=str):
                if o_lo[key] > 0 and o_hi[key] / o_lo[key] > r:
                    reasons.append(f"omvang van {_omvang_label(key, o_lo[key])} naar {_omvang_label(key, o_hi[key])}")
            t_lo, t_hi = _tarief(lo), _tarief(hi)
            if t_lo and t_hi and t_lo[1] == t_hi[1] and t_lo[0] > 0 and t_hi[0] / t_lo[0] > r:
                reasons.append(f"tarief van {_fmt_eur(t_lo[0])} naar {_fmt_eur(t_hi[0])}")
            if reasons:
                detail = (f"Van {lo.name} naar {hi.name}: " + "; ".join(reasons)
                          + f" (meer dan {_fmt_num(r)} keer zo veel); er lijkt een tussenniveau te ontbreken.")
                out.append(self._finding(doc, fam, hi, lo, detail))
        return out

    def _diagnosis(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        out = []
        mentions = {lv.name: {normalise(m.group(0)) for m in self.diagnosis_re.finditer(lv.doelgroep)} for lv in levels}
        for i, lv in enumerate(levels):
            found = mentions[lv.name]
            if not found:
                continue
            neighbours = [levels[j] for j in (i - 1, i + 1) if 0 <= j < len(levels)]
            others = [n for n in neighbours if not (mentions[n.name] & found)]
            gated = any(GATING.search(s) and self.diagnosis_re.search(s)
                        for s in re.split(r"(?<=[.;:])\s+", lv.doelgroep))
            if not others and not gated:
                continue
            other = others[0] if others else neighbours[0]
            names = ", ".join(sorted(found))
            detail = (f"Toegang tot {lv.name} hangt af van een diagnose ({names}) in plaats van de benodigde "
                      f"ondersteuning; bij {other.name} speelt die diagnose geen rol.")
            out.append(self._finding(doc, fam, lv, other, detail))
        return out

    def _mixed(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        """One step differs in omvang only (same aard), another in aard only (same omvang)."""
        if len(levels) < 3:
            return []
        omvang_only, aard_only = [], []
        for lo, hi in self._pairs(levels):
            o_lo, o_hi = _omvang_by_key(lo), _omvang_by_key(hi)
            common = set(o_lo) & set(o_hi)
            if not common:
                continue
            omvang_differs = any(o_lo[k] != o_hi[k] for k in common)
            a = _normalise_short(str(lo.attrs.get("aanbod") or ""))
            b = _normalise_short(str(hi.attrs.get("aanbod") or ""))
            if not a or not b:
                continue
            same_aard = fuzz.token_set_ratio(a, b) >= self.params.aard_threshold
            if omvang_differs and same_aard:
                omvang_only.append((lo, hi))
            elif not omvang_differs and not same_aard:
                aard_only.append((lo, hi))
        if not (omvang_only and aard_only):
            return []
        (o1, o2), (a1, a2) = omvang_only[0], aard_only[0]
        detail = (f"Van {o1.name} naar {o2.name} verschilt alleen de omvang, van {a1.name} naar {a2.name} "
                  f"alleen de aard van de ondersteuning: de niveaus mengen aard en omvang.")
        return [self._finding(doc, fam, a2, a1, detail)]
