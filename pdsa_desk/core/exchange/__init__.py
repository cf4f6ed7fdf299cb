"""Team use across offline laptops: bundles of work or of standards, and merging them (Qt-free).

A bundle (``*.pdsa``) is one SQLite file holding copies of a workspace's rows and a header; a
merge brings another laptop's rows into this workspace, one transaction per file. The parts,
each with its own rules in its docstring:

* :mod:`~pdsa_desk.core.exchange.tables`: which tables travel, and how two versions of a row compare;
* :mod:`~pdsa_desk.core.exchange.bundle_file` and :mod:`~pdsa_desk.core.exchange.validation`:
  the file format (header, writing a file, reading it back safely, the values it may hold);
* :mod:`~pdsa_desk.core.exchange.export`: choosing the rows to send;
* :mod:`~pdsa_desk.core.exchange.plan`: planning a merge (matching rows, conflicts, mapping
  definitions by name, references), writing nothing;
* :mod:`~pdsa_desk.core.exchange.apply`: carrying out a plan and keeping the workspace's rules
  (:mod:`pdsa_desk.core.rules`: stage order, unique names, standard revisions);
* :mod:`~pdsa_desk.core.exchange.merge`: one transaction per file, previews, several files;
* :mod:`~pdsa_desk.core.exchange.results`: errors and reports.

The merge's local bookkeeping tables (``merge_identity_map``, ``merge_origin``) are declared in
:mod:`pdsa_desk.core.models`.
"""

from __future__ import annotations

from pdsa_desk.core.exchange.bundle_file import (
    BUNDLE_SUFFIX,
    KIND_DEFINITIONS,
    KIND_WORK,
    BundleHeader,
    read_header,
)
from pdsa_desk.core.exchange.export import export_bundle, export_definitions
from pdsa_desk.core.exchange.merge import mapping_choices, merge_bundle, merge_bundles, preview_merge
from pdsa_desk.core.exchange.results import (
    BundleError,
    Conflict,
    MergeOutcome,
    MergePreview,
    MergeReport,
    NameConflict,
    TableCounts,
    UnmappedDefinitionsError,
)
from pdsa_desk.core.exchange.tables import DEFINITION_TABLES, NAMED_TABLES
from pdsa_desk.core.models import merge_identity_map as identity_map
from pdsa_desk.core.models import merge_origin

__all__ = [
    "BUNDLE_SUFFIX",
    "DEFINITION_TABLES",
    "KIND_DEFINITIONS",
    "KIND_WORK",
    "NAMED_TABLES",
    "BundleError",
    "BundleHeader",
    "Conflict",
    "MergeOutcome",
    "MergePreview",
    "MergeReport",
    "NameConflict",
    "TableCounts",
    "UnmappedDefinitionsError",
    "export_bundle",
    "export_definitions",
    "identity_map",
    "mapping_choices",
    "merge_bundle",
    "merge_bundles",
    "merge_origin",
    "preview_merge",
    "read_header",
]
