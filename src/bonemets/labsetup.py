"""Quiet JupyterLab settings for the course: no news pop-up, no update check.

`python -m bonemets.labsetup` writes overrides.json into this environment's
JupyterLab settings folder; `make install` and Binder's postBuild both run it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def overrides_path(prefix: str = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix: str = sys.prefix) -> Path:
    """Merge the course's settings into overrides.json and return its path."""
    path = overrides_path(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text()) if path.exists() else {}
    for plugin, settings in OVERRIDES.items():
        current.setdefault(plugin, {}).update(settings)
    path.write_text(json.dumps(current, indent=2) + "\n")
    return path


if __name__ == "__main__":
    print(f"wrote {write_overrides()}")
