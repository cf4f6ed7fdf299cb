"""Help ▸ Glossary: the words of the method and of the charts, in plain words, in a searchable dialog.

``open_glossary(parent, key)`` opens it on one entry: the "?" buttons of Charts, Compare and Study use it. The
texts are translated in the ``GlossaryDialog`` context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.ui.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Entry:
    key: str
    term: str
    text: str
    #: Keys of related entries, shown as links.
    see: tuple[str, ...] = ()


ENTRIES: tuple[Entry, ...] = (
    Entry("pdsa", QT_TRANSLATE_NOOP("GlossaryDialog", "PDSA cycle"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "Plan, Do, Study, Act: one small, planned experiment. Plan: the question, the change, who tries it, for how "
        "long, and a numeric prediction. Do: try it and keep a log of what happened. Study: compare the results with "
        "the baseline and with the prediction. Act: adopt the change as standard work, adapt it and test again, or "
        "abandon it."), ("prediction", "tactic", "ramp", "baseline")),
    Entry("standard", QT_TRANSLATE_NOOP("GlossaryDialog", "Standard (observable)"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "What must be true for an opportunity to be in a stage, written as something the customer did and anyone "
        "could check: “the customer shared a budget range in writing”, not “the deal is qualified”. A change to a "
        "standard changes what the numbers mean, so every change is kept as a revision and marked on the charts."),
     ("checklist", "stage")),
    Entry("checklist", QT_TRANSLATE_NOOP("GlossaryDialog", "Evidence checklist"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The items a rep ticks when moving a card into a stage: the evidence that the customer did what the "
        "stage's standard says. What was ticked is recorded with the move."), ("standard",)),
    Entry("stage", QT_TRANSLATE_NOOP("GlossaryDialog", "Stage and transition"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "A stage is a step of the customer's journey (Lead captured, Discovery held, Budget shared …). A "
        "transition is the step from one stage to the next; its conversion is the share of opportunities that "
        "entered the first stage and reached the next one within the conversion window."),
     ("window", "standard")),
    Entry("window", QT_TRANSLATE_NOOP("GlossaryDialog", "Conversion window"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "How long after entering a stage an opportunity may still reach the next stage and count as converted "
        "(for example 30 days). Each stage has its own; the workspace settings hold the default for new stages. "
        "A week whose window has not ended yet is not final: its point is hollow and kept out of the rules."),
     ("cohort", "stage")),
    Entry("cohort", QT_TRANSLATE_NOOP("GlossaryDialog", "Cohort"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The opportunities that entered a stage in the same week (or month). A conversion chart has one point per "
        "cohort: the share of that cohort that converted within the window. A cohort whose window is still open "
        "is shown hollow."), ("window",)),
    Entry("wip", QT_TRANSLATE_NOOP("GlossaryDialog", "WIP limit"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "Work in progress: how many open opportunities a stage may hold at once. Above the limit the Board's "
        "column header turns orange and the agenda lists the stage. A limit keeps the team finishing work instead "
        "of starting more."), ()),
    Entry("tactic", QT_TRANSLATE_NOOP("GlossaryDialog", "Tactic"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "Something a seller does differently, aimed at one stage (“send an agenda before the discovery call”). A "
        "tactic is an idea until a PDSA cycle tests it; adopted, it becomes standard work; it can be retired."),
     ("pdsa",)),
    Entry("prediction", QT_TRANSLATE_NOOP("GlossaryDialog", "Prediction"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The conversion rate the team expects with the change, written down before the cycle starts. Comparing the "
        "result with it is how a team learns how good its expectations are."), ("pdsa",)),
    Entry("ramp", QT_TRANSLATE_NOOP("GlossaryDialog", "Ramp of cycles"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "A series of linked PDSA cycles: when a cycle is adapted, the next one tests the adapted change, often with "
        "more reps or for longer. A ramp starts after its parent's Adapt decision."), ("pdsa",)),
    Entry("baseline", QT_TRANSLATE_NOOP("GlossaryDialog", "Baseline"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The conversion before the change, to which a cycle's results are compared. On a chart a team can freeze "
        "a baseline: the centre line and limits of that period are then carried forward."), ("phase",)),
    Entry("phase", QT_TRANSLATE_NOOP("GlossaryDialog", "Phase"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "A part of a chart with its own centre line and limits, started when something changed the process for "
        "good (a tactic became standard work). Signals are judged against the phase they fall in."), ("baseline",)),
    Entry("run-chart", QT_TRANSLATE_NOOP("GlossaryDialog", "Run chart and median"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The points in time order with their median. It makes no assumptions about the data: rules about runs "
        "(points on one side of the median) tell a real change from week-to-week noise."),
     ("anhoej", "ihi", "signal")),
    Entry("anhoej", QT_TRANSLATE_NOOP("GlossaryDialog", "Anhøj rules"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "Two rules for run charts: a run on one side of the median that is longer than expected, or fewer "
        "crossings of the median than expected for this many points. Either means the process has probably "
        "shifted. They raise few false alarms."), ("run-chart", "ihi")),
    Entry("ihi", QT_TRANSLATE_NOOP("GlossaryDialog", "IHI rules"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The Institute for Healthcare Improvement's run-chart rules: a shift (six or more points on one side of "
        "the median), a trend (five or more rising or falling), too few or too many runs, and an astronomical "
        "point."), ("run-chart", "anhoej")),
    Entry("control-limits", QT_TRANSLATE_NOOP("GlossaryDialog", "Control limits and P chart"), QT_TRANSLATE_NOOP(
        "GlossaryDialog",
        "A P chart shows each cohort's conversion with limits three standard errors either side of the centre "
        "line. The limits are wider for small cohorts. A point outside them, or a run of points on one side, is a "
        "signal: something other than chance is at work."), ("laney", "signal", "run-chart")),
    Entry("laney", QT_TRANSLATE_NOOP("GlossaryDialog", "Laney P′ chart"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "A P chart whose limits are widened by the variation actually seen between cohorts. With large cohorts a "
        "plain P chart's limits become so narrow that almost every point looks like a signal; P′ corrects that. "
        "When the data show no extra variation it is the same as the P chart."), ("control-limits",)),
    Entry("signal", QT_TRANSLATE_NOOP("GlossaryDialog", "Signal"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "A point or a pattern that chance alone would rarely produce: a sign that the process changed. Signals "
        "are marked by colour and shape. With too few data the chart shows none and says why."),
     ("anhoej", "control-limits", "small-sample")),
    Entry("small-sample", QT_TRANSLATE_NOOP("GlossaryDialog", "Small-sample guard"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "Below a minimum of useful points, or of expected conversions per period, rules and limits would mislead. "
        "The chart then says so in one sentence, offers a longer period or a larger group, and marks no signal."),
     ("signal",)),
    Entry("interval", QT_TRANSLATE_NOOP("GlossaryDialog", "Interval (Wilson, Newcombe)"), QT_TRANSLATE_NOOP(
        "GlossaryDialog",
        "The range in which the true rate probably lies, given how many customers were counted (95 %). A rate "
        "from 12 customers has a wide interval, one from 1,000 a narrow one. A difference between two rates has "
        "its own interval (Newcombe's); when it excludes zero, chance alone is an unlikely explanation."),
     ("verdict",)),
    Entry("verdict", QT_TRANSLATE_NOOP("GlossaryDialog", "Study verdict"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "The sentence at the top of a cycle's Study: better, looks better but could be chance, no detectable "
        "change, worse, or too early (fewer customers than the minimum sample). It comes from the interval of the "
        "difference and the prediction, and reads the same on screen, in the agenda and in the PDF."),
     ("interval", "prediction")),
    Entry("forest-plot", QT_TRANSLATE_NOOP("GlossaryDialog", "Forest plot"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "One row per rep: the rep's conversion as a point and its interval as a line, beside the team's rate. "
        "Long lines mean few customers. The reps are listed by name, never ranked."), ("interval", "funnel-plot")),
    Entry("funnel-plot", QT_TRANSLATE_NOOP("GlossaryDialog", "Funnel plot"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "Each rep's conversion against the number of customers counted, with limits that narrow as the number "
        "grows: the funnel. A rep inside the funnel differs from the team by no more than chance would make; "
        "outside the 99.8 % limits is worth a conversation, not a verdict."), ("forest-plot", "overdispersion")),
    Entry("overdispersion", QT_TRANSLATE_NOOP("GlossaryDialog", "Over-dispersion"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "More variation between reps (or weeks) than chance alone explains, for example because territories "
        "differ. The funnel plot can widen its limits by it, so that only reps who stand out from that ordinary "
        "variation are outside."), ("funnel-plot",)),
    Entry("stage-funnel", QT_TRANSLATE_NOOP("GlossaryDialog", "Stage funnel"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "How many opportunities reached each stage, and the share that went on to the next one."), ("stage",)),
    Entry("cfd", QT_TRANSLATE_NOOP("GlossaryDialog", "Cumulative flow diagram"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "For each stage, a line of how many opportunities have entered it so far. The band between two lines is "
        "the work in that stage; a widening band means work piles up there."), ("wip",)),
    Entry("time-in-stage", QT_TRANSLATE_NOOP("GlossaryDialog", "Time in stage"), QT_TRANSLATE_NOOP("GlossaryDialog",
        "How long opportunities stayed in each stage before they moved on or closed: the spread, not only the "
        "average. Long tails show where deals get stuck."), ("wip", "cfd")),
)
BY_KEY: dict[str, Entry] = {e.key: e for e in ENTRIES}


class GlossaryDialog(QDialog):
    """Terms on the left (filtered by the search field), the explanation on the right with links to related
    terms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Glossary"))
        self.resize(760, 480)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the glossary"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumWidth(220)
        for entry in sorted(ENTRIES, key=lambda e: self.tr(e.term).casefold()):
            item = QListWidgetItem(self.tr(entry.term))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.list.addItem(item)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(lambda url: self.show_entry(url.toString().removeprefix("#")))
        self.none_label = QLabel(self.tr("No entry matches."))
        self.none_label.setVisible(False)
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._current_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.none_label)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_entry(self, key: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                if item.isHidden():
                    self.search.clear()
                self.list.setCurrentItem(item)
                return

    def _current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            self.text.clear()
            return
        entry = BY_KEY[item.data(Qt.ItemDataRole.UserRole)]
        links = ", ".join(f"<a href='#{k}'>{self.tr(BY_KEY[k].term)}</a>" for k in entry.see)
        see_also = self.tr("See also:")
        related = f"<p>{see_also} {links}</p>" if links else ""
        self.text.setHtml(f"<h3>{self.tr(entry.term)}</h3><p>{self.tr(entry.text)}</p>{related}")

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        first_visible: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = BY_KEY[item.data(Qt.ItemDataRole.UserRole)]
            hit = not needle or needle in self.tr(entry.term).casefold() or needle in self.tr(entry.text).casefold()
            item.setHidden(not hit)
            if hit and first_visible is None:
                first_visible = item
        self.none_label.setVisible(first_visible is None)
        current = self.list.currentItem()
        if first_visible is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first_visible)
        elif first_visible is None:
            self.text.clear()


def open_glossary(parent: QWidget | None, key: str | None = None) -> GlossaryDialog:
    """Show the glossary (one per window, reused), on the entry ``key`` if given."""
    window = parent.window() if parent is not None else None
    dialog = window.findChild(GlossaryDialog) if window is not None else None
    if dialog is None:
        dialog = GlossaryDialog(window)
    if key is not None:
        dialog.show_entry(key)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def help_button(key: str | Callable[[], str], parent: QWidget | None = None) -> QToolButton:
    """A small "?" button that opens the glossary on ``key`` (or on what ``key()`` names when clicked)."""
    button = QToolButton(parent)
    button.setObjectName("glossaryButton")
    button.setText("?")
    button.setAutoRaise(True)
    button.setToolTip(QCoreApplication.translate("Glossary", "What does this mean? (glossary)"))
    button.clicked.connect(lambda: open_glossary(button, key if isinstance(key, str) else key()))
    return button
