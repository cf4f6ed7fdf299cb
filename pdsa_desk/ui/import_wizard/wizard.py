"""The wizard: its five pages in order, the buttons' explanations, and closing while work runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QSizePolicy, QWidget, QWizard

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard.check_page import CheckPage
from pdsa_desk.ui.import_wizard.columns_page import ColumnsPage
from pdsa_desk.ui.import_wizard.common import Page, WizardState
from pdsa_desk.ui.import_wizard.file_page import FilePage
from pdsa_desk.ui.import_wizard.import_page import ImportPage
from pdsa_desk.ui.import_wizard.preview_model import PreviewModel
from pdsa_desk.ui.import_wizard.stages_page import StagesPage


class ImportWizard(QWizard):
    """Import from CRM export… — File, Columns, Stages, Check, Import."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = WizardState()
        self.setWindowTitle(self.tr("Import from CRM export"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.preview_model = PreviewModel(self)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.stages_page = StagesPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.columns_page, self.stages_page, self.check_page, self.import_page):
            self.addPage(page)
            page.completeChanged.connect(self._explain_buttons)
            page.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.currentIdChanged.connect(self._explain_buttons)
        self.setMinimumSize(820, 560)
        self.resize(1000, 620)  # fits the smallest main window (1024×640)
        if path:
            self.file_page.set_path(path)

    def _explain_buttons(self, *_args: object) -> None:
        page = self.currentPage()
        if not isinstance(page, Page):
            return
        reason = page.blocker()
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button is not None:
                button.setToolTip(reason)

    @property
    def busy(self) -> bool:
        return self.check_page.running or self.import_page.running or self.stages_page.scanning or \
            self.file_page.loading

    def reject(self) -> None:
        if self.import_page.running:  # keep the window until the import has stopped: then it says so
            self.import_page.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.state.close()
        super().done(result)
