"""Icons, the app icon and the desktop entry (package data, loaded with importlib.resources)."""
