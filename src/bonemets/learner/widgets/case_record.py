"""An electronic-record view of an unfolding case (assets/cases/case_01.yaml), for module 10.

`CaseRecord(phase=3)` shows the record as a nurse could read it at the end of phase 3: the phase in brief,
then sections with headings (nurse's notes, vital signs, laboratory results, charts, imaging, orders and
the clinical rules used so far, with sources). Every series over time is a table with a caption and row
and column headers, followed by the same values in words with the trend. A labelled drop-down list goes
back to earlier phases; later phases stay hidden, so the case unfolds in order.
"""

from __future__ import annotations

from html import escape

from bonemets.content.cases import (
    Case,
    Record,
    Series,
    lab_series,
    load_case,
    record_up_to,
    time_key,
    trend_words,
    vital_series,
)


def _value(value: float) -> str:
    return f"{value:g}"


def series_table(caption: str, series: list[Series]) -> str:
    """Series as one table: one row per measurement, one column per time, blank where not measured."""
    times = sorted({r.time for s in series for r in s.readings}, key=time_key)
    head = '<th scope="col">Measurement</th>' + "".join(f'<th scope="col">{escape(t)}</th>' for t in times)
    rows = []
    for s in series:
        by_time = {r.time: _value(r.value) for r in s.readings}
        name = f"{s.name} ({s.unit})" if s.unit else s.name
        cells = "".join(f"<td>{by_time.get(t, '')}</td>" for t in times)
        rows.append(f'<tr><th scope="row" style="text-align:left">{escape(name)}</th>{cells}</tr>')
    return (f'<table class="bonemets-record"><caption style="text-align:left"><strong>{escape(caption)}</strong>'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _in_words(series: list[Series]) -> str:
    return "<p><em>In words:</em></p><ul>" + "".join(f"<li>{escape(trend_words(s))}</li>" for s in series) + "</ul>"


def _simple_table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col" style="text-align:left">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="vertical-align:top">{escape(c)}</td>' for c in r) + "</tr>"
                   for r in rows)
    return (f'<table class="bonemets-record"><caption style="text-align:left"><strong>{escape(caption)}</strong>'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def record_html(case: Case, number: int) -> str:
    """The record at the end of phase `number`, as accessible HTML (headings, captioned tables, words)."""
    from bonemets.content.references import reference

    phase = case.phase(number)
    record: Record = record_up_to(case, number)
    patient = case.patient
    parts = [f"<h4>{escape(patient.name)}, {patient.age}, {patient.sex}, {_value(patient.weight_kg)} kg</h4>",
             f"<p>{escape(patient.background)}</p>",
             f"<h4>Phase {phase.number}: {escape(phase.title)} ({escape(phase.setting)})</h4>",
             f"<p>{escape(phase.summary)}</p>",
             "<h4>Nurse's notes</h4><ul>"
             + "".join(f"<li><strong>{escape(n.time)}, {escape(n.author)}:</strong> {escape(n.text)}</li>"
                       for n in record.notes) + "</ul>"]
    if record.vitals:
        vitals = vital_series(record.vitals)
        parts += ["<h4>Vital signs</h4>", series_table("Vital signs over time", vitals), _in_words(vitals)]
    if record.labs:
        labs = lab_series(record.labs)
        ranges = {lab.test: lab.reference for lab in record.labs}
        parts += ["<h4>Laboratory results</h4>", series_table("Laboratory results over time", labs),
                  "<p>Reference ranges: " + "; ".join(f"{escape(t)} {escape(r)}" for t, r in ranges.items()) + ".</p>",
                  _in_words(labs)]
    if record.charts:
        parts += ["<h4>Charts</h4>", series_table("Charted measurements over time", record.charts),
                  _in_words(record.charts)]
    if record.imaging:
        parts += ["<h4>Imaging reports</h4>", _simple_table(
            "Imaging reports", ["Time", "Study", "Report"], [[i.time, i.study, i.report] for i in record.imaging])]
    if record.orders:
        parts += ["<h4>Orders</h4>", _simple_table(
            "Orders", ["Time", "Order", "Status"], [[o.time, o.order, o.status] for o in record.orders])]
    rules = "".join(f"<li>{escape(r.text)} <em>Sources:</em> "
                    f"{escape('; '.join(reference(k).citation for k in r.sources))}</li>" for r in record.rules)
    parts.append(f"<h4>Clinical rules this case has used so far</h4><ul>{rules}</ul>")
    return (f'<div class="bonemets-case-record" role="region" aria-label="Patient record, phase {number}">'
            f"<p><strong>Fictional patient, for teaching only.</strong></p>{''.join(parts)}</div>")


class CaseRecord:
    """The record of a fictional patient up to a phase; a drop-down list goes back to earlier phases."""

    def __init__(self, phase: int | None = None, case_id: str = "case_01") -> None:
        """The record at the end of `phase` (by default the last phase: the whole case)."""
        import ipywidgets as widgets

        self.case = load_case(case_id)
        phase = self.case.phases[-1].number if phase is None else phase
        self.case.phase(phase)  # refuses a phase the case does not have
        options = [(f"Phase {p.number}: {p.title}", p.number) for p in self.case.phases if p.number <= phase]
        self.picker = widgets.Dropdown(options=options, value=phase, description="Show the record at:",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="max-content"))
        self.view = widgets.HTML()
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        self.widget = widgets.VBox([self.picker, self.view])
        self.widget.add_class("bonemets-case")
        self.show(phase)

    def show(self, number: int) -> None:
        self.view.value = record_html(self.case, number)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
