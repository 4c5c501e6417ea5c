"""Pain-diary explorer: a fictional patient's week, a decision for each day, and feedback that cites the guidance.

All data and checking live in bonemets.clinical.pain_diary. The widget is a labelled drop-down of days, the
day's entry as text, labelled radio buttons for the decision, a Check button and a role="status" feedback region.
The week's pain scores are drawn as an inline SVG bar chart in Okabe-Ito colours, with the same numbers in a
table and a sentence per day (the chart's text equivalent).
"""

from __future__ import annotations

from html import escape

from bonemets.clinical import pain_diary as pd
from bonemets.content.pain_diary import DiaryDay, course_diary
from bonemets.learner.ui import LABEL_STYLE, CourseWidget

USUAL_COLOUR, WORST_COLOUR = "#0072B2", "#E69F00"  # Okabe-Ito blue and orange


def week_chart_svg(days: tuple[DiaryDay, ...] | list[DiaryDay], current: int | None = None) -> str:
    """Usual and worst pain per day as grouped bars (0-10), with a title and description for screen readers."""
    width, height, left, bottom, top = 460, 210, 34, 30, 12
    plot_h = height - bottom - top
    group = (width - left - 10) / len(days)
    bar = group * 0.32
    parts = [f'<svg role="img" aria-labelledby="pd-title pd-desc" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" style="max-width:100%">',
             '<title id="pd-title">Pain scores for each day of the fictional week</title>',
             f'<desc id="pd-desc">{escape(week_text(days))}</desc>']
    for score in (0, 5, 10):
        y = top + plot_h * (1 - score / 10)
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#999" '
                     'stroke-width="0.5"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{score}</text>')
    for index, day in enumerate(days):
        x0 = left + index * group + group * 0.15
        for offset, value, colour in ((0, day.usual_pain, USUAL_COLOUR), (bar, day.worst_pain, WORST_COLOUR)):
            h = plot_h * value / 10
            parts.append(f'<rect x="{x0 + offset:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"/>')
        weight = "bold" if day.day == current else "normal"
        parts.append(f'<text x="{x0 + bar:.1f}" y="{height - 12}" font-size="11" text-anchor="middle" '
                     f'font-weight="{weight}">Day {day.day}</text>')
    parts.append("</svg>")
    legend = (f'<p><span style="color:{USUAL_COLOUR}">&#9632;</span> usual pain (left bar) and '
              f'<span style="color:{WORST_COLOUR}">&#9632;</span> worst pain (right bar), 0 to 10.</p>')
    return "".join(parts) + legend


def week_text(days: tuple[DiaryDay, ...] | list[DiaryDay]) -> str:
    """The chart in words: usual and worst pain per day."""
    return "; ".join(f"day {d.day} usual {d.usual_pain}, worst {d.worst_pain}" for d in days) + "."


def week_table_html(days: tuple[DiaryDay, ...] | list[DiaryDay]) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">Day {d.day}</th><td>{d.usual_pain}</td><td>{d.worst_pain}</td>"
        f"<td>{d.rescue_doses} x {d.rescue_dose_mg:g} mg</td><td>{d.total_opioid_mg_24h:g} mg</td>"
        f"<td>{'yes' if d.bowels_opened else 'no'}</td><td>{escape(d.drowsiness)}</td></tr>" for d in days)
    return ("<table><caption>The fictional week in numbers</caption><thead><tr><th scope=\"col\">Day</th>"
            "<th scope=\"col\">Usual pain</th><th scope=\"col\">Worst pain</th><th scope=\"col\">Rescue doses</th>"
            "<th scope=\"col\">Total oral morphine in 24 h</th><th scope=\"col\">Bowels opened</th>"
            f"<th scope=\"col\">Drowsiness</th></tr></thead><tbody>{rows}</tbody></table>")


class PainDiaryExplorer(CourseWidget):
    """Choose a day of the fictional week, decide what the nurse should do, press Check, read why."""

    def __init__(self, days: tuple[DiaryDay, ...] | list[DiaryDay] | None = None) -> None:
        import ipywidgets as widgets

        super().__init__()
        self.days = tuple(course_diary() if days is None else days)
        self._by_day = {d.day: d for d in self.days}
        style = LABEL_STYLE
        self.case = widgets.Dropdown(options=[(f"Day {d.day}: {d.title}", d.day) for d in self.days],
                                     description="Choose a day:", style=style,
                                     layout=widgets.Layout(width="max-content"))
        self.story = widgets.HTML()
        self.chart = widgets.HTML()
        self.choice = widgets.RadioButtons(options=[(label, key) for key, label in pd.DECISIONS.items()],
                                           value=None, description="What should the nurse do?", style=style,
                                           layout=widgets.Layout(width="100%"))
        self.button = widgets.Button(description="Check", tooltip="Check your decision and read the rationale")
        self.score = widgets.HTML()
        self.results: dict[int, bool] = {}
        self.case.observe(self._on_case, names="value")
        self.button.on_click(self.check)
        note = widgets.HTML(f"<p><em>{escape(pd.TEACHING_NOTE)}</em></p>")
        table = widgets.HTML(week_table_html(self.days))
        self.widget = widgets.VBox([note, self.case, self.story, self.choice, self.button, self.status,
                                    self.score, self.chart, table])
        self.widget.add_class("bonemets-pain-diary")
        self.show(self.case.value)

    @property
    def current(self) -> DiaryDay:
        return self._by_day[self.case.value]

    def show(self, day_number: int) -> None:
        """Show a day, clear the previous choice and feedback, mark the day on the chart."""
        day = self._by_day[day_number]
        self.story.value = (f"<p><strong>{escape(day.title)}</strong></p><p>{escape(day.entry)}</p>"
                            f"<p>{escape(day.summary())}</p>")
        self.chart.value = week_chart_svg(self.days, current=day.day)
        self.choice.value = None
        self.show_status("")
        self._show_score()

    def check(self, _button: object = None) -> str:
        """Score the current decision, show the feedback, and return its text."""
        result = pd.check_decision(self.current, self.choice.value)
        if self.choice.value is not None:
            self.results[self.current.day] = result.correct
        self.show_status(result.text)
        self._show_score()
        return result.text

    def score_text(self) -> str:
        done, right = len(self.results), sum(self.results.values())
        return f"Days checked: {done} of {len(self.days)}; matched the guidance: {right}."

    def _show_score(self) -> None:
        self.score.value = f"<p>{escape(self.score_text())}</p>"

    def _on_case(self, change: dict) -> None:
        self.show(change["new"])
