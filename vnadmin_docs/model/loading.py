"""Reading YAML and JSON data with limits (issue 13; see docs/dev/limits.md).

Data files, profiles and JSON/YAML exports are read through :func:`load_structured`, which
refuses — before anything is expanded or walked — what would cost time or memory without
bound, and a key written twice in one mapping (YAML keeps the last one silently):

- nesting deeper than :data:`MAX_DEPTH` (a file nested 100,000 deep gave ``RecursionError``);
- a YAML document whose aliases would expand to more than :data:`MAX_NODES` values (an
  "anchor bomb": nine anchors of nine aliases each are 9⁹ values, built lazily by PyYAML but
  expanded by everything that walks the data), counted on the composed node graph, where
  each anchor is one node, so the count costs as little as the file is long;
- a YAML alias that refers to the mapping or list it is inside (a loop);
- text longer than the caller's ``max_chars``.

Syntax errors are left to the caller (``json.JSONDecodeError``, ``yaml.YAMLError``), which
already words them; the limits raise :class:`StructureError`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["MAX_CHARS", "MAX_DEPTH", "MAX_NODES", "StructureError", "load_structured"]

MAX_DEPTH = 64
"""Nesting of mappings and lists: real data uses under ten levels."""
MAX_NODES = 2_000_000
"""Values in one file, aliases expanded: a 10,000-row export with 40 columns is 400,000."""
MAX_CHARS = 64_000_000
"""Characters of one file, unless the caller says otherwise."""

_MERGE = "tag:yaml.org,2002:merge"


class StructureError(ValueError):
    """A YAML or JSON text past a limit, or with a repeated key. ``line`` (1-based) when
    known; ``message`` / ``message_en`` say what and what to do."""

    def __init__(self, message: str, message_en: str, line: int | None = None) -> None:
        self.message = message
        self.message_en = message_en
        self.line = line
        super().__init__(message_en)


def _too_deep(line: int | None = None) -> StructureError:
    return StructureError(
        f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp (tệp hỏng hoặc không phải dữ liệu văn bản)",
        f"the data is nested more than {MAX_DEPTH} levels deep (a damaged file, or not "
        "document data)", line)


class _Loader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with a depth limit while composing, the expanded-size and loop
    checks before constructing, and repeated keys refused."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _too_deep(event.start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _count(node, {}, set())
        return self.construct_document(node)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key, _value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _MERGE:
                continue
            line = key.start_mark.line + 1
            first = seen.get((key.tag, key.value))
            seen[(key.tag, key.value)] = line
            if first is not None:
                raise StructureError(
                    f"khóa “{key.value[:60]}” được viết hai lần (dòng {first} và dòng {line}); "
                    "hãy giữ một",
                    f"the key “{key.value[:60]}” is written twice (lines {first} and {line}); "
                    "keep one", line)
        return super().construct_mapping(node, deep)


def _count(node: Node, memo: dict[int, int], open_: set[int]) -> int:
    """Values under ``node`` with aliases expanded (each distinct node counted once, with
    its expanded size), refusing a loop and a total past :data:`MAX_NODES`."""
    key = id(node)
    if key in open_:
        raise StructureError(
            "một bí danh YAML (*tên) trỏ vào chính khối chứa nó (vòng lặp vô tận)",
            "a YAML alias (*name) refers to the block it is inside (an endless loop)",
            node.start_mark.line + 1)
    if key in memo:
        return memo[key]
    open_.add(key)
    total = 1
    if isinstance(node, SequenceNode):
        for item in node.value:
            total += _count(item, memo, open_)
            if total > MAX_NODES:
                break
    elif isinstance(node, MappingNode):
        for k, v in node.value:
            total += _count(k, memo, open_) + _count(v, memo, open_)
            if total > MAX_NODES:
                break
    open_.discard(key)
    if total > MAX_NODES:
        raise StructureError(
            f"tệp YAML có quá nhiều giá trị khi mở các bí danh (*tên): hơn {MAX_NODES:,}"
            .replace(",", ".") + " (tệp hỏng hoặc cố ý làm quá tải)",
            f"the YAML file holds more than {MAX_NODES:,} values once its aliases (*name) are "
            "expanded (a damaged or hostile file)", node.start_mark.line + 1)
    memo[key] = total
    return total


def _json_depth(value: Any) -> None:
    """Refuse JSON nested past :data:`MAX_DEPTH` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep()
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise StructureError(
                f"khóa “{k[:60]}” được viết hai lần trong cùng một đối tượng; hãy giữ một",
                f"the key “{k[:60]}” is written twice in one object; keep one")
        out[k] = v
    return out


def load_structured(text: str, fmt: Literal["json", "yaml"], *,
                    max_chars: int = MAX_CHARS) -> Any:
    """``text`` parsed as ``fmt`` under the limits above (:class:`StructureError`)."""
    if len(text) > max_chars:
        raise StructureError(
            f"tệp quá lớn ({len(text):,} ký tự, tối đa {max_chars:,})".replace(",", "."),
            f"the file is too large ({len(text):,} characters, at most {max_chars:,})")
    if fmt == "json":
        try:
            value = json.loads(text, object_pairs_hook=_pairs)
        except RecursionError:
            raise _too_deep() from None
        _json_depth(value)
        return value
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except RecursionError:
        raise _too_deep() from None
    finally:
        loader.dispose()
