"""The ``docmine`` command. Thin: parse options, call the library, print, set the exit code.

Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 usage, input or rule-file error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .version import __version__
from .errors import CATALOGUE, DocmineError, RuleFileError, UsageError, outline
from .model import SEVERITY_RANK
from .names import printable, shown
from .settings import REPORT_FORMATS

FORMATS = REPORT_FORMATS


def command_setup() -> None:
    """Process-wide settings for the ``docmine`` command (``run``), made before anything heavy
    is imported; a library user importing docmine gets none of them.

    - No pydantic plugins (docmine uses none): pydantic would otherwise scan every installed
      package's entry points when it builds the first model (~20 ms of each start).
      PYDANTIC_DISABLE_PLUGINS=__all__ is pydantic's own switch; a user's setting wins.
    - One BLAS thread per process unless the user says otherwise: docmine runs a process per
      core itself and its only BLAS calls are tiny (lsh_bands); OpenBLAS starting a thread per
      core at `import numpy` cost ~20 ms CPU and ~80 ms wall of each start on the 2-core VM.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    dutch_click()


LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def dutch_click() -> None:
    """click's own texts (Usage, Options, 'Show this message and exit', its error messages) in
    Dutch, like the rest of docmine: click asks ``gettext`` for every text it shows, and
    docmine's catalogue (``locale/nl/LC_MESSAGES/docmine.mo``) answers. docmine speaks only
    Dutch, so its process asks for Dutch whatever the user's language (LANGUAGE=nl)."""
    import gettext

    gettext.bindtextdomain("docmine", str(LOCALE_DIR))
    gettext.textdomain("docmine")
    os.environ["LANGUAGE"] = "nl"


def _parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r}: gebruik PATROON=TYPE, bijv. 'dossiers/*=beschikking'", param_hint="--type")
        pat, typ = v.split("=", 1)
        out[pat.strip()] = typ.strip()
    return out


def _load_rules(rule_dirs, no_default_rules):
    return _load_packs(rule_dirs, no_default_rules)[0]


def _load_packs(rule_dirs, no_default_rules):
    from .rules.loader import load_packs

    return load_packs(rule_dirs, default=not no_default_rules)


class _Guarded(click.Group):
    """Every failure reaches the user as one clear message and exit code 2, never a traceback
    (set DOCMINE_DEBUG=1 to see the traceback of an internal error)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # the reader went away (docmine rules list | head): end quietly
            _stdout_to_devnull()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("docmine: afgebroken (Ctrl-C); er is geen half rapport achtergelaten", err=True)
            ctx.exit(130)
        except RuleFileError as exc:
            click.echo(printable(str(exc)), err=True)
            ctx.exit(2)
        except DocmineError as exc:
            click.echo(f"docmine: {printable(str(exc))}", err=True)
            ctx.exit(2)
        except Exception as exc:  # an internal error: say so plainly
            if os.environ.get("DOCMINE_DEBUG"):
                raise
            click.echo(f"docmine: {DocmineError.of('DM120', 'internal', exc_type=type(exc).__name__, exc=exc)}", err=True)
            ctx.exit(2)


def run() -> None:
    """The ``docmine`` command (console script and ``python -m docmine``). Tests call ``main``."""
    command_setup()
    main(prog_name="docmine")  # also as 'python -m docmine'


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]},
             options_metavar="[OPTIES]", subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(__version__, prog_name="docmine", message="%(prog)s, versie %(version)s",
                      help="Toon de versie en stop.")
def main() -> None:
    """docmine: vindt verouderde termen, dubbele documenten, inconsistente niveaus en kapotte
    verwijzingen in beleidsdocumenten van het sociaal domein.

    \b
    Begin met:  docmine audit corpus/
    """


# Command-line options that a settings file may also hold: click parameter -> Settings attribute.
_SETTINGS_OPTIONS = {"output": "output", "formats": "formats", "output_format": "output_format", "fail_on": "fail_on",
                     "rule_dirs": "rules", "no_default_rules": "no_default_rules", "select": "select",
                     "ignore": "ignore", "exclude": "exclude", "type_overrides": "type_overrides", "baseline": "baseline",
                     "folder_pages_above": "folder_pages_above"}


def _split(values: tuple[str, ...]) -> list[str]:
    """Values of a repeatable option that may also be comma-separated: ``--ignore a,b --ignore c``."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _given(ctx: click.Context, params: dict) -> dict:
    """The settings the user typed on the command line (not click's defaults), as Settings attributes."""
    from click.core import ParameterSource

    out = {}
    for name, attr in _SETTINGS_OPTIONS.items():
        if ctx.get_parameter_source(name) not in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            continue
        value = params[name]
        if name == "formats":
            value = _split((value,))
        elif name in ("select", "ignore", "exclude"):
            value = _split(value)
        elif name == "rule_dirs":
            value = list(value)
        elif name == "type_overrides":
            value = _parse_overrides(value)
        out[attr] = value
    return out


def _echo(text: str, err: bool = False, color: bool | None = None) -> None:
    """``click.echo``, ending quietly when the reader went away (``docmine audit ... | head``)."""
    try:
        click.echo(text, err=err, color=color)
    except BrokenPipeError:
        _stdout_to_devnull()


def _stdout_to_devnull() -> None:
    """After a broken pipe: point stdout at /dev/null so nothing fails at exit (Python's advice)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _plan_output(settings, given: dict) -> tuple[list[str], str]:
    """(report formats to write into the folder, what goes to stdout) from the settings; ``-o -``
    writes no folder and sends one format to stdout, or is refused with what to do instead."""
    from .settings import MORE_FORMATS, REPORT_FORMATS, STDOUT_FORMATS

    fmts = [f.strip().lower() for f in settings.formats if f.strip()]
    bad = [f for f in fmts if f not in REPORT_FORMATS + MORE_FORMATS + ("text",)]
    if bad:
        raise UsageError.of("DM300", "format", formats=", ".join(bad), choices=",".join(REPORT_FORMATS + MORE_FORMATS))
    stdout = settings.output_format or "text"
    files = [f for f in fmts if f != "text"]
    if settings.output != "-":
        return files, stdout
    if "formats" in given and files:  # -o - -f json: that one format on stdout
        if len(files) > 1 or files[0] == "xlsx" or (settings.output_format and settings.output_format != files[0]):
            raise UsageError.of("DM300", "stdout_one_format")
        return [], files[0]
    return [], stdout if stdout in STDOUT_FORMATS else "text"


@main.command(options_metavar="[OPTIES]")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False), metavar="PADEN...")
@click.option("-o", "--output", default="docmine-report", show_default=True, type=click.Path(), metavar="MAP",
              help="Map voor het rapport. '-': geen map, het rapport (--output-format) naar stdout.")
@click.option("-f", "--format", "formats", default=",".join(REPORT_FORMATS), show_default=True, metavar="FORMATEN",
              help="Rapportbestanden, komma-gescheiden: html,json,sarif,csv,xlsx, en jsonl (findings.jsonl: een "
                   "bevinding per regel, voor grote audits). 'text': geen bestanden, alleen de bevindingen op stdout.")
@click.option("--output-format", type=click.Choice(["text", "json", "sarif"]), default=None,
              help="Wat op stdout komt: text (bevindingen als regels, standaard), json of sarif (voor CI).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True,
              help="Exitcode 1 bij bevindingen vanaf deze ernst.")
@click.option("--select", multiple=True, metavar="CONTROLES",
              help="Alleen deze controles: id's, typen of patronen, bijv. 'term,verwijzing-*'; herhaalbaar.")
@click.option("--ignore", multiple=True, metavar="CONTROLES",
              help="Deze controles overslaan (id's, typen of patronen); herhaalbaar.")
@click.option("--exclude", multiple=True, metavar="PATROON",
              help="Paden niet lezen, bijv. 'archief/' of '*.concept.docx'; herhaalbaar.")
@click.option("--config", "config", type=click.Path(dir_okay=False), default=None, metavar="BESTAND",
              help="Instellingenbestand (standaard: docmine.toml of [tool.docmine] in pyproject.toml, "
                   "gezocht vanaf de gecontroleerde map omhoog).")
@click.option("--no-config", is_flag=True, help="Geen instellingenbestand lezen.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Aantal processen (standaard: alle kernen).")
@click.option("-r", "--rules", "rule_dirs", multiple=True, type=click.Path(exists=True), metavar="MAP",
              help="Map of bestand met eigen controles (YAML); herhaalbaar.")
@click.option("--no-default-rules", is_flag=True, help="Alleen de controles uit --rules gebruiken.")
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="BESTAND", help="Geaccepteerde bevindingen (JSON); alleen nieuwe worden getoond.")
@click.option("--update-baseline", is_flag=True, help="Leg alle huidige bevindingen vast in --baseline (exitcode 0).")
@click.option("--type", "type_overrides", multiple=True, metavar="PATROON=TYPE",
              help="Documenttype afdwingen voor paden die op PATROON passen, bijv. 'dossiers/*=beschikking'.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None, metavar="MAP",
              help="Map voor de cache (standaard: in de rapportmap).")
@click.option("--no-cache", is_flag=True, help="Alles opnieuw lezen.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Waar het werk per document draait: hier (local) of op een Dask-cluster.")
@click.option("--scheduler", default=None, metavar="ADRES", help="Adres van een Dask-scheduler (met --executor dask).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=200, show_default=True, metavar="MB", help="Maximale bestandsgrootte in MB.")
@click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True, metavar="N", help="Maximaal aantal pagina's per document.")
@click.option("--max-decompressed", type=click.IntRange(min=1), default=500, show_default=True, metavar="MB",
              help="Maximale uitgepakte grootte van een DOCX in MB (tegen zip-bommen).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True, metavar="S", help="Seconden per document.")
@click.option("--no-ocr", is_flag=True, help="Scans (PDF-pagina's zonder tekstlaag, afbeeldingen) niet met OCR lezen.")
@click.option("--max-ocr-pages", type=click.IntRange(min=1), default=50, show_default=True, metavar="N",
              help="Maximaal aantal gescande pagina's per document dat met OCR wordt gelezen.")
@click.option("--max-text", type=click.IntRange(min=1), default=20, show_default=True, metavar="MILJOEN",
              help="Maximale hoeveelheid tekst per document, in miljoenen tekens.")
@click.option("--max-memory", type=click.IntRange(min=64), default=1024, show_default=True, metavar="MB",
              help="Geheugen dat een werkproces voor één document mag gebruiken, in MB.")
@click.option("--max-findings", type=click.IntRange(min=0), default=100, show_default=True, metavar="N",
              help="Bevindingen per controle per document; de rest als één 'en nog N' (0: alle).")
@click.option("--folder-pages-above", type=click.IntRange(min=0), default=None, metavar="N",
              help="Meer documenten dan N (in twee of meer mappen): index.html met de totalen en een rapport per map "
                   "in mappen/ (standaard 2000; 0: altijd per map).")
@click.option("-q", "--quiet", is_flag=True, help="Alleen fouten tonen (bevindingen met ernst fout en onleesbare documenten).")
@click.pass_context
def audit(ctx, paths, output, formats, output_format, fail_on, select, ignore, exclude, config, no_config, jobs,
          rule_dirs, no_default_rules, baseline, update_baseline, type_overrides, cache_dir, no_cache, executor,
          scheduler, max_file_size, max_pages, max_decompressed, timeout, no_ocr, max_ocr_pages, max_text, max_memory,
          max_findings, folder_pages_above, quiet):
    """Controleer documenten en schrijf een rapport.

    \b
    Voorbeelden:
      docmine audit corpus/
      docmine audit beleid/ --rules mijn-controles/ --fail-on warning
      docmine audit beleid/ --exclude archief/ --ignore indiceren
      docmine audit beleid/ -o - --output-format sarif > docmine.sarif
    """
    from .api import Limits, Options, audit as run, check_options, report_inputs
    from .model import AuditResult
    from .report import check_output_folder, render
    from .report.folder import OutputLock
    from .report.terminal import Progress, findings_text, summary, use_color
    from .rules.selection import select_rules
    from .settings import resolve

    given = _given(ctx, ctx.params)
    settings = resolve(paths, given, config=config, use_config=not no_config)
    files_fmts, stdout_fmt = _plan_output(settings, given)
    baseline = settings.baseline
    if update_baseline and not baseline:
        raise UsageError.of("DM300", "update_baseline")
    limits = Limits(max_file_size=max_file_size * 1024 * 1024, max_pages=max_pages,
                    max_decompressed=max_decompressed * 1024 * 1024, timeout=timeout, max_text=max_text * 1_000_000,
                    max_memory=max_memory * 1024 * 1024, max_findings=max_findings, ocr=not no_ocr,
                    max_ocr_pages=max_ocr_pages)
    check_options(Options(jobs=jobs, limits=limits))  # --jobs 1000, --timeout nan: refused before anything runs
    loaded, vocabulary = _load_packs(settings.rules, settings.no_default_rules)
    rules = select_rules(loaded, settings.select, settings.ignore, settings.severity)
    out_dir = settings.output if files_fmts else None
    if out_dir:  # refuse a forbidden output folder before anything is written (the cache lives in it)
        check_output_folder(out_dir, AuditResult(version="", root=""), files_fmts, audited=paths)
    progress = None if quiet else Progress.maybe()
    cache = None if no_cache else (cache_dir or (os.path.join(out_dir, ".cache") if out_dir else None))
    options = Options(rule_dirs=settings.rules, default_rules=not settings.no_default_rules, jobs=jobs, limits=limits,
                      type_overrides=settings.type_overrides, cache_dir=cache, executor=executor, scheduler=scheduler,
                      progress=progress, exclude=settings.exclude, vocabulary=vocabulary,
                      memo_dir=cache or (os.path.join(out_dir, ".cache") if out_dir else None),  # also with --no-cache
                      report_key=report_inputs(files_fmts, paths, out_dir, None if update_baseline else baseline,
                                              settings.folder_pages_above) if out_dir else None)
    lock = OutputLock.acquire(out_dir) if out_dir else None  # a second audit on this folder now: DM303
    try:
        result, written = _audit_and_write(run, paths, options, rules, baseline, update_baseline, out_dir, files_fmts,
                                           progress, lock, settings.folder_pages_above)
    finally:
        if lock is not None:
            lock.release()
    if update_baseline:
        n = result.stats["baseline_written"]
        _echo(summary(result, written, color=use_color(sys.stdout), quiet=quiet))
        _echo(f"Baseline bijgewerkt: {baseline} ({n} {'bevinding' if n == 1 else 'bevindingen'} vastgelegd). "
              f"Een volgende 'docmine audit ... --baseline {baseline}' toont alleen nieuwe bevindingen.")
        raise click.exceptions.Exit(2 if result.errors else 0)
    if stdout_fmt == "text":
        color = use_color(sys.stdout)
        listing = findings_text(result, color=color, min_severity="error" if quiet else "info")
        _echo((listing + "\n\n" if listing else "") + summary(result, written, color=color, quiet=quiet), color=color)
    else:
        try:
            sys.stdout.buffer.write(render(result, stdout_fmt))
            sys.stdout.flush()
        except BrokenPipeError:
            _stdout_to_devnull()
        if not quiet:
            _echo(summary(result, written, color=use_color(sys.stderr)), err=True)
    raise click.exceptions.Exit(exit_code(result, settings.fail_on))


def _audit_and_write(run, paths, options, rules, baseline, update_baseline, out_dir, files_fmts, progress, lock,
                     split_above):
    """The audit, its report files (kept for an unchanged next audit) and, with
    ``update_baseline``, the baseline: (result, files written). While this runs the report
    folder is held (``lock``)."""
    from .api import remember_report
    from .report import write_reports

    try:
        result = run(paths, options, rules=rules, baseline=None if update_baseline else baseline,
                     exclude=[Path(out_dir)] if out_dir else [])
    finally:
        if progress:
            progress.close()
    written = write_reports(result, out_dir, files_fmts, audited=paths, lock=lock, split_above=split_above) if out_dir else {}
    if written:
        remember_report(options, result, written)  # an unchanged next audit returns this one at once
    if update_baseline:
        from .baseline import write_baseline

        result.stats["baseline_written"] = write_baseline(result, baseline)
    return result, written


def exit_code(result, fail_on: str) -> int:
    """2 when a document could not be read (DESIGN: an input error; the report is complete),
    else 1 when a finding is at or above ``fail_on``, else 0."""
    if result.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in result.findings) else 0


@main.command(options_metavar="[OPTIES]")
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="BESTANDEN...")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: de structuur als overzicht; json: alles, voor andere programma's.")
@click.option("--type", "type_overrides", multiple=True, metavar="PATROON=TYPE", help="Documenttype afdwingen.")
def extract(files, fmt, type_overrides):
    """Toon wat docmine uit documenten haalt: type, metadata, pagina's, tekst en structuur."""
    from .api import extract as run
    from .extract.outline import outline

    overrides = _parse_overrides(type_overrides)
    failed = False
    docs = []
    for f in files:
        try:
            if not Path(f).is_file():
                raise DocmineError.of("DM100", path=f)
            doc = run(f, root=Path(f).parent, type_overrides=overrides)
            doc.path = shown(str(f))
            docs.append(doc)
        except DocmineError as exc:
            if not exc.path:
                exc.path = str(f)
            click.echo(f"docmine: {printable(str(exc))}", err=True)
            failed = True
    if fmt == "json":
        payload = [dict(d.summary(), text=d.text, page_offsets=[[p.number, p.start, p.end] for p in d.pages],
                        type_evidence=d.type_evidence, warnings=d.warnings) for d in docs]
        click.echo(json.dumps(payload[0] if len(files) == 1 and payload else payload, ensure_ascii=False, indent=2))
    else:
        for d in docs:
            click.echo(outline(d))
    raise click.exceptions.Exit(2 if failed else 0)


@main.group(options_metavar="[OPTIES]", subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
def rules():
    """Controles bekijken, nakijken en testen."""


_rules_opts = [
    click.argument("dirs", nargs=-1, type=click.Path(exists=True), metavar="[MAPPEN]..."),
    click.option("--no-default-rules", is_flag=True, help="Alleen de controles uit de opgegeven mappen."),
]


def _with_rule_opts(f):
    for opt in reversed(_rules_opts):
        f = opt(f)
    return f


@rules.command("list", options_metavar="[OPTIES]")
@_with_rule_opts
def rules_list(dirs, no_default_rules):
    """Toon alle controles: id, type, ernst en wat ze vinden."""
    from .model import SEVERITY_NL

    loaded = _load_rules(dirs, no_default_rules)
    width = max((len(r.id) for r in loaded), default=10)
    for r in loaded:
        click.echo(f"{r.id:<{width}}  {r.type:<9}  {SEVERITY_NL.get(r.severity, r.severity):<12}  {r.short_description()}")
    click.echo(f"\n{len(loaded)} controles")


@rules.command("check", options_metavar="[OPTIES]")
@_with_rule_opts
def rules_check(dirs, no_default_rules):
    """Kijk controlebestanden na: geldige YAML, bekende sleutels en typen, unieke id's, en bij elke
    controle voorbeelden van beide soorten (examples.match en examples.no_match). Alle fouten
    tegelijk, met bestand, regel en kolom; exitcode 2 bij een fout."""
    from .rules.loader import promise_problems

    loaded = _load_rules(dirs, no_default_rules)
    problems = promise_problems(loaded)
    if problems:
        raise RuleFileError.of("DM200", "one" if len(problems) == 1 else None, count=len(problems), problems=problems)
    click.echo(f"{len(loaded)} controles in orde")


@rules.command("test", options_metavar="[OPTIES]")
@_with_rule_opts
def rules_test(dirs, no_default_rules):
    """Draai de voorbeelden (examples.match / examples.no_match) van elke controle."""
    from .rules.testing import run_examples

    loaded = _load_rules(dirs, no_default_rules)
    results = run_examples(loaded)
    failed = [r for r in results if not r.passed]
    for r in failed:
        click.echo(r.describe(), err=True)
    click.echo(f"{len(results) - len(failed)} voorbeelden geslaagd, {len(failed)} mislukt")
    raise click.exceptions.Exit(1 if failed else 0)


@rules.command("explain", options_metavar="[OPTIES]")
@click.argument("rule_id", metavar="ID")
@click.option("--rules", "dirs", multiple=True, type=click.Path(exists=True), metavar="MAP",
              help="Map met eigen controles; herhaalbaar.")
def rules_explain(rule_id, dirs):
    """Leg één controle uit: waarom, wat in plaats daarvan, grondslag en voorbeelden."""
    from .report.explain import explain

    loaded = _load_rules(dirs, False)
    matches = [r for r in loaded if r.id == rule_id]
    if not matches:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in loaded], n=3)
        raise UsageError.of("DM300", "unknown_rule_close" if close else "unknown_rule", rule_id=rule_id, close=", ".join(close))
    click.echo(explain(matches[0]))


@rules.command("schema", options_metavar="[OPTIES]")
def rules_schema():
    """Print het JSON Schema van controlebestanden (voor aanvulling in een editor)."""
    from .rules.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command("vocab", options_metavar="[OPTIES]")
@click.argument("key", required=False, metavar="[SLEUTEL]")
@click.option("--rules", "dirs", multiple=True, type=click.Path(exists=True), metavar="MAP",
              help="Map of bestand met eigen controles en woordenlijsten; herhaalbaar.")
@click.option("--no-default-rules", is_flag=True, help="Zonder de meegeleverde controles (de woordenlijsten blijven).")
def vocab(key, dirs, no_default_rules):
    """Toon de woordenlijsten die docmine gebruikt (niveaunamen, labels, signaalwoorden, wetten)
    en uit welk bestand elke lijst komt; met SLEUTEL de hele lijst. Eigen aanvullingen staan in een
    controlebestand onder 'vocabulary:' (zie de README, 'Woordenlijsten')."""
    import yaml

    from .vocabulary import kind_of

    voc = _load_packs(dirs, no_default_rules)[1]
    if key is None:
        width = max((len(k) for k in voc.data), default=10)
        for k in sorted(voc.data):
            value = voc.data[k]
            size = f"{len(value)} {'items' if isinstance(value, list) else 'sleutels'}" if kind_of(value) != "waarde" else str(value)
            click.echo(f"{k:<{width}}  {size:<12}  {', '.join(_short_path(o) for o in voc.origins.get(k, []))}")
        click.echo(f"\n{len(voc.data)} woordenlijsten; 'docmine vocab SLEUTEL' toont er één")
        return
    if key not in voc.data:
        import difflib

        close = difflib.get_close_matches(key, list(voc.data), n=3)
        raise UsageError.of("DM300", "unknown_vocabulary_close" if close else "unknown_vocabulary", key=key,
                            close=", ".join(close))
    click.echo(f"# {key}: uit {', '.join(_short_path(o) for o in voc.origins.get(key, []))}")
    click.echo(yaml.safe_dump({key: voc.data[key]}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100).rstrip())


@main.command("errors", options_metavar="[OPTIES]")
@click.argument("code", required=False, metavar="[CODE]")
def errors_list(code):
    """Toon de foutcodes van docmine (DM100-DM305) met wat ze betekenen en wat u kunt doen; met
    CODE ook elke melding onder die code."""
    if code is None:
        for key, entry in CATALOGUE.items():
            click.echo(f"{key}  {entry.title}" + (f"\n       hint: {entry.hint}" if entry.hint else ""))
        click.echo(f"\n{len(CATALOGUE)} foutcodes; 'docmine errors CODE' toont de meldingen onder één code")
        return
    entry = CATALOGUE.get(code.strip().upper())
    if entry is None:
        raise UsageError.of("DM300", "unknown_error_code", code=code)
    click.echo(f"{code.strip().upper()}  {entry.title}")
    for situation in ([None] if entry.message else []) + list(entry.situations):
        template = entry.template(situation)
        click.echo(f"  - {outline(template.text)}" + (f"\n    hint: {outline(template.hint)}" if template.hint else ""))


def _short_path(path: str) -> str:
    """A shipped file as ``docmine:NAME``, a user's file as given."""
    from .vocabulary import packs_dir

    p = Path(path)
    try:
        return "docmine:" + p.resolve().relative_to(packs_dir().resolve()).as_posix()
    except ValueError:
        return path


if __name__ == "__main__":  # pragma: no cover
    main()
