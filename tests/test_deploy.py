"""deploy/: the systemd unit and timer pass `systemd-analyze verify`, the unit's command line
really runs and logs timestamped lines where the unit says, and the cron and logrotate files
are what /etc/cron.d and /etc/logrotate.d expect."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES

DEPLOY = REPO / "deploy"
SERVICE = DEPLOY / "baokan-nightly.service"
TIMER = DEPLOY / "baokan-nightly.timer"
CRON = DEPLOY / "cron.d" / "baokan"
LOGROTATE = DEPLOY / "logrotate.d" / "baokan"
BAOKAN = "/opt/baokan/.venv/bin/baokan"
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{4} (progress|warning|note): ")


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_unit_and_timer_pass_systemd_analyze_verify(tmp_path):
    for path in (SERVICE, TIMER):
        shutil.copy2(path, tmp_path / path.name)
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / SERVICE.name),
                             str(tmp_path / TIMER.name)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and "baokan-nightly" not in result.stderr, result.stderr


def test_unit_logs_to_its_logs_directory_and_fails_on_any_error():
    unit = _unit(SERVICE)
    service, section = unit["Service"], unit["Unit"]
    assert service["LogsDirectory"] == "baokan" and service["User"] == "baokan"
    assert "$LOGS_DIRECTORY/nightly.log" in service["ExecStart"]
    after = section.get("After", "")
    assert "network-online.target" not in after or "network-online.target" in section.get("Wants", "")
    assert "SuccessExitStatus" not in service  # usage errors (1) and failed inputs (2) show


def _exec_start(out: Path) -> list[str]:
    """The unit's ExecStart with the checkout's baokan and test paths in place of /opt, /srv."""
    command = _unit(SERVICE)["Service"]["ExecStart"]
    baokan = f"{shlex.quote(sys.executable)} -m pipeline"
    command = (command.replace(BAOKAN, baokan).replace("/srv/archive/incoming", str(SAMPLES))
               .replace("/srv/baokan/out", str(out)))
    return shlex.split(command)


def test_the_unit_command_runs_and_writes_a_timestamped_log(tmp_path):
    logs = tmp_path / "log"
    logs.mkdir()
    env = {**os.environ, "LOGS_DIRECTORY": str(logs), "PYTHONPATH": str(REPO)}
    result = subprocess.run(_exec_start(tmp_path / "out"), env=env, cwd=REPO, timeout=900,
                            capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout, result.stderr, (logs / "nightly.log").read_text())
    log = (logs / "nightly.log").read_text(encoding="utf-8").splitlines()
    progress = [line for line in log if "progress:" in line]
    assert progress and all(STAMP.match(line) for line in progress), log
    assert any(line.startswith("Baokan run ") for line in log)
    assert (tmp_path / "out" / "documents").is_dir()


def test_cron_file_has_a_user_field_and_a_name_cron_reads():
    assert "." not in CRON.name  # cron skips /etc/cron.d files whose name has a dot
    jobs = [line.split() for line in CRON.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#") and "=" not in line.split()[0]]
    assert jobs
    for fields in jobs:
        assert len(fields) > 6 and fields[5] == "baokan", fields  # m h dom mon dow USER command
        assert " ".join(fields[6:]).endswith(">> /var/log/baokan/nightly.log 2>&1")


def test_logrotate_covers_the_log():
    text = LOGROTATE.read_text(encoding="utf-8")
    assert "/var/log/baokan/*.log {" in text and "create 0640 baokan baokan" in text
    if shutil.which("logrotate"):
        check = subprocess.run(["logrotate", "-d", str(LOGROTATE)], capture_output=True,
                               text=True, timeout=60)
        assert "error" not in check.stderr.lower(), check.stderr


def test_readme_install_procedure_names_every_deploy_file():
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for path in (SERVICE, TIMER, CRON, LOGROTATE):
        assert str(path.relative_to(REPO)) in readme, path
    for step in ("useradd", "install -d -o baokan", "systemctl enable --now", "systemd-analyze verify"):
        assert step in readme, step
