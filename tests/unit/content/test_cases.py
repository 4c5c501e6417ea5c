"""The unfolding case file: valid, fictional, every rule sourced; errors name the file and the field."""

import pytest
import yaml

from bonemets.content.cases import (
    Reading,
    Series,
    lab_series,
    load_case,
    parse_case,
    record_up_to,
    trend_words,
)
from bonemets.errors import ContentError
from bonemets.paths import assets_dir

CASE_FILE = assets_dir() / "cases" / "case_01.yaml"


def raw_case() -> dict:
    return yaml.safe_load(CASE_FILE.read_text())


def test_the_course_case_is_fictional_has_five_phases_and_every_rule_is_sourced_and_used():
    case = load_case("case_01")  # checks every source key against assets/references.yaml
    assert case.fictional and case.patient.name.endswith("(fictional)")
    assert [p.number for p in case.phases] == [1, 2, 3, 4, 5]
    assert {r for p in case.phases for r in p.rules} == {r.id for r in case.rules}


def test_the_record_unfolds_phase_by_phase_in_time_order():
    case = load_case()
    first, third = record_up_to(case, 1), record_up_to(case, 3)
    assert not first.imaging and third.imaging[0].study == "MRI of the whole spine"
    assert [n.time for n in third.notes] == sorted((n.time for n in third.notes),
                                                   key=lambda t: (int(t.split()[1]), t.split()[2]))
    calcium = next(s for s in lab_series(third.labs) if s.name == "Corrected calcium")
    assert [r.value for r in calcium.readings] == [9.8, 13.4, 13.1, 12.2, 11.6, 10.9]
    with pytest.raises(ValueError, match="there is no phase 6"):
        record_up_to(case, 6)


def test_the_case_values_agree_with_the_rules_they_illustrate():
    """Corrected calcium = measured + 0.8 x (4.0 - albumin), and the day-35 creatinine gives the 40-49 mL/min band."""
    from bonemets.clinical.renal import assess_renal_dose

    case = load_case()
    day7 = {lab.test: lab.value for lab in case.phase(3).labs if lab.time == "Day 7 07:00"}
    assert day7["Corrected calcium"] == pytest.approx(day7["Calcium (measured)"] + 0.8 * (4.0 - day7["Albumin"]),
                                                      abs=0.05)
    creatinine = next(lab.value for lab in case.phase(4).labs if lab.test == "Creatinine")
    patient = case.patient
    result = assess_renal_dose(patient.age, patient.weight_kg, patient.sex, creatinine, "mg/dL")
    assert result.band.dose_mg == 3.3


@pytest.mark.parametrize("series, words", [
    (Series(name="Calcium", unit="mg/dL", readings=[Reading(time="Day 7 07:00", value=13.4),
                                                     Reading(time="Day 8 07:00", value=12.2),
                                                     Reading(time="Day 9 07:00", value=10.9)]),
     "Calcium: 13.4 mg/dL at Day 7 07:00, then 12.2 mg/dL at Day 8 07:00, then 10.9 mg/dL at Day 9 07:00. "
     "From first to last, down by 2.5 mg/dL."),
    (Series(name="Power", readings=[Reading(time="Day 1 08:00", value=4), Reading(time="Day 2 08:00", value=4)]),
     "Power: 4 at Day 1 08:00, then 4 at Day 2 08:00. From first to last, about the same."),
    (Series(name="Calcium", unit="mg/dL", readings=[Reading(time="Day 1 08:00", value=9.8),
                                                     Reading(time="Day 7 08:00", value=13.4),
                                                     Reading(time="Day 9 08:00", value=10.9)]),
     "It was highest, 13.4 mg/dL, at Day 7 08:00, and has fallen by 2.5 mg/dL since."),
])
def test_trends_are_read_out_in_words(series, words):
    assert words in trend_words(series)


def case_text(path: list, value) -> str:
    raw = raw_case()
    target = raw
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return yaml.safe_dump(raw)


@pytest.mark.parametrize("path, value, message", [
    (["fictional"], False, "field 'fictional'"),
    (["patient", "name"], "Ms Real Person", "field 'patient.name'"),
    (["phases", 1, "vitals", 0, "heart_rate"], 400, "field 'phases.1.vitals.0': heart_rate 400 is outside 20-250"),
    (["phases", 0, "notes", 0, "time"], "Monday 10:20", "field 'phases.0.notes.0.time': time 'Monday 10:20'"),
    (["phases", 2, "rules"], ["no-such-rule"], "field 'phases.2.rules': unknown rule 'no-such-rule'"),
    (["rules", 0, "sources"], ["nobody1999"], "field 'rules.0.sources': unknown reference 'nobody1999'"),
    (["phases", 1, "number"], 7, "field 'phases': numbers must run 1, 2, 3"),
    (["phases", 2, "labs", 0, "value"], float("nan"), "field 'phases.2.labs.0.value'"),
])
def test_errors_name_the_file_and_the_field(path, value, message):
    with pytest.raises(ContentError) as err:
        parse_case(case_text(path, value), "cases/case_01.yaml", known_sources={
            key for rule in raw_case()["rules"] for key in rule["sources"]})
    assert str(err.value).startswith("cases/case_01.yaml: ") and message in str(err.value)


def test_a_rule_no_phase_uses_is_refused():
    raw = raw_case()
    raw["rules"].append({"id": "orphan-rule", "text": "A rule that no phase of the case relies on at all.",
                         "sources": ["fallon2018"]})
    with pytest.raises(ContentError, match="rule 'orphan-rule' is not used by any phase"):
        parse_case(yaml.safe_dump(raw), "cases/case_01.yaml")


def test_every_value_in_the_case_studys_trend_items_comes_from_the_case_file():
    """The bank's trend tables copy the case file; a value typed differently in one of them fails here."""
    from bonemets.content.bank import load_bank

    case = load_case()
    values = {v for p in case.phases for v in
              [*(x.value for x in p.labs), *(r.value for s in p.charts for r in s.readings),
               *(getattr(v, f) for v in p.vitals for f in ("heart_rate", "systolic", "pain"))]}
    trends = [item for item in load_bank("10").items if item.type == "trend"]
    assert len(trends) >= 3
    for item in trends:
        for series in item.table.series:
            for value in filter(None, series.values):
                assert float(value) in values, f"{item.id}: {series.name} {value} is not in cases/case_01.yaml"
