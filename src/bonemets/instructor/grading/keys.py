"""The answer key frozen when a quiz is released, so later edits to the bank never regrade a class silently.

`nbgrader generate_assignment` runs `FreezeKey` (nbgrader_config.py), which writes keys/<assignment>.json
beside gradebook.db: every graded item as it was in the bank at release. Grading reads only this file.
Changing a key after release is an explicit instructor action: `bonemets keys update ASSIGNMENT` shows
what changed, writes the new key, and the instructor grades again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor as Preprocessor
from pydantic import TypeAdapter, ValidationError
from traitlets import Unicode

from bonemets.assessment.answer_cells import answer_cell_id, answer_name
from bonemets.assessment.items import Item
from bonemets.content.bank import parse_bank
from bonemets.errors import BankError, GradingSetupError

KEYS_FOLDER = "keys"
_ITEM = TypeAdapter(Item)


@dataclass(frozen=True)
class Question:
    grade_id: str
    name: str
    item: Item


def keys_path(course: Path, assignment: str) -> Path:
    return Path(course) / KEYS_FOLDER / f"{assignment}.json"


def course_of(db_url: str) -> Path:
    """The folder of gradebook.db, from nbgrader's database URL."""
    return Path(db_url.removeprefix("sqlite:///")).resolve().parent


def questions_from_bank(bank_dir: Path, item_ids: list[str]) -> list[Question]:
    """The graded questions of a notebook (its metadata lists the item ids, in order), read from the bank."""
    banks = {}
    questions = []
    for number, item_id in enumerate(item_ids, start=1):
        module = item_id[:2]
        if module not in banks:
            files = sorted(Path(bank_dir).glob(f"{module}_*.yaml"))
            if not files:
                raise GradingSetupError(f"no bank file {module}_*.yaml in {bank_dir} for item '{item_id}'")
            banks[module] = parse_bank(files[0].read_text(encoding="utf-8"), str(files[0]))
        try:
            item = banks[module].item(item_id)
        except (KeyError, BankError):
            raise GradingSetupError(f"item '{item_id}' is not in {bank_dir}/{module}_*.yaml") from None
        questions.append(Question(answer_cell_id(item_id), answer_name(number), item))
    return questions


def _document(assignment: str, questions: list[Question]) -> dict:
    body = [{"grade_id": q.grade_id, "name": q.name, "item": q.item.model_dump(mode="json")} for q in questions]
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    return {"assignment": assignment, "frozen_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sha256": digest, "questions": body}


def load_key(course: Path, assignment: str) -> list[Question]:
    """The frozen questions of an assignment; a missing or damaged key file is a clear setup error."""
    path = keys_path(course, assignment)
    if not path.is_file():
        raise GradingSetupError(f"{path} is missing: the key is frozen when the quiz is released. Run "
                                f"`nbgrader generate_assignment {assignment}` from the course folder first.")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return [Question(q["grade_id"], q["name"], _ITEM.validate_python(q["item"])) for q in document["questions"]]
    except (ValueError, KeyError, TypeError, ValidationError) as exc:
        raise GradingSetupError(f"{path} is damaged ({type(exc).__name__}); run `bonemets keys update "
                                f"{assignment}` to freeze the bank's current key again.") from None


def differences(old: list[Question], new: list[Question]) -> list[str]:
    """What changed between two keys, one line per item, in words."""
    before = {q.grade_id: q for q in old}
    after = {q.grade_id: q for q in new}
    lines = [f"{g}: removed" for g in before if g not in after]
    lines += [f"{g}: added" for g in after if g not in before]
    for grade_id in (g for g in after if g in before):
        a, b = before[grade_id].item, after[grade_id].item
        if a == b:
            continue
        changed = sorted(k for k in set(type(a).model_fields) | set(type(b).model_fields)
                         if getattr(a, k, None) != getattr(b, k, None))
        lines.append(f"{grade_id}: {', '.join(changed)} changed")
    return lines


def write_key(course: Path, assignment: str, questions: list[Question]) -> Path:
    path = keys_path(course, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_document(assignment, questions), indent=1) + "\n", encoding="utf-8")
    return path


def update_key(course: Path, assignment: str, bank_dir: Path) -> list[str]:
    """Freeze the bank's current key for an assignment already released; returns what changed."""
    release = sorted((Path(course) / "release" / assignment).glob("*.ipynb"))
    source = sorted((Path(course) / "source" / assignment).glob("*.ipynb"))
    notebooks = release or source
    if not notebooks:
        raise GradingSetupError(f"no notebook for '{assignment}' in release/ or source/")
    ids = json.loads(notebooks[0].read_text(encoding="utf-8"))["metadata"].get("bonemets", {}).get("items", [])
    new = questions_from_bank(bank_dir, ids)
    old = load_key(course, assignment) if keys_path(course, assignment).is_file() else []
    changes = differences(old, new)
    write_key(course, assignment, new)
    return changes


class FreezeKey(Preprocessor):
    """At `nbgrader generate_assignment`: write keys/<assignment>.json from the bank, once.

    If a key is already frozen and the bank now differs, the frozen key is kept and a warning names the
    changed items and the command that adopts them.
    """

    bank_dir = Unicode("", help="the course's quizzes/ folder").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        item_ids = nb.metadata.get("bonemets", {}).get("items")
        if not item_ids or "assignment" not in info:
            return nb, resources  # not a course quiz
        course = course_of(info["db_url"])
        bank_dir = Path(self.bank_dir) if self.bank_dir else course / "quizzes"
        questions = questions_from_bank(bank_dir, list(item_ids))
        path = keys_path(course, info["assignment"])
        if path.is_file():
            changes = differences(load_key(course, info["assignment"]), questions)
            if changes:
                self.log.warning("The bank changed since %s was released; the frozen key is kept. To grade with "
                                 "the new key: bonemets keys update %s. Changed: %s", info["assignment"],
                                 info["assignment"], "; ".join(changes))
            return nb, resources
        write_key(course, info["assignment"], questions)
        self.log.info("Froze the key of %s in %s", info["assignment"], path)
        return nb, resources
