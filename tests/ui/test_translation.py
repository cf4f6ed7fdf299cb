"""Translation: every UI text can be extracted by pyside6-lupdate, the German catalogue is current, and the
chosen language's translator is installed.

The extraction checks read the source (an AST scan) and run the real ``pyside6-lupdate`` over ``pdsa_desk/``
into a temporary .ts; they never rely on the committed .ts being up to date (that is checked separately).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pdsa_desk"
GERMAN_TS = ROOT / "resources" / "translations" / "pdsa_desk_de.ts"
ENGLISH_TS = ROOT / "resources" / "translations" / "pdsa_desk_en.ts"  # the plural forms only
TOOLS = Path(sys.executable).parent

#: Calls that translate their first (``tr``) or second (``translate``) argument.
TEXT_ARG = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1, "QT_TR_NOOP": 0}

#: tr() calls whose argument is not a literal, per file (the argument's source text). Each is either a value
#: marked for extraction where it is defined (QT_TRANSLATE_NOOP, "marked"), or a label built in ``core/``
#: ("core") that is not extracted yet. Texts built in ``core/`` are otherwise :class:`pdsa_desk.core.messages.
#: Message` values, translated by ``pdsa_desk.ui.i18n.text`` (no tr() call on a value). The list may only
#: shrink: a new entry fails the test, and so does an entry that is gone (remove it here).
NOT_LITERAL: dict[str, dict[str, str]] = {
    "ui/main_window.py": {"spec.title": "marked"},
    "ui/standards_models.py": {"str(self.COLUMNS[section])": "marked", "label": "marked"},
    "ui/compare_widgets.py": {"position_style(position).label": "marked"},
    "ui/views/compare_panels.py": {"position_style(p).short": "marked"},
    "ui/report.py": {
        "position_style(str(position)).short": "marked",
        "label": "marked",
        "str(_STATUS.get(str(cycle.status), cycle.status))": "marked",
    },
    "ui/views/data.py": {"label": "marked"},
    "ui/import_wizard/file_page.py": {"FILE_FILTER": "marked"},
    "ui/exchange_dialogs.py": {"FILE_FILTER": "marked"},
    "ui/merge_dialog.py": {"FILE_FILTER": "marked"},
    "ui/glossary.py": {"BY_KEY[k].term": "marked", "e.term": "marked", "entry.term": "marked", "entry.text": "marked"},
    "ui/cycle_editor/act_tab.py": {"str(self.EXPLAIN[decision])": "marked"},
    "ui/cycle_editor/plan_tab.py": {"str(hint)": "marked", "str(label)": "marked"},
    "ui/import_wizard/columns_page.py": {
        "dict(((f[0], f[1]) for f in _FIELDS_LEFT + _FIELDS_RIGHT))[name]": "marked",
        "_HIDDEN_LABELS[f]": "marked",
        "labels.get(name) or _HIDDEN_LABELS.get(name, name)": "marked",
        "text": "marked",
    },
}
#: The one wrapper allowed to pass a parameter on: pdsa_desk.ui.i18n.tr (bare tr() is what lupdate extracts).
WRAPPER = ("ui/i18n.py", "tr")



def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _text_arg(call: ast.Call) -> ast.expr | None:
    index = TEXT_ARG.get(_name(call) or "")
    if index is None or len(call.args) <= index:
        return None
    if index == 1 and not (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
        return None  # QPainter.translate(x, y) and the like: not a translation
    return call.args[index]


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _scan() -> tuple[list[str], dict[str, set[str]], dict[str, str]]:
    """(unextractable calls as "file:line: why", non-literal arguments per file, every literal text -> file:line)."""
    broken: list[str] = []
    not_literal: dict[str, set[str]] = {}
    literals: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = {
            (rel, fn.name) for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for call in ast.walk(fn) if isinstance(call, ast.Call) and (arg := _text_arg(call)) is not None
            and isinstance(arg, ast.Name) and arg.id in {a.arg for a in fn.args.args}
        }
        for rel_name in wrappers - {WRAPPER}:
            broken.append(f"{rel}: {rel_name[1]}() wraps a translation; lupdate cannot see its calls "
                          "(use pdsa_desk.ui.i18n.tr or self.tr with a literal)")
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or (arg := _text_arg(call)) is None:
                continue
            where = f"pdsa_desk/{rel}:{call.lineno}"
            if _literal(arg):
                literals[arg.value] = where  # type: ignore[attr-defined]  # a str Constant (_literal)
            elif isinstance(arg, ast.JoinedStr):
                broken.append(f"{where}: an f-string in {_name(call)}() is never found in the catalogue")
            elif isinstance(arg, ast.BinOp) or (isinstance(arg, ast.Call) and _name(arg) == "format"):
                broken.append(f"{where}: a built text in {_name(call)}(): translate the template, then format it")
            elif (rel, _name_of_enclosing(tree, call)) != WRAPPER:
                not_literal.setdefault(rel, set()).add(ast.unparse(arg))
    return broken, not_literal, literals


def _name_of_enclosing(tree: ast.Module, target: ast.Call) -> str | None:
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and any(node is target for node in ast.walk(fn)):
            return fn.name
    return None


def _lupdate(target: Path) -> Path:
    sources = [str(p) for p in sorted(PACKAGE.rglob("*.py"))]
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-silent", *sources, "-ts", str(target)], check=True)
    return target


def _messages(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> "finished", "unfinished" or "obsolete" (vanished/obsolete entries)."""
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = "" if translation is None else translation.get("type", "")
            status = "obsolete" if kind in {"obsolete", "vanished"} else "unfinished" if kind else "finished"
            found[(name, message.findtext("source") or "")] = status
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    return _messages(_lupdate(tmp_path_factory.mktemp("lupdate") / "extracted.ts"))


def test_every_translated_text_can_be_extracted() -> None:
    broken, not_literal, _ = _scan()
    assert not broken, "texts pyside6-lupdate cannot extract:\n" + "\n".join(broken)
    known = {rel: set(exprs) for rel, exprs in NOT_LITERAL.items()}
    new = {rel: sorted(exprs - known.get(rel, set())) for rel, exprs in not_literal.items()}
    assert not {rel: e for rel, e in new.items() if e}, (
        f"tr() on a value (lupdate cannot extract it): {new}; pass a literal, or mark the values with "
        "QT_TRANSLATE_NOOP where they are defined")
    gone = {rel: sorted(exprs - not_literal.get(rel, set())) for rel, exprs in known.items()}
    assert not {rel: e for rel, e in gone.items() if e}, f"fixed, remove from NOT_LITERAL: {gone}"


def test_lupdate_extracts_every_literal_text(extracted: dict[tuple[str, str], str]) -> None:
    _, _, literals = _scan()
    sources = {source for _, source in extracted}
    missed = [f"{where}: {text!r}" for text, where in sorted(literals.items()) if text not in sources]
    # e.g. a tr() inside an f-string's braces: lupdate does not look into f-strings
    assert not missed, "texts in tr() that pyside6-lupdate does not extract:\n" + "\n".join(missed)
    # The module-level texts (report, cycles, board, compare, import wizard) are among them.
    assert ("", "Weekly PDSA session report · {0} · {1}") in extracted
    assert ("MainWindow", "This week") in extracted


def _tr_calls_and_contexts() -> list[tuple[str, str, str]]:
    """(context, text, "file:line") of every ``self.tr("literal")`` in a class of ``pdsa_desk`` (PySide6 looks the
    text up under the class's name) and every bare ``tr("literal")`` (:func:`pdsa_desk.ui.i18n.tr`: the empty
    context)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [c for c in ast.walk(tree) if isinstance(c, ast.ClassDef)]
        owner: dict[int, str] = {}
        for cls in classes:  # outer classes first (ast.walk is breadth-first): an inner class overwrites
            for node in ast.walk(cls):
                owner[id(node)] = cls.name
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and call.args and _literal(call.args[0])):
                continue
            text = call.args[0].value  # type: ignore[attr-defined]  # a str Constant (_literal)
            func = call.func
            if (isinstance(func, ast.Attribute) and func.attr == "tr" and isinstance(func.value, ast.Name)
                    and func.value.id == "self" and id(call) in owner):
                found.append((owner[id(call)], text, f"pdsa_desk/{rel}:{call.lineno}"))
            elif isinstance(func, ast.Name) and func.id == "tr" and rel.startswith("ui/"):
                found.append(("", text, f"pdsa_desk/{rel}:{call.lineno}"))
    return found


def test_lupdate_extracts_each_text_in_the_context_it_is_looked_up_in(
        extracted: dict[tuple[str, str], str]) -> None:
    """A text found only in another context is shown in English: e.g. ``self.tr('Difference')`` or
    ``tr('This week')`` inside an f-string's braces (lupdate does not look there) while the same text
    elsewhere is extracted."""
    missed = [f"{where}: {context!r}: {text!r}" for context, text, where in _tr_calls_and_contexts()
              if (context, text) not in extracted]
    assert not missed, "tr() texts not extracted in their context:\n" + "\n".join(missed)


def test_counts_use_plural_forms(extracted: dict[tuple[str, str], str]) -> None:
    singular_or_plural = sorted(s for _, s in extracted if "(s)" in s and "%n" not in s and "%Ln" not in s)
    assert len(singular_or_plural) <= 2, singular_or_plural  # two counts formatted with thousands separators


def test_german_catalogue_is_current_and_complete(extracted: dict[tuple[str, str], str]) -> None:
    committed = _messages(GERMAN_TS)
    missing = sorted(key for key in extracted if key not in committed)
    assert not missing, f"{len(missing)} texts are not in {GERMAN_TS.name}; run `make translations`: {missing[:10]}"
    unfinished = sorted(key for key in extracted if committed[key] != "finished")
    assert not unfinished, f"{len(unfinished)} German texts not translated yet (open {GERMAN_TS.name} in " \
        f"pyside6-linguist): {unfinished[:10]}"


_PLACEHOLDER = re.compile(r"\{[^{}:!]*|%L?n|%\d")  # a field's name, not its format (dates are written the German way)


def test_english_plural_forms_are_current_and_complete(extracted: dict[tuple[str, str], str]) -> None:
    plurals = {key for key in extracted if "%n" in key[1] or "%Ln" in key[1]}
    committed = _messages(ENGLISH_TS)
    assert plurals == {key for key, status in committed.items() if status != "obsolete"}, "run `make translations`"
    assert all(committed[key] == "finished" for key in plurals)


@pytest.mark.parametrize("ts", [GERMAN_TS, ENGLISH_TS], ids=["de", "en"])
def test_translations_keep_every_placeholder(ts: Path) -> None:
    """A translation that drops or renames a {0} / {name:fmt} / %n would fail (or lie) when it is formatted."""
    wrong = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        want = sorted(_PLACEHOLDER.findall(source))
        for form in forms:
            got = sorted(_PLACEHOLDER.findall(form))
            if got != want and not (message.get("numerus") == "yes" and set(got) <= set(want)):
                wrong.append(f"{source!r} -> {form!r}")
    assert not wrong, "\n".join(wrong)


def test_german_translator_is_installed_and_removed(qapp, german_qm: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from pdsa_desk.ui.i18n import install_translators, remove_translators, tr

    assert install_translators("de") == "de"
    assert QCoreApplication.translate("MainWindow", "&View") == "&Ansicht"
    assert tr("Urgent") == "Dringend"  # a module-level text (empty context), as lupdate extracted it
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"  # Qt's own (qtbase_de)
    assert QCoreApplication.translate("DataView", "%n problem(s) found:", "", 1) == "1 Problem gefunden:"
    assert QCoreApplication.translate("DataView", "%n problem(s) found:", "", 3) == "3 Probleme gefunden:"
    assert install_translators("en") == "en"
    assert QCoreApplication.translate("MainWindow", "&View") == "&View"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QCoreApplication.translate("DataView", "%n problem(s) found:", "", 1) == "1 problem found:"
    assert QCoreApplication.translate("DataView", "%n problem(s) found:", "", 3) == "3 problems found:"
    remove_translators()
    assert QCoreApplication.translate("DataView", "%n problem(s) found:", "", 3) == "3 problem(s) found:"


def test_language_choice_is_saved_and_said_to_apply_on_restart(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from pdsa_desk.ui import i18n
    from pdsa_desk.ui.application import set_application_names

    set_application_names()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = i18n.language_menu(parent)
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["System language", "English", "Deutsch"]
    assert actions["System language"].isChecked() and i18n.chosen_language() == ""
    actions["Deutsch"].trigger()
    assert i18n.chosen_language() == "de" and actions["Deutsch"].isChecked()
    assert told and "next time" in told[0]
    assert i18n.effective_language() == "de"
    assert [a.text() for a in i18n.language_menu(parent).actions() if a.isChecked()] == ["Deutsch"]


def test_core_messages_come_out_german_at_the_ui_boundary(qtbot, german_qm: Path, demo_ws, demo_as_of) -> None:
    """Texts built in core/ (agenda sections and rows, a study's reasons and verdict) are English as ``str`` and
    German on screen once the German translator is installed: the UI translates them, nested parts included."""
    from datetime import UTC, datetime, time

    from pdsa_desk.core import services
    from pdsa_desk.core.agenda import Section
    from pdsa_desk.core.study import study_cycle
    from pdsa_desk.core.verdict import plain_verdict
    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.i18n import install_translators, text
    from pdsa_desk.ui.views.week import WeekView
    from tests.ui.waiting import refreshed

    running = next(c for c in services.list_cycles(demo_ws) if c.status == "do")
    study = study_cycle(demo_ws, running.id, as_of=datetime.combine(demo_as_of, time(12), tzinfo=UTC))
    english = [str(r) for r in study.reasons]
    assert english[0].startswith("Only 14 of the 40 customers needed have entered")

    assert install_translators("de") == "de"
    assert text(study.reasons[0]).startswith("Erst 14 der 40 benötigten Kunden sind in „")
    assert [str(r) for r in study.reasons] == english  # the str (CLI, logs) stays English
    # "… entered less than 14 days ago": the nested day count is translated too
    assert "vor weniger als" in text(study.reasons[1]) and "Tagen" in text(study.reasons[1])
    assert text(plain_verdict(study).sentence).startswith("Zu früh: ")

    view = WeekView(AppContext(demo_ws))
    qtbot.addWidget(view)
    view.show()
    refreshed(qtbot, view)
    heads = {Section(s): view.tree.topLevelItem(i).text(0) for i, s in enumerate(Section)}
    assert heads[Section.DECIDE].startswith("Entscheiden (Act) (")
    assert heads[Section.RUNNING].startswith("Laufend (Do) (")
    decide = view.tree.topLevelItem(list(Section).index(Section.DECIDE)).child(0)
    assert "Entscheiden: übernehmen, anpassen oder aufgeben." in decide.text(1)
