"""`greenloop run` on an empty var directory: migrates, loads, creates an admin, serves."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Language": "zh-hans"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return response.status, response.read()


@pytest.mark.timeout_sensitive
def test_run_serves_a_new_database(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GREENLOOP_")}
    env.update(
        GREENLOOP_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'var' / 'new.sqlite3'}",
        PYTHONUNBUFFERED="1",
    )
    log = tmp_path / "run.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "greenloop.cli", "run", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                status, body = get(f"{base}/api/regions?level=prefecture")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("server did not start:\n" + log.read_text())
                time.sleep(0.5)
        assert status == 200
        codes = sorted(region["code"] for region in json.loads(body))
        assert len(codes) == 8 and codes[0] == "630100"
        status, home = get(f"{base}/")
        assert status == 200
        assert 'lang="zh-hans"' in home.decode()
        output = log.read_text()
        assert re.search(r"一次性密码：\S+", output), output
        assert (tmp_path / "var" / "secret_key").exists()
        assert (tmp_path / "var" / "new.sqlite3").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)
