"""The main window's stack asks a hidden view nothing when the shown one changes size (ui/view_page.py): a text
changed on the Board (its summary line, a column's count) made the stack ask every hidden view, the Charts' Python
legends among them, for its size at every edit (at 1M events 138-414 legend calls per edit, stalls of 26-52 ms)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QStackedWidget, QWidget

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.ui.main_window import MainWindow
from pdsa_desk.ui.view_page import ViewPage
from tests.ui.test_responsive import window  # noqa: F401 - the shown main window fixture (1280 x 800)
from tests.ui.waiting import refreshed


class _Counted(QWidget):
    """A view whose size questions are counted (a Python layout, as the Charts' legends are)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        self.asked += 1
        return 200 + width // 10

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        self.asked += 1
        return QSize(300, 200)


def _stack_with(page_type: type[QWidget], qtbot) -> tuple[QStackedWidget, _Counted, QWidget]:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    shown, hidden = page_type(), page_type()
    view = _Counted()
    QHBoxLayout(hidden).addWidget(view)
    hidden.layout().setContentsMargins(0, 0, 0, 0)
    QHBoxLayout(shown).addWidget(QWidget())
    stack.addWidget(shown)
    stack.addWidget(hidden)
    stack.setCurrentIndex(1)  # the view shown once, then hidden
    stack.resize(640, 480)
    stack.show()
    qtbot.waitExposed(stack)
    stack.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not hidden.isVisible())
    return stack, view, hidden


def _ask_the_stack(stack: QStackedWidget) -> None:
    """What a layout request that climbed to the window makes the stack do: size questions to every page."""
    layout = stack.layout()
    layout.invalidate()
    layout.heightForWidth(stack.width())
    layout.sizeHint()
    layout.minimumSize()


def test_a_hidden_page_answers_for_its_view(qtbot) -> None:
    stack, view, page = _stack_with(ViewPage, qtbot)
    _ask_the_stack(stack)  # a width it was not asked for while shown: the view is asked once
    asked = view.asked
    _ask_the_stack(stack)
    _ask_the_stack(stack)
    assert view.asked == asked  # answered from what the page answered before
    stack.setCurrentIndex(1)  # shown again: it fills the stack, and the stack's questions reach it again
    qtbot.waitUntil(page.isVisible)
    assert view.size() == page.size() == stack.size()
    _ask_the_stack(stack)
    assert view.asked > asked


def test_a_plain_page_lets_the_stack_ask_its_hidden_view(qtbot) -> None:
    """The behaviour ViewPage is there to stop (Qt's QStackedLayout asks every page, hidden ones too)."""
    stack, view, _page = _stack_with(QWidget, qtbot)
    _ask_the_stack(stack)
    asked = view.asked
    _ask_the_stack(stack)
    assert view.asked > asked


def test_the_main_window_holds_its_views_in_view_pages_that_answer_for_them_while_hidden(
        qtbot, demo_ws, window: MainWindow) -> None:  # noqa: F811 - the fixture
    win = window
    win.navigate("charts")
    charts = win.view("charts")
    refreshed(qtbot, charts)
    win.navigate("board")
    board = win.view("board")
    refreshed(qtbot, board)
    page = charts.parentWidget()
    assert isinstance(page, ViewPage) and not page.isVisible()
    asked = page.asked
    cycle = services.list_cycles(demo_ws)[0]
    with qtbot.waitSignal(board.refreshed, timeout=30000):
        services.add_observation(demo_ws, cycle.id, "Two calls made before noon.")
        win.ctx.notify_changed(Change())  # the Board's summary line: "updating…", then its figures again
    qtbot.waitUntil(lambda: not board.updating, timeout=30000)
    _ask_the_stack(win.stack)
    asked = page.asked
    _ask_the_stack(win.stack)
    assert page.asked == asked
    win.navigate("charts")  # shown again: it fills the stack, and the stack's questions reach it again
    qtbot.waitUntil(page.isVisible, timeout=30000)
    assert charts.geometry().size() == page.size() == win.stack.currentWidget().size()
    _ask_the_stack(win.stack)
    assert page.asked > asked
