"""Course notebooks: metadata, citations, and the generated reference list at the end.

`bonemets notebooks refresh` rewrites each notebook's "## References" cell from the
citations in its prose and the references of its self-check items.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from bonemets.content.bank import load_bank
from bonemets.content.references import REFERENCES_HEADING, cited_keys, render_reference_list
from bonemets.paths import notebooks_dir


def course_notebooks() -> list[Path]:
    return sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def module_of(nb: nbformat.NotebookNode) -> str | None:
    return nb.metadata.get("bonemets", {}).get("module")


def _prose(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells
            if c.cell_type == "markdown" and not c.source.startswith(REFERENCES_HEADING)]


def reference_keys(nb: nbformat.NotebookNode) -> list[str]:
    """Keys cited in the prose, then those of the module's self-check items, first use first."""
    keys = cited_keys(_prose(nb))
    module = module_of(nb)
    if module and module != "00":
        for item in load_bank(module).for_use("self_check"):
            keys += [k for k in item.references if k not in keys]
    return keys


def expected_references_cell(nb: nbformat.NotebookNode) -> str:
    return render_reference_list(reference_keys(nb))


def references_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith(REFERENCES_HEADING):
            return cell
    return None


def refresh(path: Path) -> bool:
    """Regenerate the references cell of one notebook; True when the file changed."""
    nb = nbformat.read(path, as_version=4)
    keys = reference_keys(nb)
    if not keys:
        return False
    text = render_reference_list(keys)
    cell = references_cell(nb)
    if cell is None:
        raise ValueError(f"{path.name}: add a markdown cell starting with '{REFERENCES_HEADING}'")
    if cell.source == text:
        return False
    cell.source = text
    nbformat.write(nb, path)
    return True
