"""Texts built in ``core/`` that reach the screen are translatable messages, not English f-strings.

An AST scan of the services, the errors, the chart guard, the check, the team settings and the bundle exchange:
a refusal (``ValidationError`` and the other user-facing errors), a guard's remedy or a check's finding built
from an f-string, a plain literal or a concatenation with a literal would reach a German screen in English, as
``pyside6-lupdate`` cannot extract it. Such texts are :class:`pdsa_desk.core.messages.Message` values (their
template marked with ``QT_TRANSLATE_NOOP``), which the UI translates. The words the service helpers are given
("tactic", a field's label) must be marked in :data:`pdsa_desk.core.services._base.NOUNS`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from pdsa_desk.core.errors import ValidationError, WorkspaceBusy, plain_message
from pdsa_desk.core.messages import Message

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "pdsa_desk" / "core"

#: The modules whose user-facing texts must be messages.
SCANNED = sorted([
    *(CORE / "services").glob("*.py"),
    *(CORE / "exchange").glob("*.py"),
    CORE / "errors.py",
    CORE / "chart_guard.py",
    CORE / "spc_guard.py",
    CORE / "check.py",
    CORE / "rules.py",
    CORE / "integrity.py",
    CORE / "team_settings.py",
    CORE / "lifecycle.py",
    CORE / "database.py",
    CORE / "sqlite_file.py",
    CORE / "schema.py",
    CORE / "connection.py",
])

#: Exceptions for programmers, not users: their texts stay English (a bug report, not a refusal).
PROGRAMMER_ERRORS = {"TypeError", "ValueError", "KeyError", "RuntimeError", "AssertionError", "AttributeError",
                     "LookupError", "IndexError", "NotImplementedError", "OSError"}
#: Calls whose text argument (position) the user reads.
TEXT_CALLS = {"Remedy": 2, "Finding": 1, "Check": 2, "Violation": 3, "bad": 0, "refused": 1}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _english(node: ast.AST) -> bool:
    """An f-string, a string literal, or a ``+`` with either: English that lupdate cannot extract."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return _english(node.func.value)
    if isinstance(node, ast.List | ast.Tuple):  # a list of problems: each one is a text
        return any(_english(e) for e in node.elts)
    if isinstance(node, ast.ListComp):
        return _english(node.elt)
    return False


def _texts(call: ast.Call) -> Iterator[ast.AST]:
    name = _name(call)
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call) \
            and _name(func.value) == "super":  # an exception class building its own message
        if call.args:
            yield call.args[0]
    elif name in TEXT_CALLS:
        if len(call.args) > TEXT_CALLS[name]:
            yield call.args[TEXT_CALLS[name]]
    elif name.endswith(("Error", "Busy", "ReadOnly", "Full", "Failed", "Damaged", "Exceeded", "Reached", "Cancelled")) \
            and name not in PROGRAMMER_ERRORS:
        if call.args:
            yield call.args[0]
        yield from (kw.value for kw in call.keywords if kw.arg == "message")


def _english_texts(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            found += [f"{path.relative_to(ROOT)}:{t.lineno}: {ast.unparse(t)[:80]}"
                      for t in _texts(node) if _english(t)]
    return found


def test_refusals_and_guard_texts_are_messages() -> None:
    broken = [line for path in SCANNED for line in _english_texts(path)]
    assert not broken, "texts the UI cannot translate (make each a Message, its template in QT_TRANSLATE_NOOP):\n" \
        + "\n".join(broken)


def test_chart_guard_sentences_are_built_from_messages_only() -> None:
    """The guard's sentences are put together from parts: no part may be an f-string (only numbers, written
    the way the English has always written them, are formatted)."""
    path = CORE / "chart_guard.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed_functions = {"_number"}  # the one helper that writes a count
    specs = {id(n.format_spec) for n in ast.walk(tree) if isinstance(n, ast.FormattedValue) and n.format_spec}
    broken = []
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name not in allowed_functions):
        for node in ast.walk(func):
            if isinstance(node, ast.JoinedStr) and id(node) not in specs and not _is_number(node) \
                    and not _is_remedy_value(func, node):
                broken.append(f"{func.name}:{node.lineno}: {ast.unparse(node)}")
    assert not broken, "English f-strings in the chart guard:\n" + "\n".join(broken)


def _is_number(node: ast.JoinedStr) -> bool:
    """``f"{x:.0%}"``: one formatted value and nothing else (an argument of a message, not a text)."""
    return len(node.values) == 1 and isinstance(node.values[0], ast.FormattedValue) \
        and node.values[0].format_spec is not None


def _is_remedy_value(func: ast.FunctionDef, node: ast.JoinedStr) -> bool:
    """The remedy's machine value (``team:<id>``), not a text."""
    return any(isinstance(c, ast.Call) and _name(c) == "Remedy" and len(c.args) > 1 and c.args[1] is node
               for c in ast.walk(func))


def test_the_words_given_to_the_service_helpers_are_marked() -> None:
    """``get_live(s, Tactic, id, "tactic")``, ``positive_int(v, "field", "Label")``…: each literal word is in
    NOUNS (its capitalised form too where the helper starts a sentence with it), so that it is translated."""
    from pdsa_desk.core.services._base import NOUNS

    positions = {"get_live": 3, "claim": 4, "clean_name": 1, "ensure_unique_name": 3, "positive_int": 2,
                 "clean_items": 2, "check_choice": 3, "_restore": 3, "_bring_back": 3, "_text": 2, "_day": 2,
                 "_short_text": 2}
    capitalised = {"clean_name", "ensure_unique_name"}
    missing = []
    seen = 0
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _name(node) not in positions:
                continue
            index = positions[_name(node)]
            if len(node.args) <= index or not isinstance(node.args[index], ast.Constant):
                continue
            word = node.args[index].value
            seen += 1
            wanted = {word, word.capitalize()} if _name(node) in capitalised else {word}
            if not wanted <= NOUNS:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(wanted - NOUNS)}")
    assert seen > 100  # the scan found the calls (a renamed helper would make this test pass vacuously)
    assert not missing, "words not marked in services._base.NOUNS:\n" + "\n".join(missing)


def test_a_refusal_stays_a_message_through_str_and_keeps_its_english(ws) -> None:
    """The UI gets ``str(exc)`` or ``exc.message``; both are the Message (so it can translate), and the
    English text is what it always was (command line, logs)."""
    from pdsa_desk.core import services

    with pytest.raises(ValidationError) as caught:
        services.create_rep(ws, "x" * 201)
    exc = caught.value
    assert exc.field == "name"
    assert isinstance(exc.message, Message) and isinstance(str(exc), Message)
    assert str(exc) == "Rep name is too long (201 characters; at most 200)."
    assert exc.message.context == "Services"
    assert exc.message.template == "%1 name is too long (%2 characters; at most %3)."
    busy = WorkspaceBusy()
    assert isinstance(plain_message(busy), Message) and plain_message(busy) == \
        "Another pdsa-desk is saving to this workspace — try again."
