"""The sandboxed kernel (bubblewrap) for code-graded assignments, run for real: each attack is stopped.

Course quizzes never run student code; this is the kernel an instructor gets for an assignment that must
(instructor/grading/sandbox.py). Every cell below is what a hostile student could hand in.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from traitlets.config import Config

from bonemets.instructor.grading.sandbox import SandboxedKernelManager

pytestmark = pytest.mark.pipeline
REPO = Path(__file__).resolve().parents[2]
MARK = "600.4242"


def run(cells: list[str], work: Path, **limits) -> list[str]:
    """Execute the cells as nbgrader's Execute would: the client starts the sandboxed kernel and shuts it down."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(nb, kernel_manager_class=SandboxedKernelManager, timeout=30, allow_errors=True,
                            config=Config({"SandboxedKernelManager": limits}),
                            resources={"metadata": {"path": str(work)}})
    try:
        client.execute()
    except DeadKernelError:
        pass  # the wall clock ended the kernel: what ran is in the outputs
    return ["".join(o.get("text", "") or f"{o.get('ename')}: {o.get('evalue')}" for o in c.outputs) for c in nb.cells]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "autograded" / "mallory" / "quiz"
    folder.mkdir(parents=True)
    (folder / "ipykernel_launcher.py").write_text("print('HIJACKED')\n")  # handed in beside the notebook
    return folder


def test_honest_code_runs_and_every_attack_is_stopped(work: Path, tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    secret = tmp_path / "gradebook.db"
    secret.write_text("grades")
    outputs = run([
        "print('honest', 1 + 1)",
        f"import os\nprint([os.path.exists(p) for p in ({str(REPO / 'quizzes')!r}, {str(secret)!r}, '/etc')],\n"
        "      [n for n in (os.listdir('/root') if os.path.isdir('/root') else []) if n != '.pyenv'])",
        f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {listener.getsockname()[1]}), 2)\n"
        "    print('network reached')\nexcept OSError as e:\n    print('no network:', type(e).__name__)",
        f"import subprocess\nsubprocess.Popen(['sleep', '{MARK}'], start_new_session=True)\nprint('left behind')",
        "try:\n    block = bytearray(4 * 2**30)\n    print('allocated 4 GB')\n"
        "except MemoryError:\n    print('memory limited')",
        "import os\nos.makedirs(os.path.expanduser('~/.ipython/profile_default/startup'), exist_ok=True)\n"
        "open(os.path.expanduser('~/.ipython/profile_default/startup/x.py'), 'w').write('print(1)')\n"
        "open('answer.txt', 'w').write('mine')\nprint('wrote in its own folder')",
        "try:\n    open('/usr/planted', 'w')\n"
        "except OSError as e:\n    print('system is read-only:', type(e).__name__)",
    ], work)
    assert outputs[0] == "honest 2\n"
    assert outputs[1] == "[False, False, False] []\n"  # no course folder, gradebook, /etc, or anything in /root
    assert outputs[2].startswith("no network")
    assert outputs[4] == "memory limited\n"
    assert outputs[6].startswith("system is read-only")
    assert "HIJACKED" not in "".join(outputs)  # python -P: the handed-in ipykernel_launcher.py never ran
    assert (work / "answer.txt").read_text() == "mine"
    deadline = time.monotonic() + 15  # the kernel's namespace closes once its shutdown completes
    while subprocess.run(["pgrep", "-f", MARK], capture_output=True).returncode == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert subprocess.run(["pgrep", "-f", MARK], capture_output=True).returncode == 1, "a process outlived grading"
    assert not (Path.home() / ".ipython" / "profile_default" / "startup" / "x.py").exists()


def test_a_notebook_that_runs_too_long_is_ended_by_the_wall_clock(work: Path) -> None:
    start = time.monotonic()
    outputs = run(["print('start')", "import time\ntime.sleep(120)", "print('never')"], work, wall_clock_s=8)
    assert outputs[0] == "start\n" and "never" not in outputs[2]
    assert time.monotonic() - start < 60
