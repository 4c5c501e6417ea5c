"""The remodelling model's parameter table (bonemets.content.remodelling_parameters): the course's file, and bad
files named precisely."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bonemets.content import remodelling_parameters as rp
from bonemets.content.references import load_registry

HEADER = list(rp.COLUMNS)


@pytest.fixture(scope="module")
def ayati():
    return rp.course_parameter_sets()["ayati2010"]


@pytest.fixture(scope="module")
def komarova():
    return rp.course_parameter_sets()["komarova2003"]


# --- the parameter table -------------------------------------------------------------------------------------

def test_the_course_table_holds_both_published_sets_with_their_sources():
    sets = rp.load_parameter_sets()
    assert set(sets) == {"komarova2003", "ayati2010"}
    assert sets["komarova2003"].tumour is None
    assert sets["ayati2010"].tumour is not None
    registry = load_registry()
    with rp.parameters_path().open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["source"] for row in rows} <= set(registry)
    assert all(row["note"].strip() for row in rows), "every parameter names where in the paper it comes from"


def test_parameter_values_are_the_published_ones(komarova, ayati):
    # Komarova 2003 Fig. 2 (BioModels BIOMD0000000148) and Ayati 2010 (BioModels BIOMD0000000402).
    assert (komarova.alpha1, komarova.alpha2, komarova.beta1, komarova.beta2) == (3, 4, 0.2, 0.02)
    assert (komarova.g11, komarova.g12, komarova.g21, komarova.g22) == (0.5, 1, -0.5, 0)
    assert (komarova.k1, komarova.k2) == (0.24, 0.0017)
    assert (ayati.g11, ayati.k1, ayati.k2) == (1.1, 0.0748, 0.0006395)
    tumour = ayati.tumour
    assert (tumour.r11, tumour.r12, tumour.r21, tumour.r22) == (0.005, 0, 0, 0.2)
    assert (tumour.tumour_growth, tumour.tumour_max, tumour.tumour_start) == (0.005, 100, 1)


# --- malformed parameter tables ---------------------------------------------------------------------------------

def _rows(set_name="demo", skip=(), changes=None):
    values = {"alpha1": "3", "alpha2": "4", "beta1": "0.2", "beta2": "0.02", "g11": "0.5", "g12": "1",
              "g21": "-0.5", "g22": "0", "k1": "0.24", "k2": "0.0017", "extra_osteoclasts": "10"}
    values.update(changes or {})
    return [[set_name, name, value, "unit", "meaning", "komarova2003", "Fig. 2"]
            for name, value in values.items() if name not in skip]


def write_table(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def load(path):
    return rp.load_parameter_sets(path, known_sources={"komarova2003"})


def test_a_good_table_loads(tmp_path):
    sets = load(write_table(tmp_path / "p.csv", HEADER, _rows()))
    assert sets["demo"].k1 == 0.24 and sets["demo"].tumour is None


def test_a_missing_column_is_named(tmp_path):
    path = write_table(tmp_path / "bad.csv", [c for c in HEADER if c != "note"], [r[:-1] for r in _rows()])
    with pytest.raises(ValueError, match=r"bad\.csv: missing column\(s\) \['note'\]"):
        load(path)


def test_a_value_that_is_not_a_number_is_named_with_its_line(tmp_path):
    path = write_table(tmp_path / "bad.csv", HEADER, _rows(changes={"k1": "about 0.2"}))
    with pytest.raises(ValueError, match=r"bad\.csv: line 10: value: 'about 0.2' is not a number"):
        load(path)


def test_an_unknown_source_is_named(tmp_path):
    rows = _rows()
    rows[2][5] = "nobody2099"
    with pytest.raises(ValueError, match=r"bad\.csv: line 4: source: unknown source 'nobody2099'"):
        load(write_table(tmp_path / "bad.csv", HEADER, rows))


def test_an_unknown_parameter_name_is_named(tmp_path):
    rows = _rows() + [["demo", "gamma9", "1", "u", "m", "komarova2003", "n"]]
    with pytest.raises(ValueError, match=r"bad\.csv: line 13: name: unknown parameter 'gamma9'"):
        load(write_table(tmp_path / "bad.csv", HEADER, rows))


def test_a_missing_parameter_is_named(tmp_path):
    with pytest.raises(ValueError, match="bad.csv: parameter set 'demo' lacks k2"):
        load(write_table(tmp_path / "bad.csv", HEADER, _rows(skip=("k2",))))


def test_a_parameter_given_twice_is_refused(tmp_path):
    rows = _rows() + [_rows()[0]]
    with pytest.raises(ValueError, match=r"bad\.csv: line 13: name: 'alpha1' is given twice for parameter set 'demo'"):
        load(write_table(tmp_path / "bad.csv", HEADER, rows))


def test_an_impossible_rate_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"bad\.csv: line 4: value: 'beta1' must be greater than 0; found -0.2"):
        load(write_table(tmp_path / "bad.csv", HEADER, _rows(changes={"beta1": "-0.2"})))


def test_half_a_set_of_tumour_terms_is_refused(tmp_path):
    rows = _rows() + [["demo", "r11", "0.005", "none", "m", "komarova2003", "n"]]
    with pytest.raises(ValueError, match="has tumour terms but lacks r12"):
        load(write_table(tmp_path / "bad.csv", HEADER, rows))


def test_an_empty_cell_is_named(tmp_path):
    rows = _rows()
    rows[0][4] = ""
    with pytest.raises(ValueError, match="bad.csv: line 2: meaning: is empty"):
        load(write_table(tmp_path / "bad.csv", HEADER, rows))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="none.csv: the parameter table is missing"):
        load(tmp_path / "none.csv")


def test_the_course_accessor_reads_the_file_once():
    assert rp.course_parameter_sets() is rp.course_parameter_sets()
