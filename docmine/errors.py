"""The errors a user sees. Each has a code, a message saying what is wrong and where, and a hint
saying what to do. Library code raises these; the CLI prints ``str(error)`` (one line, plus the
hint) and exits 2. Nothing else should reach a user as a traceback.

Every message and hint lives in ``CATALOGUE`` below, under its code (keep codes stable, users
search for them; ``docmine errors`` lists them). A code names one kind of trouble; where it
arises in several situations (a corrupt PDF, a corrupt DOCX) each situation has its own message
under a short name. Raise from the catalogue, naming the code (and the situation) and filling the
template's fields::

    raise ReadError.of("DM110", path=rel)
    raise ReadError.of("DM103", path=rel, size_mb=2.5, limit_mb=1)
    raise ReadError.of("DM112", "docx_not_zip", path=rel)

A call site that knows better may pass ``hint=`` (DM113: install OCR, or run without --no-ocr).
A template field left out raises ``MissingField`` at once (a bug caught by the tests, never a
message with ``{limit_mb}`` in it). ``DocumentError.of(rel, "DM108", seconds=...)`` fills an
error that is data rather than an exception; ``text(...)`` gives the filled message and hint.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Message:
    """A message template with its own hint (``None``: no hint), for a situation whose hint
    differs from its code's usual one."""

    text: str
    hint: str | None


@dataclass(frozen=True)
class Code:
    """One error code: a short ``title`` for listings, the usual ``message`` and ``hint``
    (``str.format`` templates), and ``situations``: other messages under the same code, each a
    template (with the usual hint) or a ``Message`` (with its own)."""

    title: str
    message: str | None = None
    hint: str | None = None
    situations: Mapping[str, str | Message] = field(default_factory=dict)

    def template(self, situation: str | None = None) -> Message:
        if situation is None:
            if self.message is None:
                raise KeyError(f"{self.title!r} has no usual message: name one of {', '.join(self.situations)}")
            return Message(self.message, self.hint)
        found = self.situations[situation]
        return found if isinstance(found, Message) else Message(found, self.hint)


class MissingField(KeyError):
    """A catalogue template was filled without one of its fields: a bug at the call site."""


_RESAVE_DOCX = "open het in Word en sla het opnieuw op als .docx"
_RESAVE_PDF = "open het bestand in een PDF-lezer; sla het opnieuw op of vraag een nieuwe kopie"
_NOT_WRITABLE = "controleer of de map schrijfbaar is, of kies een andere map met --output"
_UNKNOWN_SETTING = "{where}: onbekende instelling '{key}'"

CATALOGUE: dict[str, Code] = {
    # DM1xx: a document (or a path given) that cannot be read; the audit goes on with the others
    "DM100": Code("bestand niet gevonden", "bestand niet gevonden", "controleer het pad", {
        "argument": "{target} bestaat niet",
    }),
    "DM101": Code("geen gewoon bestand of niet CVDR", "geen gewoon bestand",
                  "geef een bestand of een map met documenten op", {
        "not_cvdr": Message("XML-bestand is geen CVDR-regeling (hoofdelement <{root}>)",
                            "docmine leest CVDR-XML van lokaleregelgeving.overheid.nl"),
    }),
    "DM102": Code("geen leesrechten", "geen leesrechten op dit bestand",
                  "vraag leesrechten aan of kopieer het bestand naar een map die je kunt lezen"),
    "DM103": Code("bestand te groot (--max-file-size)",
                  "bestand is {size_mb:.1f} MB, groter dan de limiet van {limit_mb:.0f} MB",
                  "verhoog de limiet met --max-file-size of splits het document", {
        "while_reading": "bestand is groter dan de limiet van {limit_mb:.0f} MB",
    }),
    "DM104": Code("kapotte link of buiten de gecontroleerde map", "bestand kan niet worden geopend ({reason})",
                  "controleer of het een gewoon bestand is en geen kapotte link", {
        "broken_link": Message("symbolische link verwijst naar zichzelf of naar niets", "verwijder of herstel de link"),
        "link_outside": Message("symbolische link wijst buiten de gecontroleerde map ({target})",
                                "kopieer het bestand in de map als het mee moet doen"),
        "link_to_folder": Message("symbolische link naar een map wordt niet gevolgd",
                                  "geef die map apart op als hij mee moet doen"),
    }),
    "DM105": Code("te veel pagina's (--max-pages)", "PDF heeft {pages} pagina's, meer dan de limiet van {limit}",
                  "verhoog de limiet met --max-pages of splits het document", {
        "image": "afbeelding heeft {pages} pagina's, meer dan de limiet van {limit}",
    }),
    "DM106": Code("uitgepakt te groot (zip-bom, --max-decompressed)",
                  "DOCX pakt uit tot meer dan {size_mb} MB, meer dan de limiet van {limit_mb} MB (mogelijk een zip-bom)",
                  "controleer het bestand; verhoog zo nodig de limiet met --max-decompressed", {
        "xml": Message("XML is {size_mb:.0f} MB, meer dan de limiet van {limit_mb:.0f} MB",
                       "een CVDR-regeling is enkele KB's; controleer het bestand of verhoog --max-decompressed"),
        "image": Message("afbeelding is te groot (meer pixels dan een gescande pagina kan hebben)",
                         "verklein de afbeelding of scan de pagina opnieuw op 300 dpi"),
    }),
    "DM107": Code("gevaarlijke XML (entiteiten, externe verwijzingen)",
                  "gevaarlijke XML geweigerd: {kind} (entiteiten of externe verwijzingen)",
                  "CVDR-bestanden bevatten geen entiteitsdefinities; download het bestand opnieuw"),
    "DM108": Code("duurde te lang (--timeout)", "verwerken duurde langer dan {seconds:g} seconden; document overgeslagen",
                  "verhoog de limiet met --timeout SECONDEN of splits het document", {
        "reading": "lezen duurde langer dan {seconds:g} s (bij pagina {page_no} van {pages})",
        "ocr": Message("OCR duurde langer dan {seconds:g} s (bij pagina {page_no} van {pages})",
                       "verhoog de limiet met --timeout, verlaag --max-ocr-pages of splits het document"),
    }),
    "DM109": Code("tekst niet te decoderen", "bestand is geen leesbare tekst (binaire inhoud)",
                  "controleer of dit echt een tekstbestand is, of sla het op als UTF-8-tekst", {
        "utf16": Message("tekst kon niet worden gedecodeerd (UTF-16)", "sla het bestand op als UTF-8"),
    }),
    "DM110": Code("leeg bestand", "bestand is leeg", "controleer of dit het juiste bestand is", {
        "docx": "DOCX bevat geen tekst",
        "html": "HTML bevat geen tekst",
        "cvdr": Message("CVDR-regeling bevat geen tekst", "controleer of het bestand volledig is gedownload"),
    }),
    "DM111": Code("beveiligd met een wachtwoord", "PDF is beveiligd met een wachtwoord",
                  "sla een onbeveiligde kopie op en controleer die"),
    "DM112": Code("beschadigd of afgekapt", "bestand kan niet worden gelezen ({reason})",
                  "controleer of het bestand volledig en leesbaar is", {
        "docx_not_zip": Message("geen geldig DOCX-bestand (geen zip-archief)", _RESAVE_DOCX),
        "docx_invalid": Message("geen geldig DOCX-bestand ({reason})", _RESAVE_DOCX),
        "docx_member_head": Message("geen geldig DOCX-bestand (kop van {member} ontbreekt)", _RESAVE_DOCX),
        "docx_member_size": Message("geen geldig DOCX-bestand ({member} pakt uit tot {size} bytes, niet {declared})",
                                    _RESAVE_DOCX),
        "docx_member_compression": Message("geen geldig DOCX-bestand ({member} gebruikt een compressie die Word "
                                           "niet gebruikt)", _RESAVE_DOCX),
        "docx_member_corrupt": Message("geen geldig DOCX-bestand ({member} is beschadigd)", _RESAVE_DOCX),
        "docx_unreadable": Message("DOCX kan niet worden gelezen ({exc_type}: {exc})", _RESAVE_DOCX),
        "docx_corrupt": Message("DOCX is beschadigd ({exc_type})", _RESAVE_DOCX),
        "pdf": Message("PDF is beschadigd of afgekapt en kan niet worden gelezen", _RESAVE_PDF),
        "pdf_no_header": Message("geen geldig PDF-bestand (de PDF-kop ontbreekt)", _RESAVE_PDF),
        "pdf_no_pages": Message("PDF heeft geen pagina's", "sla het document opnieuw op als PDF"),
        "html": Message("HTML kan niet worden gelezen ({reason})", "open het bestand in een browser en sla het opnieuw op"),
        "xml": Message("XML is beschadigd of afgekapt ({reason})",
                       "download het bestand opnieuw van lokaleregelgeving.overheid.nl"),
        "image": Message("afbeelding is beschadigd of geen PNG, JPEG of TIFF",
                         "open het bestand in een afbeeldingsprogramma en sla het opnieuw op"),
    }),
    # DM113's usual hint depends on why OCR cannot run (not installed, or --no-ocr): the call
    # site passes it; the one here is for 'docmine errors'
    "DM113": Code("scan die niet gelezen kan worden (OCR ontbreekt, staat uit of vond geen tekst)",
                  "{what} heeft geen tekstlaag (een scan) en kan niet met OCR worden gelezen: {reason}",
                  "installeer OCR of draai zonder --no-ocr", {
        "ocr_failed": "{what} is een scan en OCR mislukte: {reason}",
        "no_text": Message("{what} heeft geen tekstlaag en OCR vond geen tekst ({pages} pagina's)",
                           "controleer of de scan leesbaar is (rechtop, scherp, genoeg contrast) en scan hem zo nodig opnieuw"),
    }),
    "DM114": Code("extensie past niet bij de inhoud", "bestand heet {suffix} maar bevat {actual}",
                  "geef het bestand de extensie die bij de inhoud past, of sla het opnieuw op in het juiste formaat", {
        "unreadable": "bestand heet {suffix} maar bevat {actual}, en dat kon niet worden gelezen: {reason}",
        "zip_not_docx": Message("zip-archief zonder word/document.xml: geen Word-document",
                                "geef het bestand de juiste extensie of sla het op als .docx"),
    }),
    "DM115": Code("geen gewoon bestand (FIFO, socket, apparaat): niet geopend",
                  "geen gewoon bestand maar {kind}; overgeslagen zonder het te openen",
                  "docmine leest alleen gewone bestanden; haal dit bestand uit de map of geef alleen de documenten op"),
    "DM116": Code("te veel geheugen nodig (--max-memory)",
                  "het document vraagt meer geheugen dan de limiet per document; overgeslagen",
                  "splits het document, of verhoog de limiet met --max-memory MB (standaard 1024)"),
    "DM117": Code("meer tekst dan de limiet (--max-text)",
                  "document bevat meer dan {millions:g} miljoen tekens tekst; niet verder gelezen",
                  "splits het document, of verhoog de limiet met --max-text (miljoenen tekens)", {
        "docx_xml": "DOCX bevat meer dan {xml_mb} MB aan XML (tekst en opmaak); dat is meer tekst dan de limiet toelaat",
    }),
    "DM118": Code("verwerkingsproces twee keer door het systeem gestopt (geheugen op)",
                  "het verwerkingsproces werd bij dit document twee keer door het systeem gestopt (signaal 9), "
                  "meestal omdat het geheugen op was; document overgeslagen",
                  "verklein of splits het document, draai met minder processen (--jobs) of geef de machine meer geheugen"),
    "DM120": Code("onverwachte fout (een fout in docmine: meld het)",
                  "onverwachte fout bij het lezen: {exc_type}: {exc}",
                  "dit is een fout in docmine; meld het met dit bestand als voorbeeld", {
        "checking": "onverwachte fout bij het controleren: {exc_type}: {exc}",
        "worker_died": Message("het verwerkingsproces stopte onverwacht bij dit document ({detail})",
                               "dit is een fout in docmine of in een leesbibliotheek; meld het met dit bestand als voorbeeld"),
        "internal": Message("interne fout: {exc_type}: {exc}",
                            "dit is een fout in docmine; draai opnieuw met DOCMINE_DEBUG=1 en meld de uitvoer"),
    }),
    # DM2xx: rule files
    "DM200": Code("fout in een controlebestand", "{count} fouten in controlebestanden", None, {
        "one": "1 fout in controlebestanden",
        "not_a_file": Message("regelbestand {target} is geen gewoon bestand",
                              "geef bij --rules een YAML-bestand of een map met YAML-bestanden"),
        "missing": Message("regelmap of -bestand {target} bestaat niet", "controleer het pad bij --rules"),
        "example_outside": Message("voorbeeldbestand {name!r} ligt buiten de map van het regelbestand ({base})",
                                   "zet voorbeeldbestanden naast het regelbestand en verwijs er relatief naar"),
    }),
    "DM201": Code("controle liep uit de tijd op een document",
                  "Controlefout in controle '{rule}' ({where}): de reguliere expressie duurde op document "
                  "'{document}' langer dan de tijdslimiet van {timeout:g} s en is afgebroken; "
                  "de controle is voor dit document niet (volledig) uitgevoerd.",
                  "Vereenvoudig de expressie: vermijd geneste herhalingen zoals (a+)+ of (a|aa)+ en herhalingen "
                  "van overlappende keuzes; of verhoog 'timeout:' in de regel (nu {timeout:g} s, maximaal 60 s)."),
    "DM202": Code("controlebestand staat voor te veel waarden (aliassen in aliassen)",
                  "dit bestand staat voor meer dan {limit} waarden (ankers '&' die via aliassen '*' in elkaar worden herhaald)",
                  "gebruik een alias niet binnen een ander anker dat zelf weer vaak wordt gebruikt; "
                  "schrijf de waarden uit of splits het bestand"),
    "DM203": Code("controle uitgezet: op meerdere documenten te lang bezig",
                  "controle '{rule}' ({where}) duurde op {documents} documenten te lang en staat voor de rest "
                  "van deze audit uit; de documenten daarna zijn zonder deze controle nagekeken",
                  "vereenvoudig de controle (vermijd geneste herhalingen zoals (a+)+ in een patroon) of verhoog "
                  "'timeout:' in de controle; draai de audit daarna opnieuw"),
    # DM3xx: how docmine was called
    "DM300": Code("verkeerde optie of rapportmap", None, None, {
        "no_path": Message("geen pad opgegeven", "geef een map of bestand op: docmine audit corpus/"),
        "jobs": Message("--jobs {jobs}: kies 1 tot {most} processen ({per_core} per kern, deze machine heeft er {cores})",
                        "laat --jobs weg: docmine gebruikt dan één proces per kern"),
        "timeout": Message("--timeout {timeout}: geef een aantal seconden groter dan 0 en hoogstens {most:g}",
                           "bijvoorbeeld --timeout 120 (de standaard)"),
        "limit": Message("limiet {name} = {value!r}: geef een geheel getal van 0 of meer",
                         "zie 'docmine audit --help' voor de limieten"),
        "format": Message("onbekend formaat {formats}", "kies uit {choices} of text"),
        "report_format": Message("onbekend rapportformaat {fmt!r}", "kies uit html,json,sarif,csv,xlsx,jsonl"),
        "stdout_one_format": Message("met -o - gaat het rapport naar stdout: dat kan één formaat zijn "
                                     "(text, json, sarif, csv of html), geen map vol bestanden",
                                     "geef één formaat, bijv. -o - --output-format sarif, of een map: -o docmine-report"),
        "update_baseline": Message("--update-baseline heeft --baseline BESTAND nodig", None),
        "unknown_rule": Message("geen controle met id {rule_id!r}", "zie 'docmine rules list'"),
        "unknown_rule_close": Message("geen controle met id {rule_id!r}", "bedoelde u {close}?"),
        "no_selected_rule": Message("{option} {selector}: geen controle met deze id, dit type of dit patroon",
                                    "zie 'docmine rules list' voor de ids en typen"),
        "no_selected_rule_close": Message("{option} {selector}: geen controle met deze id, dit type of dit patroon",
                                          "bedoelde u {close}?"),
        "severity": Message("severity {key} = {value!r}: onbekende ernst",
                            "kies error (fout), warning (waarschuwing) of info"),
        "unknown_error_code": Message("geen foutcode {code!r}", "'docmine errors' toont alle foutcodes"),
        "unknown_vocabulary": Message("geen woordenlijst {key!r}", "'docmine vocab' toont alle sleutels"),
        "unknown_vocabulary_close": Message("geen woordenlijst {key!r}", "bedoelde u {close}?"),
        "dask_missing": Message("--executor dask heeft Dask nodig", 'installeer het met: pip install "docmine[dask]"'),
        "dask_no_scheduler": Message("--executor dask heeft --scheduler ADRES nodig",
                                     "bijv. --scheduler tcp://10.0.0.5:8786 (start er een met: dask scheduler)"),
        "dask_unreachable": Message("kan de Dask-scheduler op {scheduler} niet bereiken ({reason})",
                                    "controleer het adres en of 'dask scheduler' daar draait"),
        "output_audited": Message("de rapportmap {out} is een map die gecontroleerd wordt",
                                  "kies een andere map met --output, bijv. --output docmine-report"),
        "output_holds_documents": Message("de rapportmap {out} bevat gecontroleerde documenten (zoals {name})",
                                          "kies een lege of nieuwe map met --output, bijv. --output docmine-report"),
        "output_not_folder": Message("{out} bestaat al en is geen map", "kies een andere naam met --output"),
        "output_not_ours": Message("{target} bestaat al en is niet door docmine gemaakt; docmine overschrijft het niet",
                                   "kies een nieuwe map met --output, of verwijder het bestand als u het niet meer nodig hebt"),
        "pages_not_ours": Message("{target} bestaat al en is niet door docmine gemaakt; docmine schrijft er niet in",
                                  "kies een nieuwe map met --output"),
        "output_unreadable": Message("kan de map {out} niet lezen: {reason}", "kies een andere map met --output"),
        "output_not_made": Message("kan de rapportmap {out} niet maken: {reason}", _NOT_WRITABLE),
        "report_not_written": Message("kan het rapport niet schrijven in {out}: {reason}", _NOT_WRITABLE),
        "report_from_cache": Message("dit resultaat komt uit de cache, zonder de documenten die een nieuw rapport nodig heeft",
                                     "schrijf het rapport waar de audit het verwachtte (Options.report_key), "
                                     "of audit opnieuw zonder report_key"),
    }),
    "DM301": Code("niets te controleren (lege map, of alleen bestanden die docmine niet leest)",
                  "geen documenten om te controleren in {where}: {count} bestanden overgeslagen",
                  "{skipped}. docmine leest {supported}", {
        "one_skipped": "geen documenten om te controleren in {where}: 1 bestand overgeslagen",
        "empty": Message("geen documenten gevonden in {where}", "de map is leeg; docmine leest {supported}"),
    }),
    "DM302": Code("fout in het instellingenbestand (docmine.toml, [tool.docmine])",
                  "instellingenbestand {target} bestaat niet", "controleer het pad bij --config", {
        "toml": Message("{target}: geen geldige TOML ({reason})",
                        "controleer aanhalingstekens en [kopjes]; zie de README, 'Instellingen'"),
        "unreadable": Message("kan instellingenbestand {target} niet lezen ({reason})", None),
        "unknown_key": Message(_UNKNOWN_SETTING, "instellingen: {keys}"),
        "unknown_key_close": Message(_UNKNOWN_SETTING, "bedoelde u '{close}'? instellingen: {keys}"),
        "unknown_value": Message("{where}: {key} = {value!r}: onbekende waarde {bad!r}", "kies uit {choices}"),
        "wrong_type": Message("{where}: {key} moet {what} zijn, niet {value!r}", None),
    }),
    "DM303": Code("rapportmap in gebruik door een andere audit",
                  "de rapportmap {out} wordt gebruikt door een andere 'docmine audit' die nu loopt",
                  "wacht tot die klaar is, of kies een andere map met --output"),
    "DM304": Code("baseline onleesbaar: alle bevindingen getoond",
                  "baselinebestand kan niet worden gelezen ({reason}); alle bevindingen worden getoond",
                  "maak het (opnieuw) met 'docmine audit MAP --baseline BESTAND --update-baseline', of controleer het pad", {
        "not_a_file": "baselinebestand is geen gewoon bestand; alle bevindingen worden getoond",
        "missing": "baselinebestand bestaat niet; alle bevindingen worden getoond",
        "folder": "baselinebestand is een map; alle bevindingen worden getoond",
        "not_json": "baselinebestand is geen geldige JSON ({reason}); alle bevindingen worden getoond",
        "not_baseline": "baselinebestand is geen baseline van docmine (geen lijst 'findings'); alle bevindingen worden getoond",
        "bad_item": "baselinebestand is geen baseline van docmine (onverwacht item {item!r}); alle bevindingen worden getoond",
    }),
    "DM305": Code("baseline kan niet worden geschreven", "kan de baseline niet schrijven naar {target}: {reason}",
                  "kies met --baseline een bestand op een plek waar u mag schrijven; het rapport is wel geschreven"),
}


@dataclass(frozen=True)
class Text:
    """A filled message and hint, for errors that are data rather than exceptions (``DocumentError``)."""

    code: str
    message: str
    hint: str | None


def fields_of(template: str | None) -> set[str]:
    """The field names ``template`` needs (``{size_mb:.1f}`` -> ``size_mb``)."""
    names = {name for _, name, _, _ in string.Formatter().parse(template or "") if name is not None}
    return {name.split(".")[0].split("[")[0] for name in names}


def outline(template: str) -> str:
    """``template`` with each field shown as "…", for listings (``docmine errors DM103``).

    >>> outline("bestand is {size_mb:.1f} MB, groter dan de limiet van {limit_mb:.0f} MB")
    'bestand is … MB, groter dan de limiet van … MB'
    """
    return "".join(literal + ("…" if name is not None else "") for literal, name, _, _ in string.Formatter().parse(template))


def _fill(code: str, template: str | None, values: Mapping[str, Any]) -> str | None:
    if template is None:
        return None
    missing = fields_of(template) - set(values)
    if missing:
        raise MissingField(f"{code}: {template!r} needs {', '.join(sorted(missing))}")
    return template.format(**values)


def text(code: str, situation: str | None = None, /, *, hint: str | None = None, **values: Any) -> Text:
    """The message and hint of ``code`` (in ``situation``) filled with ``values``; ``hint``, when
    given, replaces the catalogue's. Raises ``MissingField`` when a template field is not given,
    ``KeyError`` for a code or situation not in the catalogue.

    >>> text("DM103", size_mb=2.5, limit_mb=1).message
    'bestand is 2.5 MB, groter dan de limiet van 1 MB'
    """
    template = CATALOGUE[code].template(situation)
    message = _fill(code, template.text, values)
    return Text(code, message, hint if hint is not None else _fill(code, template.hint, values))


class DocmineError(Exception):
    """Base class: ``code``, ``message``, ``hint`` and where (``path``, ``line``, ``page``)."""

    code = "DM000"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        hint: str | None = None,
        code: str | None = None,
        line: int | None = None,
        page: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint
        self.line = line
        self.page = page
        if code:
            self.code = code

    @classmethod
    def of(cls, code: str, situation: str | None = None, /, *, path: str | None = None, line: int | None = None,
           page: int | None = None, hint: str | None = None, **values: Any):
        """The error ``code`` from the catalogue (in ``situation``), its templates filled with
        ``values``; ``hint`` replaces the catalogue's where a call site knows better.

        >>> str(ReadError.of("DM110", path="leeg.txt"))
        'leeg.txt: bestand is leeg [DM110]\\n  hint: controleer of dit het juiste bestand is'
        """
        filled = text(code, situation, hint=hint, **values)
        return cls(filled.message, path=path, hint=filled.hint, code=code, line=line, page=page)

    def where(self) -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.page:
            parts.append(f"pagina {self.page}")
        if self.line:
            parts.append(f"regel {self.line}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message} [{self.code}]" if where else f"{self.message} [{self.code}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ReadError(DocmineError):
    """A document could not be read. The audit reports it and goes on with the others."""

    code = "DM112"


class RuleFileError(DocmineError):
    """One or more rule files are invalid. ``problems`` holds every problem found (not only the
    first), each already formatted with file, line, column and the offending line."""

    code = "DM200"

    def __init__(self, message: str, problems: list[str] | None = None, **kw) -> None:
        super().__init__(message, **kw)
        self.problems = problems or []

    @classmethod
    def of(cls, code: str, situation: str | None = None, /, *, problems: list[str] | None = None, **kw: Any):
        error = super().of(code, situation, **kw)
        error.problems = problems or []
        return error

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return "\n\n".join(self.problems)


class DocumentTimeout(Exception):
    """Raised inside an in-process audit when a document's deadline passes (SIGALRM)."""


class UsageError(DocmineError):
    """A wrong option or an output folder docmine may not write to."""

    code = "DM300"
