"""The learner's progress file: records, schedules, export/import, concurrent writers, bad files, migration."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bonemets.assessment.retrieval import Retrieval
from bonemets.errors import ProgressStoreError
from bonemets.learner.progress import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    ProgressStore,
    default_path,
    parse_export,
    tally,
)

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def store_at(path: Path) -> ProgressStore:
    return ProgressStore(path, Retrieval(fuzz=False))


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with store_at(tmp_path / "progress.sqlite") as s:
        yield s


def test_the_default_file_is_in_the_jupyter_data_directory_unless_overridden(monkeypatch, tmp_path):
    from jupyter_core.paths import jupyter_data_dir

    monkeypatch.delenv("BONEMETS_PROGRESS", raising=False)
    assert default_path() == Path(jupyter_data_dir()) / "bonemets" / "progress.sqlite"
    monkeypatch.setenv("BONEMETS_PROGRESS", str(tmp_path / "mine.sqlite"))
    assert default_path() == tmp_path / "mine.sqlite"


def test_the_file_is_marked_as_ours_with_its_layout_version_and_uses_wal(store):
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_recording_keeps_each_try_and_the_schedule_follows_right_and_wrong_answers(store):
    store.record("01-a", "01", "01.1", 1.0, START)
    store.record("01-a", "01", "01.1", 1.0, START + 2 * DAY)  # due on day 2: 11 days next
    store.record("01-a", "01", "01.1", 0.0, START + 13 * DAY)  # due on day 13, wrong: back the next day
    store.record("01-a", "01", "01.1", 1.0, START + 13 * DAY + timedelta(minutes=1))  # practice: kept, not counted
    assert [a.fraction for a in store.attempts("01-a")] == [1.0, 1.0, 0.0, 1.0]
    status = store.statuses()["01-a"]
    assert (status.attempts, status.schedule.reviews, status.mastered) == (4, 3, False)
    assert status.schedule.due == START + 14 * DAY
    assert store.due(START + 14 * DAY) == ["01-a"] and store.due(START + 13 * DAY) == []


def test_mastered_after_two_full_credits_at_least_12_hours_apart(store):
    store.record("02-b", "02", "02.1", 1.0, START)
    store.record("02-b", "02", "02.1", 1.0, START + timedelta(hours=1))
    assert not store.statuses()["02-b"].mastered  # the second press was practice
    store.record("02-b", "02", "02.1", 1.0, START + DAY)
    assert store.statuses()["02-b"].mastered


def test_the_same_try_twice_is_kept_once_and_a_bad_fraction_writes_nothing(store):
    store.record("01-a", "01", "01.1", 1.0, START)
    assert store.record("01-a", "01", "01.1", 1.0, START) is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        store.record("01-a", "01", "01.1", 2.0, START + DAY)
    assert len(store.attempts()) == 1


def test_due_items_come_longest_overdue_first(store):
    store.record("01-a", "01", "01.1", 1.0, START)  # due day 2
    store.record("02-b", "02", "02.1", 0.0, START)  # due day 1
    store.record("03-c", "03", "03.1", 1.0, START + 5 * DAY)  # due day 7
    assert store.due(START + 3 * DAY) == ["02-b", "01-a"]


def test_export_then_import_into_a_new_store_gives_the_same_tries_and_schedules(store, tmp_path):
    for n, fraction in enumerate([1.0, 0.0, 0.5, 1.0]):
        store.record(f"0{n + 1}-x", f"0{n + 1}", f"0{n + 1}.1", fraction, START + n * DAY)
    store.record("01-x", "01", "01.1", 1.0, START + 2 * DAY)
    exported = tmp_path / "export.json"
    assert store.export(exported) == 5
    assert json.loads(exported.read_text())["format"] == "bonemets-progress"
    with store_at(tmp_path / "other.sqlite") as other:
        assert other.import_text(exported.read_text()) == 5
        assert other.attempts() == store.attempts()
        assert other.statuses() == store.statuses()
        assert other.import_text(exported.read_bytes()) == 0  # a second import adds nothing


def test_import_merges_with_tries_already_there_in_time_order(store, tmp_path):
    store.record("01-a", "01", "01.1", 1.0, START + 2 * DAY)
    with store_at(tmp_path / "laptop.sqlite") as laptop:
        laptop.record("01-a", "01", "01.1", 1.0, START)
        laptop.export(tmp_path / "laptop.json")
    assert store.import_text((tmp_path / "laptop.json").read_text()) == 1
    schedule = store.statuses()["01-a"].schedule
    assert (schedule.reviews, schedule.interval, schedule.mastered) == (2, 11 * DAY, True)


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "it is not JSON"),
    ('{"attempts": []}', 'has no "format"'),
    ('{"format": "bonemets-progress", "version": 9}', "of version 9"),
    ('{"format": "bonemets-progress", "version": 1, "attempts": [{"item": "01-a"}]}', "nothing was imported"),
    ('{"format": "bonemets-progress", "version": 1, "attempts": [{"item": "01-a", "module": "01", '
     '"objective": "01.1", "fraction": 1, "answered_at": "2026-09-01T09:00:00"}]}', "needs its time zone"),
])
def test_a_bad_import_file_says_what_is_wrong_and_changes_nothing(store, text, message):
    store.record("01-a", "01", "01.1", 1.0, START)
    with pytest.raises(ProgressStoreError, match=message):
        store.import_text(text, "upload.json")
    assert len(store.attempts()) == 1


def test_forget_deletes_every_try_and_schedule(store):
    store.record("01-a", "01", "01.1", 1.0, START)
    store.record("02-b", "02", "02.1", 0.0, START)
    assert store.forget() == 2
    assert store.attempts() == [] and store.statuses() == {} and store.due(START + 9 * DAY) == []
    assert b"01-a" not in Path(store.path).read_bytes()


def _record_many(path: str, writer: int, count: int) -> None:
    with ProgressStore(path, Retrieval(fuzz=False)) as s:
        for n in range(count):
            s.record(f"0{writer}-item{n % 5}", f"0{writer}", f"0{writer}.1", 1.0, START + n * DAY)


def test_two_notebooks_recording_at_once_both_keep_every_try(tmp_path):
    path = str(tmp_path / "shared.sqlite")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_record_many, args=(path, w, 60)) for w in (1, 2, 3)]
    for p in writers:
        p.start()
    for p in writers:
        p.join(60)
    assert [p.exitcode for p in writers] == [0, 0, 0]
    with store_at(Path(path)) as s:
        assert len(s.attempts()) == 180
        statuses = s.statuses()
        assert len(statuses) == 15 and all(st.attempts == 12 for st in statuses.values())


def test_a_damaged_file_gets_a_clear_message_and_is_not_overwritten(tmp_path):
    path = tmp_path / "progress.sqlite"
    junk = b"this is not a database\n" * 200
    path.write_bytes(junk)
    with pytest.raises(ProgressStoreError, match="damaged or is not a progress file. It was left as it is"):
        store_at(path)
    assert path.read_bytes() == junk


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "progress.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.execute("INSERT INTO notes VALUES ('mine')")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(ProgressStoreError, match="SQLite file of another program"):
        store_at(path)
    assert path.read_bytes() == before


def test_a_file_from_a_newer_course_is_refused(tmp_path, store):
    db = sqlite3.connect(store.path)
    db.execute("INSERT INTO schema_version VALUES (99, '2030-01-01')")
    db.commit()
    db.close()
    with pytest.raises(ProgressStoreError, match="newer version of the course"):
        store_at(store.path)


def test_an_empty_v0_file_becomes_a_progress_file(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.touch()
    with store_at(path) as s:
        s.record("01-a", "01", "01.1", 1.0, START)
        assert len(s.attempts()) == 1


def test_a_v1_file_migrates_keeping_its_tries_once_and_working_out_the_schedules(tmp_path):
    path = tmp_path / "progress.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.executescript("""
        CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
        CREATE TABLE attempts (item_id TEXT NOT NULL, module TEXT NOT NULL, objective TEXT NOT NULL,
                               fraction REAL NOT NULL, answered_at TEXT NOT NULL);
        INSERT INTO schema_version VALUES (1, '2026-08-01T00:00:00+00:00');
        INSERT INTO attempts VALUES ('01-a', '01', '01.1', 1.0, '2026-09-01T09:00:00.000000+00:00');
        INSERT INTO attempts VALUES ('01-a', '01', '01.1', 1.0, '2026-09-01T09:00:00.000000+00:00');
        INSERT INTO attempts VALUES ('01-a', '01', '01.1', 1.0, '2026-09-03T09:00:00.000000+00:00');
    """)
    db.commit()
    db.close()
    with store_at(path) as s:
        assert len(s.attempts()) == 2  # the duplicate is dropped
        schedule = s.statuses()["01-a"].schedule
        assert (schedule.reviews, schedule.interval, schedule.mastered) == (2, 11 * DAY, True)
    versions = [r[0] for r in sqlite3.connect(path).execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [1, 2]


def test_parse_export_reads_what_export_writes(store, tmp_path):
    store.record("01-a", "01", "01.1", 0.5, START)
    store.export(tmp_path / "e.json")
    assert parse_export((tmp_path / "e.json").read_text()) == store.attempts()


def test_tally_counts_attempted_mastered_and_due_per_module_and_objective(store):
    items = [("01-a", "01", "01.1"), ("01-b", "01", "01.2"), ("01-c", "01", "01.2"), ("02-a", "02", "02.1")]
    store.record("01-a", "01", "01.1", 1.0, START)
    store.record("01-a", "01", "01.1", 1.0, START + 2 * DAY)
    store.record("01-b", "01", "01.2", 0.0, START)
    modules, objectives = tally(items, {"01": "Overview"}, store.statuses(), START + 3 * DAY)
    assert [(t.key, t.label, t.total, t.attempted, t.mastered, t.due) for t in modules] == [
        ("01", "Overview", 3, 2, 1, 1), ("02", "02", 1, 0, 0, 0)]
    assert [(t.key, t.attempted, t.mastered, t.due) for t in objectives] == [
        ("01.1", 1, 1, 0), ("01.2", 1, 0, 1), ("02.1", 0, 0, 0)]


def test_a_folder_that_cannot_be_made_gets_a_clear_message(tmp_path):
    (tmp_path / "home").write_text("a file where a folder should be")
    with pytest.raises(ProgressStoreError, match="Cannot create the folder for the progress file"):
        store_at(tmp_path / "home" / "bonemets" / "progress.sqlite")


def test_a_store_opened_in_a_cell_records_from_a_widget_callback_thread(store):
    # ipykernel runs button callbacks in another thread than the cell that opened the file.
    import threading

    errors = []

    def click() -> None:
        try:
            store.record("01-a", "01", "01.1", 1.0, START)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=click)
    thread.start()
    thread.join(10)
    assert errors == [] and len(store.attempts()) == 1


def test_an_in_memory_store_behaves_the_same_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with ProgressStore(":memory:", Retrieval(fuzz=False)) as s:
        s.record("01-a", "01", "01.1", 1.0, START)
        s.record("01-a", "01", "01.1", 1.0, START + 2 * DAY)
        assert s.statuses()["01-a"].mastered and s.due(START + 13 * DAY) == ["01-a"]
    assert list(tmp_path.iterdir()) == []
