"""Imports after PySide6 without reading every module's source (installed by :mod:`pdsa_desk.ui` itself).

Once ``PySide6.QtCore`` is imported, every module imported after it passes through PySide6's ``__feature__``
hook (``shibokensupport.feature.feature_imported``), which asks ``_mod_uses_pyside(module)`` once per new
module whether it "uses PySide6" -- by reading the module's whole source with ``inspect.getsource`` and
looking for the word. The answer only decides which ``__feature__`` selection (``snake_case``,
``true_property``) the module's attribute lookups on Qt types switch to: 0 (the default, no features) or -1
("ignore this module", leave the selection as it is). pdsa-desk selects no feature and neither do the
libraries it uses, so every Qt type stays in the default selection whatever the answer is; a module that does
``from __feature__ import ...`` still gets its selection, which ``feature_import`` records apart from this
answer.

The source scans are not free: pandas, SciPy, pyqtgraph and the app's own modules are imported after PySide6
(lazily, to keep them off the first paint), and at each of them the scan read ~570 source files on the way to
the agenda's data and ~500 more for the views. Measured on the 2-core benchmark machine, the same imports after
``PySide6.QtWidgets``: the data modules (pandas, numpy, scipy.special, the snapshot, statistics and agenda
modules) 479-488 ms with the scans, 344-354 ms without; pyqtgraph and the views 799-803 ms with, 686-698 ms
without -- about a quarter of a second of the GIL, on the start-up path and during the first visits.

:func:`skip_source_scans` answers by the module's name instead: the app's user interface and pyqtgraph "use
PySide6" (0, as the scan says for them), every other module is ignored (-1). It is an internal of PySide6 (no
public switch exists; the napari project traced the same tax, napari issue 8584), so it is replaced only where
it is found as expected, and otherwise left alone.
"""

from __future__ import annotations

import sys
from types import ModuleType

__all__ = ["skip_source_scans", "uses_pyside_by_name"]

#: Modules whose names start with one of these are answered as using PySide6.
PYSIDE_USERS = ("pdsa_desk.ui", "pyqtgraph", "PySide6", "shiboken6", "__main__")


def uses_pyside_by_name(module: ModuleType) -> bool:
    """Whether ``module`` uses PySide6, by its name alone (see the module's text)."""
    name = getattr(module, "__name__", "") or ""
    return any(name == prefix or name.startswith(prefix + ".") for prefix in PYSIDE_USERS)


def skip_source_scans() -> bool:
    """Answer PySide6's per-module question by name (:func:`uses_pyside_by_name`) instead of reading each
    module's source; True when it was installed (now or before), False where PySide6's internals are not as
    expected (then nothing is changed)."""
    import PySide6.QtCore  # noqa: F401 - loads the hook this answers for

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not isinstance(getattr(feature, "pyside_feature_dict", None), dict):
        return False
    if getattr(feature, "_mod_uses_pyside", None) is uses_pyside_by_name:
        return True
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", uses_pyside_by_name)  # noqa: B010 - an internal of PySide6 (see above)
    return True
