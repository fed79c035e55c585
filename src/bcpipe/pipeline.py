"""The :class:`Pipeline`: load → transform → validate → export, with its own plugins."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from bcpipe.atomic import write_bytes_atomic
from bcpipe.budget import Budgets, OverBudget, RuleTimer
from bcpipe.components import (
    ExportContext,
    Exporter,
    LoadContext,
    Loaded,
    Loader,
    Rule,
    RuleContext,
    Transform,
    TransformContext,
)
from bcpipe.convert import document_from_data, migrated_lines
from bcpipe.errors import BcpipeError, ExportError, SourceError, UnknownFormatError
from bcpipe.failures import (
    PLUGIN_FAILURES,
    RULE_CHANGED_DOCUMENT,
    RULE_FAILED,
    RULE_TIMED_OUT,
    TRANSFORM_FAILED,
    problem_finding,
)
from bcpipe.findings import Check, Finding, Language, Location, ValidationResult
from bcpipe.limits import MAX_SOURCE_BYTES, read_source, too_large
from bcpipe.model import Document
from bcpipe.plugins import PluginInfo, PluginProblem, PluginRegistry
from bcpipe.prepared import PreparedMark
from bcpipe.selection import RuleSelection, Selected
from bcpipe.source import SourceInfo

__all__ = ["Pipeline"]

C = TypeVar("C", Rule, Exporter, Loader, Transform)
Source = str | os.PathLike[str] | Mapping[str, Any] | Document


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _credited(finding: Finding, plugin: str, rule: str) -> Finding:
    """``finding`` as reported by ``rule`` of ``plugin``."""
    if type(finding) is not Finding:  # a subclass keeps its class (and its fields)
        return replace(finding, plugin=plugin, rule=rule)
    # What replace() gives, built directly: replace() costs several times more.
    return Finding(
        finding.code,
        finding.severity,
        finding.location,
        finding.message_vi,
        finding.message_en,
        plugin,
        rule,
        finding.language,
    )


class Pipeline:
    """Loads, validates and exports documents with one set of plugins.

    >>> pipeline = Pipeline()                       # plugins from the "bcpipe" entry points
    >>> doc = pipeline.load("examples/bao-cao-ttdn-tuy-phuoc-2022.yaml")
    >>> result = pipeline.validate(doc)
    >>> text = pipeline.export(doc, "text")

    Plugins come from, in this order (later ones win a name clash): the ``bcpipe``
    entry-point group (``load_entrypoints``), the ``*.py`` files of ``plugins_dir``,
    and the objects in ``plugins``. ``disable`` names plugins not to register.
    ``settings`` is a mapping of per-plugin tables (``{"sections": {...}}``).
    ``language`` picks the language of :attr:`Finding.message`.

    Which codes are reported (see :mod:`bcpipe.selection`): the ``[rules]`` table of
    ``settings``, then ``select`` (rule sets or codes, replacing the table's;
    default: the ``recommended`` set), ``extend_select`` and ``ignore`` (codes or
    sets added, dropped) and ``severity`` (code → "error"/"warning"/"info").
    ``strict`` raises :class:`~bcpipe.errors.PluginError` instead of
    reporting a broken plugin; ``debug`` lets plugin exceptions propagate unwrapped.

    A pipeline holds no global state: build as many as you need. Build one and reuse
    it; building discovers plugins and collects their components.
    """

    def __init__(
        self,
        *,
        plugins: Iterable[object] = (),
        plugins_dir: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        load_entrypoints: bool = True,
        disable: Iterable[str] = (),
        settings: Mapping[str, Any] | None = None,
        language: Language = "vi",
        ignore: Iterable[str] = (),
        strict: bool = False,
        debug: bool = False,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        severity: Mapping[str, str] | None = None,
    ) -> None:
        if language not in ("vi", "en"):
            raise ValueError(f"language must be 'vi' or 'en', not {language!r}")
        self.language: Language = language
        self.ignore = frozenset(ignore)
        self.debug = debug
        self.settings: Mapping[str, Any] = MappingProxyType(dict(settings or {}))
        self.budgets = Budgets.of(self.settings)
        self._registry = PluginRegistry(strict=strict, disabled=disable)
        if load_entrypoints:
            self._registry.load_entrypoints()
        if plugins_dir is not None:
            dirs = [plugins_dir] if isinstance(plugins_dir, str | os.PathLike) else plugins_dir
            for directory in dirs:
                self._registry.load_directory(directory)
        for plugin in plugins:
            self._registry.register(plugin)

        self._rules: list[tuple[Rule, str]] = self._collect("bcpipe_rules", Rule)
        self._exporters = self._by_name(self._collect("bcpipe_exporters", Exporter))
        self._loaders = self._by_name(self._collect("bcpipe_loaders", Loader))
        transforms = self._collect("bcpipe_transforms", Transform)
        self._transforms = sorted(transforms, key=lambda pair: pair[0].priority)
        self._suffixes = {s: name for name, (ld, _) in self._loaders.items() for s in ld.suffixes}
        selection = RuleSelection.from_settings(self.settings.get("rules")).extended(
            select=select, extend_select=extend_select, ignore=self.ignore, severity=severity
        )
        rule_sets = {check.code: check.rule_set for _, check in self.checks()}
        self._selected, self._per_type = selection.resolve(rule_sets)
        # A rule none of whose codes any document type reports is not run at all.
        wanted = [self._selected, *self._per_type.values()]
        self._active_rules = [
            pair
            for pair in self._rules
            if not pair[0].checks or any(s.reports(c.code) for s in wanted for c in pair[0].checks)
        ]
        self._problem_findings = [
            problem_finding(p, self.language) for p in self._registry.problems
        ]
        # Marks the documents this pipeline prepared (see _prepare).
        self._token = object()
        self._export_context = ExportContext(
            self.settings, self._export_prepared, frozenset(self._exporters)
        )

    # -- plugins and components ----------------------------------------------------

    def _collect(self, hook_name: str, cls: type[C]) -> list[tuple[C, str]]:
        """Call ``hook_name`` on each plugin separately, so one failure names its plugin."""
        caller = getattr(self._registry.manager.hook, hook_name)
        collected: list[tuple[C, str]] = []
        for impl in caller.get_hookimpls():
            kwargs = {"settings": self.settings}
            try:
                result = impl.function(**{k: kwargs[k] for k in impl.argnames})
                items = list(result or ())
                for item in items:
                    if not isinstance(item, cls):
                        raise TypeError(f"{hook_name} returned {item!r}, not a {cls.__name__}")
            except Exception as exc:
                if self.debug:
                    raise
                self._registry.problems.append(
                    PluginProblem(
                        impl.plugin_name, "components", f"{hook_name}: {_error_text(exc)}"
                    )
                )
                continue
            collected.extend((item, impl.plugin_name) for item in items)
        return collected

    @staticmethod
    def _by_name(pairs: list[tuple[C, str]]) -> dict[str, tuple[C, str]]:
        return {component.name: (component, plugin) for component, plugin in pairs}

    @property
    def problems(self) -> list[PluginProblem]:
        """Plugins that failed to load, register or contribute components."""
        return list(self._registry.problems)

    @property
    def notices(self) -> list[str]:
        """What construction did that a user should know, though nothing failed: a plugin
        found twice (installed, and in a plugins folder) was registered once."""
        return list(self._registry.notices)

    def plugins(self) -> list[PluginInfo]:
        """The registered plugins, in registration order, with their components."""
        infos = {
            name: replace(info.identified(), components={})
            for name, info in self._registry.infos.items()
        }
        groups: list[tuple[str, Iterable[tuple[Any, str]]]] = [
            ("rules", self._rules),
            ("exporters", self._exporters.values()),
            ("loaders", self._loaders.values()),
            ("transforms", self._transforms),
        ]
        for kind, pairs in groups:
            for component, plugin in pairs:
                infos[plugin].components.setdefault(kind, []).append(component.name)
        return list(infos.values())

    @property
    def rules(self) -> list[Rule]:
        return [rule for rule, _ in self._rules]

    def selected(self, code: str, doc_type: str | None = None) -> Check | None:
        """``code``'s check as this pipeline reports it (its severity overridden), for
        documents of ``doc_type``; None when the selection leaves the code out."""
        check = next((check for _, check in self.checks() if check.code == code), None)
        if check is None:
            return None
        return self._as_reported(check, self._per_type.get(doc_type or "", self._selected))

    @staticmethod
    def _as_reported(check: Check, selection: Selected) -> Check | None:
        if not selection.reports(check.code):
            return None
        return replace(check, severity=selection.severity.get(check.code, check.severity))

    def checks(self) -> list[tuple[str, Check]]:
        """Every finding code the rules and loaders declare, with who declares it, and
        the pipeline's own (BC900-BC903, a plugin that failed)."""
        declared = [(rule.name, check) for rule, _ in self._rules for check in rule.checks]
        for name, (loader, _) in sorted(self._loaders.items()):
            declared.extend((f"{name} loader", check) for check in loader.checks)
        declared.extend(("pipeline", check) for check in PLUGIN_FAILURES)
        return declared

    def rule_table(self) -> list[dict[str, Any]]:
        """One row per finding code, by code: its set, default severity, whether this
        pipeline reports it and as what, who declares it, its messages. What ``bcpipe
        rules --format json`` prints and ``GET /v1/rules`` answers."""
        rows: list[dict[str, Any]] = []
        for owner, check in self.checks():
            selected = self._as_reported(check, self._selected)
            rows.append(
                {
                    "code": check.code,
                    "set": check.rule_set,
                    "severity": check.severity.value,
                    "selected": selected is not None,
                    "reported_as": selected.severity.value if selected else None,
                    "rule": owner,
                    "message_vi": check.vi,
                    "message_en": check.en,
                }
            )
        rows.sort(key=lambda row: str(row["code"]))
        return rows

    @property
    def export_formats(self) -> list[str]:
        return sorted(self._exporters)

    @property
    def load_kinds(self) -> list[str]:
        return sorted(self._loaders)

    @property
    def load_suffixes(self) -> dict[str, str]:
        """File suffixes the loaders claim (".yaml", …), each with its loader's kind."""
        return dict(sorted(self._suffixes.items()))

    def exporter(self, fmt: str) -> Exporter:
        """The exporter for ``fmt``; :class:`~bcpipe.errors.UnknownFormatError` if none."""
        if fmt not in self._exporters:
            raise UnknownFormatError("exporter", fmt, self._exporters)
        return self._exporters[fmt][0]

    # -- loading ---------------------------------------------------------------------

    def load(self, source: Source, *, kind: str | None = None, name: str | None = None) -> Document:
        """A document from a file path, a mapping (parsed data) or a Document.

        The loader is chosen by ``kind`` ("yaml", "text", …) or by the file's suffix.
        ``name`` is how messages and findings name the file (default: the path as given).
        Raises :class:`~bcpipe.errors.SourceError` when the file cannot be read and
        :class:`~bcpipe.errors.InvalidDocumentError` when its data does not fit the model.
        """
        if isinstance(source, Document):
            return source
        if isinstance(source, Mapping):
            return document_from_data(source, source="<mapping>")
        path = Path(source)
        name = name or str(source)
        if "\0" in str(source):
            raise SourceError(name, "a file name cannot hold a NUL character")
        kind = kind or self._kind_for(path, name)
        return self.loads(read_source(path, name), kind=kind, name=name)

    def loads(self, data: bytes | str, *, kind: str, name: str | None = None) -> Document:
        """A document from ``data`` in memory, read by the loader for ``kind``."""
        if kind not in self._loaders:
            raise UnknownFormatError("loader", kind, self._loaders)
        loader, plugin = self._loaders[kind]
        # "surrogatepass" keeps a string with lone surrogates encodable, so that the
        # loader's own decoding refuses it with a SourceError like any bad byte.
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        if len(raw) > MAX_SOURCE_BYTES:
            raise SourceError(name, too_large(len(raw)))
        try:
            result = loader.load(raw, LoadContext(name, self.settings, self._load_embedded))
        except BcpipeError:
            raise
        except RecursionError:
            if self.debug:
                raise
            raise SourceError(
                name,
                "the data is nested too deeply to be a document (or, in YAML, an alias "
                "refers to the node that contains it)",
            ) from None
        except Exception as exc:
            if self.debug:
                raise
            raise SourceError(
                name, f"the {kind!r} loader of plugin {plugin} failed: {_error_text(exc)}"
            ) from exc
        places: Mapping[str, str] = {}
        partial: frozenset[str] = frozenset()
        if isinstance(result, Loaded):
            document, findings = result.document, tuple(result.findings)
            lines = migrated_lines(result.lines)
            places, partial = result.places, result.partial
        elif isinstance(result, Document):
            document = result
            lines = document.source.lines if document.source else {}
            findings = ()
        else:
            raise SourceError(name, f"the {kind!r} loader of plugin {plugin} returned no document")
        return document.with_source(
            SourceInfo(
                name=name,
                kind=kind,
                lines=lines,
                findings=findings,
                places=places,
                partial=partial,
            )
        )

    def _load_embedded(self, data: bytes, name: str) -> Document:
        """A file carried inside another (an edXML attachment), read by its suffix."""
        suffix = Path(name).suffix.lower()
        if suffix not in self._suffixes:
            known = ", ".join(sorted(self._suffixes)) or "none"
            raise SourceError(
                name, f"no loader reads {suffix or '(no suffix)'!r} files; known: {known}"
            )
        return self.loads(data, kind=self._suffixes[suffix], name=name)

    def _kind_for(self, path: Path, name: str) -> str:
        suffix = path.suffix.lower()
        if suffix in self._suffixes:
            return self._suffixes[suffix]
        # What is wrong with the path itself says more than its suffix.
        if path.is_dir():
            raise SourceError(
                name, "is a directory, not a document file (bcpipe batch reads folders)"
            )
        if not path.exists():
            raise SourceError(name, "file not found")
        known = ", ".join(sorted(self._suffixes)) or "none"
        raise SourceError(
            name, f"unknown file kind {suffix or '(no suffix)'!r}; known suffixes: {known}"
        )

    # -- transforms and validation -----------------------------------------------------

    def prepare(self, document: Document) -> Document:
        """``document`` after every transform (citations recognised, …); input unchanged."""
        return self._prepare(document)[0]

    def _prepare(self, document: Document) -> tuple[Document, list[Finding]]:
        # A document this pipeline prepared and nobody changed since is prepared: its
        # transforms would return it as it is (they are idempotent), at a cost. This
        # is what lets validate → export run the transforms once.
        # (The private attribute read from pydantic's dict: the attribute costs 20 times more.)
        mark = (document.__pydantic_private__ or {}).get("_prepared")
        if mark is not None and mark.holds(document, self._token):
            return document, []
        findings: list[Finding] = []
        ctx = TransformContext(self.settings)
        current = document
        with RuleTimer(self.budgets.rule_seconds) as timer:  # a transform is bounded as a rule
            for transform, plugin in self._transforms:
                changed, failure = self._run_transform(transform, plugin, current, ctx, timer)
                if failure is not None:
                    findings.append(failure)
                elif changed is not None:
                    if changed.source is None:
                        changed.with_source(current.source)
                    current = changed
        if not findings:  # a failed transform is tried again next time
            current._prepared = PreparedMark.of(current, self._token)
        return current, findings

    def _run_transform(
        self,
        transform: Transform,
        plugin: str,
        document: Document,
        ctx: TransformContext,
        timer: RuleTimer,
    ) -> tuple[Document | None, Finding | None]:
        """(what ``transform`` returned, None), or (None, the finding that says it failed)."""
        try:
            timer.arm()
            try:
                return transform.apply(document, ctx), None
            finally:
                timer.disarm()
        except OverBudget:
            error = f"ran over its budget of {timer.seconds:g} s (limits.rule_seconds)"
        except (Exception, SystemExit) as exc:
            if self.debug:
                raise
            error = _error_text(exc)
        finding = TRANSFORM_FAILED.at((), transform=transform.name, plugin=plugin, error=error)
        return None, replace(finding, plugin=plugin, rule=transform.name)

    def prepare_checked(self, source: Source) -> ValidationResult:
        """:meth:`prepare`, and what went wrong on the way: plugins that did not load
        (BC901, BC902) and transforms that raised (BC903). No rule runs.

        For a caller that exports without validating and still wants to say when a
        plugin failed. When no transform failed, the result's document exports without
        being prepared again; after a failure, export tries the transforms again.
        """
        document, findings = self._prepare(self.load(source))
        return ValidationResult(
            document, self._finish(self._problem_findings + findings, None, self._selected)
        )

    def read(self, source: Source) -> ValidationResult:
        """The document prepared, with what reading it found and no rule run.

        The findings are those :meth:`validate` gives before its rules: the reader's
        (BC5xx: what it could not place, what it inferred), plugins that did not load
        (BC901, BC902) and transforms that raised (BC903), selected, with their severity
        and lines as validate gives them. For a caller that shows a document as read
        (``bcpipe serve``'s ``/v1/read`` and ``/v1/export``).
        """
        document, findings = self._read(source)
        selection = self._per_type.get(document.type.value, self._selected)
        return ValidationResult(document, self._finish(findings, document.source, selection))

    def _read(self, source: Source) -> tuple[Document, list[Finding]]:
        document, findings = self._prepare(self.load(source))
        read = list(document.source.findings) if document.source else []
        return document, self._problem_findings + read + findings

    def validate(self, source: Source) -> ValidationResult:
        """Run every rule on the document (after the transforms); never raises for a rule.

        ``source`` may be a Document or anything :meth:`load` takes.
        """
        document, findings = self._read(source)
        ctx = RuleContext(self.settings, self.language)
        # Rules must not change the document: a mark (see bcpipe.prepared) tells, in
        # microseconds, whether one did. A prepared document carries one already.
        token = self._token
        mark = (document.__pydantic_private__ or {}).get("_prepared")
        if mark is None or not mark.holds(document, token):
            token = object()
            mark = PreparedMark.of(document, token)
        with RuleTimer(self.budgets.rule_seconds) as timer:
            for rule, plugin in self._active_rules:
                if not rule.applies_to(document):
                    continue
                failure = self._run_rule(rule, plugin, document, ctx, findings, timer)
                if failure is None and mark is not None and not mark.holds(document, token):
                    failure = RULE_CHANGED_DOCUMENT.at((), rule=rule.name, plugin=plugin)
                    mark = None  # changed once: the later rules are not blamed for it
                    document._prepared = None  # and it is prepared again before an export
                if failure is not None:
                    findings.append(replace(failure, plugin=plugin, rule=rule.name))
        selection = self._per_type.get(document.type.value, self._selected)
        return ValidationResult(document, self._finish(findings, document.source, selection))

    def _run_rule(
        self,
        rule: Rule,
        plugin: str,
        document: Document,
        ctx: RuleContext,
        findings: list[Finding],
        timer: RuleTimer,
    ) -> Finding | None:
        """Run ``rule``, adding its findings; the finding that says it failed, if it did."""
        try:
            timer.arm()
            try:
                for finding in rule.check(document, ctx):
                    if not isinstance(finding, Finding):
                        raise TypeError(f"rule yielded {finding!r}, not a Finding")
                    findings.append(_credited(finding, plugin, rule.name))
            finally:
                timer.disarm()  # inside the outer try: an alarm due right now is caught
        except OverBudget:
            seconds = f"{timer.seconds:g}"
            return RULE_TIMED_OUT.at((), rule=rule.name, plugin=plugin, seconds=seconds)
        except (Exception, SystemExit) as exc:  # a rule's sys.exit() ends no program
            if self.debug:
                raise
            return RULE_FAILED.at((), rule=rule.name, plugin=plugin, error=_error_text(exc))
        return None

    def _finish(
        self, findings: list[Finding], source: SourceInfo | None, selection: Selected
    ) -> list[Finding]:
        out = []
        language = self.language
        for finding in findings:
            if not selection.reports(finding.code):
                continue
            severity = selection.severity.get(finding.code, finding.severity)
            location = finding.location
            if source is not None and (location.line is None or location.source is None):
                line = location.line if location.line is not None else source.line_of(location.path)
                place = location.place or source.place_of(location.path)
                location = Location(location.path, line, location.source or source.name, place)
            if type(finding) is not Finding:  # a subclass keeps its class (and its fields)
                out.append(
                    replace(finding, severity=severity, location=location, language=language)
                )
                continue
            out.append(
                Finding(
                    finding.code,
                    severity,
                    location,
                    finding.message_vi,
                    finding.message_en,
                    finding.plugin,
                    finding.rule,
                    language,
                )
            )
        return out

    # -- export ------------------------------------------------------------------------

    def export(self, source: Source, fmt: str, *, cache: dict[str, bytes] | None = None) -> bytes:
        """The document in format ``fmt`` ("text", "json", …) as bytes.

        A document this pipeline has already prepared (``validate(doc).document``) and
        that nobody changed since is not prepared again. To export one document to
        several formats, pass the same ``cache`` dict (one per document): each format is
        then made once, also when an exporter reuses another (edXML attaches the PDF).
        Raises :class:`~bcpipe.errors.UnknownFormatError` for a format no plugin exports
        and :class:`~bcpipe.errors.ExportError` (naming the plugin) when it fails.
        """
        self.exporter(fmt)
        document = self._prepare(self.load(source))[0]
        return self._export_prepared(document, fmt, cache)

    def _export_prepared(
        self, document: Document, fmt: str, cache: dict[str, bytes] | None = None
    ) -> bytes:
        if cache is not None and fmt in cache:
            return cache[fmt]
        found = self._exporters.get(fmt)
        if found is None:
            raise UnknownFormatError("exporter", fmt, self._exporters)
        exporter, plugin = found
        context = self._export_context
        if cache is not None:

            def reuse(other: Document, other_fmt: str) -> bytes:
                # The cache holds this document's exports, not those of a changed copy.
                return self._export_prepared(other, other_fmt, cache if other is document else None)

            context = ExportContext(self.settings, reuse, context.formats)
        try:
            data = exporter.export(document, context)
        except BcpipeError:
            raise
        except Exception as exc:
            if self.debug:
                raise
            raise ExportError(fmt, plugin, _error_text(exc)) from exc
        if not isinstance(data, bytes):
            raise ExportError(fmt, plugin, f"exporter returned {type(data).__name__}, not bytes")
        if len(data) > MAX_SOURCE_BYTES and fmt in self._loaders:
            # Never write what bcpipe itself would refuse to read back.
            raise ExportError(fmt, plugin, too_large(len(data)).replace("the file is", "it is"))
        if cache is not None:
            cache[fmt] = data
        return data

    def export_to(self, source: Source, fmt: str, path: str | os.PathLike[str]) -> Path:
        """Export to the file ``path``, atomically (never a half-written file)."""
        return write_bytes_atomic(path, self.export(source, fmt))
