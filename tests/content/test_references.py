"""The reference registry: entries are locatable, every citation resolves, none is unused."""

import nbformat
import pytest

from bonemets.content.bank import all_banks
from bonemets.content.notebooks import course_notebooks, expected_references_cell, reference_keys, references_cell
from bonemets.content.references import (
    Reference,
    UnknownReference,
    load_registry,
    render_reference_list,
    short_citation,
)
from bonemets.instructor.item_analysis_report import REFERENCE_KEYS


def test_every_entry_has_an_identifier_and_a_level_of_evidence():
    registry = load_registry()
    assert registry
    for key, ref in registry.items():
        assert ref.doi or ref.pmid or ref.url, key
        assert ref.evidence, key


def test_an_entry_without_doi_pmid_or_url_is_rejected():
    with pytest.raises(ValueError, match="needs a doi, a pmid or a stable https url"):
        Reference(citation="Somebody A. Some journal 2020;1:1-2.", evidence="Level IV")


def test_citing_an_unknown_key_fails_with_its_name():
    with pytest.raises(UnknownReference, match="unknown reference 'nobody1999'"):
        render_reference_list(["nobody1999"])


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.name)
def test_each_notebook_ends_with_its_generated_numbered_reference_list(path):
    nb = nbformat.read(path, as_version=4)
    keys = reference_keys(nb)  # raises UnknownReference on an unknown citation
    if not keys:
        return
    cell = references_cell(nb)
    assert cell is not None, f"{path.name} has no '## References' cell"
    assert cell.source == expected_references_cell(nb), (
        f"{path.name}: reference list is stale; run `bonemets notebooks refresh`")
    assert cell.source.count("\n1. ") == 1


def test_no_reference_goes_unused():
    used = set()
    for path in course_notebooks():
        used |= set(reference_keys(nbformat.read(path, as_version=4)))
    for bank in all_banks():
        for item in bank.items:
            used |= set(item.references)
    used |= set(REFERENCE_KEYS)  # the sources of the item analysis thresholds, cited in its report
    assert set(load_registry()) - used == set()


def test_short_citations():
    assert short_citation("zari2025") == "Zari et al. 2025"
    assert short_citation("coleman2006") == "Coleman 2006"
    assert short_citation("mirels1989") == "Mirels 1989"
