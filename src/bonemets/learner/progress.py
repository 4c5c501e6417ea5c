"""The learner's progress file: every self-check try, kept on the learner's own machine (SQLite, standard library).

Where: `<Jupyter data directory>/bonemets/progress.sqlite` (`jupyter --data-dir` shows it; on a hub, inside the
learner's own home). BONEMETS_PROGRESS names another file (tests use it). Nothing is sent anywhere.

What: for each try, the item id, its module and learning objective, the score fraction and the time (UTC);
per item, the FSRS schedule worked out from those tries (assessment/retrieval.py). No answer text, no name.

Safety: WAL journal and a 5-second busy timeout, so two notebooks recording at once both succeed; every write
is one short transaction. A file that is damaged, belongs to another program, or was written by a newer course
raises ProgressStoreError and is never changed or overwritten. The layout has a version and migrates:
  v0  an empty SQLite file: the tables are created in it
  v1  the first layout (tries only, no schedule table), kept so the migration path stays tested
  v2  tries unique per (item, time), so an import merges without duplicates; a schedule per item
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bonemets.assessment.retrieval import ItemSchedule, Retrieval, rating_for, utc
from bonemets.errors import ProgressStoreError

if TYPE_CHECKING:
    from bonemets.assessment.items import Item

APPLICATION_ID = 0x424D7072  # "BMpr" in the SQLite header: this file is a bonemets progress file
SCHEMA_VERSION = 2
EXPORT_FORMAT = "bonemets-progress"
EXPORT_VERSION = 1
BUSY_TIMEOUT_MS = 5000

_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
CREATE TABLE attempts (item_id TEXT NOT NULL, module TEXT NOT NULL, objective TEXT NOT NULL,
                       fraction REAL NOT NULL, answered_at TEXT NOT NULL);
"""
_V2_TABLES = """
CREATE TABLE attempts (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, module TEXT NOT NULL,
                       objective TEXT NOT NULL, fraction REAL NOT NULL CHECK (fraction BETWEEN 0 AND 1),
                       answered_at TEXT NOT NULL, UNIQUE (item_id, answered_at));
CREATE TABLE schedules (item_id TEXT PRIMARY KEY, module TEXT NOT NULL, objective TEXT NOT NULL,
                        state INTEGER NOT NULL, step INTEGER, stability REAL NOT NULL, difficulty REAL NOT NULL,
                        due TEXT NOT NULL, last_review TEXT NOT NULL, reviews INTEGER NOT NULL,
                        last_fraction REAL NOT NULL, previous_fraction REAL);
CREATE INDEX schedules_due ON schedules (due);
"""


def default_path() -> Path:
    """BONEMETS_PROGRESS, or progress.sqlite in a bonemets folder of the user's Jupyter data directory."""
    if env := os.environ.get("BONEMETS_PROGRESS"):
        return Path(env).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "bonemets" / "progress.sqlite"


def _iso(when: datetime) -> str:
    return utc(when).isoformat(timespec="microseconds")


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Attempt:
    """One self-check try."""

    item_id: str
    module: str
    objective: str
    fraction: float
    answered_at: datetime


@dataclass(frozen=True)
class ItemStatus:
    """One item as the progress view shows it."""

    item_id: str
    module: str
    objective: str
    attempts: int
    schedule: ItemSchedule

    @property
    def mastered(self) -> bool:
        return self.schedule.mastered

    def is_due(self, now: datetime) -> bool:
        return self.schedule.is_due(now)


class ProgressStore:
    """The tries and schedules in one SQLite file (":memory:" for a store that lives only in this process)."""

    def __init__(self, path: Path | str | None = None, retrieval: Retrieval | None = None) -> None:
        if path is None:
            path = default_path()
        self.path: Path | str = path if str(path) == ":memory:" else Path(path)
        self.retrieval = retrieval or Retrieval()
        self._lock = threading.RLock()  # ipykernel runs widget callbacks in another thread than the cells
        self._db = self._open()

    # -- opening, identity and migration -------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        where = str(self.path)
        if where != ":memory:":
            try:
                Path(where).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ProgressStoreError(f"Cannot create the folder for the progress file {where}: "
                                         f"{exc.strerror or exc}.") from None
        try:
            db = sqlite3.connect(where, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                 check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProgressStoreError(f"Cannot open or create the progress file {where}: {exc}.") from None
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._check_identity(db)
            db.execute("PRAGMA journal_mode = WAL")  # "memory" for ":memory:"; a network drive may refuse WAL
            db.execute("PRAGMA synchronous = NORMAL")
            with self._transaction(db):
                self._check_identity(db)  # again, now that no other process can be creating it
                self._migrate(db)
        except ProgressStoreError:
            db.close()
            raise
        except sqlite3.DatabaseError as exc:
            db.close()
            raise self._unreadable(exc) from None
        return db

    def _unreadable(self, exc: sqlite3.Error) -> ProgressStoreError:
        text = str(exc)
        if "readonly" in text or "unable to open" in text or "disk I/O" in text:
            return ProgressStoreError(f"Cannot write the progress file {self.path} ({text}): the folder or the "
                                      "file is read-only or unavailable. Set BONEMETS_PROGRESS to a file in a "
                                      "folder you can write to.")
        if "locked" in text or "busy" in text:
            return ProgressStoreError(f"The progress file {self.path} was busy for more than "
                                      f"{BUSY_TIMEOUT_MS // 1000} seconds (another notebook or program is using "
                                      "it). Try again in a moment.")
        if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.ProgrammingError):
            return ProgressStoreError(f"The progress file {self.path} could not be used ({text}).")
        return ProgressStoreError(f"The progress file {self.path} cannot be read ({text}): it is damaged or is "
                                  "not a progress file. It was left as it is. Move or rename it (keep it if "
                                  "you want to ask for help), and a new progress file is started next time; or "
                                  "set BONEMETS_PROGRESS to another file.")

    def _check_identity(self, db: sqlite3.Connection) -> None:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        if application_id == APPLICATION_ID:
            return
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application_id != 0 or tables:
            raise ProgressStoreError(
                f"{self.path} is a SQLite file of another program, not a bonemets progress file "
                f"(application id {application_id}, {tables} tables). It was left as it is. Set "
                "BONEMETS_PROGRESS to another file, or move this one away to start a new progress file.")

    def _migrate(self, db: sqlite3.Connection) -> None:
        if db.execute("PRAGMA application_id").fetchone()[0] == 0:  # v0: an empty file
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
            self._create_v2(db)
            return
        version = db.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
        if version > SCHEMA_VERSION:
            raise ProgressStoreError(
                f"The progress file {self.path} was written by a newer version of the course (layout "
                f"v{version}; this version reads up to v{SCHEMA_VERSION}). It was left as it is. Update the "
                "course (git pull, or ask your instructor), or set BONEMETS_PROGRESS to another file.")
        if version == 1:
            db.execute("ALTER TABLE attempts RENAME TO attempts_v1")
            self._create_v2(db)
            db.execute("INSERT OR IGNORE INTO attempts (item_id, module, objective, fraction, answered_at) "
                       "SELECT item_id, module, objective, min(max(fraction, 0), 1), answered_at FROM attempts_v1 "
                       "ORDER BY answered_at")
            db.execute("DROP TABLE attempts_v1")
            self._rebuild(db, None)

    def _create_v2(self, db: sqlite3.Connection) -> None:
        for statement in filter(str.strip, _V2_TABLES.split(";")):
            db.execute(statement)
        db.execute("INSERT INTO schema_version VALUES (?, ?)", (SCHEMA_VERSION, _iso(datetime.now(UTC))))

    @staticmethod
    @contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        db.execute("BEGIN IMMEDIATE")  # takes the write lock now, so a read-then-write is never interleaved
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                with self._transaction(self._db) as db:
                    yield db
            except sqlite3.Error as exc:
                raise self._unreadable(exc) from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- schedules ------------------------------------------------------------------------------------------
    def _schedule(self, db: sqlite3.Connection, item_id: str) -> ItemSchedule | None:
        row = db.execute("SELECT state, step, stability, difficulty, due, last_review, reviews, last_fraction, "
                         "previous_fraction FROM schedules WHERE item_id = ?", (item_id,)).fetchone()
        return _schedule_of(row) if row else None

    def _save(self, db: sqlite3.Connection, item_id: str, module: str, objective: str, s: ItemSchedule) -> None:
        db.execute("INSERT OR REPLACE INTO schedules VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (item_id, module, objective, s.state, s.step, s.stability, s.difficulty, _iso(s.due),
                    _iso(s.last_review), s.reviews, s.last_fraction, s.previous_fraction))

    def _rebuild(self, db: sqlite3.Connection, item_ids: Iterable[str] | None) -> None:
        """Work each item's schedule out again from all its tries (after a migration or an import)."""
        if item_ids is None:
            item_ids = [r[0] for r in db.execute("SELECT DISTINCT item_id FROM attempts")]
        for item_id in item_ids:
            rows = db.execute("SELECT module, objective, fraction, answered_at FROM attempts WHERE item_id = ? "
                              "ORDER BY answered_at", (item_id,)).fetchall()
            schedule = self.retrieval.replay((f, _time(t)) for _m, _o, f, t in rows)
            if schedule is not None:
                self._save(db, item_id, rows[-1][0], rows[-1][1], schedule)

    # -- the learner's actions -------------------------------------------------------------------------------
    def record(self, item_id: str, module: str, objective: str, fraction: float,
               when: datetime | None = None) -> ItemSchedule | None:
        """Keep one try and update the item's schedule; returns the schedule (None when the try was already kept)."""
        rating_for(fraction)  # a fraction outside 0..1 is refused before anything is written
        when = utc(when) if when is not None else datetime.now(UTC)
        with self._writing() as db:
            added = db.execute("INSERT OR IGNORE INTO attempts (item_id, module, objective, fraction, answered_at) "
                               "VALUES (?, ?, ?, ?, ?)", (item_id, module, objective, fraction, _iso(when))).rowcount
            if not added:
                return None
            old = self._schedule(db, item_id)
            if old is not None and when < old.last_review:  # a try older than the schedule: replay them all
                self._rebuild(db, [item_id])
                return self._schedule(db, item_id)
            new = self.retrieval.review(old, fraction, when)
            if new is not old:
                self._save(db, item_id, module, objective, new)
            return new

    def attempts(self, item_id: str | None = None) -> list[Attempt]:
        sql = "SELECT item_id, module, objective, fraction, answered_at FROM attempts"
        rows = self._read(sql + (" WHERE item_id = ?" if item_id else "") + " ORDER BY answered_at, item_id",
                          (item_id,) if item_id else ())
        return [Attempt(i, m, o, f, _time(t)) for i, m, o, f, t in rows]

    def statuses(self) -> dict[str, ItemStatus]:
        """Every item tried: its number of tries and its schedule."""
        rows = self._read("SELECT s.item_id, s.module, s.objective, (SELECT count(*) FROM attempts a "
                          "WHERE a.item_id = s.item_id), s.state, s.step, s.stability, s.difficulty, s.due, "
                          "s.last_review, s.reviews, s.last_fraction, s.previous_fraction FROM schedules s")
        return {r[0]: ItemStatus(r[0], r[1], r[2], r[3], _schedule_of(r[4:])) for r in rows}

    def due(self, now: datetime | None = None) -> list[str]:
        """Ids of the items due at `now`, the longest overdue first."""
        now = utc(now) if now is not None else datetime.now(UTC)
        return [r[0] for r in self._read("SELECT item_id FROM schedules WHERE due <= ? ORDER BY due, item_id",
                                         (_iso(now),))]

    def _read(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                raise self._unreadable(exc) from None

    def export(self, path: Path | str, now: datetime | None = None) -> int:
        """Write every try to a JSON file (the schedules are worked out again on import); returns the count."""
        tries = [{"item": a.item_id, "module": a.module, "objective": a.objective, "fraction": a.fraction,
                  "answered_at": _iso(a.answered_at)} for a in self.attempts()]
        document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
                    "exported_at": _iso(now or datetime.now(UTC)), "attempts": tries}
        Path(path).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        return len(tries)

    def import_text(self, text: str | bytes, source: str = "the file") -> int:
        """Merge an exported file's tries into this store, skipping those already here; returns how many were new."""
        tries = parse_export(text, source)
        with self._writing() as db:
            added = 0
            for a in tries:
                added += db.execute(
                    "INSERT OR IGNORE INTO attempts (item_id, module, objective, fraction, answered_at) "
                    "VALUES (?, ?, ?, ?, ?)", (a.item_id, a.module, a.objective, a.fraction, _iso(a.answered_at))
                ).rowcount
            if added:
                self._rebuild(db, sorted({a.item_id for a in tries}))
        return added

    def forget(self) -> int:
        """Delete every try and schedule, overwriting the deleted data in the file; returns the tries deleted."""
        with self._writing() as db:
            db.execute("PRAGMA secure_delete = ON")
            deleted = db.execute("DELETE FROM attempts").rowcount
            db.execute("DELETE FROM schedules")
        try:
            with self._lock:
                self._db.execute("VACUUM")
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:  # another notebook is reading: the rows are deleted; the space is freed later
            pass
        return deleted


def _schedule_of(row: tuple) -> ItemSchedule:
    state, step, stability, difficulty, due, last_review, reviews, last_fraction, previous_fraction = row
    return ItemSchedule(state=state, step=step, stability=stability, difficulty=difficulty, due=_time(due),
                        last_review=_time(last_review), reviews=reviews, last_fraction=last_fraction,
                        previous_fraction=previous_fraction)


def parse_export(text: str | bytes, source: str = "the file") -> list[Attempt]:
    """The tries in an exported progress file; ProgressStoreError says what is wrong with a bad one."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProgressStoreError(f"{source} is not a progress export: it is not JSON ({exc}). Choose a file "
                                 "made with the Export button (bonemets-progress-*.json).") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ProgressStoreError(f"{source} is not a progress export: it has no \"format\": \"{EXPORT_FORMAT}\". "
                                 "Choose a file made with the Export button (bonemets-progress-*.json).")
    if document.get("version") != EXPORT_VERSION:
        raise ProgressStoreError(f"{source} is a progress export of version {document.get('version')!r}; this "
                                 f"course reads version {EXPORT_VERSION}. Update the course, then import again.")
    tries, problems = [], []
    for number, entry in enumerate(document.get("attempts") or [], start=1):
        try:
            attempt = Attempt(str(entry["item"]), str(entry["module"]), str(entry["objective"]),
                              float(entry["fraction"]), utc(_time(str(entry["answered_at"]))))
            rating_for(attempt.fraction)
            tries.append(attempt)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"try {number}: {type(exc).__name__} {exc}")
    if problems:
        raise ProgressStoreError(f"{source}: {len(problems)} tries cannot be read, so nothing was imported "
                                 "(each needs item, module, objective, fraction 0-1 and answered_at with a "
                                 "time zone): " + "; ".join(problems[:5]))
    return tries


@dataclass(frozen=True)
class Tally:
    """Self-check items of a module or objective: how many there are, tried, mastered and due."""

    key: str
    label: str
    total: int
    attempted: int
    mastered: int
    due: int


def tally(items: Iterable[tuple[str, str, str]], labels: dict[str, str], statuses: dict[str, ItemStatus],
          now: datetime) -> tuple[list[Tally], list[Tally]]:
    """Per module and per objective counts for the (item id, module, objective) given; labels name each key."""
    modules: dict[str, list[str]] = {}
    objectives: dict[str, list[str]] = {}
    for item_id, module, objective in items:
        modules.setdefault(module, []).append(item_id)
        objectives.setdefault(objective, []).append(item_id)

    def count(key: str, ids: list[str]) -> Tally:
        tried = [statuses[i] for i in ids if i in statuses]
        return Tally(key, labels.get(key, key), len(ids), len(tried), sum(s.mastered for s in tried),
                     sum(s.is_due(now) for s in tried))

    return ([count(k, v) for k, v in sorted(modules.items())],
            [count(k, v) for k, v in sorted(objectives.items(), key=lambda kv: [int(p) for p in kv[0].split(".")])])


class _Session:
    """The kernel's one progress store, opened at first use; a store that cannot be opened is reported once."""

    def __init__(self) -> None:
        self.store: ProgressStore | None = None
        self.problem: str | None = None
        self.told = False

    def open(self, create: bool = True) -> ProgressStore | None:
        """The store; None when it cannot be opened, or when it does not exist yet and `create` is False."""
        if self.store is None and self.problem is None:
            if not create and not default_path().exists():
                return None
            try:
                self.store = ProgressStore()
            except ProgressStoreError as exc:
                self.problem = str(exc)
        return self.store

    def fail(self, exc: ProgressStoreError) -> None:
        self.problem, self.store = str(exc), None

    def note_once(self) -> str | None:
        """The plain note that progress is not being saved, the first time only."""
        if self.problem is None or self.told:
            return None
        self.told = True
        return (f"Your progress is not being saved: {self.problem} The self-checks still work; only the record "
                "of your tries is missing.")

    def reset(self) -> None:
        if self.store is not None:
            self.store.close()
        self.__init__()


SESSION = _Session()


def record_try(item: Item, fraction: float) -> str | None:
    """The self-check recorder (quiz.Recorder): keep one scored try; a note the first time it cannot be kept."""
    store = SESSION.open()
    if store is not None:
        try:
            store.record(item.id, item.module, item.objective, fraction)
        except ProgressStoreError as exc:
            SESSION.fail(exc)
    return SESSION.note_once()
