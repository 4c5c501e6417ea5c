"""The `bonemets` command for instructors and maintainers."""

from __future__ import annotations

import argparse
import os
import sys


def _notebooks_refresh(_args: argparse.Namespace) -> int:
    from bonemets.content.notebooks import course_notebooks, refresh

    for path in course_notebooks():
        if refresh(path):
            print(f"updated references in {path.name}")
    return 0


def _assignments_build(_args: argparse.Namespace) -> int:
    from bonemets.instructor.assignments import build_all

    for path in build_all():
        print(f"wrote {path.relative_to(path.parents[2])}")
    return 0


def _reports_build(_args: argparse.Namespace) -> int:
    from bonemets.instructor.reports import build_reports

    for path in build_reports():
        print(f"wrote {path.relative_to(path.parents[1])}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bonemets.instructor.grading.batch import OK, grade_class, summary

    course = Path(args.course).resolve()
    os.chdir(course)  # nbgrader resolves its own paths from the course folder
    outcomes = grade_class(course, args.assignment, progress=not args.quiet)
    print(summary(outcomes))
    return 0 if all(o.status == OK for o in outcomes) else 2


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bonemets.instructor.export.base import export, get_exporter, select_items

    exporter = get_exporter(args.format)
    items, stem = select_items(args.modules, args.use)
    title = f"Bonemets {'modules ' + ', '.join(args.modules) if args.modules else 'all modules'} ({args.use})"
    path, notes_path, notes = export(exporter, items, stem, Path(args.out), title)
    flagged = [n for n in notes if n.status != "exact"]
    print(f"wrote {path} ({len(notes) - sum(n.status == 'not exported' for n in notes)} of {len(notes)} items)")
    for note in flagged:
        print(note.line())
    print(f"wrote {notes_path} (how {exporter.name} scores each item compared with the course)")
    return 0


def _analyse(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bonemets.instructor.item_analysis_report import write_analysis

    for path in write_analysis(Path(args.course).resolve(), args.assignment, Path(args.out)):
        print(f"wrote {path}")
    return 0


def _keys(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bonemets.instructor.grading.keys import keys_path, load_key, update_key

    course = Path(args.course).resolve()
    if args.command == "show":
        for question in load_key(course, args.assignment):
            key = getattr(question.item, "solution", "(marked by hand against the rubric)")
            print(f"{question.name:<5} {question.grade_id:<40} {key}")
        return 0
    changes = update_key(course, args.assignment, course / "quizzes")
    print(f"wrote {keys_path(course, args.assignment)}")
    print("\n".join(changes) if changes else "no item changed")
    print(f"Grade again to apply it: bonemets grade {args.assignment}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bonemets", description=__doc__)
    groups = parser.add_subparsers(dest="group", required=True)
    notebooks = groups.add_parser("notebooks", help="maintain the course notebooks")
    nb_cmds = notebooks.add_subparsers(dest="command", required=True)
    nb_cmds.add_parser("refresh", help="regenerate each notebook's reference list").set_defaults(
        func=_notebooks_refresh)
    assignments = groups.add_parser("assignments", help="nbgrader assignments from the question bank")
    as_cmds = assignments.add_subparsers(dest="command", required=True)
    as_cmds.add_parser("build", help="write source/<module>/ from quizzes/").set_defaults(func=_assignments_build)
    reports = groups.add_parser("reports", help="generated reports for instructors and maintainers")
    rp_cmds = reports.add_subparsers(dest="command", required=True)
    rp_cmds.add_parser("build", help="write reports/coverage.md and reports/readability.md").set_defaults(
        func=_reports_build)
    grade = groups.add_parser("grade", help="autograde every submission of an assignment")
    grade.add_argument("assignment", help="assignment name, e.g. 01_overview")
    grade.add_argument("--course", default=".", help="course folder holding nbgrader_config.py (default: .)")
    grade.add_argument("--quiet", action="store_true", help="no progress bar")
    grade.set_defaults(func=_grade)
    export = groups.add_parser("export", help="the question bank in an LMS import format")
    export.add_argument("format", help="moodle (Moodle XML), qti (Canvas classic quizzes QTI 1.2 zip) or gift")
    export.add_argument("modules", nargs="*", metavar="MODULE", help="module numbers, e.g. 04 (default: all)")
    export.add_argument("--use", default="all", choices=("graded", "self_check", "all"),
                        help="which items: graded, self_check or all (default: all)")
    export.add_argument("--out", default="exports", help="folder to write to (default: exports)")
    export.set_defaults(func=_export)
    analyse = groups.add_parser("analyse", help="item analysis of a graded assignment from gradebook.db")
    analyse.add_argument("assignment", help="assignment name, e.g. 04_symptoms_and_emergencies")
    analyse.add_argument("--course", default=".", help="course folder holding gradebook.db (default: .)")
    analyse.add_argument("--out", default="reports/item_analysis",
                         help="folder to write the HTML report and CSV files to (default: reports/item_analysis)")
    analyse.set_defaults(func=_analyse)
    keys = groups.add_parser("keys", help="the answer keys frozen at release")
    keys_cmds = keys.add_subparsers(dest="command", required=True)
    for name, text in (("show", "print the frozen key of an assignment"),
                       ("update", "freeze the bank's current key for a released assignment (then grade again)")):
        sub = keys_cmds.add_parser(name, help=text)
        sub.add_argument("assignment")
        sub.add_argument("--course", default=".", help="course folder (default: .)")
        sub.set_defaults(func=_keys)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command. A course error becomes its message on stderr and exit status 1."""
    from bonemets.errors import CourseError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"bonemets: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
