"""Module 09's two interactives: a claim checker and a hazard-ratio reader.

ClaimChecker: choose a claim (assets/data/claims.yaml), classify it with labelled radio buttons, press
Check, read the evidence and its sources (content.claims.judge). HazardRatioReader: choose a row of
assets/data/pivotal_trials.csv and read, in words, what its hazard ratio and confidence interval do and
do not mean (clinical.hazard_ratio). Both give every result as text in a live region.
"""

from __future__ import annotations

from html import escape

from bonemets.clinical.hazard_ratio import HazardRatioReading, read_hazard_ratio
from bonemets.content.claims import CLASSES, Claim, judge, load_claims
from bonemets.content.trials import TrialRow, course_trials
from bonemets.learner.ui import LABEL_STYLE, CourseWidget
from bonemets.learner.widgets.trial_forest import row_text

_STYLE = LABEL_STYLE


def claim_feedback(claim: Claim, chosen: str | None) -> str:
    """The checker's feedback: a prompt when nothing is chosen, else the verdict, evidence and full sources."""
    from bonemets.content.references import reference

    if chosen is None:
        return "Choose a class for the claim first, then press Check."
    sources = "; ".join(reference(key).citation for key in claim.sources)
    return f"{judge(claim, chosen)}\nSources: {sources}"


class ClaimChecker(CourseWidget):
    """A claim a patient might bring, four classes to choose from, and the evidence after Check."""

    def __init__(self, claims: list[Claim] | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.claims = load_claims() if claims is None else list(claims)
        self._by_id = {c.id: c for c in self.claims}
        self.picker = widgets.Dropdown(options=[(f"Claim {n}", c.id) for n, c in enumerate(self.claims, 1)],
                                       description="Choose a claim:", style=_STYLE)
        self.claim = widgets.HTML()
        self.choice = widgets.RadioButtons(options=[(label, key) for key, label in CLASSES.items()], value=None,
                                           description="This claim is:", style=_STYLE,
                                           layout=widgets.Layout(width="100%"))
        self.button = widgets.Button(description="Check", tooltip="Check your class and read the evidence")
        self.score = widgets.HTML()
        self.results: dict[str, bool] = {}
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        self.button.on_click(self.check)
        self.widget = widgets.VBox([self.picker, self.claim, self.choice, self.button, self.status, self.score])
        self.widget.add_class("bonemets-claim-checker")
        self.show(self.picker.value)

    @property
    def current(self) -> Claim:
        return self._by_id[self.picker.value]

    def show(self, claim_id: str) -> None:
        claim = self._by_id[claim_id]
        self.claim.value = (f"<blockquote><p>{escape(claim.claim)}</p></blockquote>"
                            f"<p><em>Where a patient met it:</em> {escape(claim.seen_in)}.</p>")
        self.choice.value = None
        self.show_status("")
        self._show_score()

    def check(self, _button: object = None) -> str:
        text = claim_feedback(self.current, self.choice.value)
        if self.choice.value is not None:
            self.results[self.current.id] = self.choice.value == self.current.verdict
        self.show_status(text)
        self._show_score()
        return text

    def score_text(self) -> str:
        return (f"Claims checked: {len(self.results)} of {len(self.claims)}; "
                f"classed as the evidence does: {sum(self.results.values())}.")

    def _show_score(self) -> None:
        self.score.value = f"<p>{escape(self.score_text())}</p>"


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def population_of(row: TrialRow, trials: list[TrialRow]) -> str:
    """Who was studied; a row that says 'Same trial as X' borrows X's description."""
    if row.population.startswith("Same trial as "):
        study = row.population.removeprefix("Same trial as ").split(" (")[0]
        for other in trials:
            if other.study == study:
                return _lower_first(other.population)
    return _lower_first(row.population)


def reading_for(row: TrialRow, trials: list[TrialRow]) -> HazardRatioReading:
    """The words for one row of the pivotal-trials table."""
    treatment, _, comparator = row.comparison.partition(" vs ")
    return read_hazard_ratio(row.hr, row.ci_low, row.ci_high, endpoint=row.endpoint, treatment=treatment,
                             comparator=comparator or "the comparator", population=population_of(row, trials))


def reading_text(row: TrialRow, trials: list[TrialRow]) -> str:
    """The reading in plain lines (the same words as `reading_html`)."""
    reading = reading_for(row, trials)
    return "\n".join([row_text(row), "What it means:", *reading.means, "What it does not mean:",
                      *reading.does_not_mean, f"From the same report: {row.note}"])


def reading_html(row: TrialRow, trials: list[TrialRow]) -> str:
    """The reading with its two lists (shown inside the widget's status region)."""
    reading = reading_for(row, trials)
    means = "".join(f"<li>{escape(line)}</li>" for line in reading.means)
    not_means = "".join(f"<li>{escape(line)}</li>" for line in reading.does_not_mean)
    return (f"<p><strong>{escape(row_text(row))}</strong></p>"
            f"<p>What it means:</p><ul>{means}</ul><p>What it does not mean:</p><ul>{not_means}</ul>"
            f"<p><em>From the same report:</em> {escape(row.note)}</p>")


class HazardRatioReader(CourseWidget):
    """Choose a published hazard ratio; read what it does and does not mean."""

    def __init__(self, trials: list[TrialRow] | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.trials = list(course_trials() if trials is None else trials)
        self.picker = widgets.Dropdown(options=[(f"{r.study}: {r.endpoint}", n) for n, r in enumerate(self.trials)],
                                       description="Choose a result:", style=_STYLE,
                                       layout=widgets.Layout(width="max-content"))
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        self.widget = widgets.VBox([self.picker, self.status])
        self.widget.add_class("bonemets-hazard-ratio-reader")
        self.show(0)

    def show(self, index: int) -> None:
        row = self.trials[index]
        self.show_status(reading_text(row, self.trials), reading_html(row, self.trials))
