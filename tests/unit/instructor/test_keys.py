"""The key frozen at release: written once, read back, damaged files named, changes listed in words."""

import json
import shutil
from pathlib import Path

import pytest

from bonemets.errors import GradingSetupError
from bonemets.instructor.grading.keys import (
    differences,
    keys_path,
    load_key,
    questions_from_bank,
    update_key,
    write_key,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "quizzes").mkdir()
    shutil.copy(FIXTURE, tmp_path / "quizzes")
    release = tmp_path / "release" / "90_item_types"
    release.mkdir(parents=True)
    (release / "90_item_types.ipynb").write_text(json.dumps(
        {"cells": [], "metadata": {"bonemets": {"items": ["90-choice", "90-sata"]}}}))
    return tmp_path


def test_a_frozen_key_reads_back_the_same_items(course):
    questions = questions_from_bank(course / "quizzes", ["90-choice", "90-sata"])
    write_key(course, "90_item_types", questions)
    again = load_key(course, "90_item_types")
    assert [(q.grade_id, q.name, q.item) for q in again] == [(q.grade_id, q.name, q.item) for q in questions]
    assert again[1].name == "q2" and again[1].grade_id == "90-sata-answer"


def test_a_missing_or_damaged_key_is_a_clear_setup_error(course):
    with pytest.raises(GradingSetupError, match="generate_assignment 90_item_types"):
        load_key(course, "90_item_types")
    keys_path(course, "90_item_types").parent.mkdir()
    keys_path(course, "90_item_types").write_text("{ damaged")
    with pytest.raises(GradingSetupError, match="is damaged"):
        load_key(course, "90_item_types")


def test_updating_the_key_says_what_changed(course):
    write_key(course, "90_item_types", questions_from_bank(course / "quizzes", ["90-choice", "90-sata"]))
    bank = course / "quizzes" / "90_item_types.yaml"
    bank.write_text(bank.read_text().replace("key: [B]", "key: [A]", 1))
    assert update_key(course, "90_item_types", course / "quizzes") == ["90-choice-answer: key changed"]
    assert load_key(course, "90_item_types")[0].item.key == ["A"]


def test_an_unknown_item_is_named(course):
    with pytest.raises(GradingSetupError, match="'90-nothing'"):
        questions_from_bank(course / "quizzes", ["90-nothing"])


def test_differences_lists_added_and_removed():
    a = questions_from_bank(FIXTURE.parent, ["90-choice"])
    b = questions_from_bank(FIXTURE.parent, ["90-sata"])
    assert differences(a, b) == ["90-choice-answer: removed", "90-sata-answer: added"]
