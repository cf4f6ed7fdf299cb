"""Writing an import: stages, reps, teams, loss reasons, opportunities and stage changes, in the import's one
transaction, from what the rows said (:mod:`.collector`) and what the checks decided (:mod:`.validate`).

The low-level part (ids, database values, chunked executemany) is :mod:`.writer`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, update

from pdsa_desk.core.importing import tuning
from pdsa_desk.core.importing.collector import (
    O_AMOUNT,
    O_CHANNEL,
    O_EMAIL,
    O_EXISTING,
    O_EXT,
    O_LOSS,
    O_NAME,
    O_REP,
    O_SOURCE,
    O_TEAM,
    Collector,
)
from pdsa_desk.core.importing.existing import (
    X_AMOUNT,
    X_CHANNEL,
    X_CLOSED,
    X_ID,
    X_LOSS,
    X_NAME,
    X_OPENED,
    X_OUTCOME,
    X_REP,
    WorkspaceState,
    event_times,
)
from pdsa_desk.core.importing.progress import READ_SHARE, Steps
from pdsa_desk.core.importing.results import ImportResult
from pdsa_desk.core.importing.stages import StagePlan, create_planned_stages
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, Count, counted, say
from pdsa_desk.core.importing.validate import KEEP, NOT_RECORDED, Verdict
from pdsa_desk.core.importing.values import from_us, to_us
from pdsa_desk.core.importing.writer import IdMaker, Writer
from pdsa_desk.core.models import EventOrigin, LossReason, Opportunity, Rep, StageEvent, Team, utcnow

_OPP_COLUMNS = ("id", "external_id", "source", "channel", "name", "rep_id", "amount", "opened_at", "outcome",
                "loss_reason_id", "closed_at")
_EVENT_COLUMNS = ("id", "opportunity_id", "stage_id", "entered_at", "evidence_confirmed", "evidence_items")


# (name, e-mail, team) of an opportunity's rep in the file.
_RepKey = tuple[str | None, str | None, str | None]


def _rep_key(opp: list[Any]) -> _RepKey | None:
    if opp[O_REP] is None and opp[O_EMAIL] is None:
        return None
    return (opp[O_REP], opp[O_EMAIL], opp[O_TEAM])


def store(conn: Connection, col: Collector, state: WorkspaceState, plan: StagePlan, verdict: Verdict,
          result: ImportResult, steps: Steps) -> None:
    """Write everything; counts and names go to ``result``."""
    _Store(conn, col, state, plan, verdict, result, steps).run()


class _Store:
    def __init__(self, conn: Connection, col: Collector, state: WorkspaceState, plan: StagePlan, verdict: Verdict,
                 result: ImportResult, steps: Steps) -> None:
        self.conn = conn
        self.col = col
        self.state = state
        self.plan = plan
        self.v = verdict
        self.result = result
        self.steps = steps
        self.w = Writer(conn)
        self.ids = IdMaker()
        self.now = utcnow()
        self.now_db = self.w.time(to_us(self.now))
        self.opp_ids: list[str | None] = [None] * len(col.opps)
        self.new_codes: list[int] = []

    def run(self) -> None:
        r, col = self.result, self.col
        self.steps.say(READ_SHARE, say(QT_TRANSLATE_NOOP("Import", "Preparing…")))
        self.steps.check()
        stage_ids = create_planned_stages(self.conn, self.plan, self.state, self.now, self.ids)
        r.stages_created = list(self.plan.created)
        rep_of = self._reps()
        reason_of = self._loss_reasons()
        self._opportunities(rep_of, reason_of)
        if col.rows_deleted:
            r.notices.append(counted(
                col.rows_deleted,
                QT_TRANSLATE_NOOP("Import", "%1 row belongs to an opportunity deleted in this workspace; it was "
                                            "skipped."),
                QT_TRANSLATE_NOOP("Import", "%1 rows belong to opportunities deleted in this workspace; they were "
                                            "skipped."),
                "%1 row(s) belong to opportunities deleted in this workspace; they were skipped."))
        if col.naive_times and col.zone is None:
            r.notices.append(say(QT_TRANSLATE_NOOP("Import", "Times without a time zone were read as UTC.")))
        existing_keys = self._existing_keys()
        # The per-opportunity state is done with: free it before the events are written.
        col.opps = []
        col.opp_code = {}
        self.v.final = []
        self._events(stage_ids, existing_keys)

    # ---- reps, teams, loss reasons ---------------------------------------------------------------
    def _reps(self) -> dict[_RepKey, str]:
        """Rep id of each (name, e-mail, team) in the file: matched by e-mail, then name, else created (in its team,
        matched by name or created)."""
        state = self.state
        by_email = {r["email"].casefold(): r["id"] for r in state.reps if r["email"]}
        by_name = {r["name"].casefold(): r["id"] for r in state.reps}
        teams = dict(state.teams)
        out: dict[_RepKey, str] = {}
        new_teams: list[tuple[str, str]] = []  # (id, name)
        new_reps: list[tuple[str, str, str | None, Any, str | None]] = []  # (id, name, e-mail, active, team id)
        active = self.w.flag(True)
        for code, opp in enumerate(self.col.opps):
            key = _rep_key(opp)
            if self.v.dropped[code] or key is None or key in out or code in self.col.stale:
                continue
            name, email, team = key
            found = (by_email.get(email.casefold()) if email else None) or (
                by_name.get(name.casefold()) if name else None)
            if found is None:
                name = name or email or ""  # one of them is given (else the key is None)
                team_id = None
                if team:
                    team_id = teams.get(team.casefold())
                    if team_id is None:
                        team_id = self.ids.take(1)[0]
                        teams[team.casefold()] = team_id
                        new_teams.append((team_id, team))
                found = self.ids.take(1)[0]
                new_reps.append((found, name, email, active, team_id))
                by_name[name.casefold()] = found
                if email:
                    by_email[email.casefold()] = found
            out[key] = found
        constants = {"created_at": self.now_db, "updated_at": self.now_db}
        self.w.insert(Team.__table__, ("id", "name"), new_teams, constants)
        self.w.insert(Rep.__table__, ("id", "name", "email", "active", "team_id"), new_reps, constants)
        self.result.teams_created = [t[1] for t in new_teams]
        self.result.reps_created = [r[1] for r in new_reps]
        return out

    def _loss_reasons(self) -> dict[str, str]:
        """Loss reason id of each reason name the decisions give: matched by name (ignoring case) or created."""
        known = dict(self.state.loss_reasons)
        out: dict[str, str] = {}
        new: list[tuple[str, str, int]] = []  # (id, name, position)
        position = self.state.loss_reason_max
        n_not_recorded = 0
        for code, (_outcome, _closed, reason) in enumerate(self.v.final):
            if not reason or reason == KEEP or self.v.dropped[code]:
                continue
            if reason == NOT_RECORDED and self.col.opps[code][O_LOSS] is None:
                n_not_recorded += 1
            if reason in out:
                continue
            rid = known.get(reason.casefold())
            if rid is None:
                rid = self.ids.take(1)[0]
                position += 1
                known[reason.casefold()] = rid
                new.append((rid, reason, position))
            out[reason] = rid
        self.w.insert(LossReason.__table__, ("id", "name", "position"), new,
                      {"created_at": self.now_db, "updated_at": self.now_db})
        self.result.loss_reasons_created = [n[1] for n in new]
        if n_not_recorded:
            self.result.notices.append(say(QT_TRANSLATE_NOOP(
                "Import", "%1 lost opportunity has no loss reason in the file; they were given '%2'.")
                if n_not_recorded == 1 else QT_TRANSLATE_NOOP(
                "Import", "%1 lost opportunities have no loss reason in the file; they were given '%2'."),
                Count(n_not_recorded), NOT_RECORDED))
        return out

    # ---- opportunities ------------------------------------------------------------------------------
    def _opportunities(self, rep_of: dict[_RepKey, str], reason_of: dict[str, str]) -> None:
        """New ones inserted, existing ones updated where the file says otherwise."""
        col, v, w = self.col, self.v, self.w
        op = Opportunity.__table__
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for code, opp in enumerate(col.opps):
            if v.dropped[code]:
                continue
            if opp[O_EXISTING] < 0:
                self.new_codes.append(code)
                continue
            ex = self.state.opp(opp[O_EXISTING])
            self.opp_ids[code] = ex[X_ID]
            values = self._changes(code, opp, ex, rep_of, reason_of)
            if values:
                params = {f"v_{k}": v for k, v in values.items()}
                params["v_updated_at"] = self.now
                params["b_id"] = ex[X_ID]
                updates.setdefault(tuple(sorted(values)), []).append(params)
        new_codes = self.new_codes
        # In key order, so that the ids (which increase) and the (source, external id) index both append.
        new_codes.sort(key=lambda c: (col.opps[c][O_SOURCE], col.opps[c][O_EXT]))
        new_ids = self.ids.take(len(new_codes))
        constants = {"created_at": self.now_db, "updated_at": self.now_db}
        chunk = tuning.CHUNK_ROWS
        with w.bulk_indexes(op, adding=len(new_codes)):
            for start in range(0, len(new_codes), chunk):
                part = new_codes[start:start + chunk]
                opened_db = w.times(v.opened[np.asarray(part, dtype=np.int64)])
                closed_db = w.times([v.final[c][1] or 0 for c in part])
                rows = []
                for k, code in enumerate(part):
                    opp = col.opps[code]
                    rep_key = _rep_key(opp)
                    outcome, closed, reason = v.final[code]
                    self.opp_ids[code] = new_ids[start + k]
                    rows.append((new_ids[start + k], opp[O_EXT], opp[O_SOURCE], opp[O_CHANNEL],
                                 opp[O_NAME] or opp[O_EXT], rep_of.get(rep_key) if rep_key else None, opp[O_AMOUNT],
                                 opened_db[k], outcome, reason_of.get(reason) if reason else None,
                                 closed_db[k] if closed is not None else None))
                w.insert(op, _OPP_COLUMNS, rows, constants)
                self.steps.check()
        del new_ids
        for fields_, group in updates.items():
            stmt = update(op).where(op.c.id == bindparam("b_id")).values(
                {**{k: bindparam(f"v_{k}") for k in fields_}, "updated_at": bindparam("v_updated_at")})
            self.conn.execute(stmt, group)
        self.result.opportunities_added = len(new_codes)
        self.result.opportunities_updated = sum(len(g) for g in updates.values())

    def _changes(self, code: int, opp: list[Any], ex: tuple[Any, ...], rep_of: dict[_RepKey, str],
                 reason_of: dict[str, str]) -> dict[str, Any]:
        """The columns of an existing opportunity that the file changes."""
        outcome, closed, reason = self.v.final[code]
        values: dict[str, Any] = {}
        if code in self.col.stale:  # the workspace knows newer (settle.mark_stale): only an earlier creation
            opened = int(self.v.opened[code])
            if code in self.v.lowered_opened and opened != ex[X_OPENED]:
                values["opened_at"] = from_us(opened)
            return values
        for column, slot, stored in (("name", O_NAME, X_NAME), ("amount", O_AMOUNT, X_AMOUNT),
                                     ("channel", O_CHANNEL, X_CHANNEL)):
            if opp[slot] is not None and opp[slot] != ex[stored]:
                values[column] = opp[slot]
        key = _rep_key(opp)
        if key is not None and rep_of.get(key) not in (None, ex[X_REP]):
            values["rep_id"] = rep_of[key]
        opened = int(self.v.opened[code])
        if code in self.v.lowered_opened and opened != ex[X_OPENED]:
            values["opened_at"] = from_us(opened)
        if outcome is None:
            return values
        if outcome != ex[X_OUTCOME]:
            values["outcome"] = outcome
        if closed != ex[X_CLOSED]:
            values["closed_at"] = from_us(closed) if closed is not None else None
        reason_id = ex[X_LOSS] if reason == KEEP else (reason_of.get(reason) if reason else None)
        if reason_id != ex[X_LOSS]:
            values["loss_reason_id"] = reason_id
        return values

    # ---- stage changes ----------------------------------------------------------------------------
    def _existing_keys(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(opp code, stage index, µs) of the events the workspace already has for the file's opportunities."""
        opp_ids = self.opp_ids
        codes_of = {opp_ids[c]: c for c, o in enumerate(self.col.opps) if o[O_EXISTING] >= 0 and opp_ids[c]}
        if not codes_of:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        wanted = list(codes_of)
        sql = "SELECT opportunity_id, stage_id, entered_at FROM stage_event"
        queries: list[tuple[str, list[str | None] | None]]
        if len(wanted) <= 5000:
            marks = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"
            queries = [(f"{sql} WHERE opportunity_id IN ({', '.join([marks] * len(wanted[i:i + 500]))})",
                        wanted[i:i + 500]) for i in range(0, len(wanted), 500)]
        else:
            queries = [(sql, None)]  # most of the workspace: one pass over every event, filtered here
        stage_index = self.state.stage_index
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        cursor = self.conn.connection.cursor()  # the driver itself: a million Row objects would cost seconds
        try:
            for query, params in queries:
                cursor.execute(query, params) if params is not None else cursor.execute(query)
                while True:
                    rows = cursor.fetchmany(tuning.CHUNK_ROWS)
                    if not rows:
                        break
                    codes = np.fromiter((codes_of.get(r[0], -1) for r in rows), dtype=np.int32, count=len(rows))
                    mine = np.flatnonzero(codes >= 0)
                    if not len(mine):
                        continue
                    rows = [rows[i] for i in mine.tolist()]
                    stages = np.fromiter((stage_index.get(r[1], -9) for r in rows), dtype=np.int32,
                                         count=len(rows))
                    parts.append((codes[mine], stages, event_times([r[2] for r in rows])))
        finally:
            cursor.close()
        if not parts:
            return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.int64)
        return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
                np.concatenate([p[2] for p in parts]))

    def _opportunity_rank(self, opp_id_arr: np.ndarray) -> np.ndarray:
        """Each opportunity code's place in opportunity-id order (the order stage changes are inserted in)."""
        n = len(opp_id_arr)
        rank = np.empty(n, dtype=np.int32)
        new_codes = self.new_codes
        if len(new_codes) == int((~self.v.dropped).sum()):
            # All new: their ids increase in the order they were handed out, no string sort needed.
            rank[np.asarray(new_codes, dtype=np.int64)] = np.arange(len(new_codes), dtype=np.int32)
            rank[self.v.dropped] = len(new_codes)
        else:
            rank[np.argsort(opp_id_arr, kind="stable")] = np.arange(n, dtype=np.int32)
        return rank

    def _new_events(self, o: np.ndarray, s: np.ndarray, t: np.ndarray,
                    existing_keys: tuple[np.ndarray, np.ndarray, np.ndarray], opp_id_arr: np.ndarray) -> np.ndarray:
        """Which of the stage changes (opportunity code, stage index, µs) to insert, as positions in insert order:
        sorted by opportunity id (so the (opportunity_id, entered_at) index appends), then time and stage; one
        equal to a stage change the workspace has (or to an earlier one in the file) is a duplicate."""
        state = self.state
        # Existing stage indexes refer to the order before new stages were inserted: translate them.
        old_to_new = {state.stage_index[st["id"]]: i for i, st in enumerate(self.plan.order) if not st.get("new")}
        xo, xs, xt = existing_keys
        if len(xs):
            xs = np.asarray([old_to_new.get(x, -10 - x) for x in xs.tolist()], dtype=np.int32)
        rank = self._opportunity_rank(opp_id_arr)
        n_old = len(xo)
        if n_old:  # the workspace's own events sort first among equals
            keys_o = rank[np.concatenate([xo.astype(np.int32), o])]
            keys_s = np.concatenate([xs.astype(np.int32), s])
            keys_t = np.concatenate([xt, t])
            flag = np.concatenate([np.zeros(n_old, np.int8), np.ones(len(o), np.int8)])
            order = np.lexsort((flag, keys_s, keys_t, keys_o))
        else:
            keys_o, keys_s, keys_t = rank[o], s, t
            flag = np.ones(len(o), np.int8)
            order = np.lexsort((keys_s, keys_t, keys_o))
        del xo, xs, xt
        dup = np.zeros(len(order), dtype=bool)
        repeat = np.zeros(len(order), dtype=bool)
        if len(order) > 1:  # one sorted copy at a time (they are large)
            so = keys_o[order]
            same_opp = so[1:] == so[:-1]
            del so
            ss = keys_s[order]
            repeat[1:] = same_opp & (ss[1:] == ss[:-1])
            del ss, same_opp
            st_ = keys_t[order]
            dup[1:] = repeat[1:] & (st_[1:] == st_[:-1])
            del st_
        del keys_o, keys_s, keys_t
        new = flag[order] == 1
        self.result.duplicates_skipped = int((new & dup).sum())
        # A later row at the stage the opportunity is already in (a field-history edit: amount, close date, owner)
        # is the same stay: it keeps its first entry (its attributes were taken from the row all the same).
        if self.col.mapping.keep_repeated_stages:
            kept: np.ndarray = order[new & ~dup] - n_old
            return kept
        stays = int((new & repeat & ~dup).sum())
        if stays:
            self.result.notices.append(counted(
                stays,
                QT_TRANSLATE_NOOP("Import", "%1 row repeats the stage its opportunity was already in (an edit of "
                                            "amount, close date or owner): each stay in a stage counts from its first "
                                            "entry; its values were taken."),
                QT_TRANSLATE_NOOP("Import", "%1 rows repeat the stage their opportunity was already in (edits of "
                                            "amount, close date or owner): each stay in a stage counts from its first "
                                            "entry; their values were taken."),
                "%1 row(s) repeat the stage their opportunity was already in (edits of amount, close date or owner): "
                "each stay in a stage counts from its first entry; their values were taken."))
        dup |= repeat
        chosen: np.ndarray = order[new & ~dup] - n_old
        return chosen

    def _events(self, stage_ids: list[str], existing_keys: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
        col, v, w, r = self.col, self.v, self.w, self.result
        idx = v.written_events()
        o = v.e_opp[idx]
        s = v.ws_stage[idx].astype(np.int32)
        t = v.e_ts[idx]
        opp_id_arr = np.asarray([i or "" for i in self.opp_ids], dtype=object)
        chosen = self._new_events(o, s, t, existing_keys, opp_id_arr)
        r.events_added = len(chosen)
        se = StageEvent.__table__
        stage_id_arr = np.asarray(stage_ids, dtype=object)
        columns: tuple[str, ...] = _EVENT_COLUMNS
        constants = {"created_at": self.now_db, "updated_at": self.now_db, "origin": str(EventOrigin.IMPORT)}
        if col.has_evidence:
            item_values = [None] * len(col.items)
            for text, code in col.items.items():
                items = [p.strip() for p in text.split("|") if p.strip()] if text else []
                item_values[code] = w.json_list(items)
            item_arr = np.asarray(item_values, dtype=object)
            conf_all = np.frombuffer(col.e_conf, dtype=np.int8)
            items_all = np.frombuffer(col.e_items, dtype=np.int32)
        else:
            constants |= {"evidence_confirmed": w.flag(False), "evidence_items": w.json_list([])}
            columns = columns[:4]
        total = max(1, len(chosen))
        chunk = tuning.CHUNK_ROWS
        with w.bulk_indexes(se, adding=len(chosen)) as deferred:
            for start in range(0, len(chosen), chunk):
                self.steps.check()
                part = chosen[start:start + chunk]
                n = len(part)
                cells = [self.ids.take(n), opp_id_arr[o[part]].tolist(), stage_id_arr[s[part]].tolist(),
                         w.times(t[part])]
                if col.has_evidence:
                    ev = idx[part]
                    cells.append([w.flag(bool(x)) for x in conf_all[ev].tolist()])
                    cells.append(item_arr[items_all[ev]].tolist())
                w.insert(se, columns, list(zip(*cells, strict=True)), constants)
                self.steps.say(READ_SHARE + (1 - READ_SHARE) * min(1.0, (start + n) / total),
                               say(QT_TRANSLATE_NOOP("Import", "Writing stage events: %1 of %2…"),
                                   Count(start + n), Count(len(chosen))))
            self.steps.check()
            if deferred:
                self.steps.say(1.0, say(QT_TRANSLATE_NOOP("Import", "Indexing %1 stage events…"),
                                        Count(len(chosen))))
        self.steps.check()
