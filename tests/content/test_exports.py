"""Every module's bank exported to every LMS format and read back by independent readers."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from lms_readers import gift_parser_ready, metadata, moodle_problems, parse_gift, strip_ns

from bonemets.cli import main
from bonemets.content.bank import all_banks
from bonemets.instructor.export.base import get_exporter

BANKS = {bank.module: bank for bank in all_banks()}


@pytest.mark.parametrize("module", sorted(BANKS))
def test_moodle_xml_of_each_bank_passes_the_importers_rules(module):
    written = get_exporter("moodle").write(BANKS[module].items, f"Module {module}")
    assert moodle_problems(written.data) == []
    names = [q.findtext("idnumber") for q in ET.fromstring(written.data).findall("question")
             if q.get("type") != "category"]
    assert names == [i.id for i in BANKS[module].items]  # nothing dropped, bank order kept


@pytest.mark.parametrize("module", sorted(BANKS))
def test_canvas_qti_of_each_bank_has_every_item(module):
    written = get_exporter("qti").write(BANKS[module].items, f"Module {module}")
    archive = zipfile.ZipFile(io.BytesIO(written.data))
    assert "imsmanifest.xml" in archive.namelist()
    quiz = next(n for n in archive.namelist() if n.count("/") == 1 and not n.endswith("assessment_meta.xml"))
    items = list(strip_ns(ET.fromstring(archive.read(quiz))).iter("item"))
    assert [i.get("title") for i in items] == [i.id for i in BANKS[module].items]
    assert all(metadata(i)["question_type"].endswith("_question") for i in items)


@pytest.mark.parametrize("module", sorted(BANKS))
def test_gift_of_each_bank_is_read_by_gift_pegjs(module):
    if not gift_parser_ready():
        pytest.fail("gift-pegjs is not installed: run `make install-test` (npm ci --prefix tests/node)")
    written = get_exporter("gift").write(BANKS[module].items, f"Module {module}")
    questions = parse_gift(written.data.decode())
    assert isinstance(questions, list), f"gift-pegjs: {questions}"
    titles = {q["title"].split(" (")[0] for q in questions if q["type"] != "Category"}
    assert titles == {i.id for i in BANKS[module].items}


def test_export_command_writes_the_file_and_the_scoring_notes(tmp_path, capsys):
    module = next(m for m, b in sorted(BANKS.items()) if b.for_use("graded"))
    assert main(["export", "moodle", module, "--use", "graded", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    xml = tmp_path / f"bonemets-{module}-graded.moodle.xml"
    notes = (tmp_path / f"bonemets-{module}-graded.moodle.scoring.txt").read_text()
    assert xml.exists() and f"wrote {xml}" in out
    for item in BANKS[module].for_use("graded"):
        assert f"{item.id} ({item.type} -> " in notes
    assert main(["export", "moodle", "99", "--out", str(tmp_path)]) == 1
    assert "module(s) 99" in capsys.readouterr().err
