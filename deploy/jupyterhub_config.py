"""JupyterHub for the course on one machine. deploy/provision.py copies this file to /etc/jupyterhub/.

Its settings come from classroom.json beside it (or the file named by BONEMETS_HUB_SETTINGS), written by
provision.py: where the course software is, the address, the authenticator and the account groups.
- Each person logs in with their own Linux account (PAM: the machine's passwords, or the school's directory
  if the machine uses one through PAM/SSSD) and gets their own JupyterLab running as that account.
- The hub speaks plain HTTP on 127.0.0.1: put a reverse proxy with TLS (nginx, Caddy, Apache) in front.
- The tests log in through PAM too, with the random first passwords provision.py gives new accounts: no
  test-only authenticator exists to be left switched on.
"""

import json
import os
from pathlib import Path

c = get_config()  # noqa: F821  (provided by traitlets when JupyterHub loads this file)

settings_file = Path(os.environ.get("BONEMETS_HUB_SETTINGS") or Path(__file__).with_name("classroom.json"))
SETTINGS = json.loads(settings_file.read_text())
PREFIX = Path(SETTINGS["prefix"])
GROUPS = {f"{SETTINGS['group_prefix']}-students", f"{SETTINGS['group_prefix']}-instructors"}

# ---- network: plain HTTP on loopback; TLS belongs to the reverse proxy in front ----------------------------
c.JupyterHub.bind_url = f"http://{SETTINGS['ip']}:{SETTINGS['port']}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.ConfigurableHTTPProxy.command = [str(PREFIX / "node" / "node_modules" / ".bin" / "configurable-http-proxy")]

# ---- who may log in ----------------------------------------------------------------------------------------
if SETTINGS["authenticator"] == "pam":
    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.allowed_groups = GROUPS  # only the course's accounts, not every account on the machine
elif SETTINGS["authenticator"] == "native":
    # Optional: pip install jupyterhub-nativeauthenticator into PREFIX/venv. It keeps its own passwords and an
    # admin approves each sign-up; each name must still be a Linux account (the spawner runs as it).
    c.JupyterHub.authenticator_class = "native"
    c.Authenticator.admin_users = {SETTINGS["instructor"]}
    c.Authenticator.allowed_users = set()
    c.NativeAuthenticator.open_signup = False
else:
    raise SystemExit(f"unknown authenticator {SETTINGS['authenticator']!r}: use pam or native")

# ---- each person's JupyterLab: their own account, the course's one world-readable installation ----------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(PREFIX / "venv" / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
environment = {"BONEMETS_ROOT": str(PREFIX / "course"), "PATH": f"{PREFIX / 'venv' / 'bin'}:/usr/bin:/bin"}
if SETTINGS.get("nbgrader_config_dir", "/etc/jupyter") != "/etc/jupyter":
    environment["JUPYTER_CONFIG_PATH"] = SETTINGS["nbgrader_config_dir"]
c.Spawner.environment = environment

# ---- stop idle servers (memory is the limit on one machine) --------------------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [str(PREFIX / "venv" / "bin" / "python"), "-m", "jupyterhub_idle_culler",
                f"--timeout={SETTINGS.get('idle_timeout', 3600)}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
