"""A kernel in a bubblewrap sandbox, for assignments that really must run a student's code.

Course quizzes never need this: they are graded statically (static_grader.py). An instructor who adds
code-graded cells grades that assignment with plain `nbgrader autograde` and, in nbgrader_config.py,
`c.Autograde.autograde_preprocessors` starting with `SandboxedExecute` in place of nbgrader's Execute.
The kernel then runs:
- with a read-only system (/usr, the Python installation, the course package's code) and nothing else of
  the machine: not the course folder, the keys, the gradebook, other students' work or the home folders;
- with only its own notebook folder writable, a fresh empty HOME and IPython profile, and `python -P`, so a
  handed-in `ipykernel_launcher.py` or a startup file never runs;
- in its own network, PID, IPC and UTS namespaces (no network at all; every process it leaves behind dies
  with it), with no capabilities, a memory limit and a wall-clock limit for the whole notebook.
The kernel talks to nbgrader over Unix sockets in a private folder, because it has no network.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager, KernelManager
from traitlets import Int, List, Type, Unicode

from bonemets.errors import GradingSetupError
from bonemets.instructor.grading.trusted_scoring import SafeExecute

BWRAP = shutil.which("bwrap") or "/usr/bin/bwrap"


def _read_only_roots() -> list[str]:
    """The folders the kernel needs to start: the Python installation, the environment, the package's code."""
    import bonemets

    roots = {sys.base_prefix, sys.prefix, str(Path(bonemets.__file__).resolve().parents[1])}
    return sorted(r for r in roots if not r.startswith("/usr"))


class SandboxedKernelManager(AsyncKernelManager):
    """A KernelManager whose kernel starts inside bubblewrap and is reached over Unix sockets."""

    memory_limit_mb = Int(2048, help="address-space limit of the kernel, in MB").tag(config=True)
    wall_clock_s = Int(300, help="the kernel is ended after this many seconds, whatever it is doing").tag(
        config=True)
    extra_read_only = List(Unicode(), help="more folders the kernel may read (e.g. a shared data set)").tag(
        config=True)

    async def _async_pre_start_kernel(self, **kw):
        if not Path(BWRAP).exists():
            raise GradingSetupError("bubblewrap (bwrap) is not installed: `apt-get install bubblewrap`. A student's "
                                    "code is never run outside a sandbox. Nothing was graded.")
        self._sandbox_dir = tempfile.mkdtemp(prefix="bonemets-sandbox-")
        self._work_dir = str(Path(kw.get("cwd") or tempfile.mkdtemp(prefix="bonemets-work-")).resolve())
        self.transport = "ipc"
        self.ip = os.path.join(self._sandbox_dir, "kernel")
        self.connection_file = os.path.join(self._sandbox_dir, "connection.json")
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        home = "/tmp/home"
        sandbox = [
            BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
            "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev",
            "--tmpfs", "/tmp",  # before the binds below, which may live under /tmp (a clone in /tmp, say)
            *[arg for root in [*_read_only_roots(), *self.extra_read_only] for arg in ("--ro-bind", root, root)],
            "--dir", home,
            "--bind", self._sandbox_dir, self._sandbox_dir, "--bind", self._work_dir, self._work_dir,
            "--chdir", self._work_dir, "--clearenv", "--setenv", "HOME", home, "--setenv", "IPYTHONDIR",
            f"{home}/.ipython", "--setenv", "PATH", "/usr/bin", "--setenv", "PYTHONNOUSERSITE", "1",
            "--setenv", "LANG", "C.UTF-8", "--",
            "/usr/bin/timeout", "--signal=KILL", str(self.wall_clock_s),
            "/usr/bin/prlimit", f"--as={self.memory_limit_mb * 2**20}", "--",
        ]
        python, *rest = command
        return [*sandbox, python, "-P", *rest]

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and getattr(self, "_sandbox_dir", None):
            shutil.rmtree(self._sandbox_dir, ignore_errors=True)


class SandboxedExecute(SafeExecute):
    """nbgrader's Execute (a dead or stuck kernel ends the run, not the grading), with the kernel sandboxed."""

    kernel_manager_class = Type(default_value=SandboxedKernelManager, klass=KernelManager).tag(config=True)
