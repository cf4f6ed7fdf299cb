"""The user interface language: a QTranslator for the chosen language, installed at start-up.

The choice is kept in QSettings under :data:`LANGUAGE_KEY`: ``""`` follows the system locale, otherwise a
language code from :data:`LANGUAGES`. A change applies on the next start (every widget reads its texts when it
is built; retranslating live windows would mean a ``changeEvent`` in every view).

The app's own catalogue is ``pdsa_desk/resources/translations/pdsa_desk_<lang>.qm``, built by ``make`` from the
``.ts`` with ``pyside6-lrelease`` (a build output, not in git); English has one too, with only the plural forms
of the ``%n`` texts. Qt's own strings (standard buttons, the file
dialog) come from ``qtbase_<lang>.qm`` that PySide6 ships, when it has one.

**One locale for the language and the formats** (:func:`ui_locale`): numbers, dates, day and month names, date
fields and spin boxes follow the UI's language, so a German UI on an English system writes "Freitag,
4. Dezember 2026", not "Friday, December 4, 2026" beside German words. When the system's own locale speaks the
same language, its country's conventions are kept (a Swiss German system: German UI, Swiss number and date
styles; en_GB: English UI, British dates). :func:`install_translators` makes that locale Qt's default
(``QLocale.setDefault``), which :mod:`pdsa_desk.ui.formatting`, the settings dialog's day names and every
date field read; :func:`remove_translators` puts the previous default back.
"""

from __future__ import annotations

import logging
from datetime import date
from importlib import resources as _res

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

# QT_TRANSLATE_NOOP is core's (one marker for core and UI; re-exported here for the UI modules that import it).
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
from pdsa_desk.core.messages import Arg, DayMonth, Decimals, Message, Percent, TwoDecimals, Weekday, fill
from pdsa_desk.ui import formatting

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
SOURCE_LANGUAGE = "en"
#: Code -> the language's own name (shown as is: a user who cannot read the current language finds theirs).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}

_installed: list[QTranslator] = []  # kept alive while installed
_previous_default: list[QLocale] = []  # Qt's default locale before install_translators set the UI's


def chosen_language() -> str:
    """The saved choice: "" (the system's language) or a code from :data:`LANGUAGES`."""
    value = QSettings().value(LANGUAGE_KEY, "")
    return value if isinstance(value, str) and value in LANGUAGES else ""


def set_chosen_language(code: str) -> None:
    QSettings().setValue(LANGUAGE_KEY, code if code in LANGUAGES else "")


def effective_language(code: str | None = None) -> str:
    """The language the UI is shown in: the choice, or the first system UI language we have, or English."""
    code = chosen_language() if code is None else code
    if code in LANGUAGES:
        return code
    for name in QLocale.system().uiLanguages():
        base = name.replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return SOURCE_LANGUAGE


def catalogue_path(code: str) -> str | None:
    """The app's compiled catalogue for ``code`` as a file path, None if it was not built."""
    target = _res.files("pdsa_desk.resources").joinpath(f"translations/pdsa_desk_{code}.qm")
    return str(target) if target.is_file() else None


def install_translators(code: str | None = None) -> str:
    """Install the translators for ``code`` (default: the saved choice or the system's language) on the running
    application, replacing those installed before; returns the language in effect."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QCoreApplication")
    remove_translators()
    language = effective_language(code)
    own = catalogue_path(language)
    if own is None:
        if language != SOURCE_LANGUAGE:
            log.warning("No compiled translation for %r (run make); the UI stays in English", language)
        _use_locale(ui_locale(SOURCE_LANGUAGE))
        return SOURCE_LANGUAGE
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # English needs no Qt catalogue; its own holds only the plural forms ("1 stage", "3 stages").
    qt_catalogues = [] if language == SOURCE_LANGUAGE else [(f"qtbase_{language}", qt_dir)]
    for name, directory in (*qt_catalogues, (own, "")):
        translator = QTranslator(app)
        if translator.load(name, directory):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        else:
            log.info("Translation %s not found in %r", name, directory or ".")
    _use_locale(ui_locale(language))
    return language


def ui_locale(language: str, system: QLocale | None = None) -> QLocale:
    """The locale of a UI shown in ``language`` (see the module docstring): the system's locale when it speaks
    that language (its country's conventions), else the language's own default locale."""
    system = QLocale.system() if system is None else system
    wanted = QLocale(language)
    return system if system.language() == wanted.language() else wanted


def _use_locale(value: QLocale) -> None:
    if not _previous_default:
        _previous_default.append(QLocale())
    QLocale.setDefault(value)


def remove_translators() -> None:
    """Back to the source texts (English with "(s)" plurals): the translators installed here are removed, and
    Qt's default locale is the one it was before :func:`install_translators`."""
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if _previous_default:
        QLocale.setDefault(_previous_default.pop())


def language_menu(parent: QWidget) -> QMenu:
    """View ▸ Language: the system's language or one of :data:`LANGUAGES`, applied on the next start."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent)
    group = QActionGroup(menu)
    current = chosen_language()
    system = QCoreApplication.translate("Language", "System language")
    for code, name in (("", system), *LANGUAGES.items()):
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
    group.triggered.connect(lambda action: _choose(parent, str(action.data())))
    return menu


def _choose(parent: QWidget, code: str) -> None:
    if code == chosen_language():
        return
    set_chosen_language(code)
    QMessageBox.information(
        parent, QCoreApplication.translate("Language", "Language"),
        QCoreApplication.translate("Language", "The new language is used the next time you start pdsa-desk."))


def tr(text: str) -> str:
    """A text outside a QObject, translated in the empty context: the one ``pyside6-lupdate`` gives a bare
    ``tr("…")`` call, so that these texts are extracted (a wrapper of another name, or another context, would not
    be found or would not match at run time)."""
    return QCoreApplication.translate("", text)


# A context no catalogue has: what Qt makes of a text it does not find (``%n`` filled, nothing else).
_NO_CONTEXT = "pdsa-desk: not translated"


class InheritedTr:
    """Mixed in before the Qt class (``class ChartFrame(InheritedTr, QWidget)``): ``self.tr`` finds a text in the
    class that wrote it even when it runs on a subclass, ``%n`` plurals included.

    ``pyside6-lupdate`` files a ``self.tr("…")`` under the class it is written in (``ConversionChart``), while
    PySide's own ``tr`` tries the object's classes from the most derived one and stops at the first result that
    differs from the source text. A ``%n`` text always differs there (Qt fills in the count even when it finds
    nothing), so on a ``StudyChart`` the search stopped at ``StudyChart`` and the text stayed "Last 6
    period(s) hollow" in every language. This ``tr`` compares against what Qt makes of a text it does not have,
    and asks the app's own classes in method resolution order (Qt's classes are not asked: their contexts
    belong to Qt's catalogue). A test checks that every subclassed class with a ``%n`` text mixes this in."""

    def tr(self, source: str, /, disambiguation: str | None = None, n: int = -1) -> str:
        missing = QCoreApplication.translate(_NO_CONTEXT, source, disambiguation, n)
        for cls in type(self).__mro__:
            if cls.__module__.startswith("pdsa_desk."):
                found = QCoreApplication.translate(cls.__name__, source, disambiguation, n)
                if found != missing:
                    return found
        return missing


def text(value: str) -> str:
    """A text from ``core/`` in the UI's language: a :class:`~pdsa_desk.core.messages.Message` is translated
    (its template in its context, then its arguments, nested messages included; dates the language's way)
    and filled; any other ``str`` (a name the user typed) is shown as it is."""
    if not isinstance(value, Message):
        return value
    template = QCoreApplication.translate(value.context, value.template) if value.context else value.template
    return fill(template, [_argument(arg) for arg in value.args])


def _argument(arg: Arg) -> str:
    if isinstance(arg, str):
        return text(arg)
    if isinstance(arg, Weekday):  # QLocale's notation, translated: each language orders its day its way
        return day(arg, QCoreApplication.translate("Formatting", "ddd d MMM"))
    if isinstance(arg, DayMonth):
        return day(arg, QCoreApplication.translate("Formatting", "d MMM"))
    if isinstance(arg, date):
        return day(arg, QCoreApplication.translate("Formatting", "d MMM yyyy"))
    if isinstance(arg, Percent):
        return formatting.pct(arg, 0)
    if isinstance(arg, TwoDecimals):
        return formatting.number(arg, 2)
    if isinstance(arg, Decimals):
        return formatting.number(arg, arg.places)
    return str(arg)


def locale() -> QLocale:
    """The locale of the language the UI is shown in (:func:`ui_locale`; the system's until the translators are
    installed): the one :mod:`pdsa_desk.ui.formatting` writes with."""
    return formatting.locale()


def day(value: date, fmt: str | QLocale.FormatType) -> str:
    """A day written the UI language's way: ``fmt`` in QLocale's notation (``"d MMM yyyy"``) or a format type
    (``QLocale.FormatType.LongFormat``: "Friday, 4 December 2026", "Freitag, 4. Dezember 2026")."""
    return locale().toString(QDate(value.year, value.month, value.day), fmt)
