"""Self-check tries go to the progress file; when it cannot be kept the self-check still works and says so once."""

from pathlib import Path

import pytest
from bank_samples import bank_text

from bonemets.content.bank import parse_bank
from bonemets.learner import progress
from bonemets.learner.progress import ProgressStore
from bonemets.learner.quiz import ChoiceQuestion, WrittenQuestion, build_quiz, make_question

FIXTURE = parse_bank((Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml").read_text(), "90.yaml")


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("BONEMETS_PROGRESS", str(tmp_path / "progress.sqlite"))
    progress.SESSION.reset()
    yield progress.SESSION
    progress.SESSION.reset()


def select_all_question(recorder) -> ChoiceQuestion:
    bank = parse_bank(bank_text(), "test.yaml", known_references={"gong2018"})
    return ChoiceQuestion(bank.items[0], 1, recorder)


def test_each_scored_check_calls_the_recorder_with_the_item_and_its_fraction():
    calls = []
    q = select_all_question(lambda item, fraction: calls.append((item.id, fraction)))
    q.check()  # no answer yet: nothing to keep
    q.select("A", "B")  # +1 -1 = 0 of 2
    q.check()
    q.select("A", "C")
    q.check()
    assert calls == [(q.item.id, 0.0), (q.item.id, 1.0)]


def test_a_written_answer_is_not_recorded():
    calls = []
    written = next(i for i in FIXTURE.items if i.type == "written")
    q = make_question(written, 1, lambda *a: calls.append(a))
    assert isinstance(q, WrittenQuestion)
    q.set_response("A few words of my own answer.")
    assert q.check().startswith("A model answer")
    assert calls == []


def test_build_quiz_records_nothing_unless_asked():
    assert all(q.recorder is None for q in build_quiz("01"))


def test_the_course_recorder_keeps_the_try_in_the_learners_file(session, tmp_path):
    q = select_all_question(progress.record_try)
    q.select("A", "C")
    text = q.check()
    assert text.startswith("Correct") and "not being saved" not in text
    with ProgressStore(tmp_path / "progress.sqlite") as store:
        [attempt] = store.attempts()
    assert (attempt.item_id, attempt.module, attempt.objective, attempt.fraction) == (
        q.item.id, q.item.module, q.item.objective, 1.0)


def test_a_damaged_file_leaves_the_self_check_working_and_says_so_once(session, tmp_path):
    (tmp_path / "progress.sqlite").write_bytes(b"garbage" * 100)
    q = select_all_question(progress.record_try)
    q.select("A", "C")
    first = q.check()
    assert first.startswith("Correct: 2 of 2 points")
    assert "Your progress is not being saved: The progress file" in first and "damaged" in first
    assert "not being saved" in q.feedback.value
    assert "not being saved" not in q.check()  # said once
    assert (tmp_path / "progress.sqlite").read_bytes() == b"garbage" * 100
