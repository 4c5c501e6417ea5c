"""Plain-language checks for patient teaching (bonemets.content.plain_language)."""

from __future__ import annotations

import pytest

from bonemets.content import plain_language as pl

DRAFT = ("Zoledronic acid is an intravenous bisphosphonate that reduces skeletal-related events from your bone "
         "metastases, and you should report osteonecrosis of the jaw.")
PLAIN = ("The cancer has spread to some of your bones. A drip every few weeks helps keep your bones strong. "
         "Call us at once if your back hurts in a new way.")


def test_the_jargon_list_has_a_plain_alternative_for_every_term():
    terms = pl.load_terms()
    assert len(terms) >= 30 and all(t.plain for t in terms)
    assert {"bone metastases", "bisphosphonate", "hypercalcaemia", "opioid"} <= {t.term for t in terms}


def test_jargon_is_found_as_whole_words_longest_first_once():
    found = [t.term for t in pl.jargon_in(DRAFT)]
    assert found == ["zoledronic acid", "intravenous", "bisphosphonate", "bone metastases",
                     "osteonecrosis of the jaw"]
    assert "metastases" not in found and "osteonecrosis" not in found
    assert pl.jargon_in("Metastatic disease.")[0].plain == "that has spread"  # any case
    assert pl.jargon_in("a renaldo and a non-opioid") == ()  # not inside other words


def test_a_jargon_heavy_draft_reads_above_the_patient_range_and_the_plain_version_within_or_below():
    hard, easy = pl.assess_explanation(DRAFT), pl.assess_explanation(PLAIN)
    assert hard.grade > pl.PATIENT_TARGET[1] and not hard.on_target
    assert easy.grade <= pl.PATIENT_TARGET[1] and easy.jargon == () and easy.on_target
    assert "Too hard to read" in hard.summary() and "'bisphosphonate' (try:" in hard.summary()
    assert "No words from the course's jargon list" in easy.summary() and "teach-back" in easy.summary()


def test_reading_grade_matches_textstat_flesch_kincaid():
    import textstat

    assert pl.reading_grade(PLAIN) == round(textstat.flesch_kincaid_grade(PLAIN), 1)


@pytest.mark.parametrize(("text", "message"), [
    ("Too short.", "Write at least 15 words"),
    (None, "must be text"),
    ("word " * 700, "Keep it to 600 words or fewer"),
])
def test_text_that_cannot_be_measured_is_refused_with_what_is_needed(text, message):
    with pytest.raises(ValueError, match=message):
        pl.assess_explanation(text)


def test_a_repeated_term_in_the_list_is_named(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("term,plain,note\nlesion,area,\nLesion,spot,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="terms.csv: line 3: term: the term 'lesion' is used twice"):
        pl.load_terms(path)


def test_a_term_without_a_plain_alternative_is_named(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("term,plain,note\nlesion,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="terms.csv: line 2: plain: is empty"):
        pl.load_terms(path)


def test_visible_text_drops_head_style_and_footer_and_ends_list_items_as_sentences():
    html = ("<html><head><title>T</title><style>p{}</style></head><body><h1>Title</h1><ul><li>One</li>"
            "<li>Two.</li></ul><footer>Sources: x</footer></body></html>")
    assert pl.visible_text(html) == "Title. One. Two."
