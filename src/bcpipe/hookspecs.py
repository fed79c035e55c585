"""The hooks a bcpipe plugin implements: the plugin author's reference.

A plugin is any module or object with functions named after these hooks and marked
with :data:`bcpipe.hookimpl`. Every hook *contributes components*: it returns a list
(or any iterable) of :class:`~bcpipe.Rule`, :class:`~bcpipe.Exporter`,
:class:`~bcpipe.Loader` or :class:`~bcpipe.Transform` objects, or None for none.
bcpipe calls each hook once, when a :class:`~bcpipe.Pipeline` is built, then runs the
components itself, one at a time, so that one failing component is reported (as a
finding naming the plugin) while the others still run.

A minimal plugin, in a file of a ``--plugins-dir`` folder or a package registered
under the ``bcpipe`` entry-point group::

    import bcpipe
    from bcpipe import Check, Severity, hookimpl

    SHORT = Check("XY001", Severity.WARNING,
                  vi="Trích yếu quá ngắn", en="The subject is too short")

    @bcpipe.rule("xy-subject-length", SHORT)
    def subject_length(doc, ctx):
        if doc.subject and len(doc.subject.split()) < 3:
            yield SHORT.at(("subject",))

    @hookimpl
    def bcpipe_rules(settings):
        return [subject_length]

Hook functions may take any subset of the arguments below, by name (a new argument
may be added to a hook; old plugins keep working). ``settings`` is the pipeline's
whole settings mapping; by convention a plugin reads the table named after itself
(``settings.get("sections", {})``).

One hook contributes to the command line rather than to a pipeline:
``bcpipe_commands`` (see there).

Where two plugins contribute a component of the same name (an exporter "pdf", say),
the one registered later wins: entry points first, then ``--plugins-dir`` files, then
plugins given in code; so a local plugin can replace a built-in one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from bcpipe.commands import Command
    from bcpipe.components import Exporter, Loader, Rule, Transform

PROJECT = "bcpipe"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def bcpipe_rules(settings: Mapping[str, Any]) -> Iterable[Rule] | None:
    """Contribute validation rules.

    Return :class:`~bcpipe.Rule` objects (make them with :func:`bcpipe.rule`). A rule
    is a function ``(document, ctx) -> Iterable[Finding]``; it must not change the
    document. Each finding comes from a :class:`~bcpipe.Check` the rule declares
    (stable code such as ``BC101``, severity, Vietnamese and English message), made
    with ``CHECK.at(path, **params)`` where ``path`` is the place in the model, e.g.
    ``("recipients", 3)``. A rule that raises becomes one ``BC900`` error finding
    naming the plugin and the rule; the other rules still run.
    """


@hookspec
def bcpipe_exporters(settings: Mapping[str, Any]) -> Iterable[Exporter] | None:
    """Contribute exporters, each for one format name ("text", "pdf", "xml", …).

    Return :class:`~bcpipe.Exporter` objects (make them with :func:`bcpipe.exporter`).
    An exporter is a function ``(document, ctx) -> bytes``; the same document must give
    the same bytes. ``ctx.export(document, "pdf")`` runs another exporter (an envelope
    format that embeds the PDF, say). The pipeline writes files atomically; the
    exporter only returns bytes.
    """


@hookspec
def bcpipe_loaders(settings: Mapping[str, Any]) -> Iterable[Loader] | None:
    """Contribute loaders, each for one kind of file ("yaml", "text", "xml", …).

    Return :class:`~bcpipe.Loader` objects (make them with :func:`bcpipe.loader`),
    naming the file suffixes they claim. A loader is a function
    ``(data: bytes, ctx) -> Document | Loaded``. On bad input it raises
    :class:`bcpipe.errors.SourceError` (cannot be read; give the line) or
    :class:`bcpipe.errors.InvalidDocumentError` (read, but does not fit the model;
    ``ctx.document(data, lines=...)`` raises it for you). It never returns a
    half-filled document. Return :class:`~bcpipe.Loaded` to add a line map and
    findings noticed while reading.
    """


@hookspec
def bcpipe_transforms(settings: Mapping[str, Any]) -> Iterable[Transform] | None:
    """Contribute transforms, run on a document before it is validated or exported.

    Return :class:`~bcpipe.Transform` objects (make them with :func:`bcpipe.transform`).
    A transform is a function ``(document, ctx) -> Document | None`` that returns a
    changed copy (or None for no change); it normalises or enriches the document, e.g.
    recognising the citations in the text. Transforms run by ascending ``priority``
    (0-199 normalise, 200-499 enrich, 500+ derive) and must be idempotent. One that
    raises is skipped and reported as a ``BC903`` error finding.
    """


@hookspec
def bcpipe_commands() -> Iterable[Command] | None:
    """Contribute subcommands to the ``bcpipe`` command line (``bcpipe edxml …``).

    Return :class:`~bcpipe.Command` objects (make them with :func:`bcpipe.command`).
    A command's ``configure(parser)`` adds its arguments to its argparse parser;
    ``run(args, ctx) -> int`` runs it, writing to ``ctx.out`` and ``ctx.err``, and
    returns the exit code. The hook takes no settings: it is called while the
    argument parser is built, before any ``--config`` is read (``ctx.settings`` has
    them when the command runs). Only installed plugins (the ``bcpipe`` entry-point
    group) are asked: ``--plugins-dir`` is an option of each command, known only once
    the parser that needs the commands has parsed. A hook that raises or returns
    something else than commands, or a command named as a built-in one, is reported
    on stderr as a ``BC902`` warning naming the plugin; the other commands still work.
    """
