"""The test-accuracy explorer: its data file (assets/data/imaging_accuracy.csv), its words, its picture, its widget."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import ipywidgets as widgets
import pytest

from bonemets.clinical import diagnostic_accuracy as ta
from bonemets.content.references import load_registry
from bonemets.learner.widgets import imaging_accuracy as tae

HEADER = list(tae.COLUMNS)
GOOD = {"source": "yang2011", "cited_as": "Yang et al. 2011", "population": "all cancers", "modality": "CT",
        "basis": "per patient", "sensitivity": "72.9", "specificity": "94.8", "studies": "145", "patients": "",
        "note": "A note."}
KNOWN = {"yang2011", "liu2011"}


def write(tmp_path: Path, *rows: dict, header: list[str] = HEADER, name: str = "bad.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def row(**changes: str) -> dict:
    return {**GOOD, **changes}


@pytest.fixture(scope="module")
def table():
    return tae.load_accuracy_table()


def by_label(table, label):
    return next(r for r in table if r.label == label)


# ---------------------------------------------------------------------------------------------- the course file


def test_the_course_file_has_the_twelve_published_rows(table):
    assert len(table) == 12
    assert {r.source for r in table} == {"yang2011", "liu2011", "rong2013", "zamanian2023"}
    assert set(r.source for r in table) <= set(load_registry())
    assert len({r.label for r in table}) == 12


def test_key_published_figures_are_exactly_as_the_sources_give_them(table):
    def pair(label):
        r = by_label(table, label)
        return r.sensitivity_percent, r.specificity_percent

    assert pair("Bone scan | Yang et al. 2011 | all cancers") == (86.0, 81.4)
    assert pair("CT | Yang et al. 2011 | all cancers") == (72.9, 94.8)
    assert pair("MRI | Yang et al. 2011 | all cancers") == (90.6, 95.4)
    assert pair("FDG-PET | Yang et al. 2011 | all cancers") == (89.7, 96.8)
    assert pair("FDG-PET | Liu et al. 2011 | breast cancer") == (83.3, 94.5)
    assert pair("FDG-PET/CT | Rong et al. 2013 | breast cancer") == (93, 99)
    assert pair("Bone scan | Rong et al. 2013 | breast cancer") == (81, 96)
    assert pair("FDG-PET or PET/CT | Zamanian et al. 2023 | breast cancer") == (92, 99)
    assert pair("Bone scan | Zamanian et al. 2023 | breast cancer") == (90, 91)
    assert pair("NaF-PET or PET/CT | Zamanian et al. 2023 | breast cancer") == (96, 81)


def test_the_unverified_liu_specificities_are_blank_and_explained(table):
    mri = by_label(table, "MRI | Liu et al. 2011 | breast cancer")
    bone = by_label(table, "Bone scan | Liu et al. 2011 | breast cancer")
    assert (mri.sensitivity_percent, mri.specificity_percent) == (97.1, None)
    assert (bone.sensitivity_percent, bone.specificity_percent) == (87.0, None)
    assert all("not verified" in r.note for r in (mri, bone))
    assert [r.label for r in table if not r.has_specificity] == [mri.label, bone.label]


def test_study_and_patient_counts_are_those_the_abstracts_give(table):
    counts = {(r.source, r.studies, r.patients) for r in table}
    assert counts == {("yang2011", 145, None), ("liu2011", 23, None), ("rong2013", 7, 668),
                      ("zamanian2023", 11, 753)}


def test_the_table_html_lists_every_row_with_its_citation(table):
    html = tae.table_html(table)
    assert html.count("<tr>") == 13  # header + 12 rows
    assert "<caption" in html and 'scope="col"' in html
    assert html.count("not verified (left blank)") == 2
    assert "Eur Radiol 2011;21(12):2604-17" in html and "J Imaging 2023;9(12):274" in html


# ---------------------------------------------------------------------------------------------- malformed files


def test_a_good_temporary_file_loads(tmp_path):
    loaded = tae.load_accuracy_table(write(tmp_path, row(), row(modality="MRI", specificity="")), known_sources=KNOWN)
    assert [r.modality for r in loaded] == ["CT", "MRI"]
    assert loaded[1].specificity_percent is None and loaded[0].studies == 145 and loaded[0].patients is None


@pytest.mark.parametrize("changes, words", [
    ({"sensitivity": "0.93"}, "bad.csv: line 2: sensitivity 0.93 looks like a proportion; write percentages"),
    ({"specificity": "0.99"}, "bad.csv: line 2: specificity 0.99 looks like a proportion"),
    ({"sensitivity": "high"}, "bad.csv: line 2: sensitivity 'high' is not a number"),
    ({"sensitivity": "120"}, "bad.csv: line 2: sensitivity 120 must be a percentage above 0 and up to 100"),
    ({"specificity": "0"}, "bad.csv: line 2: specificity 0 must be a percentage above 0 and up to 100"),
    ({"sensitivity": ""}, "bad.csv: line 2: 'sensitivity' is empty"),
    ({"source": "smith2099"}, "bad.csv: line 2: unknown source 'smith2099'"),
    ({"population": " "}, "bad.csv: line 2: 'population' is empty"),
    ({"note": ""}, "bad.csv: line 2: 'note' is empty"),
    ({"studies": "many"}, "bad.csv: line 2: studies 'many' must be a whole number of 1 or more"),
    ({"patients": "0"}, "bad.csv: line 2: patients '0' must be a whole number of 1 or more"),
])
def test_a_bad_cell_is_named_with_file_line_and_problem(tmp_path, changes, words):
    with pytest.raises(ValueError) as error:
        tae.load_accuracy_table(write(tmp_path, row(), row(modality="MRI", **changes)), known_sources=KNOWN)
    assert words.replace("line 2", "line 3") in str(error.value)


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    path = write(tmp_path, row(sensitivity="0.9"), row(modality="MRI", source="nobody"))
    with pytest.raises(ValueError) as error:
        tae.load_accuracy_table(path, known_sources=KNOWN)
    lines = str(error.value).splitlines()
    assert lines[0].startswith("bad.csv: line 2: sensitivity 0.9") and lines[1].startswith("bad.csv: line 3:")


def test_a_repeated_row_is_named(tmp_path):
    with pytest.raises(ValueError, match="bad.csv: line 3: CT from yang2011 repeats line 2"):
        tae.load_accuracy_table(write(tmp_path, row(), row()), known_sources=KNOWN)


def test_missing_and_unexpected_columns_are_named(tmp_path):
    with pytest.raises(ValueError, match=r"bad.csv: missing column\(s\) \['specificity'\]"):
        tae.load_accuracy_table(write(tmp_path, row(), header=[c for c in HEADER if c != "specificity"]),
                                known_sources=KNOWN)
    with pytest.raises(ValueError, match=r"bad.csv: unexpected column\(s\) \['ppv'\]"):
        tae.load_accuracy_table(write(tmp_path, row(), header=[*HEADER, "ppv"]), known_sources=KNOWN)


def test_a_row_with_too_many_or_too_few_cells_is_named(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(",".join(HEADER) + "\n" + "yang2011,Yang et al. 2011,all cancers,CT\n"
                    + "yang2011,Y,all,MRI,per patient,90,95,1,,note,EXTRA\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        tae.load_accuracy_table(path, known_sources=KNOWN)
    assert "ragged.csv: line 2: the row has 4 cells instead of 10" in str(error.value)
    assert "ragged.csv: line 3: the row has" in str(error.value)


def test_an_empty_or_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="empty.csv: the table has no rows"):
        tae.load_accuracy_table(write(tmp_path, name="empty.csv"), known_sources=KNOWN)
    with pytest.raises(ValueError, match="missing.csv: the accuracy table is missing"):
        tae.load_accuracy_table(tmp_path / "missing.csv", known_sources=KNOWN)


def test_the_default_check_uses_the_reference_registry(tmp_path):
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        tae.load_accuracy_table(write(tmp_path, row(source="notakey")))


# ---------------------------------------------------------------------------------------------- words and picture


def test_result_text_gives_post_test_values_and_the_100_people(table):
    text = tae.result_text(by_label(table, "Bone scan | Zamanian et al. 2023 | breast cancer"), 30)
    assert "After a POSITIVE result the chance of bone metastases is 81.1% (positive predictive value, PPV 81.1%)." \
        in text
    assert "After a NEGATIVE result the chance of bone metastases is 4.5% (negative predictive value, NPV 95.5%)." \
        in text
    assert "Of 100 patients like this, 30 have bone metastases; the bone scan finds 27 of them and misses 3." in text
    assert "not a published figure" in text
    assert "Counts: true positives (circles) 27; false negatives (crosses) 3; false positives (triangles) 6; " \
           "true negatives (squares) 64." in text


def test_a_row_without_a_verified_specificity_says_so_and_invents_nothing(table):
    text = tae.result_text(by_label(table, "MRI | Liu et al. 2011 | breast cancer"), 30)
    assert "Post-test probabilities cannot be worked out for this row" in text
    assert "PPV" not in text and "NPV" not in text and "%)" not in text.split("\n", 1)[1]
    assert "about 97 in every 100 patients who had bone metastases" in text


def test_the_picture_has_100_shapes_one_shape_per_outcome_and_a_labelled_legend():
    freq = ta.natural_frequencies(0.90, 0.91, 0.30)
    svg = tae.icon_array_svg(freq)
    assert svg.startswith("<svg") and 'role="img"' in svg and "aria-label=" in svg
    grid = {c.key: len(re.findall(f'data-outcome="{c.key}"', svg)) - 1 for c in tae.CATEGORIES}  # minus the legend
    assert grid == {"true positive": 27, "false negative": 3, "false positive": 6, "true negative": 64}
    tags = {c.key: re.search(f'<(\\w+) data-outcome="{c.key}"', svg).group(1) for c in tae.CATEGORIES}
    assert tags == {"true positive": "circle", "false negative": "polygon", "false positive": "polygon",
                    "true negative": "rect"}
    for c in tae.CATEGORIES:
        assert f'fill="{c.colour}"' in svg
        assert f"{c.key.capitalize()}: {freq.as_dict()[c.key]}" in svg
    assert "Each shape is one person" in svg


def test_the_four_outcomes_differ_in_shape_and_in_okabe_ito_colour():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert len({c.shape for c in tae.CATEGORIES}) == 4
    assert len({c.colour for c in tae.CATEGORIES}) == 4 and {c.colour for c in tae.CATEGORIES} <= okabe_ito


def test_the_aria_label_repeats_the_text_summary():
    freq = ta.natural_frequencies(0.93, 0.99, 0.30)
    svg = tae.icon_array_svg(freq)
    assert "Counts: true positives (circles) 28; false negatives (crosses) 2; false positives (triangles) 1" in svg


# ---------------------------------------------------------------------------------------------- the widget


def test_widget_has_labelled_controls_and_a_status_region(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.row.description == "Imaging test and source:"
    assert [label for label, _ in explorer.row.options] == [r.label for r in table]
    assert explorer.pretest.description == "Pre-test probability of bone metastases (%, 1 to 99):"
    assert (explorer.pretest.min, explorer.pretest.max, explorer.pretest.value) == (1, 99, 30)
    assert 'role="status"' in explorer.output.value and 'aria-live="polite"' in explorer.output.value


def test_changing_the_pretest_probability_updates_the_words_and_the_picture(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    explorer.choose("Bone scan | Zamanian et al. 2023 | breast cancer")
    assert "81.1%" in explorer.text
    explorer.pretest.value = 5
    assert "After a POSITIVE result the chance of bone metastases is 34.5%" in explorer.text
    assert "34.5%" in explorer.output.value
    # below 10% the picture counts 1,000 people, so the 5 missed cases are not rounded away (review E9)
    assert explorer.picture.value.count('data-outcome="false positive"') == 86 + 1  # 86 people + the legend
    assert explorer.picture.value.count('data-outcome="false negative"') == 5 + 1
    assert "As 1,000 people:" in explorer.text and "misses 5" in explorer.text


def test_a_missed_case_that_rounds_to_zero_is_named_in_words(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    explorer.choose("Bone scan | Zamanian et al. 2023 | breast cancer")
    explorer.pretest.value = 30
    assert "The counts are rounded to whole people out of 100" in explorer.text
    assert "only because of rounding" not in explorer.text


def test_typing_in_the_number_box_updates_the_words(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    assert explorer.pretest_box.description == "Pre-test probability of bone metastases (%, 1 to 99):"
    explorer.choose("CT | Yang et al. 2011 | all cancers")
    explorer.pretest_box.value = 20
    assert explorer.pretest.value == 20
    assert "After a POSITIVE result the chance of bone metastases is 77.8%" in explorer.text
    explorer.pretest.value = 60
    assert explorer.pretest_box.value == 60


def test_choosing_an_unverified_row_hides_the_picture_and_says_why(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    explorer.choose("Bone scan | Liu et al. 2011 | breast cancer")
    assert explorer.picture.value == ""
    assert "cannot be worked out" in explorer.output.value
    explorer.choose("FDG-PET/CT | Rong et al. 2013 | breast cancer")
    assert explorer.picture.value.startswith("<svg")
    assert "97.6%" in explorer.text


def test_the_same_test_from_two_meta_analyses_gives_two_answers(table):
    explorer = tae.ImagingAccuracyExplorer(table, pretest_percent=30)
    explorer.choose("Bone scan | Yang et al. 2011 | all cancers")
    yang = explorer.text
    explorer.choose("Bone scan | Rong et al. 2013 | breast cancer")
    # PPV by hand: Yang 0.86 x 0.3 / (0.258 + 0.186 x 0.7) = 0.258 / 0.3882 = 66.5%;
    # Rong 0.81 x 0.3 / (0.243 + 0.04 x 0.7) = 0.243 / 0.271 = 89.7%
    assert "66.5%" in yang and "89.7%" in explorer.text


def test_an_unknown_row_label_is_refused(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    with pytest.raises(ValueError, match="'X-ray | Nobody 2099 | dogs' is not in the list"):
        explorer.choose("X-ray | Nobody 2099 | dogs")


def test_an_empty_table_is_refused():
    with pytest.raises(ValueError, match="needs at least one row"):
        tae.ImagingAccuracyExplorer([])


def test_an_update_is_fast(table):
    explorer = tae.ImagingAccuracyExplorer(table)
    start = time.perf_counter()
    for value in range(1, 100, 4):
        explorer.pretest.value = value
    per_update = (time.perf_counter() - start) / len(range(1, 100, 4))
    assert per_update < 0.1, f"an update took {per_update * 1000:.0f} ms"
