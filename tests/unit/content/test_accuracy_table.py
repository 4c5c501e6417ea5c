"""The imaging-accuracy table (bonemets.content.imaging_accuracy): the course's file, and bad files named precisely."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bonemets.content import imaging_accuracy as cia
from bonemets.content.references import load_registry

HEADER = list(cia.COLUMNS)
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
    return cia.load_accuracy_table()


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


# ---------------------------------------------------------------------------------------------- malformed files


def test_a_good_temporary_file_loads(tmp_path):
    loaded = cia.load_accuracy_table(write(tmp_path, row(), row(modality="MRI", specificity="")), known_sources=KNOWN)
    assert [r.modality for r in loaded] == ["CT", "MRI"]
    assert loaded[1].specificity_percent is None and loaded[0].studies == 145 and loaded[0].patients is None


@pytest.mark.parametrize("changes, words", [
    ({"sensitivity": "0.93"}, "bad.csv: line 2: sensitivity: 0.93 looks like a proportion; write percentages"),
    ({"specificity": "0.99"}, "bad.csv: line 2: specificity: 0.99 looks like a proportion"),
    ({"sensitivity": "high"}, "bad.csv: line 2: sensitivity: 'high' is not a number"),
    ({"sensitivity": "120"}, "bad.csv: line 2: sensitivity: 120 must be a percentage above 0 and up to 100"),
    ({"specificity": "0"}, "bad.csv: line 2: specificity: 0 must be a percentage above 0 and up to 100"),
    ({"sensitivity": ""}, "bad.csv: line 2: sensitivity: is empty"),
    ({"source": "smith2099"}, "bad.csv: line 2: source: unknown source 'smith2099'"),
    ({"population": " "}, "bad.csv: line 2: population: is empty"),
    ({"note": ""}, "bad.csv: line 2: note: is empty"),
    ({"studies": "many"}, "bad.csv: line 2: studies: 'many' must be a whole number of 1 or more"),
    ({"patients": "0"}, "bad.csv: line 2: patients: '0' must be a whole number of 1 or more"),
])
def test_a_bad_cell_is_named_with_file_line_and_problem(tmp_path, changes, words):
    with pytest.raises(ValueError) as error:
        cia.load_accuracy_table(write(tmp_path, row(), row(modality="MRI", **changes)), known_sources=KNOWN)
    assert words.replace("line 2", "line 3") in str(error.value)


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    path = write(tmp_path, row(sensitivity="0.9"), row(modality="MRI", source="nobody"))
    with pytest.raises(ValueError) as error:
        cia.load_accuracy_table(path, known_sources=KNOWN)
    lines = str(error.value).splitlines()
    assert lines[0].startswith("bad.csv: line 2: sensitivity: 0.9") and lines[1].startswith("bad.csv: line 3:")


def test_a_repeated_row_is_named(tmp_path):
    with pytest.raises(ValueError, match="bad.csv: line 3: modality: CT from yang2011 repeats line 2"):
        cia.load_accuracy_table(write(tmp_path, row(), row()), known_sources=KNOWN)


def test_missing_and_unexpected_columns_are_named(tmp_path):
    with pytest.raises(ValueError, match=r"bad.csv: missing column\(s\) \['specificity'\]"):
        cia.load_accuracy_table(write(tmp_path, row(), header=[c for c in HEADER if c != "specificity"]),
                                known_sources=KNOWN)
    with pytest.raises(ValueError, match=r"bad.csv: unexpected column\(s\) \['ppv'\]"):
        cia.load_accuracy_table(write(tmp_path, row(), header=[*HEADER, "ppv"]), known_sources=KNOWN)


def test_a_row_with_too_many_or_too_few_cells_is_named(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(",".join(HEADER) + "\n" + "yang2011,Yang et al. 2011,all cancers,CT\n"
                    + "yang2011,Y,all,MRI,per patient,90,95,1,,note,EXTRA\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        cia.load_accuracy_table(path, known_sources=KNOWN)
    assert "ragged.csv: line 2: the row has 4 values instead of the header's 10" in str(error.value)
    assert "ragged.csv: line 3: the row has more values than the header's 10 columns" in str(error.value)


def test_an_empty_or_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="empty.csv: the table has no rows"):
        cia.load_accuracy_table(write(tmp_path, name="empty.csv"), known_sources=KNOWN)
    with pytest.raises(ValueError, match="missing.csv: the accuracy table is missing"):
        cia.load_accuracy_table(tmp_path / "missing.csv", known_sources=KNOWN)


def test_the_default_check_uses_the_reference_registry(tmp_path):
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        cia.load_accuracy_table(write(tmp_path, row(source="notakey")))
