"""The static answer reader: the plain value an answer cell's text assigns to `qN`, without running it.

Only literals are read (quoted text, numbers, lists, sets, dictionaries, arithmetic on numbers, and a
single bare letter A-J, which nursing students often type without quotes). Anything that would need
code to run (a call, a name, an import, an attribute) is refused with a message that says so.
"""

from __future__ import annotations

import ast
import operator
from typing import Any

from bonemets.errors import AnswerFormatError

MAX_ANSWER_CHARS = 5000
MAX_NODES = 500
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_BARE_LETTERS = set("ABCDEFGHIJabcdefghij")


def _plain(node: ast.AST, name: str) -> Any:
    """The value of a literal expression; arithmetic on numbers is allowed, nothing is called or looked up."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str | int | float | bool)):
        return node.value
    if isinstance(node, ast.Name) and node.id in _BARE_LETTERS:
        return node.id.upper()  # q1 = B: the letter the student meant
    if isinstance(node, ast.List | ast.Tuple):
        return [_plain(e, name) for e in node.elts]
    if isinstance(node, ast.Set):
        return {_hashable(_plain(e, name), name) for e in node.elts}
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise AnswerFormatError(f"{name} uses ** inside a dictionary; type the entries out.")
        return {_hashable(_plain(k, name), name): _plain(v, name)
                for k, v in zip(node.keys, node.values, strict=True)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "set" \
            and not node.args and not node.keywords:
        return set()
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _number(_plain(node.operand, name), name)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        left, right = _number(_plain(node.left, name), name), _number(_plain(node.right, name), name)
        try:
            return _ARITHMETIC[type(node.op)](left, right)
        except ZeroDivisionError:
            raise AnswerFormatError(f"{name} divides by zero.") from None
        except OverflowError:
            raise AnswerFormatError(f"{name} is a number too large to be an answer.") from None
    raise AnswerFormatError(
        f"{name} must be a plain value typed in its answer cell (letters in quotes, lists, sets, numbers); "
        f"the grader does not run code, and this answer uses {type(node).__name__.lower()} "
        f"on line {getattr(node, 'lineno', '?')}.")


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerFormatError(f"{name}: only numbers can be added, subtracted, multiplied or divided.")
    return value


def _hashable(value: Any, name: str) -> Any:
    if isinstance(value, list | set | dict):
        raise AnswerFormatError(f"{name}: a set or dictionary cannot contain a list, set or dictionary.")
    return value


def assigned_node(source: str, name: str) -> ast.expr | None:
    """The expression last assigned to `name` in the text, or None; raises on text that is not Python."""
    if len(source) > MAX_ANSWER_CHARS:
        raise AnswerFormatError(f"the answer cell for {name} is {len(source)} characters long; "
                                f"an answer is one short line such as {name} = \"B\".")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise AnswerFormatError(f"the answer cell for {name} is not valid Python on line {exc.lineno}: "
                                f"{exc.msg}. Check the quotes and brackets.") from None
    except (ValueError, RecursionError, MemoryError):
        raise AnswerFormatError(f"the answer cell for {name} could not be read.") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES * 4:
        raise AnswerFormatError(f"the answer cell for {name} is far longer than an answer.")
    value_node = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in statement.targets):
            value_node = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.target.id == name and statement.value is not None:
            value_node = statement.value
    return value_node


def read_answer(source: str, name: str) -> Any:
    """The plain value the answer cell's text assigns to `name` (the last assignment wins)."""
    value_node = assigned_node(source, name)
    if value_node is None:
        raise AnswerFormatError(f"{name} has no answer: its answer cell does not contain a line {name} = ... "
                                "(answers typed in other cells are not marked).")
    if sum(1 for _ in ast.walk(value_node)) > MAX_NODES:
        raise AnswerFormatError(f"{name} is far longer than an answer.")
    try:
        return _plain(value_node, name)
    except RecursionError:
        raise AnswerFormatError(f"{name} is nested too deeply.") from None
