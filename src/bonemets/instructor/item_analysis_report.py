"""`bonemets analyse ASSIGNMENT`: the item analysis as an HTML report and CSV, plus per-question grade CSVs.

Files written (in --out):
- <assignment>-item-analysis.html  flags first, then the table, then per item a chart of option choices
                                   by upper and lower group (inline SVG) with the same numbers in a table
- <assignment>-item-analysis.csv   one row per item
- <assignment>-canvas-grades.csv   Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section,
                                   then one column per question (each becomes a new Canvas assignment)
- <assignment>-moodle-grades.csv   Moodle grade import: Username, First name, Last name, then one column per
                                   question (map each to a new grade item; match users by username)
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from pathlib import Path

from bonemets.instructor.item_analysis import (
    GROUP_SHARE,
    SMALL_CLASS,
    THRESHOLDS,
    ItemStats,
    TestStats,
    analyse_item,
    analyse_test,
)
from bonemets.instructor.item_analysis_gradebook import ClassResults, option_labels, read_class

UPPER_COLOUR, LOWER_COLOUR = "#0072B2", "#D55E00"  # Okabe-Ito blue and vermillion
SHORT_NAMES = {"kelley1939": "Kelley 1939", "cronbach1951": "Cronbach 1951", "kuder1937": "Kuder and Richardson 1937",
               "tarrant2009": "Tarrant et al. 2009", "patel_item_analysis": "Patel, item analysis",
               "tavakol2011": "Tavakol and Dennick 2011", "young2017": "Young et al. 2017",
               "tarrantware2012": "Tarrant and Ware 2012"}
REFERENCE_KEYS = tuple(SHORT_NAMES)


def _cite(key: str) -> str:
    return f'<a href="#ref-{key}">{html.escape(SHORT_NAMES.get(key, key))}</a>'



def analyse(results: ClassResults) -> tuple[TestStats, list[ItemStats]]:
    """Every item's statistics and the test's, from one assignment's results."""
    if not results.earned:
        from bonemets.errors import GradingSetupError

        raise GradingSetupError(f"assignment '{results.assignment}' has no graded submissions yet")
    test = analyse_test(results.earned, results.points)
    totals = {s: sum(points.values()) for s, points in results.earned.items()}
    items = []
    for item in results.items:
        labels, keys = option_labels(item)
        earned = {s: results.earned[s].get(item.id, 0.0) for s in results.earned}
        items.append(analyse_item(item.id, results.points[item.id], earned, totals, test.upper, test.lower,
                                  results.choices.get(item.id, {}), labels, keys))
    return test, items


def write_analysis(course: Path, assignment: str, out: Path) -> list[Path]:
    results = read_class(course, assignment)
    test, items = analyse(results)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        f"{assignment}-item-analysis.html": report_html(results, test, items),
        f"{assignment}-item-analysis.csv": items_csv(results, items),
        f"{assignment}-canvas-grades.csv": canvas_csv(results),
        f"{assignment}-moodle-grades.csv": moodle_csv(results),
    }
    paths = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(path)
    return paths


# ---- CSV -------------------------------------------------------------------------------------------------


def _safe(value: object) -> object:
    """A text cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def _csv(rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return buffer.getvalue()


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def question_columns(results: ClassResults) -> list[str]:
    return [f"{results.assignment} Q{n} {item.id}" for n, item in enumerate(results.items, 1)]


def items_csv(results: ClassResults, items: Sequence[ItemStats]) -> str:
    rows = [["question", "item_id", "type", "points", "students", "difficulty_mean_fraction", "full_credit_share",
             "discrimination_upper_lower", "item_rest_r", "partial_credit", "unreadable_answers",
             "option_shares_all_upper_lower", "flags"]]
    for number, (item, stats) in enumerate(zip(results.items, items, strict=True), 1):
        options = "; ".join(f"{label}{' (key)' if label in stats.keys else ''} {share:.0%} "
                            f"(upper {stats.upper_shares.get(label, 0):.0%}, "
                            f"lower {stats.lower_shares.get(label, 0):.0%})"
                            for label, share in stats.option_shares.items())
        rows.append([f"Q{number}", item.id, item.type, f"{stats.points:g}", stats.n, _num(stats.difficulty),
                     _num(stats.full_credit), _num(stats.discrimination), _num(stats.item_rest),
                     "yes" if stats.partial_credit else "no", results.unreadable.get(item.id, 0), options,
                     " | ".join(f.message for f in stats.flags)])
    return _csv(rows)


def canvas_csv(results: ClassResults) -> str:
    """Canvas gradebook import: the five identity columns Canvas expects, then one column per question.

    Canvas matches students on SIS Login ID (here the nbgrader student id, which must be the LMS login);
    a column Canvas does not know becomes a new assignment, worth the 'Points Possible' row's value.
    """
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *question_columns(results)]
    rows = [header, ["Points Possible", "", "", "", "", *(f"{results.points[i.id]:g}" for i in results.items)]]
    for student in sorted(results.earned):
        rows.append([results.names.get(student, student), "", "", student, "",
                     *(f"{results.earned[student].get(i.id, 0):g}" for i in results.items)])
    return _csv(rows)


def moodle_csv(results: ClassResults) -> str:
    """Moodle grade import (Grades > Import > CSV file): map Username to the user; each question column to a
    new or existing grade item (set its maximum to the question's points)."""
    rows = [["Username", "First name", "Last name", *question_columns(results)]]
    for student in sorted(results.earned):
        last, _, first = results.names.get(student, student).partition(", ")
        rows.append([student, first, last if first else "",
                     *(f"{results.earned[student].get(i.id, 0):g}" for i in results.items)])
    return _csv(rows)


# ---- HTML ------------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#111;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left}
th{background:#eee}td.num{text-align:right}.warn{border:2px solid #000;padding:.5rem 1rem;background:#f2f2f2}
.flag{font-weight:600}section.item{break-inside:avoid;margin-bottom:1.5rem}
.key{font-weight:700}caption{text-align:left;font-weight:600}
@media print{body{margin:0;font-size:10pt}a{color:#000}section.item{page-break-inside:avoid}}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def chart_svg(stats: ItemStats, number: int) -> str:
    """Horizontal bars of the share of the upper and lower group choosing each option, values printed."""
    labels = list(stats.option_shares)
    row, left, width = 34, 150, 300
    height = 40 + row * len(labels)
    title_id, desc_id = f"chart{number}-title", f"chart{number}-desc"
    desc = "; ".join(f"{label}{' (key)' if label in stats.keys else ''}: upper "
                     f"{stats.upper_shares[label]:.0%}, lower {stats.lower_shares[label]:.0%}" for label in labels)
    parts = [f'<svg role="img" aria-labelledby="{title_id} {desc_id}" width="{left + width + 70}" '
             f'height="{height}" viewBox="0 0 {left + width + 70} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{title_id}">Question {number}: share of the upper and lower groups choosing each option'
             '</title>', f'<desc id="{desc_id}">{_e(desc)}</desc>',
             f'<rect x="{left}" y="4" width="12" height="12" fill="{UPPER_COLOUR}"/>'
             f'<text x="{left + 16}" y="15" font-size="12">upper group</text>'
             f'<rect x="{left + 110}" y="4" width="12" height="12" fill="{LOWER_COLOUR}"/>'
             f'<text x="{left + 126}" y="15" font-size="12">lower group</text>']
    for index, label in enumerate(labels):
        y = 30 + index * row
        name = f"{label}{' (key)' if label in stats.keys else ''}"
        weight = ' font-weight="700"' if label in stats.keys else ""
        parts.append(f'<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end"{weight}>{_e(name)}</text>')
        for offset, share, colour in ((0, stats.upper_shares[label], UPPER_COLOUR),
                                      (14, stats.lower_shares[label], LOWER_COLOUR)):
            bar = max(share * width, 1)
            parts.append(f'<rect x="{left}" y="{y + offset}" width="{bar:.1f}" height="12" fill="{colour}"/>'
                         f'<text x="{left + bar + 4:.1f}" y="{y + offset + 10}" font-size="11">{share:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _options_table(stats: ItemStats, number: int) -> str:
    rows = "".join(f'<tr><th scope="row"{" class=key" if label in stats.keys else ""}>{_e(label)}'
                   f'{" (key)" if label in stats.keys else ""}</th><td class="num">{share:.0%}</td>'
                   f'<td class="num">{stats.upper_shares[label]:.0%}</td>'
                   f'<td class="num">{stats.lower_shares[label]:.0%}</td></tr>'
                   for label, share in stats.option_shares.items())
    return (f'<table><caption>Question {number}: share of students choosing each option</caption>'
            '<thead><tr><th scope="col">Option</th><th scope="col">All students</th>'
            f'<th scope="col">Upper group</th><th scope="col">Lower group</th></tr></thead><tbody>{rows}</tbody>'
            '</table>')


def _references_html() -> str:
    from bonemets.content.references import load_registry

    registry = load_registry()
    items = []
    for key in REFERENCE_KEYS:
        ref = registry[key]
        links = [f'doi: <a href="https://doi.org/{_e(ref.doi)}">{_e(ref.doi)}</a>'] if ref.doi else []
        links += [f'PMID <a href="https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/">{ref.pmid}</a>'] if ref.pmid else []
        links += [f'<a href="{_e(ref.url)}">{_e(ref.url)}</a>'] if ref.url and not links else []
        items.append(f'<li id="ref-{key}">{_e(ref.citation)} {"; ".join(links)}. Evidence: {_e(ref.evidence)}.</li>')
    items = "".join(items)
    return f"<h2>Sources of the thresholds</h2><ol>{items}</ol>"


def report_html(results: ClassResults, test: TestStats, items: Sequence[ItemStats]) -> str:
    title = f"Item analysis: {results.assignment}"
    numbered = list(enumerate(zip(results.items, items, strict=True), 1))
    flagged = [(n, item, f) for n, (item, stats) in numbered for f in stats.flags] + \
              [(0, None, f) for f in test.flags]
    flag_list = "".join(f'<li><span class="flag">{"Whole test" if n == 0 else f"Q{n} ({_e(item.id)})"}</span>: '
                        f'{_e(f.message)} ({_cite(f.reference)})</li>' for n, item, f in flagged)
    group = len(test.upper)
    partial = [f"Q{n}" for n, (_, stats) in numbered if stats.partial_credit]
    warning = (f'<p class="warn" role="note"><strong>Small class:</strong> {test.n_students} students. With fewer '
               f'than about {SMALL_CLASS}, these indices change a lot from one class to the next; read the flags as '
               f'prompts to re-read an item, not as verdicts ({_cite("young2017")}).</p>'
               if test.small_class else "")
    table_rows = "".join(
        f'<tr><th scope="row"><a href="#q{n}">Q{n}</a> {_e(item.id)}</th><td>{_e(item.type)}</td>'
        f'<td class="num">{stats.points:g}</td><td class="num">{stats.difficulty:.2f}</td>'
        f'<td class="num">{stats.full_credit:.0%}</td><td class="num">{_num(stats.discrimination)}</td>'
        f'<td class="num">{_num(stats.item_rest) or "n/a"}</td><td>{"yes" if stats.partial_credit else "no"}</td>'
        f'<td>{len(stats.flags)}</td></tr>' for n, (item, stats) in numbered)
    sections = []
    for n, (item, stats) in numbered:
        body = (chart_svg(stats, n) + _options_table(stats, n)) if stats.option_shares else \
            "<p>No options to chart (a number or a written answer).</p>"
        extra = []
        if results.unreadable.get(item.id):
            extra.append(f"{results.unreadable[item.id]} student(s) had no readable answer (blank or not a plain "
                         "value): counted as choosing nothing.")
        if results.unmarked.get(item.id):
            extra.append(f"{results.unmarked[item.id]} answer(s) still wait for a manual grade (counted as 0).")
        sections.append(f'<section class="item" id="q{n}"><h3>Q{n}: {_e(item.id)} ({_e(item.type)})</h3>'
                        f'<p>{_e(item.stem)}</p><p>Difficulty {stats.difficulty:.2f}; full credit '
                        f'{stats.full_credit:.0%}; discrimination {_num(stats.discrimination) or "n/a"}; '
                        f'item-rest r {_num(stats.item_rest) or "n/a"}. {" ".join(extra)}</p>{body}</section>')
    reliability = "n/a (needs 2 items and varied totals)" if test.reliability is None else f"{test.reliability:.2f}"
    thresholds = "".join(f"<li>{_e(t.what)} {t.value:g} ({_cite(t.reference)})</li>" for t in THRESHOLDS.values())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style></head>
<body><main>
<h1>{_e(title)}</h1>
<p>{test.n_students} students, {test.n_items} questions, mean total {test.mean_total:.2f} of {test.max_total:g}
points. Reliability ({_e(test.reliability_name)}): {reliability}.</p>
{warning}
<h2>Flags</h2>
{f"<ul>{flag_list}</ul>" if flag_list else "<p>No item crossed a threshold.</p>"}
<h2>How to read this</h2>
<ul><li>Difficulty is the mean fraction of the question's points earned (1.00 = everyone fully right); full credit
is the share who earned all of them.</li>
<li>Discrimination compares the upper and lower {GROUP_SHARE:.0%} of the class by total score ({group} students
each; ties broken by student id): the upper group's mean fraction minus the lower group's. Item-rest r correlates the
question with the total of the other questions.</li>
<li>Partial credit: {", ".join(partial) or "no question"} gave part marks (NCSBN +/- or 0/1 per part); their
fractions are used as they are, and reliability is {"Cronbach's alpha" if test.reliability_name != "KR-20" else
"KR-20 (all questions scored 0 or 1)"}.</li>
<li>Thresholds: <ul>{thresholds}</ul></li></ul>
<h2>Questions</h2>
<table><caption>Every question</caption><thead><tr><th scope="col">Question</th><th scope="col">Type</th>
<th scope="col">Points</th><th scope="col">Difficulty</th><th scope="col">Full credit</th>
<th scope="col">Discrimination</th><th scope="col">Item-rest r</th><th scope="col">Partial credit</th>
<th scope="col">Flags</th></tr></thead><tbody>{table_rows}</tbody></table>
<h2>Option choices by question</h2>
{"".join(sections)}
{_references_html()}
</main></body></html>
"""
