"""``bcpipe edxml …``: the commands a receiving agency needs beyond load and export.

``bcpipe edxml status PKG --code 03`` answers a received document package with a
status message; ``bcpipe edxml show PKG…`` reports what packages are (a document: who
sends what to whom, what it changes, its attachments; a status message: who reports
which status of which document, when). Contributed to the command line as one command
(:data:`EDXML_COMMAND`, through the plugin's ``bcpipe_commands`` hook); settings come
from ``--config`` like every other command's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bcpipe import Command, CommandContext, SourceError
from bcpipe.atomic import write_bytes_atomic
from bcpipe_plugins.edxml.incoming import Received, read_package
from bcpipe_plugins.edxml.settings import read_settings
from bcpipe_plugins.edxml.status import STATUS_CODES, describe_status, status_package

__all__ = ["EDXML_COMMAND"]


def _configure(group: argparse.ArgumentParser) -> None:
    """Add the actions ``status`` and ``show`` to the ``edxml`` command's parser."""
    common = argparse.ArgumentParser(add_help=False)
    # On each action, not on the group: an action's default would override the group's.
    common.add_argument("--config", metavar="FILE", help="TOML file of settings ([edxml])")
    actions = group.add_subparsers(dest="edxml_command", required=True, metavar="ACTION")
    status = actions.add_parser(
        "status", parents=[common], help="write a status message answering a received package"
    )
    status.add_argument("file", metavar="PACKAGE", help="the received document package")
    codes = ", ".join(f"{code} {en}" for code, (_, en) in STATUS_CODES.items())
    status.add_argument("--code", required=True, choices=sorted(STATUS_CODES), help=codes)
    status.add_argument("--description", help="Description (default: the code's meaning)")
    status.add_argument("--timestamp", default="now", help='"yyyy/MM/dd HH:mm:ss" (default: now)')
    status.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    show = actions.add_parser("show", parents=[common], help="report what packages are")
    show.add_argument("files", nargs="+", metavar="PACKAGE")


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except OSError as exc:
        raise SourceError(path, f"cannot be read: {exc.strerror or exc}") from None


def _document_lines(package: Received) -> list[str]:
    sender = package.organizations("From")
    business = package.business()
    lines = [
        f"Văn bản / document: {package.value('DocumentType/TypeName') or '?'} "
        f"{package.value('Code/CodeNumber') or '?'}/{package.value('Code/CodeNotation') or '?'} "
        f"({package.value('DocumentId') or '?'})",
        f"Ngày / date: {package.value('PromulgationInfo/PromulgationDate') or '?'}",
        f"Trích yếu / subject: {package.value('Subject') or '?'}",
        f"Gửi từ / from: {sender[0].name if sender else '?'} ({sender[0].code if sender else '?'})",
    ]
    lines += [
        f"Gửi đến / to: {o.name or '?'} ({o.code or '?'})" for o in package.organizations("To")
    ]
    if business is not None:
        concerns = ", ".join(business.replaces) or business.document_id or "?"
        lines.append(f"Nghiệp vụ / business: {business.kind} ({business.reason or ''}) {concerns}")
    lines += [
        f"Đính kèm / attachment: {f.name} ({f.content_type or '?'}, {len(f.data)} bytes"
        + (", unzipped" if f.zipped else "")
        + ")"
        for f in package.files()
    ]
    return lines


def _run(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Run ``bcpipe edxml ACTION``; errors propagate as :class:`bcpipe.BcpipeError`."""
    out = ctx.out
    if args.edxml_command == "status":
        data = status_package(
            _read(args.file),
            args.code,
            read_settings(ctx.settings),
            timestamp=args.timestamp,
            description=args.description,
            source=args.file,
        )
        if args.output:
            write_bytes_atomic(Path(args.output), data)
        else:
            out.write(data.decode("utf-8"))
        return 0
    for index, path in enumerate(args.files):
        package = read_package(_read(path), path)
        if index:
            out.write("\n")
        out.write(f"{path}: edXML {'status message' if package.is_status else 'document'}\n")
        lines = describe_status(package).lines() if package.is_status else _document_lines(package)
        out.writelines(f"  {line}\n" for line in lines)
    return 0


EDXML_COMMAND = Command("edxml", _run, _configure, help="answer and inspect edXML packages")
