"""The importer's texts are translatable: every problem, notice and refusal built in core/importing is a
:class:`~pdsa_desk.core.messages.Message` whose template (and every nested one) is translated in the German
catalogue, and no such text is built as an English f-string (a static scan fails on a new one)."""

from __future__ import annotations

import ast
import csv
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from pdsa_desk.core import services
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.importing import ImportProblems, Mapping, StageMap, import_file, load_preset, save_preset
from pdsa_desk.core.importing.preview import read_file_info
from pdsa_desk.core.messages import Message

ROOT = Path(__file__).resolve().parents[2]
IMPORTING = ROOT / "pdsa_desk" / "core" / "importing"
GERMAN_TS = ROOT / "resources" / "translations" / "pdsa_desk_de.ts"

HEADER = ["Opportunity ID", "Opportunity Name", "Owner", "Owner Email", "Stage", "Changed", "Amount", "Status"]
MAPPING = {"shape": "long", "opportunity_id": "Opportunity ID", "opportunity_name": "Opportunity Name",
           "rep": "Owner", "rep_email": "Owner Email", "stage": "Stage", "timestamp": "Changed", "amount": "Amount",
           "outcome": "Status"}
GOOD = ["A1", "Acme", "Ann", "ann@example.com", "Lead", "2026-01-05 09:00", "1000", "Open"]


def _catalogue() -> dict[tuple[str, str], str]:
    """(context, English template) -> German, the finished entries of the committed catalogue."""
    found = {}
    for context in ET.parse(GERMAN_TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and not translation.get("type"):
                found[(name, message.findtext("source") or "")] = translation.text or ""
    return found


GERMAN = _catalogue()


def untranslated(text: str) -> list[str]:
    """What of ``text`` the German UI would show in English: the text itself when it is not a Message, else each
    template (its own and those of the messages nested in it) that the catalogue does not translate."""
    if not isinstance(text, Message):
        return [f"not a Message: {text!r}"]
    out = []
    if text.context:  # a joined text has no template of its own (only its parts)
        if not GERMAN.get((text.context, text.template)):  # ("April" is "April" in German too)
            out.append(f"{text.context}: {text.template!r}")
    for arg in text.args:
        if isinstance(arg, Message):
            out += untranslated(arg)
    return out


def write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)
    return path


@pytest.fixture
def stages_ws(ws) -> Iterator:
    for name in ("Lead", "Meeting"):
        services.create_stage(ws, name)
    yield ws


def _problems(ws, path: Path, mapping: dict[str, object] | None = None,
              stage_map: StageMap | None = None) -> ImportProblems:
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, Mapping.from_dict(mapping or MAPPING), stage_map=stage_map, dry_run=True)
    return info.value


def _every_text(exc: ImportProblems) -> list[str]:
    return [p.message for p in exc.problems] + [p.text() for p in exc.problems] + exc.lines() + exc.notices


BAD_ROWS = {
    "bad date": ["B1", "Beta", "Bob", "", "Lead", "next Tuesday", "1", "Open"],
    "impossible date": ["B2", "Beta", "Bob", "", "Lead", "31/02/2026", "1", "Open"],
    "year out of range": ["B3", "Beta", "Bob", "", "Lead", "1492-10-12", "1", "Open"],
    "non-numeric amount": ["B4", "Beta", "Bob", "", "Lead", "2026-01-05", "lots", "Open"],
    "negative amount": ["B5", "Beta", "Bob", "", "Lead", "2026-01-05", "-5", "Open"],
    "unknown outcome": ["B6", "Beta", "Bob", "", "Lead", "2026-01-05", "1", "Pending review"],
    "bad e-mail": ["B7", "Beta", "Bob", "bob at example", "Lead", "2026-01-05", "1", "Open"],
    "missing id": ["", "Beta", "Bob", "", "Lead", "2026-01-05", "1", "Open"],
    "missing stage": ["B8", "Beta", "Bob", "", "", "2026-01-05", "1", "Open"],
    "missing time": ["B9", "Beta", "Bob", "", "Lead", "", "1", "Open"],
    "name too long": ["B10", "x" * 301, "Bob", "", "Lead", "2026-01-05", "1", "Open"],
    "extra values": ["B11", "Beta", "Bob", "", "Lead", "2026-01-05", "1", "Open", "surplus"],
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_every_problem_of_a_bad_row_is_translated(stages_ws, tmp_path: Path, case: str) -> None:
    exc = _problems(stages_ws, write(tmp_path / "bad.csv", [GOOD, BAD_ROWS[case]]))
    assert exc.problems and all(p.row == 3 for p in exc.problems), exc.lines()
    assert all(p.column or case == "extra values" for p in exc.problems)  # the row and the column stay
    assert [bad for text in _every_text(exc) for bad in untranslated(text)] == []


def test_file_wide_problems_are_translated(ws, stages_ws, tmp_path: Path) -> None:
    cases = [
        # an unknown stage (named with its row count) and a stage map naming a stage that does not exist
        _problems(stages_ws, write(tmp_path / "stage.csv", [GOOD, [*GOOD[:4], "Disco call", *GOOD[5:]]])),
        _problems(stages_ws, write(tmp_path / "map.csv", [GOOD]), stage_map=StageMap.from_dict({"Lead": "Nowhere"})),
        # a mapped column missing from the header, and one that appears twice
        _problems(stages_ws, write(tmp_path / "missing.csv", [GOOD[:7]], HEADER[:7])),
        _problems(stages_ws, write(tmp_path / "twice.csv", [[*GOOD, "x"]], [*HEADER, "Stage"])),
        # dates that read either way, amounts that read either way, amounts written both ways
        _problems(stages_ws, write(tmp_path / "dates.csv", [[*GOOD[:5], f"0{d}/04/2026", *GOOD[6:]]
                                                             for d in range(1, 4)])),
        _problems(stages_ws, write(tmp_path / "amounts.csv", [[*GOOD[:6], "12.500", GOOD[7]]])),
        _problems(stages_ws, write(tmp_path / "both.csv", [[*GOOD[:6], "1,234.50", GOOD[7]],
                                                            [*GOOD[:6], "1.234,50", GOOD[7]]])),
        # a stage change before the opportunity was created
        _problems(stages_ws, write(tmp_path / "early.csv", [[*GOOD, "2026-02-01"]], [*HEADER, "Created"]),
                  {**MAPPING, "opened_at": "Created"}),
    ]
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(64))
    (tmp_path / "archive.xlsx").write_bytes(b"PK\x03\x04" + bytes(64))
    for name in ("empty.csv", "image.csv", "old.xls", "archive.xlsx", "absent.csv"):
        with pytest.raises(ImportProblems) as info:
            read_file_info(tmp_path / name)
        cases.append(info.value)
    shown = {str(line) for exc in cases for line in exc.lines()}
    assert any("(1 row(s)) is not a stage of this workspace" in line for line in shown)  # the English is as before
    assert any("it looks like a PNG image" in line for line in shown)
    bad = [b for exc in cases for text in _every_text(exc) for b in untranslated(text)]
    assert bad == []


def test_notices_are_translated(stages_ws, tmp_path: Path) -> None:
    rows = [["Pipeline report"], ["Filtered by: all"], [], HEADER, GOOD,
            [*GOOD[:4], "Meeting", "2026-01-07 09:00", "12.500,50", "Lost"], ["Grand Totals (2 records)"]]
    path = tmp_path / "report.csv"
    with path.open("w", newline="", encoding="cp1252") as fh:
        csv.writer(fh).writerows([*rows[:4], [*GOOD[:1], "Müller GmbH", *GOOD[2:]], *rows[5:]])
    result = import_file(stages_ws, path, Mapping.from_dict({**MAPPING, "timezone": "Europe/Berlin"}),
                         dry_run=True)
    assert len(result.notices) >= 5, result.notices  # encoding, header row, amounts, footer, time zone, loss reason
    assert [b for text in result.notices for b in untranslated(text)] == []


def test_mapping_and_preset_refusals_are_translated(isolated_user_dirs: Path) -> None:
    refusals = []
    for data in ({"shape": "round"}, {"shape": "long", "colour": "red"}, {"shape": "long", "date_order": "x"},
                 {"shape": "long", "timezone": "Mars/Olympus"}, {"shape": "long", "decimal": ";"},
                 {"shape": "long", "stages": {"Lead": {"create": "yes"}}}, [1, 2]):
        with pytest.raises(ValidationError) as info:
            Mapping.from_dict(data)
        refusals.append(info.value)
    for call in (lambda: save_preset("pdsa-desk", Mapping()), lambda: save_preset("../x", Mapping()),
                 lambda: load_preset("nothing-saved")):
        with pytest.raises(ValidationError) as info:
            call()
        refusals.append(info.value)
    assert all(r.field for r in refusals[:-4])  # a key at fault is named
    assert [b for r in refusals for b in untranslated(r.message)] == []


# ------------------------------------------------------------------------------------------ static
#: Calls whose text arguments reach the user: a problem, a refusal, a notice, a progress message.
#: (The position of the text among their arguments: a ValidationError's field name is not a text.)
_USER_FACING = {"Problem": 2, "problem": 2, "_fail": 0, "BadValue": 0, "AmbiguousDate": 0, "ValidationError": 0,
                "WorkspaceError": 0, "PdsaError": 0, "ImportProblems": 0, "Cancelled": 0, "say": 0}
_LISTS = {"notices", "errors", "problems", "ambiguous", "out", "parts"}
#: Literals allowed there: a programming error never shown to a user of the app; a field's key (Mapping.missing).
_ALLOWED = {("engine.py", "mapping must be a Mapping."), ("mapping.py", "stage_dates")}


def _name(node: ast.expr) -> str | None:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None


def _english(node: ast.expr) -> str | None:
    """Why ``node`` is an English text built in place (not a Message), or None."""
    if isinstance(node, ast.JoinedStr):
        return "an f-string"
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(c.isalpha() for c in node.value):
        return f"the literal {node.value!r}"
    if isinstance(node, ast.BinOp) and (_english(node.left) or _english(node.right)):
        return "a text joined with +"
    if isinstance(node, ast.Call) and _name(node.func) == "format":
        return "a str.format() text"
    if isinstance(node, ast.Tuple | ast.List):
        return next((why for e in node.elts if (why := _english(e))), None)
    if isinstance(node, ast.IfExp):
        return _english(node.body) or _english(node.orelse)
    return None


def _scan() -> list[str]:
    found = []
    for path in sorted(IMPORTING.glob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = _name(call.func)
            receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
            if name in ("append", "extend", "insert") and receiver is not None and _name(receiver) in _LISTS:
                args = call.args
            elif name in _USER_FACING:
                args = [*call.args[_USER_FACING[name]:_USER_FACING[name] + 1],
                        *(k.value for k in call.keywords if k.arg == "message")]
            else:
                continue
            for arg in args:
                why = _english(arg)
                if why and (path.name, getattr(arg, "value", None)) not in _ALLOWED:
                    found.append(f"{path.name}:{call.lineno}: {name}() gets {why}")
    return found


def test_no_problem_or_notice_is_built_as_english_text() -> None:
    """A new problem, refusal or notice written as an f-string (or literal) would reach the German UI in English:
    write it as ``say(QT_TRANSLATE_NOOP("Import", "…%1…"), arg)`` (see pdsa_desk/core/importing/texts.py)."""
    assert _scan() == []


def test_the_scan_finds_an_f_string_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "new.py").write_text('def f(row, col, v, out, errors):\n'
                                     '    out.append(Problem(row, col, f"{v} is wrong"))\n'
                                     '    errors.append((col, "is wrong"))\n'
                                     '    raise ValidationError("bad " + v, "x")\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "IMPORTING", tmp_path)
    assert sorted(line.split(": ", 1)[1] for line in _scan()) == [
        "Problem() gets an f-string", "ValidationError() gets a text joined with +",
        "append() gets the literal 'is wrong'"]


def test_a_refusal_is_still_a_pdsa_error_with_its_english_text(ws, tmp_path: Path) -> None:
    with pytest.raises(PdsaError) as info:
        read_file_info(tmp_path / "absent.csv")
    assert str(info.value) == f"There is no file {tmp_path / 'absent.csv'}."
    assert isinstance(info.value.args[0], Message)


def test_the_importers_texts_read_as_messages_do() -> None:
    """texts.say fills its templates its own (faster) way: the English, the args and pickling are a Message's."""
    import pickle
    from datetime import date

    from pdsa_desk.core.importing.texts import Count, counted, say

    cases = [("'%1' is not a number", ("lots",)), ("%2 then %1, %10 and %0", ("a%2", Count(12345))),
             ("row %1: %2", (7, Message("Import", "'%1' is negative", "-5"))), ("known by %1", (date(2026, 3, 2),)),
             ("%1 and %3", ("only one",)), ("no placeholder", ())]
    for template, args in cases:
        made = say(template, *args)
        assert (str(made), made.context, made.template, made.args) == (
            str(Message("Import", template, *args)), "Import", template, args)
        back = pickle.loads(pickle.dumps(made))  # noqa: S301 -- our own bytes, made on this line
        assert isinstance(back, Message) and back == made and back.template == made.template
    worded = counted(3, "%1 row of %2", "%1 rows of %2", "%1 row(s) of %2", "X")
    assert (str(worded), worded.template, worded.args) == ("3 row(s) of X", "%1 rows of %2", (3, "X"))
    assert pickle.loads(pickle.dumps(worded)) == "3 row(s) of X"  # noqa: S301


def test_every_marked_text_is_in_the_context_say_gives() -> None:
    """``say`` translates in the context "Import": a template marked in another context would never be found."""
    contexts = {(path.name, call.lineno): call.args[0].value
                for path in sorted(IMPORTING.glob("*.py"))
                for call in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(call, ast.Call) and _name(call.func) == "QT_TRANSLATE_NOOP"
                and isinstance(call.args[0], ast.Constant)}
    assert len(contexts) > 150  # the scan sees them
    assert {where: c for where, c in contexts.items() if c != "Import"} == {}
