"""My progress: the chart and the same in words, the review round, export, import and forget."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bonemets.assessment.retrieval import Retrieval
from bonemets.learner import progress
from bonemets.learner.progress import ProgressStore
from bonemets.learner.progress_view import REVIEW_SIZE, ProgressView, course_items, interleave

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
ITEMS, LABELS = course_items()


class Clock:
    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> datetime:
        return self.when


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite", Retrieval(fuzz=False)) as s:
        yield s


@pytest.fixture
def view(store, clock, tmp_path) -> ProgressView:
    return ProgressView(store, now=clock, folder=tmp_path)


def first_of(module: str, count: int = 1):
    return [item for item in ITEMS if item.module == module][:count]


def test_written_items_are_left_out_and_every_module_is_shown():
    assert ITEMS and all(item.type != "written" for item in ITEMS)
    assert sorted({item.module for item in ITEMS}) == sorted(k for k in LABELS if "." not in k)


def test_nothing_recorded_says_none_tried_for_every_module(view):
    assert "Module 01" in view.chart.value and 'role="img"' in view.chart.value
    assert "Module 01, What bone metastasis is and why it matters to nurses" in view.words.value
    assert view.words.value.count("none tried yet") == len({i.module for i in ITEMS})


def test_the_chart_its_accessible_name_the_words_and_the_table_give_the_same_counts(view, store, clock):
    a, b = first_of("01", 2)
    store.record(a.id, a.module, a.objective, 1.0, START - 3 * DAY)
    store.record(a.id, a.module, a.objective, 1.0, START - DAY)  # mastered; due in 11 days
    store.record(b.id, b.module, b.objective, 0.0, START - DAY)  # due today
    view.refresh()
    total = sum(item.module == "01" for item in ITEMS)
    assert f"module 01, 1 of {total} mastered, 2 tried, 1 due" in view.chart.value  # the SVG's aria-label
    assert f"{total} questions; you have tried 2 and mastered 1; 1 is due for review." in view.words.value
    row = re.search(rf"<th scope=\"row\"[^>]*>{re.escape(b.objective)} .*?</tr>", view.table.value).group(0)
    same = [i for i in (a, b) if i.objective == b.objective]
    expected = [sum(i.objective == b.objective for i in ITEMS), len(same), int(a in same), 1]
    assert [int(n) for n in re.findall(r">(\d+)</td>", row)] == expected  # questions, tried, mastered, due


def test_review_now_interleaves_modules_and_answers_move_the_schedule(view, store, clock):
    due = first_of("01", 3) + first_of("02", 2) + first_of("03", 1)
    for item in due:
        store.record(item.id, item.module, item.objective, 0.0, START - DAY)
    questions = view.review_now()
    assert [q.item.module for q in questions] == ["01", "02", "03", "01", "02", "01"]
    assert [q.number for q in questions] == [1, 2, 3, 4, 5, 6]
    assert "6 of the 6 questions due" in view.review.children[1].value
    first = questions[0]
    first.set_response(first.item.key_response)
    assert first.check().startswith("Correct")
    schedule = store.statuses()[first.item.id].schedule
    assert schedule.last_review == START and schedule.due > START  # no longer due
    assert first.item.id not in store.due(START)


def test_a_round_holds_at_most_ten_questions():
    many = [i for i in ITEMS][:25]
    assert len(interleave(many)[:REVIEW_SIZE]) == REVIEW_SIZE


def test_nothing_due_says_so(view):
    assert view.review_now() == []
    assert "Nothing is due for review now" in view.message.value


def test_export_writes_a_file_in_the_working_folder_and_says_where(view, store, tmp_path):
    [item] = first_of("01")
    store.record(item.id, item.module, item.objective, 1.0, START - DAY)
    path = view.export()
    assert path == tmp_path / "bonemets-progress-2026-09-01.json"
    assert json.loads(path.read_text())["attempts"][0]["item"] == item.id
    assert str(path.resolve()) in view.message.value
    assert view.export() == tmp_path / "bonemets-progress-2026-09-01-2.json"  # never overwrites


def test_import_through_the_upload_merges_and_refreshes(view, store, tmp_path):
    [item] = first_of("02")
    with ProgressStore(tmp_path / "old.sqlite", Retrieval(fuzz=False)) as old:
        old.record(item.id, item.module, item.objective, 1.0, START - 5 * DAY)
        old.export(tmp_path / "old.json")
    content = (tmp_path / "old.json").read_bytes()
    view._uploaded({"new": ({"name": "old.json", "content": memoryview(content)},)})
    assert "Imported 1 new tries from old.json." in view.message.value
    assert "you have tried 1" in view.words.value
    assert view.upload.value == ()
    assert view.import_file("old.json", content) == 0


def test_a_bad_upload_is_explained_and_imports_nothing(view, store):
    assert view.import_file("notes.json", b"{}") == 0
    assert "Nothing was imported" in view.message.value and "Export button" in view.message.value


def test_forget_asks_first_and_cancel_keeps_everything(view, store):
    [item] = first_of("01")
    store.record(item.id, item.module, item.objective, 1.0, START - DAY)
    view.forget_button.click()
    assert view.confirm.layout.display == "flex" and "cannot be undone" in view.confirm_text.value
    view.cancel_button.click()
    assert view.confirm.layout.display == "none" and len(store.attempts()) == 1
    view.forget_button.click()
    view.confirm_button.click()
    assert store.attempts() == [] and "1 tries deleted" in view.message.value
    assert "none tried yet" in view.words.value


def test_viewing_the_default_store_never_creates_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BONEMETS_PROGRESS", str(tmp_path / "progress.sqlite"))
    progress.SESSION.reset()
    try:
        view = ProgressView(folder=tmp_path)
        assert view.review_now() == [] and view.export() is None
        assert not (tmp_path / "progress.sqlite").exists()
        assert str(tmp_path / "progress.sqlite") in view.widget.children[-2].value  # the privacy note says where
    finally:
        progress.SESSION.reset()


def test_a_damaged_default_file_is_reported_in_the_view(tmp_path, monkeypatch):
    (tmp_path / "progress.sqlite").write_bytes(b"garbage" * 50)
    monkeypatch.setenv("BONEMETS_PROGRESS", str(tmp_path / "progress.sqlite"))
    progress.SESSION.reset()
    try:
        view = ProgressView(folder=tmp_path)
        assert "cannot be read" in view.message.value and "damaged" in view.message.value
        assert (tmp_path / "progress.sqlite").read_bytes() == b"garbage" * 50
    finally:
        progress.SESSION.reset()


def test_the_privacy_note_says_what_where_and_who_can_see_it(view):
    note = view.widget.children[-2].value
    assert "Nothing is sent anywhere" in note and "instructors cannot see it" in note
    assert str(Path(view._store.path)) in note
