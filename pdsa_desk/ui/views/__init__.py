"""The main window's views, one module each. See ``pdsa_desk.ui.views.base.View``."""
