"""Module 08's patient-teaching handout: reading grade 6-8, no listed jargon, and the three topics it must teach."""

from bonemets.content import plain_language as pl
from bonemets.paths import assets_dir

HANDOUT = assets_dir() / "handouts" / "08_bone_metastases_handout.html"


def text() -> str:
    return pl.visible_text(HANDOUT.read_text(encoding="utf-8"))


def test_the_handout_reads_at_grade_6_to_8():
    low, high = pl.PATIENT_TARGET
    grade = pl.reading_grade(text())
    assert low <= grade <= high, f"handout reading grade {grade}; the target for patients is {low:g}-{high:g}"


def test_the_handout_uses_none_of_the_listed_medical_jargon():
    assert pl.jargon_in(text()) == ()


def test_the_handout_teaches_warning_signs_bone_medicines_with_dental_care_and_safe_activity():
    body = text().lower()
    for words in ("call us straight away", "weak, heavy or numb", "trouble passing urine", "like a tight belt",
                  "very thirsty", "dentist", "jaw", "calcium and vitamin d", "safe", "prevent falls",
                  "medicine for your bowels every day"):
        assert words in body, words


def test_sources_and_review_date_are_printed_but_left_out_of_the_measured_text():
    html = HANDOUT.read_text(encoding="utf-8")
    assert "<footer>" in html and "Sources:" in html and "Last reviewed" in html
    assert "Sources:" not in text()


def test_module_08_links_the_handout_file_that_exists():
    import json

    from bonemets.paths import notebooks_dir

    nb = json.loads((notebooks_dir() / "08_living_with_bone_metastases.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "](../assets/handouts/08_bone_metastases_handout.html)" in text
    assert (notebooks_dir() / ".." / "assets" / "handouts" / "08_bone_metastases_handout.html").resolve() == HANDOUT
