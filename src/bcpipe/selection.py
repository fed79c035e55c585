"""Which finding codes a pipeline reports, and how seriously: rule sets, as linters have.

Every :class:`~bcpipe.findings.Check` belongs to one rule set:

- ``recommended``: the default; every code in it is right on real documents.
- ``strict``: the decree's letter beyond the recommended set (the first citation's
  date, issuer and subject, every part of a report's profile, …). Selecting
  ``strict`` selects the recommended set too.
- ``style``: presentation a reviewer may want (numbering, capitals, "./.").

A selector is a set name, ``all``, or a code or code prefix (``BC2`` is every
citation code). The codes reported are ``select`` (default ``recommended``) plus
``extend-select``, minus ``ignore``; ``severity`` overrides a code's severity;
``per-type`` gives the same keys for one document type, applied on top. In
``bcpipe.toml``::

    [rules]
    select = ["recommended"]
    extend-select = ["BC206"]
    ignore = ["BC308"]
    severity = { BC205 = "info" }

    [rules.per-type.cong_van]
    ignore = ["BC404"]

The pipeline's own codes (BC9xx: a plugin failed) are always reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bcpipe.doctypes import DocumentType
from bcpipe.errors import RuleSelectionError
from bcpipe.findings import RULE_SETS, Severity

__all__ = [
    "RULE_SETS",
    "RuleSelection",
    "RuleSelectionError",
    "Selected",
]

#: What each set name selects: strict is the decree's letter, so it holds the default.
_SET_MEMBERS: Mapping[str, frozenset[str]] = {
    "recommended": frozenset({"recommended"}),
    "strict": frozenset({"recommended", "strict"}),
    "style": frozenset({"style"}),
    "all": frozenset(RULE_SETS),
}
#: Codes reported whatever is selected: the pipeline saying a plugin failed.
_ALWAYS = "BC9"
_KEYS = ("select", "extend-select", "ignore", "severity")


def _key(name: str) -> str:
    return name.replace("_", "-")


def _selectors(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise RuleSelectionError(f"{where}: expected a list of codes or set names, not {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def _severities(value: Any, where: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise RuleSelectionError(f"{where}: expected a table of code = severity, not {value!r}")
    out = {}
    for code, name in value.items():
        try:
            out[str(code)] = Severity(str(name).lower())
        except ValueError:
            known = ", ".join(s.value for s in Severity)
            raise RuleSelectionError(
                f"{where}.{code}: unknown severity {name!r} (expected one of: {known})"
            ) from None
    return out


@dataclass(frozen=True, slots=True)
class _Layer:
    """One table of selection keys (the top level, or one document type's)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    @classmethod
    def of(cls, table: Mapping[str, Any], where: str) -> _Layer:
        keys = {_key(k): v for k, v in table.items() if _key(k) != "per-type"}
        for name in keys:
            if name not in _KEYS:
                raise RuleSelectionError(
                    f"{where}: unknown key {name!r} (expected: {', '.join(_KEYS)}, per-type)"
                )
        select = keys.get("select")
        return cls(
            select=None if select is None else _selectors(select, f"{where}.select"),
            extend_select=_selectors(keys.get("extend-select", ()), f"{where}.extend-select"),
            ignore=_selectors(keys.get("ignore", ()), f"{where}.ignore"),
            severity=_severities(keys.get("severity", {}), f"{where}.severity"),
        )


@dataclass(frozen=True, slots=True)
class Selected:
    """A resolved selection: the codes not reported, and the severities overridden.

    A code no loaded rule declares is reported unless ignored by name: a plugin that
    yields findings it did not declare is not silenced by a selection it cannot be in.
    """

    dropped: frozenset[str]
    severity: Mapping[str, Severity]

    def reports(self, code: str) -> bool:
        return code not in self.dropped or code.startswith(_ALWAYS)


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """What ``[rules]`` of the settings (and the command line) select.

    Build it with :meth:`from_settings`; :meth:`resolve` turns it into the codes a
    pipeline reports, given every code's rule set.
    """

    top: _Layer = field(default_factory=_Layer)
    per_type: Mapping[str, _Layer] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, table: Mapping[str, Any] | None, where: str = "rules") -> RuleSelection:
        """The selection of a ``[rules]`` table (``None``: the recommended set)."""
        if not table:
            return cls()
        if not isinstance(table, Mapping):
            raise RuleSelectionError(f"{where}: expected a table, not {table!r}")
        per_type: dict[str, _Layer] = {}
        types = {t.value for t in DocumentType}
        raw_types: Any = next((v for k, v in table.items() if _key(k) == "per-type"), {})
        if not isinstance(raw_types, Mapping):
            raise RuleSelectionError(f"{where}.per-type: expected a table of document types")
        for name, sub in raw_types.items():
            if name not in types:
                raise RuleSelectionError(
                    f"{where}.per-type: unknown document type {name!r} "
                    f"(expected one of: {', '.join(sorted(types))})"
                )
            if not isinstance(sub, Mapping):
                raise RuleSelectionError(f"{where}.per-type.{name}: expected a table")
            per_type[name] = _Layer.of(sub, f"{where}.per-type.{name}")
        return cls(_Layer.of(table, where), per_type)

    def extended(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severity: Mapping[str, str | Severity] | None = None,
    ) -> RuleSelection:
        """This selection with more given (the command line's options on bcpipe.toml's):
        ``select`` replaces, the others add."""
        top = self.top
        layer = _Layer(
            select=top.select if select is None else _selectors(list(select), "select"),
            extend_select=(*top.extend_select, *_selectors(list(extend_select), "extend-select")),
            ignore=(*top.ignore, *_selectors(list(ignore), "ignore")),
            severity={**top.severity, **_severities(severity or {}, "severity")},
        )
        return RuleSelection(layer, self.per_type)

    def resolve(self, rule_sets: Mapping[str, str]) -> tuple[Selected, dict[str, Selected]]:
        """The codes reported (for any document, and per document type) among
        ``rule_sets`` (each known code → its rule set). Unknown selectors raise
        :class:`RuleSelectionError`."""
        for layer in (self.top, *self.per_type.values()):
            # An unknown code in ignore does no harm (the command line warns of it).
            for selector in (*(layer.select or ()), *layer.extend_select, *layer.severity):
                if not _matches_any(selector, rule_sets):
                    raise RuleSelectionError(
                        f"rules: {selector!r} is neither a rule set "
                        f"({', '.join(_SET_MEMBERS)}) nor a code or code prefix a loaded "
                        "rule reports"
                    )
        base_codes, base = _apply(self.top, rule_sets, None, {}, ())
        per_type = {
            name: _apply(layer, rule_sets, base_codes, base.severity, self.top.ignore)[1]
            for name, layer in self.per_type.items()
        }
        return base, per_type


def _matches_any(selector: str, rule_sets: Mapping[str, str]) -> bool:
    return selector in _SET_MEMBERS or any(code.startswith(selector) for code in rule_sets)


def _chosen(selectors: Iterable[str], rule_sets: Mapping[str, str]) -> set[str]:
    chosen: set[str] = set()
    for selector in selectors:
        if selector in _SET_MEMBERS:
            members = _SET_MEMBERS[selector]
            chosen.update(code for code, name in rule_sets.items() if name in members)
        else:
            chosen.update(code for code in rule_sets if code.startswith(selector))
    return chosen


def _apply(
    layer: _Layer,
    rule_sets: Mapping[str, str],
    inherited: frozenset[str] | None,
    severity: Mapping[str, Severity],
    ignored: tuple[str, ...],
) -> tuple[frozenset[str], Selected]:
    if layer.select is not None:
        codes = _chosen(layer.select, rule_sets)
    elif inherited is None:
        codes = _chosen(("recommended",), rule_sets)
    else:
        codes = set(inherited)
    codes |= _chosen(layer.extend_select, rule_sets)
    codes -= _chosen(layer.ignore, rule_sets)
    overridden = dict(severity)
    for selector, level in layer.severity.items():
        overridden.update(dict.fromkeys(_chosen((selector,), rule_sets), level))
    # A code no rule declares is dropped only when ignored by name (see Selected).
    unknown = {code for code in (*ignored, *layer.ignore) if code not in rule_sets}
    dropped = (set(rule_sets) - codes) | unknown
    return frozenset(codes), Selected(frozenset(dropped), overridden)
