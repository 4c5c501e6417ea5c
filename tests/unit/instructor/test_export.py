"""LMS exports of the fixture bank (one item of every type), read back by readers we did not write."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lms_readers import (
    cloze_parts,
    fraction_accepted,
    gift_parser_ready,
    metadata,
    moodle_problems,
    parse_gift,
    shape,
    strip_ns,
    text2qti_item,
)

from bonemets.content.bank import parse_bank
from bonemets.errors import ExportError
from bonemets.instructor.export.base import export, get_exporter
from bonemets.instructor.export.gift import GiftExporter, escape
from bonemets.instructor.export.moodle_xml import MoodleXmlExporter, percent
from bonemets.instructor.export.qti import CanvasQtiExporter

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "90_item_types.yaml"
ITEMS = parse_bank(FIXTURE.read_text(), FIXTURE.name).items
BY_ID = {item.id: item for item in ITEMS}

# The mapping tables: item type -> (target type, scored as in the course?) for each format.
MOODLE = {"90-choice": "exact", "90-select-n": "differs", "90-sata": "exact", "90-matrix-mc": "exact",
          "90-matrix-mr": "differs", "90-cloze": "exact", "90-triad": "differs", "90-ordered": "differs",
          "90-bowtie": "differs", "90-numeric": "exact", "90-written": "exact",
          "90-highlight": "exact", "90-trend": "exact"}  # highlight as select all (+/- kept); trend as its matrix
QTI = {**MOODLE, "90-numeric": "differs"}
GIFT = {**MOODLE, "90-cloze": "differs", "90-numeric": "differs", "90-written": "differs"}  # written: 2 points


def test_moodle_fraction_check_follows_moodles_list():
    assert percent(1 / 3) == "33.33333" and fraction_accepted("33.33333")
    assert percent(-1 / 7) == "-14.28571" and percent(1.0) == "100"
    assert not fraction_accepted("33")
    with pytest.raises(ExportError, match="33%"):
        percent(0.33, "item x")
    with pytest.raises(ExportError, match="not one Moodle accepts"):
        percent(1 / 12)


def test_unknown_format_names_the_formats():
    with pytest.raises(ExportError, match="unknown export format 'xls'.*moodle.*qti.*gift"):
        get_exporter("xls")


@pytest.mark.parametrize(("exporter", "table"), [(MoodleXmlExporter(), MOODLE), (CanvasQtiExporter(), QTI),
                                                  (GiftExporter(), GIFT)], ids=["moodle", "qti", "gift"])
def test_every_item_type_is_mapped_with_a_note(exporter, table):
    notes = exporter.write(ITEMS, "Fixture").notes
    assert {n.item_id: n.status for n in notes} == table
    for note in notes:
        assert note.status == "exact" or note.details, f"{note.item_id}: a difference must say how"


@dataclass(frozen=True)
class FutureItem:
    """An item of a type added to the bank after the exporters were written."""

    id: str = "90-hotspot"
    type: str = "hotspot"
    points: int = 1
    stem: str = "Click the area of the image that shows the fracture."


@pytest.mark.parametrize("name", ["moodle", "qti", "gift"])
def test_an_unknown_type_is_listed_not_dropped_and_the_rest_exported(name, tmp_path):
    exporter = get_exporter(name)
    path, notes_path, notes = export(exporter, [BY_ID["90-choice"], FutureItem()], "t", tmp_path, "T")
    assert [n.status for n in notes] == ["exact", "not exported"]
    report = notes_path.read_text()
    assert "90-hotspot (hotspot -> " in report and "no mapping for item type 'hotspot'" in report
    assert path.stat().st_size > 0


# ---- Moodle XML -----------------------------------------------------------------------------------------


def moodle_questions() -> dict[str, ET.Element]:
    root = ET.fromstring(MoodleXmlExporter().write(ITEMS, "Fixture").data)
    return {q.findtext("idnumber"): q for q in root.findall("question") if q.get("type") != "category"}


def test_moodle_xml_passes_the_importers_rules():
    data = MoodleXmlExporter().write(ITEMS, "Fixture").data
    assert moodle_problems(data) == []
    assert moodle_problems(data.replace(b'fraction="25"', b'fraction="33"', 1))  # the check can fail


def test_moodle_types_and_select_all_fractions():
    questions = moodle_questions()
    assert {k: q.get("type") for k, q in questions.items()} == {
        "90-choice": "multichoice", "90-select-n": "multichoice", "90-sata": "multichoice",
        "90-matrix-mc": "matching", "90-matrix-mr": "multichoice", "90-cloze": "cloze", "90-triad": "cloze",
        "90-ordered": "cloze", "90-bowtie": "cloze", "90-numeric": "numerical", "90-written": "essay",
        "90-highlight": "multichoice", "90-trend": "matching"}
    sata = questions["90-sata"]  # 4 keys of 6: +25 each key, -25 each wrong, so NCSBN +/- exactly
    assert [a.get("fraction") for a in sata.findall("answer")] == ["25", "-25", "25", "-25", "25", "25"]
    assert sata.findtext("single") == "false"
    assert [a.findtext("feedback/text") for a in sata.findall("answer")][1] == "<p>Odd, not a key.</p>"


def test_moodle_numeric_units_convert_as_the_course_does():
    question = moodle_questions()["90-numeric"]
    units = {u.findtext("unit_name"): float(u.findtext("multiplier")) for u in question.findall("units/unit")}
    assert units["mg/dL"] == 1 and units["mmol/L"] == pytest.approx(1 / 4.008)  # 10.02 mg/dL x m = 2.5 mmol/L
    assert question.findtext("answer/tolerance") == "0.1" and question.findtext("unitpenalty") == "1.0000000"


def test_moodle_cloze_parts_read_back_with_weights_and_rationales():
    parts = cloze_parts(moodle_questions()["90-bowtie"].findtext("questiontext/text"))
    assert [(p["weight"], p["type"]) for p in parts] == [(1, "MULTICHOICE"), (2, "MULTIRESPONSE"),
                                                         (2, "MULTIRESPONSE")]
    assert parts[1]["alternatives"][0] == (0.5, "Stay indoors", "Safe in a storm.")
    assert parts[1]["alternatives"][1][0] == -0.5
    ordered = cloze_parts(moodle_questions()["90-ordered"].findtext("questiontext/text"))
    keys = [next(a for f, a, _ in p["alternatives"] if f == 1) for p in ordered]
    assert keys == ["1", "2", "3", "4"]  # B, D, A, C of the fixture


def test_cloze_syntax_characters_survive_moodles_reader():
    raw = FIXTURE.read_text().replace('"Water is liquid at 10 degrees."', '"Not 10 {or} ~20 # & <b> \\\\ here."')
    item = parse_bank(raw, "x").item("90-cloze")
    question = MoodleXmlExporter().question(item)[0]
    parts = cloze_parts(question.findtext("questiontext/text"))
    assert parts[0]["alternatives"][1][2] == "Not 10 {or} ~20 # &amp; &lt;b&gt; \\ here."  # HTML shows it as typed
    assert parts[0]["alternatives"][0] == (1.0, "0", "The freezing point of water at sea level.")


# ---- Canvas QTI -------------------------------------------------------------------------------------------


def qti_package() -> tuple[zipfile.ZipFile, dict[str, ET.Element]]:
    archive = zipfile.ZipFile(io.BytesIO(CanvasQtiExporter().write(ITEMS, "Fixture").data))
    name = next(n for n in archive.namelist() if n.count("/") == 1 and not n.endswith("assessment_meta.xml"))
    root = strip_ns(ET.fromstring(archive.read(name)))
    return archive, {i.get("title"): i for i in root.iter("item")}


def test_qti_zip_has_a_manifest_whose_files_exist():
    archive, items = qti_package()
    manifest = strip_ns(ET.fromstring(archive.read("imsmanifest.xml")))
    hrefs = [f.get("href") for f in manifest.iter("file")]
    assert hrefs and all(h in archive.namelist() for h in hrefs)
    assert [r.get("type") for r in manifest.iter("resource")][0] == "imsqti_xmlv1p2"
    assert {k: metadata(i)["question_type"] for k, i in items.items()} == {
        "90-choice": "multiple_choice_question", "90-select-n": "multiple_answers_question",
        "90-sata": "multiple_answers_question", "90-matrix-mc": "matching_question",
        "90-matrix-mr": "multiple_answers_question", "90-cloze": "multiple_dropdowns_question",
        "90-triad": "multiple_dropdowns_question", "90-ordered": "multiple_dropdowns_question",
        "90-bowtie": "multiple_dropdowns_question", "90-numeric": "numerical_question",
        "90-written": "essay_question", "90-highlight": "multiple_answers_question", "90-trend": "matching_question"}
    assert metadata(items["90-bowtie"])["points_possible"] == "2"


TEXT2QTI = {  # the same question written in text2qti's own text format
    "90-choice": "1.  Which letter is the key of this test item?\na)  Alpha\n... Not the key of this test item.\n"
                 "*b) Bravo\n... The key of this test item.\nc)  Charlie\n... Not the key of this test item.\n",
    "90-sata": "1.  Select every even number.\n" + "".join(
        f"[{'*' if key else ' '}] {text}\n... {'Even, so a key.' if key else 'Odd, not a key.'}\n"
        for text, key in [("2", 1), ("3", 0), ("4", 1), ("5", 0), ("6", 1), ("8", 1)]),
    "90-numeric": "1.  A value of 2.5 mmol/L of calcium is how many mg/dL?\n... 2.5 x 4.008 = 10.02 mg/dL.\n"
                  "=   10.02 +- 0.1\n",
    "90-written": "1.  In two sentences, say why answers are typed as plain values.\n____\n",
}


@pytest.mark.parametrize("item_id", sorted(TEXT2QTI))
def test_qti_items_have_the_structure_text2qti_writes_for_canvas(item_id, tmp_path):
    reference = text2qti_item(TEXT2QTI[item_id], tmp_path)
    ours = qti_package()[1][item_id]
    assert metadata(ours)["question_type"] == metadata(reference)["question_type"]
    assert shape(ours) == shape(reference)


def test_qti_dropdowns_name_each_blank_in_the_text():
    item = qti_package()[1]["90-cloze"]
    text = item.findtext("presentation/material/mattext")
    responses = [lid.get("ident") for lid in item.iter("response_lid")]
    assert "[blank1]" in text and "[blank2]" in text and responses == ["response_blank1", "response_blank2"]
    scores = [c.findtext("setvar") for c in item.iter("respcondition") if c.find("setvar") is not None]
    assert scores == ["50.00", "50.00"]


# ---- GIFT ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gift_reader():
    if not gift_parser_ready():
        pytest.fail("gift-pegjs is not installed: run `make install-test` (npm ci --prefix tests/node)")
    return parse_gift


def test_gift_escapes_its_special_characters():
    assert escape("a:b {c} ~d =e #f \\") == "a\\:b \\{c\\} \\~d \\=e \\#f \\\\"


def test_gift_is_read_by_gift_pegjs(gift_reader):
    text = GiftExporter().write(ITEMS, "Fixture").data.decode()
    questions = [q for q in gift_reader(text) if q["type"] != "Category"]
    by_title = {q["title"]: q for q in questions}
    assert by_title["90-choice"]["type"] == "MC"
    assert [c["weight"] for c in by_title["90-sata"]["choices"]] == [25, -25, 25, -25, 25, 25]
    assert by_title["90-matrix-mc"]["type"] == "Matching" and len(by_title["90-matrix-mc"]["matchPairs"]) == 3
    assert by_title["90-numeric"]["choices"][0]["text"] == {"type": "range", "number": 10.02, "range": 0.1}
    assert by_title["90-written"]["type"] == "Essay"
    assert {t for t in by_title if t.startswith("90-triad")} == {f"90-triad (blank {n})" for n in (1, 2, 3)}
    # one question per item, except one per blank, position and bow-tie group; highlight and trend one each
    assert len(questions) == 1 + 1 + 1 + 1 + 1 + 2 + 3 + 4 + 3 + 1 + 1 + 1 + 1


def test_gift_pegjs_rejects_a_broken_question_with_line_and_column(gift_reader):
    text = GiftExporter().write(ITEMS[:1], "Fixture").data.decode().rstrip().removesuffix("}")
    error = gift_reader(text)
    assert isinstance(error, dict) and error["line"] > 1 and error["column"] >= 1


# ---- highlight and trend (the item types of issue 14), duck-typed so these tests run before they land ----------

OPTION = type(BY_ID["90-sata"].options[0])


@dataclass(frozen=True)
class HighlightLike:
    id: str = "90-highlight"
    type: str = "highlight"
    points: int = 1
    stem: str = "Which findings in the note need follow-up?"
    exhibit: str = "Nurse's note, 08:00"
    text: str = "Slept well. {A}. Ate breakfast. {B}. {C}."
    header: tuple | None = None
    phrases: tuple = tuple(OPTION(id=i, text=t, rationale=f"Why {t} matters or not.") for i, t in
                           (("A", "New back pain"), ("B", "Walked to the bathroom"), ("C", "Leg weakness")))
    key: tuple = ("A", "C")

    def passage(self) -> str:
        return self.text.format(**{p.id: f"[{p.id}: {p.text}]" for p in self.phrases})


@dataclass(frozen=True)
class TableLike:
    caption: str = "Calcium over three days"

    def in_words(self) -> str:
        return "Corrected calcium: 10.2 mg/dL at day 1, then 11.8 mg/dL at day 3."


@dataclass(frozen=True)
class TrendLike:
    id: str = "90-trend"
    type: str = "trend"
    points: int = 1
    stem: str = "What does the trend show?"
    table: TableLike = TableLike()
    inner: object = BY_ID["90-choice"].model_copy(update={"id": "90-trend"})


@pytest.mark.parametrize("name", ["moodle", "qti", "gift"])
def test_highlight_exports_as_select_all_and_trend_as_its_question_with_the_table_in_words(name):
    written = get_exporter(name).write([HighlightLike(), TrendLike()], "T")
    highlight, trend = written.notes
    assert (highlight.status, trend.status) == ("exact", "exact")
    assert "not highlighted in the text" in highlight.details[-1] and "in words" in trend.details[-1]
    text = written.data.decode("utf-8", "replace") if name != "qti" else zipfile.ZipFile(
        io.BytesIO(written.data)).read(next(n for n in zipfile.ZipFile(io.BytesIO(written.data)).namelist()
                                            if n.count("/") == 1 and "meta" not in n)).decode()
    assert "11.8 mg/dL at day 3" in text and "New back pain" in text
    if name == "moodle":
        assert moodle_problems(written.data) == []
        assert "[A: New back pain]" in text and 'fraction="50"' in text and 'fraction="-50"' in text  # +/- 1/2
