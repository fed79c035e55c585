"""The XSD of bcpipe XML, generated from the binding (and so from the model).

``schemas/bcpipe-document.xsd`` is this module's output, committed for tools that
validate without Python; ``make schemas`` rewrites it and a test checks that it is
current. Run ``python -m bcpipe_plugins.xml_document.xsd`` to print it.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from bcpipe_plugins.xml_document.binding import (
    NAMESPACE,
    ROOT,
    ROOT_TYPE,
    AnyJson,
    Binding,
    BindingError,
    Choice,
    Field,
    ListOf,
    MapOf,
    ObjectType,
    Ref,
    Scalar,
    Shape,
    binding,
)

__all__ = ["document_xsd", "document_xsd_schema", "xsd_pattern"]

XS = "http://www.w3.org/2001/XMLSchema"
_X = "{" + XS + "}"
_P = "b:"  # the prefix bound to bcpipe's namespace inside the schema

# XSD regular expressions are always anchored and know no (?…) groups; Python/Rust
# patterns are searched. Only the constructs below are translated; others are refused.
_UNSUPPORTED = re.compile(r"\(\?(?!:)|\\[bBAZzG]|[*+?}]\?")

# Any JSON value (the free data of ``extensions``).
_JSON_TYPES = f"""
<xs:schema xmlns:xs="{XS}" xmlns:b="{NAMESPACE}">
  <xs:group name="JsonValue">
    <xs:annotation><xs:documentation>One JSON value.</xs:documentation></xs:annotation>
    <xs:choice>
      <xs:element name="string" type="xs:string"/>
      <xs:element name="integer" type="xs:integer"/>
      <xs:element name="number" type="xs:double"/>
      <xs:element name="boolean" type="xs:boolean"/>
      <xs:element name="null"><xs:complexType/></xs:element>
      <xs:element name="array" type="b:JsonArray"/>
      <xs:element name="map" type="b:JsonMap"/>
    </xs:choice>
  </xs:group>
  <xs:complexType name="JsonArray">
    <xs:sequence>
      <xs:group ref="b:JsonValue" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="JsonMap">
    <xs:sequence>
      <xs:element name="entry" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:group ref="b:JsonValue"/>
          <xs:attribute name="key" type="xs:string" use="required"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>
</xs:schema>
"""


def xsd_pattern(pattern: str) -> str:
    """A model (search-semantics) regular expression as an XSD (anchored) pattern."""
    if _UNSUPPORTED.search(pattern):
        raise BindingError(f"pattern {pattern!r} has no XSD equivalent")
    body = pattern.replace("(?:", "(")
    body = body[1:] if body.startswith("^") else ".*" + body
    body = body[:-1] if body.endswith("$") and not body.endswith("\\$") else body + ".*"
    return body


def _xs(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _X + tag)
    for key, value in attributes.items():
        element.set(key, value)
    return element


def _document(parent: etree._Element, text: str | None) -> None:
    if text:
        annotation = _xs(parent, "annotation")
        _xs(annotation, "documentation").text = text


def _restriction(parent: etree._Element, scalar: Scalar) -> None:
    restriction = _xs(parent, "restriction", base="xs:" + scalar.type)
    for value in scalar.enum:
        _xs(restriction, "enumeration", value=value)
    facets = (
        ("minLength", scalar.min_length),
        ("maxLength", scalar.max_length),
        ("minInclusive", scalar.minimum),
        ("maxInclusive", scalar.maximum),
    )
    for facet, limit in facets:
        if limit is not None:
            _xs(restriction, facet, value=str(limit))
    if scalar.pattern is not None:
        _xs(restriction, "pattern", value=xsd_pattern(scalar.pattern))


def _scalar_type(scalar: Scalar) -> str | None:
    """The named type for ``scalar``, or None when it needs an anonymous restriction."""
    if scalar.type_name:
        return _P + scalar.type_name
    plain = not scalar.enum and scalar.pattern is None
    limits = (scalar.min_length, scalar.max_length, scalar.minimum, scalar.maximum)
    if plain and all(limit is None for limit in limits):
        return "xs:" + scalar.type
    return None


class _Generator:
    def __init__(self, model: Binding) -> None:
        self.model = model

    def typed(
        self, element: etree._Element, shape: Shape, name: str, *, item: bool = False
    ) -> None:
        """Give ``element`` the content of ``shape`` (a type attribute or an inline type).

        ``item``: the element is a list item (a table's row), written even when empty.
        """
        if isinstance(shape, Scalar):
            named = _scalar_type(shape)
            if named:
                element.set("type", named)
            else:
                _restriction(_xs(element, "simpleType"), shape)
        elif isinstance(shape, Ref):
            element.set("type", _P + shape.name)
        elif isinstance(shape, ListOf):
            self.list_type(_xs(element, "complexType"), shape, item=item)
        elif isinstance(shape, MapOf):
            self.map_type(_xs(element, "complexType"), shape)
        elif isinstance(shape, AnyJson):
            _xs(_xs(element, "complexType"), "group", ref=_P + "JsonValue")
        else:
            raise BindingError(f"{name}: {shape!r} stands only in a list")

    def list_type(self, complex_type: etree._Element, shape: ListOf, *, item: bool) -> None:
        sequence = _xs(complex_type, "sequence")
        # An empty list field is not written at all; an empty list item (row) is.
        low = str(shape.min_items if item else max(1, shape.min_items))
        if isinstance(shape.item, Choice):
            choice = _xs(sequence, "choice", minOccurs=low, maxOccurs="unbounded")
            for kind, class_name in shape.item.variants:
                _xs(choice, "element", name=kind, type=_P + class_name)
            return
        assert shape.item_name is not None
        element = _xs(
            sequence, "element", name=shape.item_name, minOccurs=low, maxOccurs="unbounded"
        )
        self.typed(element, shape.item, shape.item_name, item=True)

    def map_type(self, complex_type: etree._Element, shape: MapOf) -> None:
        sequence = _xs(complex_type, "sequence")
        entry = _xs(sequence, "element", name="entry", minOccurs="0", maxOccurs="unbounded")
        entry_type = _xs(entry, "complexType")
        if isinstance(shape.value, AnyJson):
            _xs(entry_type, "group", ref=_P + "JsonValue")
        elif isinstance(shape.value, MapOf):
            self.map_type(entry_type, shape.value)
        else:
            raise BindingError(f"mappings of {shape.value!r} are not supported")
        _xs(entry_type, "attribute", name="key", type="xs:string", use="required")

    def field(self, sequence: etree._Element, spec: Field) -> None:
        element = _xs(sequence, "element", name=spec.name)
        if not spec.required:
            element.set("minOccurs", "0")
        _document(element, spec.description)
        self.typed(element, spec.shape, spec.name)

    def attribute(self, complex_type: etree._Element, spec: Field) -> None:
        assert isinstance(spec.shape, Scalar)
        attribute = _xs(complex_type, "attribute", name=spec.name)
        attribute.set("use", "required" if spec.required else "optional")
        _document(attribute, spec.description)
        named = _scalar_type(spec.shape)
        if named:
            attribute.set("type", named)
        else:
            _restriction(_xs(attribute, "simpleType"), spec.shape)

    def object(self, schema: etree._Element, obj: ObjectType) -> None:
        complex_type = _xs(schema, "complexType", name=obj.name)
        _document(complex_type, obj.description)
        sequence = _xs(complex_type, "sequence")
        for spec in obj.elements:
            self.field(sequence, spec)
        for spec in obj.attributes:
            self.attribute(complex_type, spec)

    def enum(self, schema: etree._Element, name: str, scalar: Scalar) -> None:
        simple_type = _xs(schema, "simpleType", name=name)
        _document(simple_type, scalar.description)
        _restriction(simple_type, scalar)


def _build(model: Binding) -> bytes:
    schema = etree.Element(_X + "schema", nsmap={"xs": XS, "b": NAMESPACE})
    schema.set("targetNamespace", NAMESPACE)
    schema.set("elementFormDefault", "qualified")
    schema.set("attributeFormDefault", "unqualified")
    schema.set("version", "1")
    _document(
        schema,
        "bcpipe XML: a Vietnamese administrative document (Decree 30/2020/NĐ-CP) with every "
        "field of bcpipe's document model. Generated from the model by "
        "bcpipe_plugins.xml_document.xsd; do not edit by hand (run `make schemas`).",
    )
    root = _xs(schema, "element", name=ROOT, type=_P + ROOT_TYPE)
    _document(root, "The document (the root element).")
    generator = _Generator(model)
    generator.object(schema, model.root)
    for name, obj in model.objects.items():
        if name != ROOT_TYPE:
            generator.object(schema, obj)
    for name, scalar in model.enums.items():
        generator.enum(schema, name, scalar)
    for definition in etree.fromstring(_JSON_TYPES):
        schema.append(definition)
    etree.indent(schema, space="  ")
    data: bytes = etree.tostring(schema, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


@functools.cache
def document_xsd() -> bytes:
    """The XSD of bcpipe XML, as committed in ``schemas/bcpipe-document.xsd``."""
    return _build(binding())


@functools.cache
def document_xsd_schema() -> etree.XMLSchema:
    """The compiled XSD (compiled once per process; lxml validators are reusable)."""
    return etree.XMLSchema(etree.fromstring(document_xsd()))
