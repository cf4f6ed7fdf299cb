"""Everything Qt: the application, windows, views, item models. Calls pdsa_desk.core services only."""
