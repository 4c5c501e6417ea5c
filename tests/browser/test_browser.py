"""The course as a student meets it: real JupyterLab in headless Chromium.

The fixtures (tests/browser/lab_server.py) start JupyterLab on a temporary copy of the
course, so running cells here never writes outputs into the committed notebooks.
Waits are explicit and generous (a 2-core machine needs 20-40 s for the first load);
there are no sleeps and no retries.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from lab_server import OUTPUT_DIR, REPO_ROOT, LabServer
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 120_000  # first JupyterLab load, kernel start
RUN_TIMEOUT_MS = 180_000  # Run All Cells of a whole module
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# The status bar's kernel item reads "<kernel name> | Idle" only once a kernel is connected and idle.
# (The toolbar's execution indicator is no use here: it says idle before any kernel has started.)
KERNEL_IDLE = re.compile(r"^(?!No Kernel\b).+ \| Idle$")
# Errors and stderr both render as this mime type in JupyterLab 4; errors are told apart by their text.
STDERR_OUTPUT = f'{PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
ERROR_TEXT = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)\b|Error displaying widget",
                        re.MULTILINE)

# Records, from before Run All is clicked, whether any input prompt ever showed "[*]",
# so that "no cell is running" cannot be mistaken for "nothing has started yet".
WATCH_PROMPTS_JS = """
(panel) => {
  window.__bonemetsSawRunning = false;
  const look = () => {
    for (const prompt of document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')) {
      if (prompt.textContent.includes('*')) { window.__bonemetsSawRunning = true; return; }
    }
  };
  window.__bonemetsObserver?.disconnect();
  window.__bonemetsObserver = new MutationObserver(look);
  window.__bonemetsObserver.observe(document.body, {subtree: true, childList: true, characterData: true});
  look();
}
"""
RUN_FINISHED_JS = """
(panel) => window.__bonemetsSawRunning &&
  [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')]
    .every((prompt) => !prompt.textContent.includes('*'))
"""
PROMPTS_JS = """
(panel) => [...document.querySelectorAll(panel + ' .jp-CodeCell')]
  .map((cell) => cell.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '')
"""


def kernel_idle(page: Page) -> Locator:
    return page.locator(".jp-StatusBar-Widget").get_by_text(KERNEL_IDLE).first


def open_notebook(page: Page, lab: LabServer, notebook: str, workspace: str) -> None:
    """Open a notebook in its own workspace (no tabs left over from other tests) and wait for an idle kernel."""
    page.goto(lab.url(f"lab/workspaces/{workspace}/tree/{notebook}"), timeout=LOAD_TIMEOUT_MS)
    expect(page.locator(PANEL)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    idle = kernel_idle(page)
    # e.g. "Select Kernel" when the notebook names no kernel JupyterLab can match
    dialog = page.locator(".jp-Dialog").filter(visible=True)
    expect(idle.or_(dialog).first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    if dialog.count():
        pytest.fail(f"{notebook}: JupyterLab showed a dialog instead of starting the kernel: "
                    f"{dialog.first.inner_text()!r}")


def code_sources(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def run_all_cells(page: Page, sources: list[str]) -> None:
    """Run > Run All Cells, then wait until no cell is queued or running."""
    # Cells attach to the page a little after the notebook opens; every one must be there to be checked.
    expect(page.locator(f"{PANEL} .jp-CodeCell")).to_have_count(len(sources), timeout=LOAD_TIMEOUT_MS)
    page.evaluate(WATCH_PROMPTS_JS, PANEL)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(RUN_FINISHED_JS, arg=PANEL, timeout=RUN_TIMEOUT_MS, polling=250)
    expect(kernel_idle(page)).to_be_visible(timeout=RUN_TIMEOUT_MS)


def output_problems(page: Page, sources: list[str]) -> list[str]:
    """Error outputs, and code cells Run All never reached (it stops at the first error)."""
    problems = [f"error output: {text.strip()[:2000]}"
                for text in page.locator(STDERR_OUTPUT).all_inner_texts() if ERROR_TEXT.search(text)]
    prompts = page.evaluate(PROMPTS_JS, PANEL)
    problems += [f"code cell {n} did not run (prompt {prompt!r}): {source[:200]!r}"
                 for n, (prompt, source) in enumerate(zip(prompts, sources, strict=True), start=1)
                 if source.strip() and not re.fullmatch(r"\[\d+\]:?", prompt)]
    problems += [f"widget failed to render: {text.strip()[:500]}"
                 for text in page.locator(PANEL).get_by_text("Error displaying widget").all_inner_texts()]
    return problems


def question_box(page: Page, number: int) -> Locator:
    """The widget box of one question: the nearest box around its heading "Question <number>"."""
    heading = page.locator(PANEL).get_by_role("heading", name=f"Question {number}", exact=True)
    return heading.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '),"
                           " ' widget-vbox ')][1]")


def notebook_title(path: Path) -> str:
    """The H1 of a notebook's first markdown cell as it reads once rendered (emphasis marks dropped)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"[*_`]", "", line[2:]).strip()
    pytest.fail(f"{path.name} has no '# ' title line in a markdown cell")


def test_overview_self_check_answers_in_the_browser(
    jupyterlab: LabServer, page: Page, record_property: Callable[[str, object], None]
) -> None:
    sources = code_sources(REPO_ROOT / "notebooks" / "01_overview.ipynb")
    open_notebook(page, jupyterlab, "notebooks/01_overview.ipynb", "overview")
    run_all_cells(page, sources)
    problems = output_problems(page, sources)
    assert not problems, "01_overview.ipynb has errors after Run All Cells:\n" + "\n".join(problems)

    box = question_box(page, 1)
    expect(box).to_have_count(1, timeout=LOAD_TIMEOUT_MS)  # widgets render after the cell has run
    problems = output_problems(page, sources)  # now also a widget that failed to render
    assert not problems, "01_overview.ipynb has errors after its widgets rendered:\n" + "\n".join(problems)

    options = box.get_by_role("radio").or_(box.get_by_role("checkbox"))
    expect(options.first).to_be_visible()
    labels = [o.evaluate("el => el.closest('label')?.textContent.trim() ?? ''") for o in options.all()]
    assert labels and all(re.match(r"[A-Z]\. \S", label) for label in labels), labels
    assert labels[0].startswith("A. "), labels

    box.evaluate("el => el.scrollIntoView({block: 'start'})")
    options.first.check()
    box.get_by_role("button", name="Check answer").click()
    feedback = box.get_by_role("status")
    expect(feedback).to_have_text(re.compile(r"^\s*(Correct|Not quite)\b"), timeout=RUN_TIMEOUT_MS)
    expect(feedback).to_contain_text("point")
    expect(feedback).to_contain_text(labels[0])  # the kernel saw the option that was clicked

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT_DIR / "01_overview_selfcheck.png"
    page.screenshot(path=shot, full_page=True)
    record_property("screenshot", str(shot))
    print(f"screenshot: {shot.relative_to(REPO_ROOT)}")
    print(f"feedback: {feedback.inner_text()}")


def test_start_here_opens_without_news_pop_up(jupyterlab: LabServer, page: Page) -> None:
    # The course's overrides.json (bonemets.labsetup) must be what the server serves.
    settings_url = jupyterlab.url("lab/api/settings/@jupyterlab/apputils-extension:notification")
    with urllib.request.urlopen(settings_url, timeout=30) as response:
        schema = json.load(response)["schema"]["properties"]
    assert schema["fetchNews"]["default"] == "false", "overrides.json not in effect: run python -m bonemets.labsetup"
    assert schema["checkForUpdates"]["default"] is False

    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    # The announcements plugin loads this config together with its settings, then decides whether to ask.
    with page.expect_response(lambda r: "/api/config/jupyterlabapputilsextensionannouncements" in r.url,
                              timeout=LOAD_TIMEOUT_MS):
        open_notebook(page, jupyterlab, "notebooks/00_start_here.ipynb", "start-here")
    title = notebook_title(REPO_ROOT / "notebooks" / "00_start_here.ipynb")
    heading = page.locator(PANEL).get_by_role("heading", level=1, name=re.compile(rf"^{re.escape(title)}"))
    expect(heading).to_be_visible()

    # JupyterLab asks about news as soon as that config and the settings are in, well before the kernel
    # reports idle (checked by hand: with fetchNews set back to "none" the toast is up by then).
    news = page.locator(".Toastify__toast").filter(has_text=re.compile(r"news|update", re.IGNORECASE))
    expect(news).to_have_count(0)
    expect(page.get_by_text("official Jupyter news")).to_have_count(0)
    asked = [path for path in requested if path.endswith(("/lab/api/news", "/lab/api/update"))]
    assert not asked, f"JupyterLab asked the server for news or updates: {asked}"

