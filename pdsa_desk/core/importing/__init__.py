r"""Bring CRM data in: CSV and Excel exports of opportunities and their stage changes.

Start with :func:`guess_mapping` (from the header, see :func:`read_header`),
let the user correct it, :func:`scan` the file for its stage names, build a
:class:`StageMap` for the ones the workspace does not know, then
:func:`import_file`. Everything here is Qt-free.

Files
=====
* **CSV**, any of the delimiters ``,`` ``;`` tab ``|`` (detected from the
  first lines), UTF-8 with or without a byte-order mark, or UTF-16 with one.
  A file that is not UTF-8 is read as Windows-1252 (or Latin-1 when even that
  fails), and the result says so in ``notices``.
* **Excel .xlsx** (not the old .xls): the first sheet, or the one named by
  ``"sheet"``.
* Row numbers in messages are the ones a spreadsheet shows: the header is
  row 1, the first data row is row 2.

Shapes
======
``long``: one row per stage change (a CRM's opportunity/deal *stage history*
report; pdsa-desk's own events file). ``wide``: one row per opportunity with
one "date entered <stage>" column per stage (HubSpot's deal export).

The mapping (``--mapping MAPPING.json``, and saved presets)
===========================================================
A JSON object. Column names are matched exactly, then ignoring case. Only
``shape`` and the required keys are needed; ``null`` or a missing key means
"not in this file".

.. code-block:: json

    {
      "shape": "long",
      "opportunity_id": "Opportunity ID",
      "opportunity_name": "Opportunity Name",
      "rep": "Opportunity Owner",
      "rep_email": "Owner Email",
      "team": "Owner Role",
      "stage": "To Stage",
      "timestamp": "Stage Change Date",
      "outcome": "Status",
      "loss_reason": "Lost Reason",
      "amount": "Amount",
      "opened_at": "Created Date",
      "closed_at": "Close Date",
      "channel": "Lead Source",
      "source": "Salesforce",
      "date_order": "dayfirst"
    }

Keys:

``shape`` (required)
    ``"long"`` or ``"wide"``.
``opportunity_id`` (required)
    The CRM's id of the opportunity/deal. Together with the source it
    identifies the opportunity across imports.
``stage``, ``timestamp`` (required for long)
    The stage entered and when.
``stage_dates`` (required for wide)
    ``{"column": "CRM stage name", …}``: one column per stage holding the
    date the opportunity entered it (empty = never).
Optional columns
    ``opportunity_name``, ``rep``, ``rep_email``, ``team``, ``outcome``,
    ``loss_reason``, ``amount``, ``opened_at``, ``closed_at``, ``channel``.
    ``rep`` is the owner's name; reps are matched by
    e-mail, then by name (ignoring case), else created — in ``team`` (a team
    is matched by name or created). ``outcome`` holds open / won / lost (also
    "Closed Won", "Closed Lost", "In progress", …). ``loss_reason`` is
    matched by name or created. ``amount`` is a non-negative number
    (``1234.5``, ``1,234.50``, ``1.234,50``, ``€ 1 234``). ``opened_at`` is
    the CRM's created date (default: the first stage change in the file).
    ``closed_at`` is used for won and lost opportunities (default: the last
    stage change).
``source`` / ``source_column``
    The opportunity's source: a fixed name (e.g. the CRM's, ``"HubSpot"``)
    or a column holding it. Default ``"import"``. Opportunities are matched
    by source + id, so keep it the same for every export of the same CRM.
``outcome_values``
    Extra outcome spellings: ``{"Signed": "won", "Dead": "lost"}``; the key
    ``"*"`` stands for every other value (``{"*": "open"}`` reads a "current
    stage" column as an outcome: its won and lost values count, the rest is
    open — the guess does this for HubSpot's "Deal Stage").
``stage_position``, ``evidence_confirmed``, ``evidence_items``
    Columns of pdsa-desk's events file (position of the stage in the
    workspace order; true/false; checklist items joined with ``" | "``).
``create_stages``
    ``true`` (``--create-stages``): CRM stages the workspace lacks are
    created instead of being an error, each after the stage that precedes it
    in the file's order — ``stage_position`` when mapped, the column order in
    the wide shape, otherwise the average step at which opportunities enter
    the stage. Default ``false``.
``stages``
    A stage map (format below) kept with the mapping, e.g. in a preset.
    ``--stage-map`` entries win over it.
``date_order``
    ``"dayfirst"`` (31/12/2026), ``"monthfirst"`` (12/31/2026) or ``null``.
    With ``null``, a file with an ambiguous date such as 03/04/2026 is
    refused; unambiguous ones (13/04/2026) are read. ISO dates
    (2026-04-03) never depend on it.
``delimiter``, ``encoding``
    Override the detected CSV delimiter (one character, ``"\t"`` for tab)
    and text encoding (e.g. ``"cp1252"``).
``sheet``
    The workbook sheet to read (default: the first).
``header_row``
    The row holding the column names (default 1); rows above it are skipped.

Presets: :func:`save_preset` stores a mapping under a name in the user data
folder (``import-presets/NAME.json``, exactly this JSON); :func:`load_preset`
and ``--preset NAME`` read it back. The built-in preset ``"pdsa-desk"``
reads pdsa-desk's own events file: stages are matched by name and missing
ones are created in ``stage_position`` order.

Dates and times
===============
ISO 8601 with or without time and zone (``2026-01-05``,
``2026-01-05T09:00:00Z``, ``2026-01-05 09:00+02:00``), day-first or
month-first numbers (``05/01/2026 14:30``, ``1/5/26 2:30 PM``), month names
(``5 Jan 2026``, ``Jan 5, 2026``), Excel date cells, and Excel serial numbers
(``45678.5``, read as dates from 10000 to 200000). **A time without a time
zone is taken as UTC** (the result's notices say so when the file has such
times). Everything is stored as UTC. Years outside 1900–2199 are refused as
typing errors. A plain date (no time) on the same day as the opportunity's
creation counts as "not before it".

The stage map (``--stage-map STAGES.json``)
===========================================
For each CRM stage name (matched exactly, then ignoring case)::

    {
      "Appointment scheduled": "Discovery held",
      "Closed lost": null,
      "Contract sent": {"create": true, "position": 4},
      "Closed won": {"create": true, "name": "Won", "terminal": "won"}
    }

A string maps to an existing workspace stage (by name or id); ``null``
ignores the stage's rows; ``{"create": true}`` creates a new stage (at
``position``, 0-based, default at the end; optional ``name`` and
``"terminal": "won"``). CRM names not listed map to the workspace stage of
the same name (ignoring case), or are created with ``create_stages``;
anything else is an error naming the stages and their row counts.

What an import does
===================
* Validates every row before anything is written; problems are reported as
  ``row N, column C: what is wrong`` (up to 200, then a count): a missing or
  too long id, a missing or unreadable date, an amount that is not a number
  (or is negative), an unknown outcome, a bad e-mail address, a stage that is
  not mapped, a stage change before the opportunity was created, a close date
  before it, a row with more values than the header. By default nothing is
  written when any row is invalid; with ``skip_invalid`` the valid rows are
  imported and the others are written, with an ``error`` column, to
  ``<name>.rejected.csv`` beside the file (UTF-8 with a byte-order mark). A
  file that cannot be read at all, columns missing from the header,
  ambiguous dates and a stage map naming a stage that does not exist are
  refused even with ``skip_invalid``.
* Is idempotent: opportunities are keyed by source + id, stage events by
  opportunity + stage + time; importing the same file again adds nothing.
  A later export adds what is new and updates changed names, amounts, reps,
  channels, outcomes, close dates and loss reasons. When rows of one
  opportunity disagree, its attributes come from the row with the latest
  stage change (empty cells never erase a value). Rows of an opportunity
  deleted in the workspace are skipped (with a notice). An events file
  exported from a workspace finds its opportunities there again by UUID.
* An outcome column wins over the stages; without one, entering a stage
  marked *won* makes the opportunity won. A lost opportunity without a loss
  reason gets ``"Not recorded"``.
* Streams the file (CSV rows, or the workbook in read-only mode) and writes
  in chunks inside one transaction; ``progress(fraction, message)`` is
  called per chunk and ``cancel()`` returning True rolls everything back.

The code
========
:mod:`.engine` runs one import's steps in one transaction: :mod:`.reader`
opens the file (:mod:`.sniff` tells what it is, :mod:`.workbook_limits` refuses
a workbook too big to parse), :mod:`.columns` finds the mapped columns, :mod:`.existing`
reads what the workspace has, :mod:`.long_shape` / :mod:`.wide_shape` read
the rows into a :mod:`.collector`, :mod:`.stages` plans (and creates) the
stages, :mod:`.validate` checks across rows and decides each opportunity,
:mod:`.store` writes (through :mod:`.writer`). Beside it: :mod:`.scan` (the
stage names of a file), :mod:`.preview` (what the wizard shows before an
import), :mod:`.mapping`, :mod:`.values` (reading one cell), :mod:`.results`,
:mod:`.tuning` (chunk size, fast path). Every text for a person (problems,
notices, refusals, progress) is a :class:`~pdsa_desk.core.messages.Message`
built with :mod:`.texts`: English as a ``str``, translated by the wizard.
"""

from pdsa_desk.core.importing.engine import import_file
from pdsa_desk.core.importing.mapping import (
    BUILTIN_PRESET,
    DEFAULT_SOURCE,
    CreateStage,
    Mapping,
    StageMap,
    builtin_preset,
    delete_preset,
    guess_mapping,
    list_presets,
    load_preset,
    save_preset,
)
from pdsa_desk.core.importing.preview import read_header
from pdsa_desk.core.importing.results import (
    MAX_PROBLEMS,
    Cancelled,
    ImportProblems,
    ImportResult,
    OrderHint,
    Problem,
    ScannedStage,
    ScanResult,
)
from pdsa_desk.core.importing.scan import scan
from pdsa_desk.core.importing.validate import NOT_RECORDED

__all__ = [
    "BUILTIN_PRESET", "DEFAULT_SOURCE", "MAX_PROBLEMS", "NOT_RECORDED", "Cancelled", "CreateStage",
    "ImportProblems", "ImportResult", "Mapping", "OrderHint", "Problem", "ScanResult", "ScannedStage", "StageMap",
    "builtin_preset", "delete_preset", "guess_mapping", "import_file", "list_presets", "load_preset",
    "read_header", "save_preset", "scan",
]
