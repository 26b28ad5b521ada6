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
from functools import cached_property
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from ...extract.level_text import level_of
from ...model import Clause, Document, Finding
from ...text import fill, normalise, original_words
from ...vocabulary import current
from ..base import EXCERPT_MAX, Context, RuleType, make_finding
from ..registry import register
from ..scales import scales, self_reliance_need, staff_level


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
        return " ".join(p for p in parts if p.strip()) or str(self.attrs.get("beschrijving") or "")

    @cached_property
    def need(self) -> tuple[float | None, list[str]]:
        """How much support its doelgroep describes (``self_reliance_need``; two checks ask it)."""
        return self_reliance_need(self.doelgroep)

    @property
    def doelgroep(self) -> str:
        """Its doelgroep; else, outside a table, its text without its heading (a level named
        "Zwaar" or "Intensief" says nothing about its clients by that name)."""
        if self.attrs.get("doelgroep"):
            return str(self.attrs["doelgroep"])
        if self.attrs.get("source") == "table":
            return ""
        head, _, rest = self.clause.text.partition("\n")
        return rest if rest.strip() and level_of(head) is not None else self.clause.text


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
    orders = orders or scales().orders
    out: dict[str, list[Level]] = {}
    for fam, levels in _family_levels(doc).items():
        if not _ranked(levels, orders, prefer_rank):
            continue
        uniq = _one_per_name(levels)
        if len(uniq) >= 2:
            out[fam] = uniq
    return out


def _family_levels(doc: Document) -> dict[str, list[Level]]:
    """The document's level clauses by family (the clause's own, else its parent's, else the
    parent's title), unranked."""
    by_id = {c.id: c for c in doc.clauses}
    fams: dict[str, list[Level]] = {}
    for c in doc.clauses:
        if c.kind != "niveau":
            continue
        attrs = c.attrs or {}
        parent = by_id.get(c.parent or "")
        family = attrs.get("family") or (parent.attrs.get("family") if parent else None) or (parent.title if parent else None)
        name = str(attrs.get("level") or c.title or "").strip().lower()
        if family and name:
            fams.setdefault(str(family), []).append(Level(c, str(family), name, -1, attrs))
    return fams


def _ranked(levels: list[Level], orders: list[list[str]], prefer_rank: bool) -> bool:
    """Give each level its rank (see ``families``) and sort them; False when no order is known."""
    ranks = [_as_number(lv.attrs.get("rank")) for lv in levels]
    has_rank = all(r is not None for r in ranks)
    chosen = next((o for o in orders if all(lv.name in o for lv in levels)), None)
    if has_rank and (prefer_rank or chosen is None):
        for lv, r in zip(levels, ranks):
            lv.rank = r  # type: ignore[assignment]
    elif chosen is not None:
        for lv in levels:
            lv.rank = chosen.index(lv.name)
    else:
        return False
    levels.sort(key=lambda lv: (lv.rank, lv.clause.start))
    return True


def _one_per_name(levels: list[Level]) -> list[Level]:
    """One Level per name: a table row and a text paragraph may both describe a level; the text
    (with doelgroep) is where the finding goes, the table fills in what it lacks."""
    merged: dict[str, Level] = {}
    for lv in sorted(levels, key=lambda lv: (lv.attrs.get("source") == "table", not lv.attrs.get("doelgroep"), lv.clause.start)):
        if lv.name not in merged:
            merged[lv.name] = Level(lv.clause, lv.family, lv.name, lv.rank, dict(lv.attrs))
            continue
        base = merged[lv.name].attrs
        for k, v in lv.attrs.items():
            if v not in (None, "", [], {}) and base.get(k) in (None, "", [], {}):
                base[k] = v
    return sorted(merged.values(), key=lambda lv: (lv.rank, lv.clause.start))


def _span(lv: Level, about: str) -> tuple[int, int, str]:
    """Where a finding about ``lv`` goes: its clause, or for ``about="tarief"`` the tariff table's
    row when the clause's own text does not give the tarief."""
    c = lv.clause
    row = lv.attrs.get("table")
    t = lv.attrs.get("tarief")
    if about == "tarief" and isinstance(row, dict) and isinstance(t, dict) and (t.get("text") or "") not in c.text:
        return int(row["start"]), int(row["end"]), str(row.get("text") or "")
    return c.start, c.end, c.text


def _offer(lv: Level) -> str:
    """What a level offers (who does it): aanbod, else its whole description."""
    return str(lv.attrs.get("aanbod") or lv.attrs.get("beschrijving") or lv.clause.text)


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


def _without_tarief(text: str, level: Level) -> str:
    """``text`` without the level's tarief and the labels a tarief stands under (vocabulary level_fields)."""
    t = level.attrs.get("tarief")
    said = str(t.get("text") or "") if isinstance(t, dict) else ""
    if not said or said not in text:
        return text
    labels = (current().get("level_fields", default={}) or {}).get("tarief") or []
    text = text.replace(said, " ")
    for label in labels:
        text = re.sub(rf"(?i)(?<!\w){re.escape(str(label))}(?!\w)", " ", text)
    return text


def _fmt_num(v: float) -> str:
    return (f"{v:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


def _fmt_eur(v: float) -> str:
    """Dutch money: 1234.5 -> '€ 1.234,50'."""
    return "€ " + f"{v:,.2f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _omvang_label(key: tuple[str, str | None], value: float) -> str:
    unit, per = key
    plurals = current().get("unit_plurals", default={}) or {}
    s = f"{_fmt_num(value)} {plurals.get(unit, unit)}"
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


@functools.lru_cache(maxsize=32)
def _diagnosis_re(pats: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.I)


# --------------------------------------------------------------- rule type

class LevelsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: Literal["inverted", "falling", "identical", "jump", "diagnosis", "mixed"]
    order: list[list[str]] | list[str] | None = None
    margin: float = 0.25  # inverted: need(lower) must exceed need(higher) by more than this
    threshold: float = 90.0  # identical: rapidfuzz similarity of doelgroep + aanbod
    max_ratio: float = 2.5  # jump: omvang or tarief of the higher level / the lower one
    staff_steps: float = 2  # jump: the staff rises this many steps of staff_scale ...
    staff_ratio: float = 2.0  # ... while the tarief rises this many times
    diagnoses: list[str] | None = None  # regexes; default the vocabulary's diagnoses
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
        self.own_orders = [[str(x).lower() for x in order] for order in o] if o else []

    @property
    def orders(self) -> list[list[str]]:
        """The rule's own order first, then the vocabulary's level_orders (of the running audit)."""
        return self.own_orders + scales().orders

    @property
    def diagnosis_re(self) -> re.Pattern[str]:
        pats = tuple(self.params.diagnoses or scales().diagnoses)
        return _diagnosis_re(pats)

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        orders, prefer_rank = self.orders, not self.params.order
        # the six levels checks read the same families: made once per document (the checks only read them)
        fams = ctx.for_document(doc, ("levels.families", tuple(map(tuple, orders)), prefer_rank),
                                lambda: families(doc, orders, prefer_rank))
        out: list[Finding] = []
        for fam, levels in fams.items():
            out.extend(getattr(self, "_" + self.params.check)(doc, fam, levels))
        return out

    # -- helpers

    def _finding(self, doc: Document, fam: str, lv: Level, other: Level, detail: str, about: str = "") -> Finding:
        """A finding at ``lv`` quoting ``other``; ``about="tarief"``: at the row of a separate tariff
        table where the level's tarief stands (the text describing the level has no tarief)."""
        msg = fill(self.rule.message, family=fam, level=lv.name, other=other.name, detail=detail)
        if "{detail}" not in self.rule.message:
            msg = f"{msg} {detail}".strip()
        start, end, excerpt = _span(lv, about)
        o_start, o_end, o_excerpt = _span(other, about)
        related = [{"document": doc.path, "clause": other.clause.id, "excerpt": o_excerpt[:EXCERPT_MAX]}]
        return make_finding(self.rule, doc, start, end, clause=lv.clause, message=msg, related=related, excerpt=excerpt)

    @staticmethod
    def _pairs(levels: list[Level]):
        return zip(levels, levels[1:])

    # -- sub-checks

    def _inverted(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        scored = [(lv, *lv.need) for lv in levels]
        scored = [s for s in scored if s[1] is not None]
        out = []
        for (lo, need_lo, cues_lo), (hi, need_hi, cues_hi) in zip(scored, scored[1:]):
            if need_lo - need_hi > self.params.margin:
                said_lo = "; ".join(original_words(lo.doelgroep, c) for c in cues_lo[:2])
                said_hi = "; ".join(original_words(hi.doelgroep, c) for c in cues_hi[:2])
                detail = (f"Bij {lo.name} staat '{said_lo}', bij {hi.name} '{said_hi}': "
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
            g_lo, g_hi = lo.attrs.get("groepsgrootte"), hi.attrs.get("groepsgrootte")
            if isinstance(g_lo, int) and isinstance(g_hi, int) and g_hi > g_lo:
                reasons.append(f"groepen tot {g_hi} deelnemers bij {hi.name} tegen tot {g_lo} bij {lo.name}")
            t_lo, t_hi = _tarief(lo), _tarief(hi)
            tarief = bool(t_lo and t_hi and t_lo[1] == t_hi[1] and t_hi[0] < t_lo[0])
            if tarief:
                reasons.append(f"tarief {_fmt_eur(t_hi[0])} bij {hi.name} tegen {_fmt_eur(t_lo[0])} bij {lo.name}")
            if reasons:
                out.append(self._finding(doc, fam, hi, lo, "Lager bij het hogere niveau: " + "; ".join(reasons) + ".",
                                         about="tarief" if tarief and len(reasons) == 1 else ""))
        return out

    def _identical(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        out = []
        needs = [lv.need[0] for lv in levels]
        scored = list(zip(levels, needs))
        for (lo, need_lo), (hi, need_hi) in zip(scored, scored[1:]):
            a, b = self._strip_names(lo.description, levels), self._strip_names(hi.description, levels)
            if not a or not b:
                continue
            score = fuzz.ratio(a, b)
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
            elif (staff := self._staff_jump(lo, hi, t_lo, t_hi)) is not None:
                detail = (f"Van {lo.name} naar {hi.name}: de inzet gaat van {staff[0]} naar {staff[1]} en het tarief van "
                          f"{_fmt_eur(t_lo[0])} naar {_fmt_eur(t_hi[0])}; er lijkt een tussenniveau te ontbreken.")
                out.append(self._finding(doc, fam, hi, lo, detail))
        return out

    def _staff_jump(self, lo: Level, hi: Level, t_lo, t_hi) -> tuple[str, str] | None:
        """The staff of ``lo`` and ``hi`` when the support rises by ``staff_steps`` or more steps
        of the vocabulary's staff_scale (vrijwilligers < mbo < hbo < gedragsdeskundige) while the
        tarief rises ``staff_ratio`` times or more: a level in between seems to be missing."""
        p = self.params
        if not (t_lo and t_hi and t_lo[1] == t_hi[1] and t_lo[0] > 0 and t_hi[0] / t_lo[0] >= p.staff_ratio):
            return None
        s_lo, s_hi = staff_level(_offer(lo)), staff_level(_offer(hi))
        if s_lo is None or s_hi is None or s_hi[0] - s_lo[0] < p.staff_steps:
            return None
        return s_lo[1], s_hi[1]

    def _diagnosis(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        out = []
        mentions = {lv.name: self._diagnoses_named(lv.doelgroep) for lv in levels}
        for i, lv in enumerate(levels):
            found = mentions[lv.name]
            if not found:
                continue
            neighbours = [levels[j] for j in (i - 1, i + 1) if 0 <= j < len(levels)]
            others = [n for n in neighbours if not (mentions[n.name] & found)]
            gated = any(scales().gate.search(s) and self.diagnosis_re.search(s)
                        for s in re.split(r"(?<=[.;:])\s+", lv.doelgroep))
            if not gated and (not others or self_reliance_need(lv.doelgroep)[0] is not None):
                continue  # named beside the support the group needs ("ernstige ..., die toezicht nodig hebben")
            other = others[0] if others else neighbours[0]
            names = ", ".join(sorted(found))
            detail = (f"Toegang tot {lv.name} hangt af van een diagnose ({names}) in plaats van de benodigde "
                      f"ondersteuning; bij {other.name} speelt die diagnose geen rol.")
            out.append(self._finding(doc, fam, lv, other, detail))
        return out

    def _diagnoses_named(self, text: str) -> set[str]:
        """The diagnoses a doelgroep names as such; one given as an example ("bijvoorbeeld door
        dementie", "zoals autisme") describes the need and does not count."""
        example = scales().example
        out = set()
        for m in self.diagnosis_re.finditer(text):
            before = re.split(r"[.;:]", text[max(0, m.start() - 80):m.start()])[-1]
            if not example.search(before):
                out.add(normalise(m.group(0)))
        return out

    def _mixed(self, doc: Document, fam: str, levels: list[Level]) -> list[Finding]:
        """Aard and omvang mixed in one scale: one step differs in omvang only (same aard), another
        in aard only; or one level is described by its aard only and another by its omvang only;
        or the levels differ by vague quantities ("enkele" / "meerdere" / "veel contactmomenten")
        instead of an omvang of their own."""
        if len(levels) < 2:
            return []
        found = self._mixed_steps(levels) if len(levels) >= 3 else None
        if found is None:
            found = self._mixed_descriptions(levels)
        if found is None:
            found = self._vague_scale(levels)
        if found is None:
            return []
        lv, other, detail = found
        return [self._finding(doc, fam, lv, other, detail)]

    def _mixed_steps(self, levels: list[Level]) -> tuple[Level, Level, str] | None:
        omvang_only, aard_only = [], []
        for lo, hi in self._pairs(levels):
            o_lo, o_hi = _omvang_by_key(lo), _omvang_by_key(hi)
            common = set(o_lo) & set(o_hi)
            if not common:
                continue
            omvang_differs = any(o_lo[k] != o_hi[k] for k in common)
            a = normalise(str(lo.attrs.get("aanbod") or ""))
            b = normalise(str(hi.attrs.get("aanbod") or ""))
            if not a or not b:
                continue
            same_aard = fuzz.token_set_ratio(a, b) >= self.params.aard_threshold
            if omvang_differs and same_aard:
                omvang_only.append((lo, hi))
            elif not omvang_differs and not same_aard:
                aard_only.append((lo, hi))
        if not (omvang_only and aard_only):
            return None
        (o1, o2), (a1, a2) = omvang_only[0], aard_only[0]
        return a2, a1, (f"Van {o1.name} naar {o2.name} verschilt alleen de omvang, van {a1.name} naar {a2.name} "
                        f"alleen de aard van de ondersteuning: de niveaus mengen aard en omvang.")

    @staticmethod
    def _mixed_descriptions(levels: list[Level]) -> tuple[Level, Level, str] | None:
        """A level described by its aard alone (no omvang) beside one described by its omvang alone."""
        aard_only = omvang_only = None
        for lv in levels:
            if lv.attrs.get("doelgroep"):
                continue  # a level with its own doelgroep is described by more than aard or omvang
            offer = str(lv.attrs.get("aanbod") or lv.attrs.get("beschrijving") or "")
            rest = offer
            for o in lv.attrs.get("omvang") or []:
                rest = rest.replace(str(o.get("text") or ""), " ")
            rest = _without_tarief(rest, lv)  # "4 etmalen per maand. Tarief € 205,00 per etmaal": no aard
            words = re.findall(r"[^\W\d_]{3,}", rest)
            if offer and not lv.attrs.get("omvang") and len(words) >= 4:
                aard_only = aard_only or lv
            elif lv.attrs.get("omvang") and len(words) <= 2:
                omvang_only = omvang_only or lv
        if aard_only is None or omvang_only is None:
            return None
        return omvang_only, aard_only, (f"Niveau {aard_only.name} wordt alleen naar de aard van de hulp beschreven, "
                                        f"{omvang_only.name} alleen naar de omvang: de niveaus mengen aard en omvang.")

    @staticmethod
    def _vague_scale(levels: list[Level]) -> tuple[Level, Level, str] | None:
        """Levels told apart by vague quantities of a unit ("enkele" < "meerdere" contactmomenten)."""
        rx = scales().vague
        said = []
        for lv in levels:
            m = rx.search(normalise(str(lv.attrs.get("beschrijving") or lv.attrs.get("omvang_text") or lv.attrs.get("aanbod") or "")))
            if m:
                said.append((lv, m.group(0)))
        if len(said) < 2 or len({w for _, w in said}) < 2:
            return None
        (lo, w_lo), (hi, w_hi) = said[0], said[1]
        return lo, hi, (f"De niveaus verschillen in '{w_lo}' tegen '{w_hi}': aard en omvang staan door elkaar in "
                        f"één beschrijving, zonder eigen omvang per niveau.")
