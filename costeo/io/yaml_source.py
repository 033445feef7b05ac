"""Read YAML into plain Python values that remember where they came from.

Scalars become :class:`LStr` (a ``str`` carrying its location and YAML tag) or ``None``;
mappings become :class:`LDict`, sequences :class:`LList`. Numbers stay as their source text
so that ``2.55`` is read exactly as ``Decimal("2.55")`` later, never through a float.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from costeo.diagnostics import Diagnostics, Location
from costeo.messages import Localized


class LStr(str):
    """A scalar's text with its location and resolved YAML tag (int, float, str, null...)."""

    loc: Location
    tag: str

    def __new__(cls, text: str, loc: Location, tag: str) -> LStr:
        obj = super().__new__(cls, text)
        obj.loc = loc
        obj.tag = tag
        return obj

    def __reduce__(self) -> tuple[type[LStr], tuple[str, Location, str]]:
        return (LStr, (str(self), self.loc, self.tag))

    def __deepcopy__(self, memo: dict[int, object]) -> LStr:
        return self  # immutable, like str


class LDict(dict[str, Any]):
    loc: Location
    key_locs: dict[str, Location]


class LList(list[Any]):
    loc: Location


class YamlUnreadable(Exception):
    """The text is not YAML at all; carries the diagnostic that says where and why."""


def _location(file: str, node: Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _short_tag(tag: Any) -> str:
    text = str(getattr(tag, "value", tag) or "")
    return text.rsplit(":", 1)[-1]


def _convert(node: Node, file: str, diagnostics: Diagnostics) -> Any:
    loc = _location(file, node)
    if isinstance(node, ScalarNode):
        tag = _short_tag(node.tag)
        if tag == "null":
            return None
        return LStr(node.value, loc, tag)
    if isinstance(node, SequenceNode):
        seq = LList(_convert(item, file, diagnostics) for item in node.value)
        seq.loc = loc
        return seq
    if isinstance(node, MappingNode):
        mapping = LDict()
        mapping.loc = loc
        mapping.key_locs = {}
        for key_node, value_node in node.value:
            key = (str(key_node.value) if isinstance(key_node, ScalarNode)
                   else "[…]" if isinstance(key_node, SequenceNode) else "{…}")
            key_loc = _location(file, key_node)
            if key in mapping.key_locs:
                diagnostics.add(
                    "duplicate-key", key_loc, key=key, first_line=mapping.key_locs[key].line
                )
                continue
            mapping.key_locs[key] = key_loc
            mapping[key] = _convert(value_node, file, diagnostics)
        return mapping
    raise TypeError(f"unexpected YAML node {node!r}")


# The parser's most frequent complaints, said in Spanish (prefix of ruamel's text -> Spanish).
_PROBLEMS_ES = (
    ("mapping values are not allowed here",
     "no se esperaba ':' aquí (¿falta un salto de línea o sobra sangría?)"),
    ("expected <block end>", "la sangría no coincide con la de las líneas anteriores"),
    ("found character '\\t'", "hay un tabulador; sangre solo con espacios"),
    ("expected ',' or '}'", "falta cerrar '}' o separar con ','"),
    ("expected ',' or ']'", "falta cerrar ']' o separar con ','"),
    ("could not find expected ':'", "falta ':' después de una clave"),
    ("found unexpected end of stream",
     "el archivo termina antes de cerrar unas comillas o un bloque"),
)


def _problem(problem: str) -> Localized:
    spanish = next((es for en, es in _PROBLEMS_ES if problem.startswith(en)), problem)
    return Localized(es=spanish, en=problem)


def parse_text(text: str, file: str, diagnostics: Diagnostics) -> Any:
    """Parse YAML text; syntax errors become a located ``yaml-syntax`` diagnostic."""
    yaml = YAML(typ="rt")
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "syntax error"
        # An unclosed quote or bracket is reported at the end of the file: point at its start.
        unclosed = problem.startswith("found unexpected end of stream")
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        diagnostics.add("yaml-syntax", loc, problem=_problem(problem))
        return None
    except ReaderError as exc:  # a control character the YAML reader refuses
        before = text[:max(exc.position, 0)]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        diagnostics.add("yaml-syntax", Location(file, line, col),
                        problem=Localized(es=f"carácter no permitido {exc.character!r}",
                                          en=f"character {exc.character!r} is not allowed"))
        return None
    if node is None:
        diagnostics.add("empty-file", Location(file, 1, 1))
        return None
    return _convert(node, file, diagnostics)


def parse_file(path: Path, diagnostics: Diagnostics, display: str | None = None) -> Any:
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        diagnostics.add("file-not-found", Location(name), path=name)
        return None
    return parse_text(text, name, diagnostics)


def locate(root: Any, path: tuple[Any, ...]) -> Location | None:
    """The location of the node at ``path`` (keys and indices), or of its nearest parent."""
    node = root
    best: Location | None = getattr(root, "loc", None)
    for step in path:
        if isinstance(node, LDict) and isinstance(step, str) and step in node:
            best = node.key_locs.get(step, best)
            node = node[step]
            if isinstance(node, (LDict, LList)) and not node:
                continue
            if isinstance(node, LStr):
                best = node.loc
        elif isinstance(node, LList) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            best = getattr(node, "loc", best)
        else:
            break
    return best
