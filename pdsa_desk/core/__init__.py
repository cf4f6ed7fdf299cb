"""Qt-free core of pdsa-desk: models, database, services, metrics, statistics."""
