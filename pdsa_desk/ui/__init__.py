"""Everything Qt: the application, windows, views, item models. Calls pdsa_desk.core services only."""

from pdsa_desk.ui.pyside_imports import skip_source_scans

skip_source_scans()  # before any module of the app's UI imports pandas or pyqtgraph (see pyside_imports)
