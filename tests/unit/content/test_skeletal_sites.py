"""The skeletal-sites table (bonemets.content.skeletal_sites): the course's file, and bad files named precisely.

Figures checked against Zari et al., World J Clin Oncol 2025;16(9):110087 (Table 2, luminal A
column, n = 82) and Yang et al., Chin J Cancer 2016 (abstract: 3,223 patients; thoracic spine
56.0%, lumbar spine 47.1%, ribs 32.6%, pelvis 23.2%).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bonemets.content import skeletal_sites as se
from bonemets.content.references import load_registry

HEADER = list(se.COLUMNS)
FREQ = ["Pelvis", "appendicular", "frequency", "52", "43", "82", "Site of the first bone metastasis",
        "Women with luminal A stage IV breast cancer", "zari2025", "Small cohort."]
MEANING = ["Pelvis", "appendicular", "meaning", "", "", "", "General problems of bone metastases.", "",
           "coleman2006", ""]
SOURCES = {"zari2025", "coleman2006", "yang2016"}


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def replace(row: list[str], column: str, value: str) -> list[str]:
    changed = list(row)
    changed[HEADER.index(column)] = value
    return changed


@pytest.fixture(scope="module")
def regions():
    return se.load_sites()


def figure(regions, region: str, source: str) -> se.Frequency:
    matches = [f for f in regions[region].frequencies if f.source == source]
    assert len(matches) == 1, (region, source)
    return matches[0]


# The data file


def test_the_course_table_loads_with_the_axial_skeleton_first(regions):
    names = list(regions)
    # Anatomically the pelvis (the hip bones) belongs to the appendicular skeleton, with the limbs.
    assert names[:7] == ["Skull", "Cervical spine", "Thoracic spine", "Lumbar spine", "Sacrum", "Ribs", "Sternum"]
    assert all(regions[n].skeleton == "axial" for n in names[:7])
    assert all(regions[n].skeleton == "appendicular" for n in names[7:])
    assert names[7] == "Pelvis"


@pytest.mark.parametrize("region, value, count", [
    ("Pelvis", 52, 43), ("Lumbar spine", 46, 38), ("Thoracic spine", 44, 36), ("Ribs", 30, 24),
    ("Femoral head and neck", 26, 21), ("Femoral shaft and distal femur", 25, 20), ("Sacrum", 22, 18),
    ("Humerus", 17, 14), ("Cervical spine", 15, 12), ("Sternum", 8.5, 7), ("Skull", 3.7, 3),
    ("Scapula and clavicle", 3.7, 3),
])
def test_zari_2025_luminal_a_figures(regions, region, value, count):
    row = figure(regions, region, "zari2025")
    assert (row.value, row.count, row.total) == (value, count, 82)


@pytest.mark.parametrize("region, value", [
    ("Thoracic spine", 56.0), ("Lumbar spine", 47.1), ("Ribs", 32.6), ("Pelvis", 23.2),
])
def test_yang_2016_survey_figures(regions, region, value):
    row = figure(regions, region, "yang2016")
    assert (row.value, row.count, row.total) == (value, None, 3223)
    assert "any cancer" in row.population and "not a breast cancer figure" in row.note


def test_every_source_is_in_the_registry_and_every_region_says_what_it_means(regions):
    registry = load_registry()
    for region in regions.values():
        assert region.meanings, region.name
        for item in [*region.frequencies, *region.meanings]:
            assert item.source in registry


def test_every_figure_says_who_was_studied_and_its_limits(regions):
    for region in regions.values():
        for row in region.frequencies:
            assert len(row.population.split()) >= 5
            assert row.note, f"{region.name}: a figure needs its limits in 'note'"


def test_the_cohort_percentages_add_to_more_than_100_as_the_note_says(regions):
    total = sum(f.value for r in regions.values() for f in r.frequencies if f.source == "zari2025")
    assert total > 100
    assert "more than 100%" in figure(regions, "Pelvis", "zari2025").note


# Malformed files


def test_a_missing_column_is_named(tmp_path):
    header = [c for c in HEADER if c != "population"]
    row = [v for c, v in zip(HEADER, FREQ, strict=True) if c != "population"]
    path = write_csv(tmp_path / "bad.csv", header, row)
    with pytest.raises(ValueError, match=r"bad\.csv: missing column\(s\) \['population'\]"):
        se.load_sites(path, known_sources=SOURCES)


def test_an_unknown_source_is_named_with_its_line(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, MEANING, replace(FREQ, "source", "smith2099"))
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: source: unknown source 'smith2099'"):
        se.load_sites(path, known_sources=SOURCES)


def test_a_value_that_is_not_a_number_is_named(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, replace(FREQ, "value", "about half"), MEANING)
    with pytest.raises(ValueError, match=r"bad\.csv: line 2: value: 'about half' is not a number"):
        se.load_sites(path, known_sources=SOURCES)


def test_a_percentage_that_does_not_match_its_count_is_caught(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, replace(FREQ, "value", "62"), MEANING)
    with pytest.raises(ValueError, match=r"bad\.csv: line 2: value: 62% does not match 43 of 82 \(52\.4%\)"):
        se.load_sites(path, known_sources=SOURCES)


@pytest.mark.parametrize("column, value, words", [
    ("total", "", "line 2: total: '' must be the number of patients studied"),
    ("count", "90", "line 2: count: '90' must be a whole number from 0 to the total"),
    ("value", "152", "line 2: value: 152 is not a percentage between 0 and 100"),
    ("population", "", "line 2: population: is empty; say who was studied"),
    ("kind", "rumour", "line 2: kind: 'rumour' must be one of"),
    ("skeleton", "outer", "line 2: skeleton: 'outer' must be one of"),
])
def test_bad_cells_are_named(tmp_path, column, value, words):
    path = write_csv(tmp_path / "bad.csv", HEADER, replace(FREQ, column, value), MEANING)
    with pytest.raises(ValueError, match=words):
        se.load_sites(path, known_sources=SOURCES)


def test_a_region_without_a_meaning_row_is_refused(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, FREQ)
    with pytest.raises(ValueError, match="region 'Pelvis' has no 'meaning' row"):
        se.load_sites(path, known_sources=SOURCES)


def test_a_region_cannot_change_skeleton(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, FREQ, replace(MEANING, "skeleton", "axial"))
    with pytest.raises(ValueError, match="line 3: skeleton: region 'Pelvis' is 'axial' here but 'appendicular'"):
        se.load_sites(path, known_sources=SOURCES)


def test_a_second_figure_from_the_same_study_is_refused(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, FREQ, FREQ, MEANING)
    with pytest.raises(ValueError, match="line 3: source: a second frequency for 'Pelvis' from 'zari2025'"):
        se.load_sites(path, known_sources=SOURCES)


def test_a_meaning_row_with_a_number_is_refused(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, FREQ, replace(MEANING, "value", "40"))
    with pytest.raises(ValueError, match="line 3: value: a 'meaning' row has no value"):
        se.load_sites(path, known_sources=SOURCES)


def test_an_unquoted_comma_is_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(MEANING) + ",extra\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: the row has more values than the header's 10 columns"):
        se.load_sites(path, known_sources=SOURCES)


def test_a_missing_or_empty_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="missing.csv: the skeletal sites table is missing"):
        se.load_sites(tmp_path / "missing.csv", known_sources=SOURCES)
    with pytest.raises(ValueError, match="empty.csv: the table has no rows"):
        se.load_sites(write_csv(tmp_path / "empty.csv", HEADER), known_sources=SOURCES)


def test_the_default_check_uses_the_reference_registry(tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER, replace(FREQ, "source", "notakey"), MEANING)
    with pytest.raises(ValueError, match="unknown source 'notakey'"):
        se.load_sites(path)


def test_the_course_accessor_reads_the_file_once():
    assert se.course_sites() is se.course_sites()
