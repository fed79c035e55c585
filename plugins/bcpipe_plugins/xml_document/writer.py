"""Writing a document as bcpipe XML, by the rules of :mod:`.binding`.

The document is first dumped as JSON data (exactly what the JSON exporter writes), so
the XML carries the same values; then the binding lays each value out. Output is
deterministic: elements in binding order, attributes in field order, UTF-8 with an
XML declaration, two-space indentation, a final newline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from lxml import etree

from bcpipe import Document
from bcpipe_plugins.xml_document.binding import (
    NAMESPACE,
    ROOT,
    AnyJson,
    Binding,
    Choice,
    ListOf,
    MapOf,
    ObjectType,
    Ref,
    Scalar,
    Shape,
    binding,
)

__all__ = ["XmlWriteError", "document_to_xml"]

_Q = "{" + NAMESPACE + "}"


class XmlWriteError(ValueError):
    """A value cannot be written as XML (a control character, say); names the model path."""


def _text(value: Any, path: str) -> str:
    if isinstance(value, bool):  # bool before int: True is an int in Python
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise XmlWriteError(f"{path}: {value!r} has no XML form")
        return repr(value)
    if isinstance(value, int | str):
        return str(value)
    raise XmlWriteError(f"{path}: cannot write a {type(value).__name__}")


def _sub(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, _Q + name)


def _field(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _set_text(element: etree._Element, value: Any, path: str) -> None:
    text = _text(value, path)
    try:
        element.text = text
    except ValueError as exc:  # lxml refuses NUL and other control characters
        raise XmlWriteError(f"{path}: {exc}") from None


def _set_attribute(element: etree._Element, name: str, value: Any, path: str) -> None:
    text = _text(value, path)
    try:
        element.set(name, text)
    except ValueError as exc:
        raise XmlWriteError(f"{path}: {exc}") from None


class _Writer:
    """Lays out JSON data by the binding; ``path`` is the model path of the value, for
    messages (built as text as the writer descends)."""

    def __init__(self, model: Binding) -> None:
        self.model = model

    def object(
        self, element: etree._Element, obj: ObjectType, data: Mapping[str, Any], path: str
    ) -> None:
        for spec in obj.fields:
            value = data.get(spec.name)
            if value is None or (isinstance(value, list | dict) and not value):
                continue
            here = _field(path, spec.name)
            if spec.attribute:
                _set_attribute(element, spec.name, value, here)
            else:
                self.value(_sub(element, spec.name), spec.shape, value, here)

    def value(self, element: etree._Element, shape: Shape, value: Any, path: str) -> None:
        if isinstance(shape, Scalar):
            _set_text(element, value, path)
        elif isinstance(shape, Ref):
            self.object(element, self.model.objects[shape.name], value, path)
        elif isinstance(shape, ListOf):
            self.items(element, shape, value, path)
        elif isinstance(shape, MapOf):
            self.entries(element, shape.value, value, path)
        elif isinstance(shape, AnyJson):
            self.json(element, value, path)
        else:  # a Choice stands only as a list item
            raise XmlWriteError(f"{path}: unexpected {shape!r}")

    def items(
        self, element: etree._Element, shape: ListOf, values: Sequence[Any], path: str
    ) -> None:
        variants = dict(shape.item.variants) if isinstance(shape.item, Choice) else {}
        for index, item in enumerate(values):
            here = f"{path}[{index}]"
            if variants:
                kind = item["kind"]
                self.object(_sub(element, kind), self.model.objects[variants[kind]], item, here)
            else:
                assert shape.item_name is not None
                self.value(_sub(element, shape.item_name), shape.item, item, here)

    def entries(
        self, element: etree._Element, shape: Shape, values: Mapping[str, Any], path: str
    ) -> None:
        for key, item in values.items():
            here = _field(path, str(key))
            if not isinstance(key, str):
                raise XmlWriteError(f"{here}: a mapping key must be text, not {key!r}")
            entry = _sub(element, "entry")
            _set_attribute(entry, "key", key, here)
            if isinstance(shape, MapOf):
                if not isinstance(item, Mapping):
                    raise XmlWriteError(f"{here}: expected a mapping")
                self.entries(entry, shape.value, item, here)
            else:
                self.value(entry, shape, item, here)

    def json(self, parent: etree._Element, value: Any, path: str) -> None:
        """One JSON value, as the single child of ``parent``."""
        if value is None:
            _sub(parent, "null")
        elif isinstance(value, bool):
            _set_text(_sub(parent, "boolean"), value, path)
        elif isinstance(value, int):
            _set_text(_sub(parent, "integer"), value, path)
        elif isinstance(value, float):
            _set_text(_sub(parent, "number"), value, path)
        elif isinstance(value, str):
            _set_text(_sub(parent, "string"), value, path)
        elif isinstance(value, list | tuple):
            array = _sub(parent, "array")
            for index, item in enumerate(value):
                self.json(array, item, f"{path}[{index}]")
        elif isinstance(value, Mapping):
            self.entries(_sub(parent, "map"), AnyJson(), value, path)
        else:
            raise XmlWriteError(f"{path}: cannot write a {type(value).__name__}")


def document_to_xml(document: Document) -> bytes:
    """``document`` as bcpipe XML (UTF-8 bytes with an XML declaration)."""
    model = binding()
    writer = _Writer(model)
    root = etree.Element(_Q + ROOT, nsmap={None: NAMESPACE})
    writer.object(root, model.root, document.model_dump(mode="json"), "")
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return data
