"""Column mappings, stage maps, guessing from headers, and named presets.

The JSON formats are documented in :mod:`pdsa_desk.core.importing` (the
package docstring); this module is their one implementation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.importing.conventions import DECIMALS, zone_of
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, say
from pdsa_desk.core.importing.values import DATE_ORDERS, BadValue, outcome_key

LONG = "long"
WIDE = "wide"
DEFAULT_SOURCE = "import"
BUILTIN_PRESET = "pdsa-desk"

# Mapping fields that name a column of the file (``stage_dates`` names several).
COLUMN_FIELDS = (
    "opportunity_id", "opportunity_name", "rep", "rep_email", "team", "stage", "timestamp", "outcome",
    "loss_reason", "amount", "opened_at", "closed_at", "channel", "source_column", "stage_position",
    "evidence_confirmed", "evidence_items", "modified_at",
)
# What each field means, for messages (the UI translates them).
_LABELS = {
    "opportunity_id": say(QT_TRANSLATE_NOOP("Import", "opportunity id")),
    "opportunity_name": say(QT_TRANSLATE_NOOP("Import", "opportunity name")),
    "rep": say(QT_TRANSLATE_NOOP("Import", "rep (owner)")),
    "rep_email": say(QT_TRANSLATE_NOOP("Import", "rep e-mail")),
    "team": say(QT_TRANSLATE_NOOP("Import", "team")),
    "stage": say(QT_TRANSLATE_NOOP("Import", "stage")),
    "timestamp": say(QT_TRANSLATE_NOOP("Import", "stage change time")),
    "outcome": say(QT_TRANSLATE_NOOP("Import", "outcome")),
    "loss_reason": say(QT_TRANSLATE_NOOP("Import", "loss reason")),
    "amount": say(QT_TRANSLATE_NOOP("Import", "amount")),
    "opened_at": say(QT_TRANSLATE_NOOP("Import", "created date")),
    "closed_at": say(QT_TRANSLATE_NOOP("Import", "close date")),
    "channel": say(QT_TRANSLATE_NOOP("Import", "channel")),
    "source_column": say(QT_TRANSLATE_NOOP("Import", "source")),
    "stage_position": say(QT_TRANSLATE_NOOP("Import", "stage position")),
    "evidence_confirmed": say(QT_TRANSLATE_NOOP("Import", "evidence confirmed")),
    "evidence_items": say(QT_TRANSLATE_NOOP("Import", "evidence items")),
    "stage_dates": say(QT_TRANSLATE_NOOP("Import", "stage date columns")),
    "modified_at": say(QT_TRANSLATE_NOOP("Import", "last modified date")),
}


def label(field_name: str) -> str:
    """What a mapping field means, for messages."""
    return _LABELS.get(field_name, field_name)


@dataclass
class Mapping:
    """Which column of the file holds what (see the package docstring for the JSON form)."""

    shape: str = LONG
    opportunity_id: str | None = None
    opportunity_name: str | None = None
    rep: str | None = None
    rep_email: str | None = None
    team: str | None = None
    stage: str | None = None
    timestamp: str | None = None
    stage_dates: dict[str, str] = field(default_factory=dict)
    outcome: str | None = None
    loss_reason: str | None = None
    amount: str | None = None
    opened_at: str | None = None
    closed_at: str | None = None
    channel: str | None = None
    source: str | None = None
    source_column: str | None = None
    stage_position: str | None = None
    evidence_confirmed: str | None = None
    evidence_items: str | None = None
    outcome_values: dict[str, str] = field(default_factory=dict)
    create_stages: bool = False
    stages: dict[str, Any] = field(default_factory=dict)
    date_order: str | None = None
    timezone: str | None = None
    decimal: str | None = None
    # Every row is a stage event, even one at the stage the opportunity is already in (pdsa-desk's own events
    # file, a record of the workspace's events). False (CRM files): such a row is an edit, not a new stay.
    keep_repeated_stages: bool = False
    modified_at: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    header_row: int | None = None

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict[str, Any]:
        """The JSON object (only the keys that differ from the defaults, plus ``shape``)."""
        default = Mapping()
        out: dict[str, Any] = {"shape": self.shape}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "shape" and value != getattr(default, f.name):
                out[f.name] = dict(value) if isinstance(value, dict) else value
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: object) -> Mapping:
        """A mapping from its JSON object; :class:`ValidationError` names the bad key."""
        if not isinstance(data, dict):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "A mapping must be a JSON object like {\"shape\": "
                                                                  "\"long\", …}.")))
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "version":
                continue
            if key not in known:
                raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "Unknown mapping key '%1'."), str(key)), str(key))
            values[key] = value
        mapping = cls(**values)
        mapping.check()
        return mapping

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "The mapping is not valid JSON: %1."),
                                      str(exc))) from None
        return cls.from_dict(data)

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "Cannot read the mapping %1: %2."), str(path),
                                      str(exc))) from None
        return cls.from_json(text)

    # ------------------------------------------------------------------ checks
    def check(self) -> None:
        """Refuse values of the wrong kind (not missing columns: see :meth:`missing`)."""
        if self.shape not in (LONG, WIDE):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "shape must be \"long\" or \"wide\" (got %1)."),
                                      repr(self.shape)), "shape")
        for name in (*COLUMN_FIELDS, "source", "sheet", "encoding"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "%1 must be a column name (text) or null."),
                                          name), name)
        if not isinstance(self.stage_dates, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in self.stage_dates.items()
        ):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "stage_dates must map column names to stage names.")),
                                  "stage_dates")
        if not isinstance(self.outcome_values, dict) or not all(
            isinstance(k, str) and v in ("open", "won", "lost") for k, v in self.outcome_values.items()
        ):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", 'outcome_values must map CRM values to "open", "won" '
                                                                  'or "lost".')), "outcome_values")
        if self.date_order is not None and self.date_order not in DATE_ORDERS:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", 'date_order must be "dayfirst", "monthfirst" or '
                                                                  'null.')), "date_order")
        if self.delimiter is not None and (not isinstance(self.delimiter, str) or len(self.delimiter) != 1
                                           or self.delimiter in "\"\r\n"):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "delimiter must be one character, e.g. \";\" or "
                                                                  "\"\\t\".")), "delimiter")
        if not isinstance(self.create_stages, bool):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "create_stages must be true or false.")),
                                  "create_stages")
        if not isinstance(self.keep_repeated_stages, bool):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "keep_repeated_stages must be true or false.")),
                                  "keep_repeated_stages")
        if self.header_row is not None and (isinstance(self.header_row, bool) or not isinstance(self.header_row, int)
                                            or self.header_row < 1):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "header_row must be a whole number from 1, or null "
                                                                  "(found in the file).")), "header_row")
        if self.decimal is not None and self.decimal not in DECIMALS:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "decimal must be \".\" (1,234.50) or \",\" "
                                                                  "(1.234,50), or null (decided from the file's "
                                                                  "amounts).")),
                                  "decimal")
        if self.timezone is not None:
            if not isinstance(self.timezone, str):
                raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "timezone must be an IANA time zone name such as "
                                                                      "\"Europe/Berlin\".")), "timezone")
            try:
                zone_of(self.timezone)
            except BadValue as exc:
                raise ValidationError(exc.message, "timezone") from None
        if self.source is not None and len(self.source) > 200:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "source must be at most 200 characters.")), "source")
        StageMap.from_dict(self.stages)  # same rules as --stage-map

    def missing(self) -> list[str]:
        """The fields an import needs that are not mapped yet (empty when complete)."""
        need = ["opportunity_id"]
        if self.shape == LONG:
            need += ["stage", "timestamp"]
            out = [n for n in need if not getattr(self, n)]
        else:
            out = [n for n in need if not getattr(self, n)]
            if not self.stage_dates:
                out.append("stage_dates")
        return out

    def columns(self) -> dict[str, str]:
        """``{field: column}`` for every mapped single column."""
        return {name: getattr(self, name) for name in COLUMN_FIELDS if getattr(self, name)}

    def custom_outcomes(self) -> dict[str, str]:
        """``outcome_values`` keyed for lookup; the key ``"*"`` stands for every other value."""
        return {("*" if k.strip() == "*" else outcome_key(k)): v for k, v in self.outcome_values.items()}

    def stage_names(self) -> list[str]:
        """Wide shape: the CRM stage names, in column order (without repeats)."""
        seen: dict[str, None] = {}
        for name in self.stage_dates.values():
            seen.setdefault(name.strip(), None)
        return list(seen)


# ---------------------------------------------------------------------- stage maps
@dataclass(frozen=True)
class CreateStage:
    """Create the CRM stage as a new workspace stage (at ``position``, 0-based; default: at the end)."""

    position: int | None = None
    name: str | None = None
    terminal: str = "none"


IGNORE = None
StageTarget = str | CreateStage | None


@dataclass
class StageMap:
    """For each CRM stage name: a workspace stage (name or id), :class:`CreateStage`, or ``None`` (ignore).

    Names not listed fall back to a workspace stage of the same name
    (case-insensitive), then to the mapping's ``create_stages``.
    """

    targets: dict[str, StageTarget] = field(default_factory=dict)

    def get(self, crm_name: str) -> tuple[bool, StageTarget]:
        """``(listed, target)``: exact name first, then case-insensitive."""
        if crm_name in self.targets:
            return True, self.targets[crm_name]
        folded = crm_name.casefold()
        for key, value in self.targets.items():
            if key.casefold() == folded:
                return True, value
        return False, None

    def merged_over(self, base: StageMap) -> StageMap:
        """This map, with ``base``'s entries for names it does not list."""
        out = dict(base.targets)
        out.update(self.targets)
        return StageMap(out)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.targets.items():
            if isinstance(value, CreateStage):
                entry: dict[str, Any] = {"create": True}
                if value.position is not None:
                    entry["position"] = value.position
                if value.name is not None:
                    entry["name"] = value.name
                if value.terminal != "none":
                    entry["terminal"] = value.terminal
                out[key] = entry
            else:
                out[key] = value
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: object) -> StageMap:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", 'A stage map must be a JSON object like {"CRM '
                                                                  'stage": "Workspace stage"}.')), "stages")
        targets: dict[str, StageTarget] = {}
        for key, value in data.items():
            if not isinstance(key, str) or not key.strip():
                raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "Stage map keys must be CRM stage names.")),
                                      "stages")
            if value is None or (isinstance(value, str) and value.strip()):
                targets[key.strip()] = value.strip() if isinstance(value, str) else None
                continue
            if isinstance(value, dict) and value.get("create") is True:
                extra = set(value) - {"create", "position", "name", "terminal"}
                position = value.get("position")
                name = value.get("name")
                terminal = value.get("terminal", "none")
                if (extra or (position is not None and (isinstance(position, bool) or not isinstance(position, int)
                                                        or position < 0))
                        or (name is not None and (not isinstance(name, str) or not name.strip()))
                        or terminal not in ("none", "won")):
                    raise ValidationError(say(QT_TRANSLATE_NOOP(
                        "Import", "Stage map entry '%1': use {\"create\": true, \"position\": N} (optional \"name\", "
                                  "\"terminal\": \"won\")."), key), "stages")
                targets[key.strip()] = CreateStage(position, name.strip() if name else None, terminal)
                continue
            raise ValidationError(say(QT_TRANSLATE_NOOP(
                "Import", "Stage map entry '%1' must be a workspace stage name, null (ignore) or {\"create\": true, "
                          "\"position\": N}."), key), "stages")
        return cls(targets)

    @classmethod
    def from_json(cls, text: str) -> StageMap:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "The stage map is not valid JSON: %1."),
                                      str(exc))) from None
        return cls.from_dict(data)

    @classmethod
    def load(cls, path: str | Path) -> StageMap:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "Cannot read the stage map %1: %2."), str(path),
                                      str(exc))) from None
        return cls.from_json(text)


# ---------------------------------------------------------------------- guessing
def _norm(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(header).casefold())


# Preferred first. Compared after dropping case, spaces and punctuation ("Deal - ID" = "dealid").
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "opportunity_id": ("opportunityid", "opportunity18digitid", "dealid", "recordid", "recordiddeal", "oppid",
                       "opportunityexternalid", "externalid", "hsobjectid", "crmid", "id"),
    "opportunity_name": ("opportunityname", "opportunity", "dealname", "dealtitle", "oppname", "title", "name"),
    "rep": ("opportunityowner", "dealowner", "owner", "ownername", "ownerfullname", "rep", "salesrep", "repname",
            "hubspotowner", "assignedto", "user", "username", "accountexecutive"),
    "rep_email": ("repemail", "owneremail", "owneremailaddress", "opportunityowneremail", "dealowneremail",
                  "useremail", "salesrepemail"),
    "team": ("team", "ownerteam", "salesteam", "hubspotteam", "repteam", "teamname", "ownerrole", "role"),
    "stage": ("tostage", "newstage", "stage", "dealstage", "stagename", "opportunitystage", "pipelinestage",
              "currentstage"),
    "timestamp": ("stagechangedate", "stagechangetime", "dealstagechangetime", "enteredat", "stageenteredat",
                  "dateentered", "entereddate", "stageentered", "changedat", "changedate", "datechanged",
                  "stagedate", "lastmodified", "lastmodifieddate", "lastmodifiedat", "editdate", "modifieddate",
                  "timestamp", "eventdate", "date", "time"),
    "outcome": ("outcome", "status", "dealstatus", "opportunitystatus", "wonlost", "result", "closedstatus"),
    "loss_reason": ("lossreason", "lostreason", "closedlostreason", "reasonlost", "dealclosedlostreason",
                    "deallostreason", "reasonforloss", "lossreasons"),
    "amount": ("amount", "dealamount", "opportunityamount", "amountconverted", "dealvalue", "value", "revenue",
               "totalcontractvalue", "expectedrevenue"),
    "opened_at": ("createddate", "createdate", "opportunitycreateddate", "dealcreated", "dealcreatedate",
                  "dealdealcreated", "datecreated", "createdat", "created", "openedat", "opendate", "createdon"),
    "closed_at": ("closedate", "closeddate", "closedat", "actualclosedate", "dateclosed", "dealclosedate",
                  "dealclosed", "closedon", "closetime", "closedtime"),
    "channel": ("channel", "leadsource", "dealsource", "originalsource", "opportunitysource", "saleschannel",
                "sourcechannel", "origin"),
    "modified_at": ("lastmodifieddate", "lastmodified", "modifieddate", "lastmodifiedat", "lastmodifieddateutc",
                    "dealwasupdated", "lastactivitydate", "updatedat", "updatetime"),
}
_PIPEDRIVE_PREFIX = re.compile(r"^\s*deal\s*-\s*", re.IGNORECASE)
_DATE_ENTERED = re.compile(r"^\s*date\s+entered\s*[:\-]?\s*[\"“”']?(.+?)[\"“”']?\s*$", re.IGNORECASE)
_PARENS = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")
_EVENTS_COLUMNS = {"opportunityid", "source", "stage", "stageposition", "enteredat", "outcome"}


def date_entered_stage(column: str) -> str | None:
    """The stage a ``Date entered "Proposal"`` column (HubSpot) is about, or None for another column."""
    m = _DATE_ENTERED.match(str(column))
    return m.group(1).strip() if m else None


def _date_entered_columns(columns: Sequence[str]) -> dict[str, str]:
    """Wide exports (HubSpot): ``Date entered "Proposal (Sales Pipeline)"`` -> ``Proposal``."""
    found: dict[str, str] = {}
    for column in columns:
        stage = date_entered_stage(column)
        if stage is not None:
            found[column] = stage
    # One shared parenthesised suffix is the pipeline's name, not part of the stage names.
    matches = {c: _PARENS.match(v) for c, v in found.items()}
    suffixes = {(m.group(2) if m else None) for m in matches.values()}
    if len(found) >= 2 and len(suffixes) == 1 and None not in suffixes:
        found = {c: m.group(1).strip() for c, m in matches.items() if m}
    return found


def _crm_name(normed: set[str], columns: Sequence[str]) -> str | None:
    if any(_PIPEDRIVE_PREFIX.match(str(c)) for c in columns):
        return "Pipedrive"
    if normed & {"recordid", "dealstage", "dealowner", "createdate", "hubspotowner", "hsobjectid"}:
        return "HubSpot"
    if normed & {"opportunityid", "opportunityname", "opportunityowner", "opportunity18digitid", "stagechangedate",
                 "tostage", "fromstage"}:
        return "Salesforce"
    return None


def guess_mapping(columns: Iterable[object]) -> Mapping:
    """A mapping guessed from a header row (CRM exports and the pdsa-desk events file).

    Check :meth:`Mapping.missing` on the result: an incomplete guess names what
    the user still has to choose.
    """
    header = [str(c).strip() for c in columns if c is not None and str(c).strip()]
    by_norm: dict[str, str] = {}
    for column in header:
        by_norm.setdefault(_norm(_PIPEDRIVE_PREFIX.sub("", column)), column)
        by_norm.setdefault(_norm(column), column)
    normed = set(by_norm)
    if _EVENTS_COLUMNS <= normed:
        return builtin_preset()
    mapping = Mapping()
    taken: set[str] = set()
    wide = _date_entered_columns(header)
    if len(wide) >= 2:
        mapping.shape = WIDE
        mapping.stage_dates = wide
        taken.update(wide)
    for name, synonyms in _SYNONYMS.items():
        if mapping.shape == WIDE and name in ("stage", "timestamp"):
            continue
        for synonym in synonyms:
            chosen = by_norm.get(synonym)
            if chosen is not None and chosen not in taken:
                setattr(mapping, name, chosen)
                taken.add(chosen)
                break
    mapping.source = _crm_name(normed, header)
    if mapping.shape == WIDE and mapping.outcome is None:
        # HubSpot's "Deal Stage" is the current stage: it says won or lost, and anything else is open.
        current = by_norm.get("dealstage") or by_norm.get("stage")
        if current is not None and current not in taken:
            mapping.outcome = current
            mapping.outcome_values = {"*": "open"}
    return mapping


# ---------------------------------------------------------------------- presets
def builtin_preset() -> Mapping:
    """The preset for pdsa-desk's own events file (``pdsa-desk export events``)."""
    return Mapping(
        shape=LONG,
        opportunity_id="opportunity_id",
        source_column="source",
        opportunity_name="opportunity",
        rep="rep",
        rep_email="rep_email",
        team="team",
        stage="stage",
        stage_position="stage_position",
        timestamp="entered_at",
        evidence_confirmed="evidence_confirmed",
        evidence_items="evidence_items",
        outcome="outcome",
        loss_reason="loss_reason",
        amount="amount",
        opened_at="opened_at",
        closed_at="closed_at",
        channel="channel",
        create_stages=True,
        keep_repeated_stages=True,
        sheet="events",
    )


_PRESET_NAME = re.compile(r"^[\w][\w .\-]{0,79}$")


def preset_dir() -> Path:
    from pdsa_desk.paths import data_dir

    return data_dir() / "import-presets"


def _preset_path(name: str) -> Path:
    name = (name or "").strip()
    if not _PRESET_NAME.match(name) or name.endswith("."):
        raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "A preset name is letters, digits, spaces, '.', '-' or "
                                                              "'_' (at most 80).")), "name")
    return preset_dir() / f"{name}.json"


def list_presets() -> list[str]:
    """The built-in preset, then the saved ones in name order."""
    folder = preset_dir()
    saved = sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []
    return [BUILTIN_PRESET, *[n for n in saved if n != BUILTIN_PRESET]]


def load_preset(name: str) -> Mapping:
    if name.strip().casefold() == BUILTIN_PRESET:
        return builtin_preset()
    path = _preset_path(name)
    if not path.is_file():
        known = ", ".join(list_presets())
        raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "There is no import preset '%1' (known: %2)."), name,
                                  known), "preset")
    return Mapping.load(path)


def save_preset(name: str, mapping: Mapping) -> Path:
    """Save ``mapping`` as a named preset (the same JSON as ``--mapping``)."""
    if name.strip().casefold() == BUILTIN_PRESET:
        raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "'%1' is built in; choose another name."),
                                  BUILTIN_PRESET), "name")
    mapping.check()
    path = _preset_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(mapping.to_json(), encoding="utf-8")
    tmp.replace(path)
    return path


def delete_preset(name: str) -> None:
    if name.strip().casefold() == BUILTIN_PRESET:
        raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "'%1' is built in and cannot be deleted."),
                                  BUILTIN_PRESET), "name")
    path = _preset_path(name)
    if path.is_file():
        path.unlink()
