"""Reading bcpipe XML back into document data, by the rules of :mod:`.binding`.

The reader turns elements into the plain data the model validates (the same data a
YAML file gives) and records each element's source line under its model path. It
judges only the XML itself: a misplaced, repeated or foreign element is a
:class:`~bcpipe.SourceError` with its line. Values are the model's business: an
unknown field, a bad number or a missing heading come back from the model's
validation as an :class:`~bcpipe.InvalidDocumentError` naming the path and the line.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from bcpipe import SourceError
from bcpipe_plugins.xml_document.binding import (
    DISCRIMINATOR,
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

__all__ = ["xml_to_data"]

_Q = "{" + NAMESPACE + "}"
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_JSON_SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
# The lexical forms of xs:integer and of a finite xs:double (Python's int() and float()
# would also take "1_000", "nan" and "inf").
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _children(element: etree._Element, source: str | None) -> list[etree._Element]:
    """The child elements (comments and processing instructions skipped); stray text and
    foreign elements are refused."""
    out = []
    strays = [(element.text, element.sourceline)]
    strays.extend((child.tail, child.sourceline) for child in element)
    for text, line in strays:
        if text and text.strip():
            where = f"<{_local(element)}>"
            raise SourceError(
                source, f"unexpected text {text.strip()[:40]!r} in {where}", line=line
            )
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment or a processing instruction
        if not child.tag.startswith(_Q):
            raise SourceError(
                source,
                f"element {child.tag} is not in the bcpipe namespace {NAMESPACE}",
                line=child.sourceline,
            )
        out.append(child)
    return out


def _field(path: str, name: str) -> str:
    """The model path of field ``name`` under ``path``, as :func:`bcpipe.source.format_path`
    writes it (built as text as the reader descends: formatting tuples costs more)."""
    return f"{path}.{name}" if path else name


def _local(element: etree._Element) -> str:
    return str(element.tag).rpartition("}")[2]


def _text_of(element: etree._Element, source: str | None) -> str:
    for child in element:
        if isinstance(child.tag, str):
            raise SourceError(
                source,
                f"<{_local(element)}> holds text only, not <{_local(child)}>",
                line=child.sourceline,
            )
    return "".join(element.itertext())


class _Reader:
    def __init__(self, model: Binding, source: str | None) -> None:
        self.model = model
        self.source = source
        self.lines: dict[str, int] = {}

    def error(self, element: etree._Element, message: str) -> SourceError:
        return SourceError(self.source, message, line=element.sourceline)

    def no_attributes(self, element: etree._Element, allowed: str | None = None) -> None:
        for name in element.attrib:
            if name != allowed and not name.startswith(_XSI):
                raise self.error(element, f"<{_local(element)}> has no attribute {name!r}")

    def mark(self, element: etree._Element, path: str) -> None:
        if path and element.sourceline is not None:
            self.lines[path] = element.sourceline

    def not_kind(self, element: etree._Element, obj: ObjectType, name: str) -> None:
        if name == DISCRIMINATOR and obj.kind is not None:
            raise self.error(
                element, f"remove {name!r}: the element name <{obj.kind}> already says the kind"
            )

    def object(self, element: etree._Element, obj: ObjectType, path: str) -> dict[str, Any]:
        self.mark(element, path)
        data: dict[str, Any] = {}
        for name, value in element.attrib.items():
            if name.startswith(_XSI):
                continue  # xsi:schemaLocation and the like: hints for other tools, never fetched
            self.not_kind(element, obj, name)
            spec = obj.by_name.get(name)
            if name.startswith("{") or (spec is not None and not spec.attribute):
                raise self.error(element, f"<{_local(element)}> has no attribute {name!r}")
            data[name] = self.scalar(value, spec.shape) if spec else value
            self.lines[_field(path, name)] = element.sourceline or 0
        for child in _children(element, self.source):
            name = _local(child)
            self.not_kind(child, obj, name)
            here = _field(path, name)
            spec = obj.by_name.get(name)
            if spec is not None and spec.attribute:
                raise self.error(child, f"{name!r} is an attribute of <{_local(element)}>")
            if name in data:
                raise self.error(child, f"<{name}> is given twice in <{_local(element)}>")
            if spec is None:  # the model reports the unknown field, with its line
                self.mark(child, here)
                data[name] = "".join(child.itertext())
                continue
            data[name] = self.value(child, spec.shape, here)
        return data

    def scalar(self, text: str, shape: Shape) -> Any:
        if isinstance(shape, Scalar) and shape.type == "integer":
            stripped = text.strip()
            if _INTEGER.fullmatch(stripped):
                return int(stripped)
        return text  # the model says what is wrong with it

    def value(self, element: etree._Element, shape: Shape, path: str) -> Any:
        if not isinstance(shape, Ref):
            self.no_attributes(element, "key" if _local(element) == "entry" else None)
        if isinstance(shape, Scalar):
            self.mark(element, path)
            return self.scalar(_text_of(element, self.source), shape)
        if isinstance(shape, Ref):
            return self.object(element, self.model.objects[shape.name], path)
        if isinstance(shape, ListOf):
            self.mark(element, path)
            return self.items(element, shape, path)
        if isinstance(shape, MapOf):
            self.mark(element, path)
            return self.entries(element, shape.value, path)
        if isinstance(shape, AnyJson):
            return self.json_in(element, path)
        raise self.error(element, f"unexpected {shape!r}")

    def items(self, element: etree._Element, shape: ListOf, path: str) -> list[Any]:
        out: list[Any] = []
        variants = dict(shape.item.variants) if isinstance(shape.item, Choice) else {}
        for index, child in enumerate(_children(element, self.source)):
            name = _local(child)
            here = f"{path}[{index}]"
            if isinstance(shape.item, Choice):
                if name not in variants:
                    expected = ", ".join(f"<{kind}>" for kind in variants)
                    message = f"<{name}> cannot stand in <{_local(element)}>"
                    raise self.error(child, f"{message}; expected one of {expected}")
                data = self.object(child, self.model.objects[variants[name]], here)
                out.append({"kind": name, **data})
            elif name != shape.item_name:
                raise self.error(
                    child, f"expected <{shape.item_name}> in <{_local(element)}>, not <{name}>"
                )
            else:
                out.append(self.value(child, shape.item, here))
        return out

    def entries(self, element: etree._Element, shape: Shape, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for child in _children(element, self.source):
            if _local(child) != "entry":
                raise self.error(child, f"expected <entry key=…> in <{_local(element)}>")
            self.no_attributes(child, "key")
            key = child.get("key")
            if key is None:
                raise self.error(child, "<entry> needs a key attribute")
            if key in out:
                raise self.error(child, f"key {key!r} is given twice in <{_local(element)}>")
            here = _field(path, key)
            if isinstance(shape, MapOf):
                self.mark(child, here)
                out[key] = self.entries(child, shape.value, here)
            else:
                out[key] = self.value(child, shape, here)
        return out

    def json_in(self, element: etree._Element, path: str) -> Any:
        """The single JSON value held by ``element``."""
        children = _children(element, self.source)
        if len(children) != 1:
            raise self.error(element, f"<{_local(element)}> must hold exactly one value")
        return self.json(children[0], path)

    def json(self, element: etree._Element, path: str) -> Any:
        self.mark(element, path)
        self.no_attributes(element)
        name = _local(element)
        if name == "array":
            children = _children(element, self.source)
            return [self.json(child, f"{path}[{i}]") for i, child in enumerate(children)]
        if name == "map":
            return self.entries(element, AnyJson(), path)
        if name not in _JSON_SCALARS:
            raise self.error(element, f"<{name}> is not a JSON value element")
        text = _text_of(element, self.source)
        if name == "string":
            return text
        text = text.strip()
        if name == "null" and not text:
            return None
        if name == "boolean" and text in _BOOLEANS:
            return _BOOLEANS[text]
        if name == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if name == "number" and _DECIMAL.fullmatch(text):
            return float(text)
        raise self.error(element, f"{text!r} is not a valid <{name}>")


def xml_to_data(root: etree._Element, source: str | None) -> tuple[dict[str, Any], dict[str, int]]:
    """The document data held by the parsed bcpipe XML ``root``, and its line map."""
    if root.tag != _Q + ROOT:
        hint = ""
        if _local(root) == "edXML":
            hint = " (this is an edXML package: bcpipe writes it but does not read it back)"
        raise SourceError(
            source,
            f"not a bcpipe XML document: the root element is {root.tag}, expected "
            f'<{ROOT} xmlns="{NAMESPACE}">{hint}',
            line=root.sourceline,
        )
    model = binding()
    reader = _Reader(model, source)
    data = reader.object(root, model.root, "")
    return data, reader.lines
