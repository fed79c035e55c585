"""Safe YAML loading that remembers the line of every value.

PyYAML's safe loader gives plain data but forgets where it came from; composing the
node graph first keeps each node's start mark. Values are built with the safe
constructor (so tags resolve exactly as in ``yaml.safe_load``) while walking the
graph, and each path is mapped to its line. Merge keys ("<<") are not supported: the
model then reports an unknown field, rather than data being merged unseen.
"""

from __future__ import annotations

from typing import Any

import yaml

from bcpipe import SourceError
from bcpipe.limits import MAX_VALUES

__all__ = ["load_yaml_with_lines"]

_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR = "tag:yaml.org,2002:str"
# Values a document may hold once its aliases are followed (bcpipe.limits, the one set
# of limits; checked here while building, to name the line). Building stays linear (an
# alias reuses the value built), but whatever walks the data after (JSON, XML, PDF) sees
# every copy: nine lists of nine aliases, nine deep, are 387 million values.


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, source: str | None) -> None:
        self.loader = loader
        self.source = source
        self.lines: dict[str, int] = {}
        # An alias names a node already built: reusing the value keeps a "billion
        # laughs" file (aliases of aliases) linear instead of exponential.
        self.built: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}  # values in each node built, aliases followed

    # Paths are carried formatted ("body[0].text", as format_path writes them): the
    # line map wants them so, and building each once costs less than formatting tuples.
    def build(self, node: yaml.Node, path: str | None) -> Any:
        if id(node) in self.built:
            return self.built[id(node)]
        if path is not None:  # the document as a whole (None) has no line of its own
            self.lines.setdefault(path, node.start_mark.line + 1)
        value = self._build(node, path)
        self.built[id(node)] = value
        size = 1
        if isinstance(node, yaml.MappingNode):
            size += sum(self.sizes.get(id(v), 1) for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            size += sum(self.sizes.get(id(v), 1) for v in node.value)
        if size > MAX_VALUES:
            raise SourceError(
                self.source,
                f"the aliases (*name) of this value repeat it to more than {MAX_VALUES:,} "
                "values; a document is far smaller (see docs/limits.md)",
                line=node.start_mark.line + 1,
            )
        self.sizes[id(node)] = size
        return value

    def _build(self, node: yaml.Node, path: str | None) -> Any:
        if isinstance(node, yaml.ScalarNode):
            # Plain text is the node's own value (what the str constructor returns).
            if node.tag == _STR:
                return node.value
            return self.loader.construct_object(node, deep=True)
        if node.tag not in _PLAIN_TAGS:
            # The safe constructor would refuse "!!python/object" and friends; walking the
            # graph ourselves must refuse them too, not quietly read them as plain data.
            raise SourceError(
                self.source, f"unsupported YAML tag {node.tag!r}", line=node.start_mark.line + 1
            )
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR:
                    key = key_node.value
                else:
                    key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, str | int | float | bool) and key is not None:
                    raise SourceError(
                        self.source,
                        "a mapping key must be plain text",
                        line=key_node.start_mark.line + 1,
                    )
                if key in out:
                    raise SourceError(
                        self.source, f"duplicate key {key!r}", line=key_node.start_mark.line + 1
                    )
                child = str(key) if path is None else f"{path}.{key}"
                self.lines[child] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, child)
            return out
        prefix = path or ""
        return [self.build(item, f"{prefix}[{index}]") for index, item in enumerate(node.value)]


def load_yaml_with_lines(text: str, source: str | None) -> tuple[Any, dict[str, int]]:
    """The data of a one-document YAML ``text`` and a map from model paths to lines."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError(source, "the file is empty")
        builder = _Builder(loader, source)
        return builder.build(node, None), builder.lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise SourceError(
            source,
            f"invalid YAML: {problem or exc}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(source, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
