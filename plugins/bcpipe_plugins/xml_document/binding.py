"""How bcpipe's XML spells the document model: one rule set, read off the model's JSON Schema.

The writer, the reader and the XSD generator all walk the :class:`Binding` built here,
so the three cannot disagree. The rules:

- every model class is an element whose children are its fields, in model order,
  except that a block's ``citations`` and ``children`` come after its own words;
- a few short labelling fields are attributes (``<section number="II">``, see
  :data:`ATTRIBUTES`);
- a list is a wrapper element named after the field holding one element per item:
  blocks and recipients are named by their ``kind`` (``<clause>``, ``<archive>``),
  other items by :data:`ITEM_NAMES` (``<addressees><addressee>``);
- a field that is None, or an empty list or mapping, is left out;
- ``extensions`` (free plugin data) is written as typed JSON values:
  ``<entry key="…"><string>…</string></entry>``.

A model shape these rules do not cover raises :class:`BindingError` when the binding is
built (so a model change that the XML cannot carry fails the test suite, not a user).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bcpipe import Document

__all__ = [
    "ATTRIBUTES",
    "ITEM_NAMES",
    "NAMESPACE",
    "ROOT",
    "AnyJson",
    "Binding",
    "BindingError",
    "Choice",
    "Field",
    "ListOf",
    "MapOf",
    "ObjectType",
    "Ref",
    "Scalar",
    "Shape",
    "binding",
]

NAMESPACE = "urn:bcpipe:document:1"
ROOT = "document"
ROOT_TYPE = "Document"
DISCRIMINATOR = "kind"

#: Fields written as attributes of their class's element: short codes that label it.
ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "Document": frozenset({"schema_version"}),
    "Part": frozenset({"number"}),
    "Section": frozenset({"number"}),
    "Chapter": frozenset({"number"}),
    "RegulationSection": frozenset({"number"}),
    "Article": frozenset({"number"}),
    "Clause": frozenset({"number"}),
    "Point": frozenset({"number"}),
    "Item": frozenset({"marker"}),
    "Table": frozenset({"header_rows"}),
    "AuthorityLine": frozenset({"prefix"}),
    "Appendix": frozenset({"number"}),
    "Footnote": frozenset({"label"}),
}
#: The element of one item of a list, by the list's field name ("row" names a row's items).
ITEM_NAMES: Mapping[str, str] = {
    "addressees": "addressee",
    "authority": "line",
    "holders": "holder",
    "citations": "citation",
    "appendices": "appendix",
    "footnotes": "footnote",
    "rows": "row",
    "row": "cell",
}
#: Written after a block's own words: the citations anchored in them, then nested blocks.
LAST = ("citations", "children")


class BindingError(Exception):
    """The model has a shape bcpipe's XML rules do not cover (a programming error)."""


@dataclass(frozen=True, slots=True)
class Scalar:
    """Text content or an attribute value: a string or an integer, with its constraints."""

    type: Literal["string", "integer"]
    enum: tuple[str, ...] = ()
    type_name: str | None = None  # a named enumeration of the model (DocumentType, …)
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Ref:
    """An element of a model class, described by ``Binding.objects[name]``."""

    name: str


@dataclass(frozen=True, slots=True)
class Choice:
    """One of several model classes, told apart by their element name (their ``kind``)."""

    variants: tuple[tuple[str, str], ...]  # (element name, class name)


@dataclass(frozen=True, slots=True)
class ListOf:
    """A wrapper element holding one element per item."""

    item: Shape
    item_name: str | None  # None when the items are a Choice (named by kind)
    min_items: int = 0


@dataclass(frozen=True, slots=True)
class MapOf:
    """A mapping: one ``<entry key="…">`` per key, holding the value."""

    value: Shape


@dataclass(frozen=True, slots=True)
class AnyJson:
    """Any JSON value, written as ``<string>``, ``<integer>``, ``<number>``, ``<boolean>``,
    ``<null/>``, ``<array>`` or ``<map>``."""


Shape = Scalar | Ref | Choice | ListOf | MapOf | AnyJson


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a model class and how it is written."""

    name: str
    shape: Shape
    required: bool
    attribute: bool
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ObjectType:
    """A model class: its fields in XML order, and its ``kind`` when it has one."""

    name: str
    fields: tuple[Field, ...]
    kind: str | None = None
    description: str | None = None
    by_name: Mapping[str, Field] = field(default_factory=dict, compare=False)

    @property
    def attributes(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.attribute)

    @property
    def elements(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.attribute)


@dataclass(frozen=True, slots=True)
class Binding:
    """Every model class reachable from :class:`~bcpipe.Document`, by class name."""

    objects: Mapping[str, ObjectType]
    enums: Mapping[str, Scalar]

    @property
    def root(self) -> ObjectType:
        return self.objects[ROOT_TYPE]


def _ref_name(ref: str) -> str:
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise BindingError(f"unsupported $ref {ref!r}")
    return ref[len(prefix) :]


class _Builder:
    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.defs: Mapping[str, Any] = schema.get("$defs", {})
        self.objects: dict[str, ObjectType] = {}
        self.enums: dict[str, Scalar] = {}
        self.pending: list[tuple[str, Mapping[str, Any]]] = [(ROOT_TYPE, schema)]

    def build(self) -> Binding:
        while self.pending:
            name, schema = self.pending.pop()
            if name not in self.objects:
                self.objects[name] = self._object(name, schema)
        return Binding(dict(sorted(self.objects.items())), dict(sorted(self.enums.items())))

    def _object(self, name: str, schema: Mapping[str, Any]) -> ObjectType:
        if schema.get("type") != "object" or "properties" not in schema:
            raise BindingError(f"{name} is not an object with properties")
        required = set(schema.get("required", ()))
        attributes = ATTRIBUTES.get(name, frozenset())
        kind: str | None = None
        fields: list[Field] = []
        for field_name, prop in schema["properties"].items():
            if field_name == DISCRIMINATOR and "const" in prop:
                kind = prop["const"]  # the element name says it
                continue
            shape, nullable = self._shape(prop, field_name)
            if nullable and field_name in required:
                raise BindingError(f"{name}.{field_name} is required but may be null")
            is_attribute = field_name in attributes
            if is_attribute and not isinstance(shape, Scalar):
                raise BindingError(f"{name}.{field_name} cannot be an attribute")
            fields.append(
                Field(
                    field_name, shape, field_name in required, is_attribute, prop.get("description")
                )
            )
        unknown = attributes - {f.name for f in fields}
        if unknown:
            raise BindingError(f"ATTRIBUTES names unknown fields of {name}: {sorted(unknown)}")
        fields.sort(key=lambda f: LAST.index(f.name) + 1 if f.name in LAST else 0)
        return ObjectType(
            name,
            tuple(fields),
            kind,
            schema.get("description"),
            {f.name: f for f in fields},
        )

    def _shape(self, schema: Mapping[str, Any], name: str) -> tuple[Shape, bool]:
        """The shape of a property schema, and whether it may be null."""
        if "anyOf" in schema:
            options = [s for s in schema["anyOf"] if s.get("type") != "null"]
            if len(options) != 1 or len(options) == len(schema["anyOf"]):
                raise BindingError(f"{name}: only 'X or null' unions are supported")
            shape, _ = self._shape({**options[0], **_annotations(schema)}, name)
            return shape, True
        if "$ref" in schema:
            return self._ref(_ref_name(schema["$ref"])), False
        if "oneOf" in schema:
            return self._choice(schema["oneOf"], name), False
        kind = schema.get("type")
        if kind == "array":
            return self._list(schema, name), False
        if kind == "object":
            extra = schema.get("additionalProperties")
            if schema.get("properties") or extra is None or extra is False:
                raise BindingError(f"{name}: only free mappings are supported inline")
            value = AnyJson() if extra is True else self._shape(extra, name)[0]
            return MapOf(value), False
        if kind in ("string", "integer"):
            return _scalar(schema), False
        raise BindingError(f"{name}: unsupported schema {dict(schema)!r}")

    def _ref(self, name: str) -> Shape:
        target = self.defs.get(name)
        if target is None:
            raise BindingError(f"$ref to unknown definition {name!r}")
        if "enum" in target:
            self.enums.setdefault(name, _scalar(target, type_name=name))
            return self.enums[name]
        if name not in self.objects:
            self.pending.append((name, target))
        return Ref(name)

    def _choice(self, options: list[Mapping[str, Any]], name: str) -> Choice:
        variants = []
        for option in options:
            if "$ref" not in option:
                raise BindingError(f"{name}: a union must list model classes")
            class_name = _ref_name(option["$ref"])
            kind = self.defs[class_name]["properties"].get(DISCRIMINATOR, {}).get("const")
            if kind is None:
                raise BindingError(f"{name}: {class_name} has no constant {DISCRIMINATOR!r}")
            self._ref(class_name)
            variants.append((kind, class_name))
        return Choice(tuple(variants))

    def _list(self, schema: Mapping[str, Any], name: str) -> ListOf:
        item, nullable = self._shape(schema["items"], ITEM_NAMES.get(name, name))
        if nullable:
            raise BindingError(f"{name}: list items may not be null")
        item_name: str | None
        if isinstance(item, Choice):
            item_name = None
        elif isinstance(item, Ref) and self.defs[item.name]["properties"].get(DISCRIMINATOR):
            item_name = self.defs[item.name]["properties"][DISCRIMINATOR]["const"]
        elif name in ITEM_NAMES:
            item_name = ITEM_NAMES[name]
        else:
            raise BindingError(f"{name}: no item element name in ITEM_NAMES")
        return ListOf(item, item_name, int(schema.get("minItems", 0)))


def _annotations(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {k: schema[k] for k in ("description",) if k in schema}


def _scalar(schema: Mapping[str, Any], type_name: str | None = None) -> Scalar:
    kind = schema.get("type")
    if kind not in ("string", "integer"):
        raise BindingError(f"unsupported scalar type {kind!r}")
    enum: tuple[str, ...] = ()
    if "enum" in schema:
        enum = tuple(str(v) for v in schema["enum"])
    elif "const" in schema:
        enum = (str(schema["const"]),)
    return Scalar(
        type="string" if kind == "string" else "integer",
        enum=enum,
        type_name=type_name,
        min_length=schema.get("minLength"),
        max_length=schema.get("maxLength"),
        pattern=schema.get("pattern"),
        minimum=schema.get("minimum"),
        maximum=schema.get("maximum"),
        description=schema.get("description"),
    )


@functools.cache
def binding() -> Binding:
    """The binding of the installed model (built once per process)."""
    return _Builder(Document.model_json_schema()).build()
