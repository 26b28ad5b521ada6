"""The ``docmine`` command. Thin: parse options, call the library, print, set the exit code.

Exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 usage, input or rule-file error.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import DocmineError, RuleFileError
from .model import SEVERITY_RANK

FORMATS = ("html", "json", "sarif", "csv")


def command_setup() -> None:
    """Process-wide settings for the ``docmine`` command (``run``), made before anything heavy
    is imported; a library user importing docmine gets none of them.

    - No pydantic plugins (docmine uses none): pydantic would otherwise import
      importlib.metadata and scan every installed package's entry points when it builds the
      first model (~20 ms of each start). As with PYDANTIC_DISABLE_PLUGINS=__all__; a user who
      sets that variable gets pydantic's own handling.
    - One BLAS thread per process unless the user says otherwise: docmine runs a process per
      core itself and its only BLAS calls are tiny (lsh_bands); OpenBLAS starting a thread per
      core at `import numpy` cost ~20 ms CPU and ~80 ms wall of each start on the 2-core VM.
    """
    if "pydantic" not in sys.modules and os.environ.get("PYDANTIC_DISABLE_PLUGINS") is None:
        import types

        loader = types.ModuleType("pydantic.plugin._loader")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules.setdefault(loader.__name__, loader)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r}: gebruik PATROON=TYPE, bijv. 'dossiers/*=beschikking'", param_hint="--type")
        pat, typ = v.split("=", 1)
        out[pat.strip()] = typ.strip()
    return out


def _load_rules(rule_dirs, no_default_rules):
    from .rules.loader import load_rules

    return load_rules(rule_dirs, default=not no_default_rules)


class _Guarded(click.Group):
    """Every failure reaches the user as one clear message and exit code 2, never a traceback
    (set DOCMINE_DEBUG=1 to see the traceback of an internal error)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("docmine: afgebroken (Ctrl-C); er is geen half rapport achtergelaten", err=True)
            ctx.exit(130)
        except RuleFileError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(2)
        except DocmineError as exc:
            click.echo(f"docmine: {exc}", err=True)
            ctx.exit(2)
        except Exception as exc:  # an internal error: say so plainly
            if os.environ.get("DOCMINE_DEBUG"):
                raise
            click.echo(f"docmine: interne fout: {type(exc).__name__}: {exc} [DM120]\n"
                       "  hint: dit is een fout in docmine; draai opnieuw met DOCMINE_DEBUG=1 en meld de uitvoer", err=True)
            ctx.exit(2)


def run() -> None:
    """The ``docmine`` command (console script and ``python -m docmine``): ``main()``, then
    the exit handlers, and out without tearing down every object of the audit one by one
    (freeing the documents of 1,433 text files took ~0.4 s after the report was written).
    Tests call ``main`` itself."""
    command_setup()
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:
            click.echo(str(exc.code), err=True)
            code = 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:  # CPython: what a normal exit would run (caches, worker clean-up)
        run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (docmine ... | head)
            pass
    os._exit(code)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docmine")
def main() -> None:
    """docmine: vindt verouderde termen, dubbele documenten, inconsistente niveaus en kapotte
    verwijzingen in beleidsdocumenten van het sociaal domein.

    \b
    Begin met:  docmine audit corpus/
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@click.option("-o", "--output", default="docmine-report", show_default=True, type=click.Path(file_okay=False),
              help="Map voor het rapport (index.html, findings.json, findings.sarif, findings.csv).")
@click.option("-f", "--format", "formats", default=",".join(FORMATS), show_default=True,
              help="Uitvoerformaten, komma-gescheiden: html,json,sarif,csv.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True,
              help="Exitcode 1 bij bevindingen vanaf dit niveau.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Aantal processen (standaard: alle kernen).")
@click.option("-r", "--rules", "rule_dirs", multiple=True, type=click.Path(exists=True),
              help="Map of bestand met eigen regels (YAML); herhaalbaar.")
@click.option("--no-default-rules", is_flag=True, help="Alleen de regels uit --rules gebruiken.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Geaccepteerde bevindingen (JSON); alleen nieuwe worden getoond.")
@click.option("--update-baseline", is_flag=True, help="Schrijf alle huidige bevindingen naar --baseline.")
@click.option("--type", "type_overrides", multiple=True, metavar="PATROON=TYPE",
              help="Documenttype afdwingen voor paden die op PATROON passen, bijv. 'dossiers/*=beschikking'.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Map voor de cache (standaard: in de rapportmap).")
@click.option("--no-cache", is_flag=True, help="Alles opnieuw lezen.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Adres van een Dask-scheduler (met --executor dask).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=200, show_default=True, help="Maximale bestandsgrootte in MB.")
@click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True, help="Maximaal aantal pagina's per document.")
@click.option("--max-decompressed", type=click.IntRange(min=1), default=500, show_default=True,
              help="Maximale uitgepakte grootte van een DOCX in MB (tegen zip-bommen).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True, help="Seconden per document.")
@click.option("-q", "--quiet", is_flag=True, help="Alleen fouten tonen.")
def audit(paths, output, formats, fail_on, jobs, rule_dirs, no_default_rules, baseline, update_baseline,
          type_overrides, cache_dir, no_cache, executor, scheduler, max_file_size, max_pages, max_decompressed, timeout, quiet):
    """Controleer documenten en schrijf een rapport.

    \b
    Voorbeelden:
      docmine audit corpus/
      docmine audit beleid/ --rules mijn-regels/ --fail-on warning
    """
    from .api import Limits, Options, audit as run, remember_report, report_inputs
    from .model import AuditResult
    from .report import check_output_folder, write_reports
    from .report.terminal import Progress, summary

    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in FORMATS]
    if bad:
        raise DocmineError(f"onbekend formaat {', '.join(bad)}", code="DM300", hint=f"kies uit {','.join(FORMATS)}")
    if update_baseline and not baseline:
        raise DocmineError("--update-baseline heeft --baseline BESTAND nodig", code="DM300")
    rules = _load_rules(rule_dirs, no_default_rules)
    # Refuse a forbidden output folder before anything is written (the cache lives in it).
    check_output_folder(output, AuditResult(version="", root=""), fmts, audited=paths)
    progress = None if quiet else Progress.maybe()
    options = Options(rule_dirs=rule_dirs, default_rules=not no_default_rules, jobs=jobs,
                      limits=Limits(max_file_size=max_file_size * 1024 * 1024, max_pages=max_pages,
                                    max_decompressed=max_decompressed * 1024 * 1024, timeout=timeout),
                      type_overrides=_parse_overrides(type_overrides),
                      cache_dir=None if no_cache else (cache_dir or os.path.join(output, ".cache")),
                      executor=executor, scheduler=scheduler, progress=progress,
                      report_key=report_inputs(fmts, paths, output, None if update_baseline else baseline))
    try:
        result = run(paths, options, rules=rules, baseline=None if update_baseline else baseline,
                     exclude=[Path(output)])
    finally:
        if progress:
            progress.close()
    written = write_reports(result, output, fmts, audited=paths)
    remember_report(options, result, written)  # an unchanged next audit returns this one at once
    if update_baseline:
        from .baseline import write_baseline

        write_baseline(result, baseline)
    if not quiet:
        click.echo(summary(result, written, color=sys.stdout.isatty()))
    if result.errors:  # unreadable documents are input errors (DESIGN: exit 2); the report is complete
        raise click.exceptions.Exit(2)
    if fail_on == "never":
        raise click.exceptions.Exit(0)
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in result.findings)
    raise click.exceptions.Exit(1 if failing else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
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
                raise DocmineError("bestand niet gevonden", path=f, code="DM100", hint="controleer het pad")
            doc = run(f, root=Path(f).parent, type_overrides=overrides)
            doc.path = str(f)
            docs.append(doc)
        except DocmineError as exc:
            if not exc.path:
                exc.path = str(f)
            click.echo(f"docmine: {exc}", err=True)
            failed = True
    if fmt == "json":
        payload = [dict(d.summary(), text=d.text, page_offsets=[[p.number, p.start, p.end] for p in d.pages],
                        type_evidence=d.type_evidence, warnings=d.warnings) for d in docs]
        click.echo(json.dumps(payload[0] if len(files) == 1 and payload else payload, ensure_ascii=False, indent=2))
    else:
        for d in docs:
            click.echo(outline(d))
    raise click.exceptions.Exit(2 if failed else 0)


@main.group()
def rules():
    """Regels bekijken, controleren en testen."""


_rules_opts = [
    click.argument("dirs", nargs=-1, type=click.Path(exists=True)),
    click.option("--no-default-rules", is_flag=True, help="Alleen de opgegeven mappen."),
]


def _with_rule_opts(f):
    for opt in reversed(_rules_opts):
        f = opt(f)
    return f


@rules.command("list")
@_with_rule_opts
def rules_list(dirs, no_default_rules):
    """Toon alle regels: id, type, ernst en bericht."""
    loaded = _load_rules(dirs, no_default_rules)
    width = max((len(r.id) for r in loaded), default=10)
    for r in loaded:
        click.echo(f"{r.id:<{width}}  {r.type:<9}  {r.severity:<7}  {r.message}")
    click.echo(f"\n{len(loaded)} regels")


@rules.command("check")
@_with_rule_opts
def rules_check(dirs, no_default_rules):
    """Controleer regelbestanden op fouten (alle fouten tegelijk)."""
    loaded = _load_rules(dirs, no_default_rules)
    click.echo(f"{len(loaded)} regels in orde")


@rules.command("test")
@_with_rule_opts
def rules_test(dirs, no_default_rules):
    """Draai de voorbeelden (examples.match / examples.no_match) van elke regel."""
    from .rules.testing import run_examples

    loaded = _load_rules(dirs, no_default_rules)
    results = run_examples(loaded)
    failed = [r for r in results if not r.passed]
    for r in failed:
        click.echo(r.describe(), err=True)
    click.echo(f"{len(results) - len(failed)} voorbeelden geslaagd, {len(failed)} mislukt")
    raise click.exceptions.Exit(1 if failed else 0)


@rules.command("explain")
@click.argument("rule_id")
@click.option("--rules", "dirs", multiple=True, type=click.Path(exists=True))
def rules_explain(rule_id, dirs):
    """Leg één regel uit: waarom, wat in plaats daarvan, grondslag en voorbeelden."""
    from .report.explain import explain

    loaded = _load_rules(dirs, False)
    matches = [r for r in loaded if r.id == rule_id]
    if not matches:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in loaded], n=3)
        hint = f"bedoelde u {', '.join(close)}?" if close else "zie 'docmine rules list'"
        raise DocmineError(f"geen regel met id {rule_id!r}", code="DM300", hint=hint)
    click.echo(explain(matches[0]))


@rules.command("schema")
def rules_schema():
    """Print het JSON Schema van regelbestanden (voor aanvulling in een editor)."""
    from .rules.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
