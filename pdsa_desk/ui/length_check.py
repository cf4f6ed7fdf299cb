"""Say next to a name field, while it is typed, that it is over the length limit (the services refuse it on save;
nothing is ever cut)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLineEdit

from pdsa_desk.ui.widgets import ErrorLabel


def watch_length(edit: QLineEdit, label: ErrorLabel, limit: int) -> None:
    """Show "N characters; at most L" in ``label`` while ``edit`` holds more than ``limit`` characters."""
    state = {"shown": False}

    def check(text: str) -> None:
        n = len(text.strip())
        if n > limit:
            locale = QLocale()
            label.show_message(QCoreApplication.translate("LengthCheck", "Too long: {0} characters; at most {1}.")
                               .format(locale.toString(n), locale.toString(limit)))
            state["shown"] = True
        elif state["shown"]:
            label.clear_message()
            state["shown"] = False

    edit.setMaxLength(32767)  # Qt's own ceiling; the limit is the services', told here, never enforced by cutting
    edit.textChanged.connect(check)
