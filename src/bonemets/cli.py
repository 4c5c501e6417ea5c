"""The `bonemets` command for instructors and maintainers."""

from __future__ import annotations

import argparse
import sys


def _notebooks_refresh(_args: argparse.Namespace) -> int:
    from bonemets.notebooks import course_notebooks, refresh

    for path in course_notebooks():
        if refresh(path):
            print(f"updated references in {path.name}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bonemets", description=__doc__)
    groups = parser.add_subparsers(dest="group", required=True)
    notebooks = groups.add_parser("notebooks", help="maintain the course notebooks")
    nb_cmds = notebooks.add_subparsers(dest="command", required=True)
    nb_cmds.add_parser("refresh", help="regenerate each notebook's reference list").set_defaults(
        func=_notebooks_refresh)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
