"""Benchmark: a JupyterHub classroom on this machine (deploy/), with throw-away Linux accounts. Needs root.

1. Load: N students (default 60) submit the module 01 quiz through nbgrader's exchange at the same moment
   (N `nbgrader submit` processes started together); the instructor collects and runs `bonemets grade`.
   Nothing may be lost: N submissions in the exchange, N collected, N in the gradebook with the scores worked
   out by hand (a third right, a third partly right, a third broken; see tests/setup/classroom_kit.py).
2. Per user: U students (default 3) log in through the hub one after another; each one's JupyterLab spawn
   time is measured, then the course's heaviest module (02_metastatic_process: the slowest and largest kernel
   in bench/results/modules.md) is run top to bottom in a kernel of that account, as JupyterLab's Run All
   would. Memory per user is the proportional set size (PSS: shared pages split between the processes sharing
   them) and the resident set (RSS: shared pages counted in full) of all that account's processes: the
   JupyterLab server plus the kernel. The hub and its proxy are measured once.
   Extrapolation to a 2-core, 24 GB machine: students = (memory - hub - 2 GiB for the system) / per-user
   memory, once with PSS and once with RSS (conservative); and the CPU side: a whole class logging in at once
   waits about N x (spawn CPU seconds) / cores.
Writes bench/results/classroom.json and classroom.md.

Run (as root, after `make install-test`): .venv/bin/python bench/bench_classroom.py [--students 60] [--users 3]
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "setup"))

from budget import machine, table, verdict, write_results  # noqa: E402
from classroom_kit import PREFIX, Classroom, class_answers, pids_of, software_problem  # noqa: E402

ASSIGNMENT = "01_overview"
HEAVIEST = "02_metastatic_process"
MACHINE_GIB, SYSTEM_RESERVE_GIB = 24, 2
KINDS = ("right", "partly", "broken")


def mib(kib: int) -> float:
    return round(kib / 1024, 1)


def memory_kib(pids: list[int]) -> tuple[int, int]:
    """(PSS, RSS) in KiB summed over the processes (from /proc/PID/smaps_rollup)."""
    pss = rss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return pss, rss


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / ticks


# ---- 1. sixty submissions at once ---------------------------------------------------------------------

def load(n: int) -> dict:
    room = Classroom(Path(tempfile.mkdtemp(prefix="bonemets-bench-")), students=[])
    room.students = [f"{room.tag}s{i:02d}" for i in range(n)]
    kind = {user: KINDS[i % 3] for i, user in enumerate(room.students)}
    result: dict = {"students": n}
    try:
        start = time.monotonic()
        room.create()
        result["provision_s"] = round(time.monotonic() - start, 1)
        plans = class_answers(ASSIGNMENT, *KINDS)
        course = room.course
        room.nbgrader_as(room.instructor, "generate_assignment", ASSIGNMENT, "--force", cwd=course)
        room.nbgrader_as(room.instructor, "release_assignment", ASSIGNMENT, cwd=course)

        def prepare(user: str) -> None:
            room.nbgrader_as(user, "fetch_assignment", ASSIGNMENT)
            room.answer_as(user, room.home(user) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", plans[kind[user]][0])

        start = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(prepare, room.students))
        result["fetch_and_answer_s"] = round(time.monotonic() - start, 1)

        start = time.monotonic()  # every submission at the same moment
        procs = {}
        for user in room.students:
            env = [f"{k}={v}" for k, v in room.env(user).items()]
            procs[user] = subprocess.Popen(
                ["runuser", "-u", user, "--", "env", "-i", *env, str(PREFIX / "venv" / "bin" / "nbgrader"), "submit",
                 ASSIGNMENT], cwd=room.home(user), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        failed = {user: p.communicate()[0][-300:] for user, p in procs.items() if p.wait() != 0}
        result["submit_all_at_once_s"] = round(time.monotonic() - start, 1)
        result["submit_failures"] = failed
        inbound = room.exchange / "breast-cancer-in-bone" / "inbound"
        result["in_exchange"] = len({p.name.split("+")[0] for p in inbound.iterdir()})

        start = time.monotonic()
        room.nbgrader_as(room.instructor, "collect", ASSIGNMENT, cwd=course)
        result["collect_s"] = round(time.monotonic() - start, 1)
        result["collected"] = len([p for p in (course / "submitted").iterdir() if (p / ASSIGNMENT).is_dir()])

        start = time.monotonic()
        grade = room.run_as(room.instructor, str(PREFIX / "venv" / "bin" / "bonemets"), "grade", ASSIGNMENT,
                            "--quiet", cwd=course, check=False, timeout=3600)
        result["grade_s"] = round(time.monotonic() - start, 1)
        result["grade_exit"] = grade.returncode
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            scores = {s.student.id: s.score for s in gradebook.assignment_submissions(ASSIGNMENT)}
        result["in_gradebook"] = len(scores)
        wrong = {u: (scores.get(u), plans[kind[u]][1]) for u in room.students
                 if scores.get(u) is None or abs(scores[u] - plans[kind[u]][1]) > 1e-9}
        result["wrong_scores"] = wrong
    finally:
        room.remove()
    return result


# ---- 2. memory and spawn time per user ------------------------------------------------------------------

RUN_ALL = """
import json, sys, time, nbformat
from jupyter_client.manager import start_new_kernel
nb = nbformat.read(sys.argv[1], as_version=4)
km, kc = start_new_kernel(kernel_name="python3", cwd=sys.argv[2])
start = time.monotonic()
for cell in nb.cells:
    if cell.cell_type == "code":
        kc.execute_interactive(cell.source, timeout=300, output_hook=lambda msg: None)
print(json.dumps({"kernel_pid": km.provisioner.process.pid, "run_all_s": time.monotonic() - start}), flush=True)
sys.stdin.read()  # keep the kernel alive while it is measured
km.shutdown_kernel(now=True)
"""


def per_user(users: int) -> dict:
    room = Classroom(Path(tempfile.mkdtemp(prefix="bonemets-bench-")), students=[])
    room.students = [f"{room.tag}u{i}" for i in range(users)]
    result: dict = {"users": users, "module": HEAVIEST, "each": []}
    helpers = []
    try:
        room.create()
        room.start_hub()
        hub_pids = [room.hub.pid, *children(room.hub.pid)]
        for user in room.students:
            uid = pwd.getpwnam(user).pw_uid
            session = room.login(user)
            spawn_s = room.open_lab(session, user)
            time.sleep(3)  # let the page's follow-up requests settle
            idle_pss, idle_rss = memory_kib(pids_of(uid))
            spawn_cpu = cpu_seconds(pids_of(uid))
            env = [f"{k}={v}" for k, v in room.env(user).items()]
            notebooks = room.home(user) / "notebooks"
            helper = subprocess.Popen(["runuser", "-u", user, "--", "env", "-i", *env,
                                       str(PREFIX / "venv" / "bin" / "python"), "-c", RUN_ALL,
                                       str(notebooks / f"{HEAVIEST}.ipynb"), str(notebooks)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            helpers.append(helper)
            ran = json.loads(helper.stdout.readline())
            helper_pids = {p for p in pids_of(uid) if is_helper(p)}
            busy = [p for p in pids_of(uid) if p not in helper_pids]
            pss, rss = memory_kib(busy)
            result["each"].append({"spawn_s": round(spawn_s, 1), "spawn_cpu_s": round(spawn_cpu, 1),
                                   "idle_pss_mib": mib(idle_pss), "idle_rss_mib": mib(idle_rss),
                                   "with_module_pss_mib": mib(pss), "with_module_rss_mib": mib(rss),
                                   "run_all_s": round(ran["run_all_s"], 1)})
        hub_pss, hub_rss = memory_kib(hub_pids)
        result["hub_and_proxy_pss_mib"], result["hub_and_proxy_rss_mib"] = mib(hub_pss), mib(hub_rss)
    finally:
        for helper in helpers:
            if helper.poll() is None:
                helper.stdin.close()
                try:
                    helper.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    helper.kill()
        room.remove()
    return result


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if ppid == pid:
                found += [int(entry.name), *children(int(entry.name))]
    return found


def is_helper(pid: int) -> bool:
    """The measuring script (and its `env`/`runuser` wrappers) is not part of what a student runs."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    return any(b"start_new_kernel" in part for part in cmdline)


def extrapolate(mem: dict) -> dict:
    each = mem["each"]
    pss = max(e["with_module_pss_mib"] for e in each)
    rss = max(e["with_module_rss_mib"] for e in each)
    spare = MACHINE_GIB * 1024 - SYSTEM_RESERVE_GIB * 1024 - mem["hub_and_proxy_rss_mib"]
    spawn_cpu = max(e["spawn_cpu_s"] for e in each)
    by_pss, by_rss = int(spare // pss), int(spare // rss)
    return {"per_user_pss_mib": pss, "per_user_rss_mib": rss, "users_by_pss": by_pss, "users_by_rss": by_rss,
            "spawn_cpu_s": spawn_cpu, "class_of_30_all_log_in_s": round(30 * spawn_cpu / 2, 0),
            "run_all_s": max(e["run_all_s"] for e in each)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    if problem := software_problem():
        print(f"bench_classroom skipped: {problem}")
        return
    report = {"machine": machine()}
    lines = [f"# Classroom on one machine (deploy/): load and per-user cost, {report['machine']['cores']} cores, "
             f"load average {report['machine']['load_average_1min']} at the start", ""]
    if not args.skip_load:
        result = report["load"] = load(args.students)
        n = result["students"]
        kept = (result["in_exchange"] == n and result["collected"] == n and result["in_gradebook"] == n
                and not result["submit_failures"] and not result["wrong_scores"])
        lines += [f"## {n} submissions at the same moment", "", *table(
            ["step", "seconds", "count"],
            [["provision accounts (deploy/provision.py)", result["provision_s"], n],
             ["fetch and answer (4 at a time)", result["fetch_and_answer_s"], n],
             ["`nbgrader submit`, all started together", result["submit_all_at_once_s"],
              f"{n - len(result['submit_failures'])} ok, {result['in_exchange']} in the exchange"],
             ["`nbgrader collect`", result["collect_s"], result["collected"]],
             ["`bonemets grade`", result["grade_s"], f"{result['in_gradebook']} in the gradebook"]]),
            "", f"- nothing lost, every score as worked out by hand: {verdict(kept)}", ""]
    if not args.skip_memory:
        mem = report["memory"] = per_user(args.users)
        est = report["estimate"] = extrapolate(mem)
        rows = [[i + 1, e["spawn_s"], e["spawn_cpu_s"], e["idle_pss_mib"], e["idle_rss_mib"],
                 e["with_module_pss_mib"], e["with_module_rss_mib"], e["run_all_s"]] for i, e in enumerate(mem["each"])]
        lines += [f"## Per user: JupyterLab through the hub, then {HEAVIEST} run top to bottom", "", *table(
            ["user", "spawn s", "spawn CPU s", "idle PSS MiB", "idle RSS MiB", "with module PSS MiB",
             "with module RSS MiB", "Run All s"], rows), "",
            f"Hub and proxy: PSS {mem['hub_and_proxy_pss_mib']} MiB, RSS {mem['hub_and_proxy_rss_mib']} MiB.", "",
            f"Estimate for one 2-core, {MACHINE_GIB} GB machine ({SYSTEM_RESERVE_GIB} GiB kept for the system): "
            f"memory allows about {est['users_by_pss']} students with the module open by PSS, "
            f"{est['users_by_rss']} by RSS (every shared page counted again per user). CPU is the tighter limit: "
            f"a spawn costs {est['spawn_cpu_s']} CPU s, so 30 students logging in at the same moment wait about "
            f"{est['class_of_30_all_log_in_s']:.0f} s for the last server, and a module's Run All takes "
            f"{est['run_all_s']} s of one core.", ""]
    write_results("classroom", report, lines)


if __name__ == "__main__":
    main()
