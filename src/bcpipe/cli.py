"""The ``bcpipe`` command: validate, export, batch, plugins, rules, schema, completion,
serve, and the commands installed plugins add (hook ``bcpipe_commands``).

Exit codes: 0 success; 1 ``validate`` or ``batch`` found an error; 2 a file could not be
read, a format is unknown, an export failed, or the command line was wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tomllib
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

from bcpipe import __version__
from bcpipe.atomic import write_bytes_atomic
from bcpipe.batch import (
    DaskExecutor,
    Executor,
    LocalExecutor,
    ProgressBar,
    SerialExecutor,
    run_batch,
    summary_text,
)
from bcpipe.cli_commands import PLUGIN_COMMAND_DEST, PluginCommand, PluginCommands
from bcpipe.commands import CommandContext
from bcpipe.completion import SHELLS, completion_script
from bcpipe.errors import BcpipeError, UnknownFormatError
from bcpipe.findings import Language, ValidationResult
from bcpipe.model import Document
from bcpipe.pipeline import Pipeline
from bcpipe.schema import document_schema_json
from bcpipe.stdout_guard import private_stdout
from bcpipe.terminal import EscapingStream

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by ^C
DEFAULT_CONFIG = "bcpipe.toml"


STDIO = "-"  # as a FILE: standard input; as -o: standard output
STDIN_NAME = "<stdin>"

VALIDATE_EPILOG = """\
exit codes:
  0  every document read, no error finding (warnings and info allowed)
  1  some document has an error finding
  2  a file could not be read (missing, binary, bad syntax, data that does not fit
     the model), an unknown --from kind, or a wrong option

examples:
  bcpipe validate report.yaml report.txt
  cat report.json | bcpipe validate - --from json
"""

EXPORT_EPILOG = """\
formats (built in; `bcpipe plugins` lists every exporter installed):
  text   the document as plain text, in the form the text reader takes back
  json   the document model as JSON
  xml    bcpipe XML (schemas/bcpipe-document.xsd), read back by bcpipe
  edxml  an edXML package (QCVN 102:2016) for the document-exchange systems
  pdf    an A4 page layout as Decree 30 prescribes (binary: needs -o FILE or a pipe)
  docx   a Word document laid out as Decree 30 prescribes, to edit and sign (binary;
         needs the docx extra)

exit codes: 0 written; 2 the file could not be read, an unknown format, a failed export

examples:
  bcpipe export report.yaml --to pdf -o report.pdf
  cat report.txt | bcpipe export - --from text --to json > report.json
"""


class UsageError(Exception):
    """A wrong option value, reported without a traceback."""


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("plugins and settings")
    group.add_argument(
        "--plugins-dir", action="append", default=[], metavar="DIR",
        help="load every *.py file of DIR as a plugin (repeatable)",
    )  # fmt: skip
    group.add_argument(
        "--no-entrypoints", action="store_true",
        help="do not load plugins from the 'bcpipe' entry-point group",
    )  # fmt: skip
    group.add_argument(
        "--disable", action="append", default=[], metavar="PLUGIN",
        help="do not load this plugin (repeatable; also BCPIPE_DISABLE_PLUGINS=a,b)",
    )  # fmt: skip
    group.add_argument(
        "--config", metavar="FILE",
        help="TOML file of settings (default: ./bcpipe.toml when there is one)",
    )  # fmt: skip
    group.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages")
    group.add_argument(
        "--debug", action="store_true", help="let plugin errors raise, with traceback"
    )
    return common


def _selection_options() -> argparse.ArgumentParser:
    """Which codes are reported, as ruff selects them (also [rules] in bcpipe.toml)."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group(
        "rule selection (rule sets: recommended, strict, style, all; or codes and "
        "code prefixes such as BC2)"
    )
    group.add_argument(
        "--select", action="append", metavar="SETS_OR_CODES",
        help="report only these (default: recommended; comma-separated, repeatable)",
    )  # fmt: skip
    group.add_argument(
        "--extend-select", action="append", default=[], metavar="SETS_OR_CODES",
        help="report these too",
    )  # fmt: skip
    group.add_argument(
        "--ignore", action="append", default=[], metavar="CODE", help="drop findings with CODE"
    )
    group.add_argument(
        "--severity", action="append", default=[], metavar="CODE=LEVEL",
        help="report CODE (or a prefix) as error, warning or info",
    )  # fmt: skip
    return parent


BUILTIN_COMMANDS = frozenset(
    ("validate", "export", "batch", "plugins", "rules", "schema", "completion", "serve")
)


def build_parser(plugin_commands: PluginCommands | None = None) -> argparse.ArgumentParser:
    """The parser of the built-in commands and of ``plugin_commands`` (see
    :func:`discover_commands`; None: the built-in ones only)."""
    common = _common_options()
    selection = _selection_options()
    parser = argparse.ArgumentParser(
        prog="bcpipe",
        description="Vietnamese administrative documents (Decree 30/2020/NĐ-CP): "
        "validate and export reports.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"bcpipe {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        parents=[common, selection],
        help="check documents against the rules",
        description="Check documents against the rules; print the findings of each, by line.",
        epilog=VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a document; - reads stdin")
    validate.add_argument("--format", choices=("text", "json"), default="text", dest="output")
    validate.add_argument(
        "--from", dest="kind", metavar="KIND", help="read files as KIND (yaml, …)"
    )

    export = commands.add_parser(
        "export",
        parents=[common],
        help="export a document to a format",
        description="Export a document to a format.",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("file", metavar="FILE", help="a document; - reads stdin (with --from)")
    export.add_argument(
        "--to",
        required=True,
        dest="fmt",
        metavar="FORMAT",
        help="text, json, xml, edxml, pdf, docx",
    )
    export.add_argument(
        "-o", "--output", metavar="OUT", help="output file (default or -: stdout, not for pdf)"
    )
    export.add_argument("--from", dest="kind", metavar="KIND", help="read the file as KIND")

    batch = commands.add_parser(
        "batch",
        parents=[common, selection],
        help="validate and export many documents, on every core",
        description="Validate and export many documents; write the outputs, report.json "
        "and report.html into OUTDIR. Exit code 0: no error finding; 1: some documents "
        "have error findings; 2: some could not be read or exported.",
    )
    batch.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders (searched recursively), globs"
    )
    batch.add_argument(
        "--to", required=True, action="append", dest="formats", metavar="FORMATS",
        help="output formats, comma-separated: pdf,docx,xml,edxml,text (repeatable)",
    )  # fmt: skip
    batch.add_argument("-o", "--outdir", required=True, metavar="OUTDIR", help="output folder")
    batch.add_argument("--from", dest="kind", metavar="KIND", help="read every input as KIND")
    batch.add_argument(
        "-j", "--jobs", type=_positive, metavar="N", help="worker processes (default: all cores)"
    )
    batch.add_argument(
        "--executor", choices=("local", "serial", "dask"),
        help="local: a process pool (default); serial: in this process (debugging); "
        "dask: a dask.distributed cluster (needs bcpipe[dask])",
    )  # fmt: skip
    batch.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="address of the Dask scheduler (implies --executor dask; without it, "
        "--executor dask starts a local cluster)",
    )  # fmt: skip
    batch.add_argument(
        "--force", action="store_true", help="redo documents whose outputs are up to date"
    )
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    plugins = commands.add_parser("plugins", parents=[common], help="list loaded plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text", dest="output")

    rules = commands.add_parser(
        "rules",
        parents=[common, selection],
        help="list the finding codes: rule set, default severity, whether selected",
    )
    rules.add_argument("--format", choices=("text", "json"), default="text", dest="output")

    commands.add_parser("schema", help="print the document model's JSON Schema")

    completion = commands.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print a completion script for SHELL. Load it with: "
        "bash: source <(bcpipe completion bash); "
        "zsh: source <(bcpipe completion zsh); "
        "fish: bcpipe completion fish | source",
    )
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")

    serve = commands.add_parser(
        "serve", parents=[common], help="serve the HTTP API and the checking page (bcpipe[serve])"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--limit", action="append", default=[], metavar="NAME=VALUE",
        help="a limit of the [serve] config table, e.g. max_body=20971520 (repeatable)",
    )  # fmt: skip
    if plugin_commands is not None:
        plugin_commands.add_to(commands)
    return parser


def discover_commands(argv: Sequence[str]) -> PluginCommands:
    """The commands of the installed plugins (entry points), honouring the
    ``--no-entrypoints`` and ``--disable`` that ``argv`` gives any command.

    ``--plugins-dir`` is not honoured: it is an option of each command, and running a
    folder's code because a word of the raw command line looked like that option (it
    may be another option's value) is not safe. Plugins of a folder add rules,
    exporters and the like; commands come from installed plugins.
    """
    scan = _discovery_options(argv)
    return PluginCommands.discover(
        builtin=BUILTIN_COMMANDS,
        load_entrypoints=not scan.no_entrypoints,
        disabled=[*scan.disable, *_disabled_by_environment()],
    )


def _discovery_options(argv: Sequence[str]) -> argparse.Namespace:
    """The options that say which plugins load (and in which language to warn), read
    before the parser exists; a wrong value is left for the parser to report."""
    scan = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    scan.add_argument("--no-entrypoints", action="store_true")
    scan.add_argument("--disable", action="append", default=[])
    scan.add_argument("--lang", choices=("vi", "en"), default="vi")
    try:
        return scan.parse_known_args(list(argv))[0]
    except argparse.ArgumentError:
        return argparse.Namespace(no_entrypoints=False, disable=[], lang="vi")


def _disabled_by_environment() -> list[str]:
    env = os.environ.get("BCPIPE_DISABLE_PLUGINS", "")
    return [name.strip() for name in env.split(",") if name.strip()]


def _settings(path: str | None) -> dict[str, Any]:
    if not path:
        if not Path(DEFAULT_CONFIG).is_file():
            return {}
        path = DEFAULT_CONFIG
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config: {exc}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return number


def _pipeline_options(args: argparse.Namespace, ignore: Sequence[str] = ()) -> dict[str, Any]:
    """The keyword arguments of Pipeline (and of run_batch) the common options give."""
    disabled = [*args.disable, *_disabled_by_environment()]
    for folder in args.plugins_dir:
        if not Path(folder).is_dir():
            raise UsageError(f"--plugins-dir {folder}: no such folder")
    return {
        "plugins_dir": args.plugins_dir or None,
        "load_entrypoints": not args.no_entrypoints,
        "disable": disabled,
        "settings": _with_selection(_settings(args.config), args),
        "language": args.lang,
        "ignore": ignore,
        "debug": args.debug,
    }


def _with_selection(settings: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """``settings`` with the rule selection options put into its [rules] table (where
    batch workers find it too): --select replaces, the others add."""
    select = _codes(getattr(args, "select", None) or [])
    extend = _codes(getattr(args, "extend_select", []))
    levels = getattr(args, "severity", [])
    if not (select or extend or levels):
        return settings
    table = settings.get("rules", {})
    if not isinstance(table, dict):
        raise UsageError(f"[rules] must be a table, not {table!r}")
    merged = {key.replace("_", "-"): value for key, value in table.items()}
    if select:
        merged["select"] = select
    if extend:
        merged["extend-select"] = [*merged.get("extend-select", []), *extend]
    if levels:
        severity = dict(merged.get("severity", {}))
        for item in _codes(levels):
            code, sep, level = item.partition("=")
            if not sep or not code.strip() or not level.strip():
                raise UsageError(f"--severity {item}: expected CODE=LEVEL, e.g. BC205=info")
            severity[code.strip()] = level.strip()
        merged["severity"] = severity
    return {**settings, "rules": merged}


def _pipeline(args: argparse.Namespace, ignore: Sequence[str] = ()) -> Pipeline:
    return Pipeline(**_pipeline_options(args, ignore))


def _warn_unknown_names(pipeline: Pipeline, args: argparse.Namespace, err: TextIO) -> None:
    """A misspelt --ignore code or --disable name would silently do nothing: say so."""
    for notice in pipeline.notices:
        err.write(f"bcpipe: note: {notice}\n")
    known_codes = {check.code for _, check in pipeline.checks()}
    for code in _codes(getattr(args, "ignore", [])):
        if code not in known_codes:
            err.write(f"bcpipe: warning: --ignore {code}: no loaded rule reports this code\n")
    known_plugins = {entry.name for entry in entry_points(group="bcpipe")}
    known_plugins.update(Path(f).stem for d in args.plugins_dir for f in Path(d).glob("*.py"))
    for name in args.disable:
        if name not in known_plugins:
            err.write(f"bcpipe: warning: --disable {name}: no plugin has this name\n")


def _codes(values: Sequence[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _load(pipeline: Pipeline, name: str, kind: str | None, inp: BinaryIO | None) -> Document:
    """The document in file ``name``, or on standard input for ``-``."""
    if name != STDIO:
        return pipeline.load(name, kind=kind)
    if not kind:
        raise UsageError(
            "- (standard input) needs --from KIND (yaml, json, toml, xml, text, …): "
            "there is no file name to tell the kind by"
        )
    return pipeline.loads((inp or sys.stdin.buffer).read(), kind=kind, name=STDIN_NAME)


def _print_result(name: str, result: ValidationResult, out: TextIO) -> None:
    counts = result.counts()
    status = result.document.status.value
    out.write(
        f"{name}: {status}, {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info\n"
    )
    # In the order a clerk fixes them: the document as a whole, then line by line.
    in_order = sorted(result.findings, key=lambda f: f.location.line or 0)  # stable
    for finding in in_order:
        out.write(
            f"  {finding.severity.value} {finding.code} {finding.location}: {finding.message}\n"
        )


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO, inp: BinaryIO | None) -> int:
    if args.files.count(STDIO) > 1:
        raise UsageError("- (standard input) can be given once")
    pipeline = _pipeline(args, _codes(args.ignore))
    _warn_unknown_names(pipeline, args, err)
    exit_code = EXIT_OK
    reports: list[dict[str, Any]] = []
    for name in args.files:
        try:
            result = pipeline.validate(_load(pipeline, name, args.kind, inp))
        except BcpipeError as exc:
            exit_code = EXIT_FAILURE
            if args.output == "json":
                reports.append({"file": name, "error": str(exc), "findings": []})
            else:
                err.write(f"{exc}\n")
            continue
        if not result.ok and exit_code == EXIT_OK:
            exit_code = EXIT_FINDINGS
        shown = STDIN_NAME if name == STDIO else name
        if args.output == "json":
            reports.append({"file": shown, **result.to_dict()})
        else:
            _print_result(shown, result, out)
    if args.output == "json":
        json.dump({"files": reports}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return exit_code


def _export(args: argparse.Namespace, out: TextIO, err: TextIO, inp: BinaryIO | None) -> int:
    pipeline = _pipeline(args)
    _warn_unknown_names(pipeline, args, err)
    try:
        pipeline.exporter(args.fmt)  # an unknown format fails before the file is read
    except UnknownFormatError:
        for problem in pipeline.problems:  # the missing exporter's plugin may be one of them
            err.write(f"bcpipe: warning: plugin {problem.plugin} failed: {problem.message}\n")
        raise
    # A plugin that failed changes what is exported (a transform skipped): say so, as
    # validate would.
    to_stdout = not args.output or args.output == STDIO
    if to_stdout and args.fmt == "pdf" and out.isatty():  # before the work, when it is known
        raise UsageError(_BINARY_TO_TERMINAL.format(fmt=args.fmt))
    loaded = _load(pipeline, args.file, args.kind, inp)
    document = _warn_plugin_failures(pipeline, loaded, err)
    data = pipeline.export(document, args.fmt)
    if to_stdout and out.isatty() and not _is_text(data):  # a plugin's binary format
        raise UsageError(_BINARY_TO_TERMINAL.format(fmt=args.fmt))
    if not to_stdout:
        try:
            write_bytes_atomic(args.output, data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise UsageError(f"{args.output}: cannot write the output: {reason}") from None
    else:
        out.flush()
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:
            out.write(data.decode("utf-8", errors="replace"))
    return EXIT_OK


_BINARY_TO_TERMINAL = (
    "the {fmt} export is binary and standard output is a terminal: "
    "give -o FILE, or send it to a file or a program (> out.{fmt}, | …)"
)


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _warn_plugin_failures(pipeline: Pipeline, document: Document, err: TextIO) -> Document:
    """Write the plugin failures (BC9xx) preparing ``document`` meets; the prepared
    document, which export does not prepare again. No rule runs: export does not check."""
    result = pipeline.prepare_checked(document)
    for finding in result.findings:
        err.write(f"bcpipe: warning: {finding.code} {finding.message}\n")
    return result.document


def _executor(args: argparse.Namespace) -> Executor:
    name = args.executor or ("dask" if args.scheduler else "local")
    if args.scheduler and name != "dask":
        raise UsageError(f"--scheduler needs --executor dask, not --executor {name}")
    if name == "serial":
        return SerialExecutor()
    if name == "dask":
        return DaskExecutor(args.scheduler, jobs=args.jobs)
    return LocalExecutor(args.jobs)


def _batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    formats = _codes(args.formats)
    # A pipeline here costs a plugin discovery: only to check names the options give
    # (a wrong selection fails here, once, rather than in every worker).
    if args.disable or args.ignore or args.select or args.extend_select or args.severity:
        _warn_unknown_names(_pipeline(args, _codes(args.ignore)), args, err)
    progress = None if args.quiet or not err.isatty() else ProgressBar(err)
    try:
        report = run_batch(
            args.inputs,
            formats=formats,
            outdir=args.outdir,
            kind=args.kind,
            executor=_executor(args),
            force=args.force,
            progress=progress,
            **_pipeline_options(args, _codes(args.ignore)),
        )
    finally:
        if progress is not None:
            progress.close()
    out.write(summary_text(report))
    return report.exit_code


def _plugins(args: argparse.Namespace, out: TextIO) -> int:
    pipeline = _pipeline(args)
    infos = pipeline.plugins()
    if args.output == "json":
        data = {
            "plugins": [info.to_dict() for info in infos],
            "problems": [
                {"plugin": p.plugin, "stage": p.stage, "message": p.message}
                for p in pipeline.problems
            ],
        }
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    for info in infos:
        version = info.version or "-"
        origin = info.distribution or info.module
        out.write(f"{info.name} {version} ({info.source}: {origin})\n")
        out.write(f"  hooks: {', '.join(info.hooks) or '-'}\n")
        for kind, names in info.components.items():
            out.write(f"  {kind}: {', '.join(names)}\n")
    for problem in pipeline.problems:
        out.write(f"! {problem.plugin}: {problem.stage} failed: {problem.message}\n")
    return EXIT_OK


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    pipeline = _pipeline(args, _codes(args.ignore))
    rows = pipeline.rule_table()
    if args.output == "json":
        json.dump({"rules": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    for row in rows:
        message = row["message_vi" if args.lang == "vi" else "message_en"]
        # An unselected code is marked "-"; an overridden severity shows what is reported.
        mark = (
            "-" if not row["selected"] else ("*" if row["reported_as"] != row["severity"] else " ")
        )
        out.write(
            f"{row['code']} {mark} {row['set']:<11}  {row['severity']:<7}  "
            f"{row['rule']:<11}  {message}\n"
        )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    try:
        from bcpipe.serve.cli import run
    except ImportError as exc:
        raise UsageError(
            f"serve needs the serve extra: pip install 'bcpipe[serve]' ({exc})"
        ) from None
    options = _pipeline_options(args)
    return run(options, options["settings"].get("serve", {}), args.limit, args.host, args.port)


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    inp: BinaryIO | None = None,
) -> int:
    """Run the command line; returns the exit code. ``inp`` is what ``-`` reads.

    Without ``out``, the command's stdout is kept from plugins (see
    :mod:`bcpipe.stdout_guard`): what a plugin prints goes to stderr.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    err = cast(TextIO, EscapingStream(err or sys.stderr))  # plugin names may hold controls
    plugin_commands = discover_commands(argv)
    parser = build_parser(plugin_commands)
    # Before parsing: `bcpipe --help` and a mistyped command say why a command is missing.
    language: Language = _discovery_options(argv).lang
    plugin_commands.report(err, language)
    args = parser.parse_args(argv)  # --help and --version print to stdout
    if out is None:
        with private_stdout() as guarded:
            return _run(args, parser, guarded, err, inp)
    return _run(args, parser, out, err, inp)


def _run(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    out: TextIO,
    err: TextIO,
    inp: BinaryIO | None,
) -> int:
    human = args.command == "batch" or (
        args.command in ("validate", "plugins", "rules") and args.output != "json"
    )
    if human:
        out = cast(TextIO, EscapingStream(out))
    try:
        plugin_command = getattr(args, PLUGIN_COMMAND_DEST, None)
        if plugin_command is not None:
            return _run_plugin_command(plugin_command, args, out, err, inp)
        if args.command == "validate":
            return _validate(args, out, err, inp)
        if args.command == "export":
            return _export(args, out, err, inp)
        if args.command == "batch":
            return _batch(args, out, err)
        if args.command == "plugins":
            return _plugins(args, out)
        if args.command == "rules":
            return _rules(args, out)
        if args.command == "completion":
            out.write(completion_script(parser, args.shell))
            return EXIT_OK
        if args.command == "serve":
            return _serve(args)
        out.write(document_schema_json())
        return EXIT_OK
    except (BcpipeError, UsageError) as exc:
        err.write(f"bcpipe: {exc}\n")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        err.write("bcpipe: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`bcpipe rules | head`): what it wanted it has. Point
        # stdout at /dev/null so that the interpreter's last flush does not fail too.
        if out is sys.stdout:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        err.write(
            f"bcpipe: internal error: {type(exc).__name__}: {exc} (run with --debug for details)\n"
        )
        return EXIT_FAILURE


def _run_plugin_command(
    entry: PluginCommand,
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    inp: BinaryIO | None,
) -> int:
    """Run a plugin's command; its crash is named as the plugin's, not bcpipe's."""
    # Without a standard input (a service, pythonw) `-` reads nothing rather than failing.
    stdin = inp if inp is not None else getattr(sys.stdin, "buffer", None) or io.BytesIO()
    ctx = CommandContext(out, err, stdin, _settings(getattr(args, "config", None)))
    try:
        return int(entry.command.run(args, ctx))
    except (BcpipeError, UsageError, KeyboardInterrupt, BrokenPipeError):
        raise  # reported as the built-in commands' are
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        err.write(
            f"bcpipe: command {entry.command.name!r} of plugin {entry.plugin} failed: "
            f"{type(exc).__name__}: {exc}\n"
        )
        return EXIT_FAILURE


def entry() -> None:  # pragma: no cover - console script wrapper
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
