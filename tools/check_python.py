"""Say in one line whether a Python can run the course; exit 1 if it cannot.

`make install` runs this with the Python it is about to use, before pip runs. It must itself run on
any Python 3, so it uses no newer syntax (no f-strings). tools/lock.py and the set-up tests read SUPPORTED from here.
"""

import sys

SUPPORTED = ((3, 11), (3, 12), (3, 13))  # every series the lock is checked on (tools/lock.py)


def names():
    return ", ".join("{}.{}".format(*series) for series in SUPPORTED)


def problem(version):
    """Why this interpreter cannot run the course, or None."""
    series = tuple(version[:2])
    if series not in SUPPORTED:
        return ("Python {}.{}.{} cannot run this course: use Python {} (e.g. `make start PYTHON=python3.12`)."
                .format(*(tuple(version[:3]) + (names(),))))
    return None


def venv_problem():
    """Debian and Ubuntu ship venv separately: say which package to install, or None."""
    if sys.prefix != getattr(sys, "base_prefix", sys.prefix):
        return None  # already inside a virtual environment
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        return ("Python {}.{} has no venv module: install it (Debian/Ubuntu: `sudo apt-get install python3-venv`)."
                .format(*sys.version_info[:2]))
    return None


if __name__ == "__main__":
    message = problem(sys.version_info) or venv_problem()
    if message:
        sys.stderr.write(message + "\n")
        sys.exit(1)
