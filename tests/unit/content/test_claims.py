"""The claim checker's claims: the course file is valid and balanced, errors name file, claim and field."""

import pytest
import yaml

from bonemets.content.claims import CLASSES, judge, load_claims, parse_claims
from bonemets.errors import ContentError

GOOD = {"id": "x-claim", "claim": "A claim of the kind patients bring.", "seen_in": "a leaflet",
        "verdict": "supported", "evidence": "The evidence in plain words, long enough to be useful here.",
        "accurate": "How to say it accurately and briefly.", "sources": ["gong2018"]}


def text_of(*claims) -> str:
    return yaml.safe_dump({"claims": list(claims)})


def test_the_course_claims_load_and_every_class_is_represented():
    claims = load_claims()
    assert len(claims) >= 10
    assert {c.verdict for c in claims} == set(CLASSES)


def test_judge_says_right_or_not_and_always_gives_the_evidence():
    claim = parse_claims(text_of(GOOD), "claims.yaml")[0]
    assert judge(claim, "supported").startswith("Right: supported as stated.")
    wrong = judge(claim, "outdated")
    assert wrong.startswith("Not quite: you chose 'Outdated', but the evidence says 'Supported as stated'.")
    assert "The evidence: The evidence in plain words" in wrong and "Said accurately: How to say" in wrong
    with pytest.raises(ValueError, match="choose one of supported, population, outdated, unsupported"):
        judge(claim, "maybe")


@pytest.mark.parametrize("changes, message", [
    ({"verdict": "true"}, "claim 'x-claim' field 'verdict': 'true' is not one of supported"),
    ({"sources": ["nobody1999"]}, "claim 'x-claim' field 'sources': unknown reference 'nobody1999'"),
    ({"evidence": "short"}, "claim 'x-claim' field 'evidence'"),
    ({"accurate": None}, "claim 'x-claim' field 'accurate': Input should be a valid string"),
])
def test_errors_name_the_file_the_claim_and_the_field(changes, message):
    with pytest.raises(ContentError) as err:
        parse_claims(text_of({**GOOD, **changes}), "claims.yaml", known_sources={"gong2018"})
    assert err.value.args[0].startswith("claims.yaml: ") and message in str(err.value)


def test_a_repeated_id_and_an_empty_file_are_refused():
    with pytest.raises(ContentError, match="field 'id': the id is used twice"):
        parse_claims(text_of(GOOD, GOOD), "claims.yaml")
    with pytest.raises(ContentError, match="non-empty list under 'claims'"):
        parse_claims("claims: []", "claims.yaml")
