"""The HTML reports in a real browser: headless Chromium renders them offline.

Needs Debian's ``chromium`` package. When it is missing and the tests run as root on a
machine with apt-get (a CI container), they install it (``apt-get update && apt-get install -y
chromium``; set ``MCCONFORM_INSTALL_CHROMIUM=0`` to forbid that); otherwise, or when the
installation fails, they are skipped with the reason.
Chromium runs with networking features off and a throw-away profile; the pages themselves
forbid every network load with their Content-Security-Policy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from mcconform.cli import main

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json"
CHROMIUM = os.environ.get("MCCONFORM_CHROMIUM", "/usr/bin/chromium")



def _usable() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@pytest.fixture(scope="module", autouse=True)
def browser() -> str:
    """The Chromium binary: installed from Debian packages when missing and allowed, else skip."""
    if _usable():
        return CHROMIUM
    apt = shutil.which("apt-get")
    allowed = os.environ.get("MCCONFORM_INSTALL_CHROMIUM", "1") != "0"
    if not (apt and allowed and hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip(f"headless Chromium not installed at {CHROMIUM} (apt-get install -y chromium)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in ([apt, "update", "-q"], [apt, "install", "-y", "-q", "--no-install-recommends", "chromium"]):
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"installing chromium failed: {exc}")
        if res.returncode != 0:
            pytest.skip(f"installing chromium failed ({' '.join(cmd[1:])}): {res.stderr[-500:]}")
    if not _usable():
        pytest.skip(f"chromium installed but not found at {CHROMIUM}")
    return CHROMIUM


def chromium(tmp_path: Path, page: Path, *action: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *action,
        page.as_uri(),
    ]
    env = dict(os.environ, HOME=str(tmp_path))
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=90, env=env, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert res.returncode == 0, res.stderr[-2000:]
    return res


def visible_text(dom: str) -> str:
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))


def test_check_report_renders_in_chromium(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    cred = json.loads(VALID.read_text())
    cred["favouriteColour"] = "blue"
    bad.write_text(json.dumps(cred, indent=2))
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), str(VALID), str(bad)])
    assert res.exit_code == 1
    dom = chromium(tmp_path, out, "--dump-dom").stdout
    assert "<details" in dom and "data-metric" in dom
    text = visible_text(dom)
    assert re.search(r"\b2 documents\b", text, re.I)
    assert "50.0 % pass rate" in text.lower()
    assert "bad.json" in text and "/favouriteColour" in text and "jsonld.undefined-term" in text
    shot = tmp_path / "report.png"
    chromium(tmp_path, out, "--window-size=1200,1600", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_audit_report_renders_in_chromium(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    lines = []
    for n in range(30):
        cred = json.loads(VALID.read_text())
        cred["issuer"]["id"] = f"https://issuer{n % 3}.example.org/"
        cred["issuer"]["name"] = f"Issuer number {n % 3}"
        if n % 10 == 0:
            cred["favouriteColour"] = "blue"
        lines.append(json.dumps(cred))
    export.write_text("\n".join(lines) + "\n")
    out_html, out_json = tmp_path / "audit.html", tmp_path / "audit.json"
    runner = CliRunner()
    assert runner.invoke(main, ["audit", str(export), "-o", str(out_html)]).exit_code == 0
    assert runner.invoke(main, ["audit", str(export), "-o", str(out_json)]).exit_code == 0
    data = json.loads(out_json.read_text())
    dom = chromium(tmp_path, out_html, "--dump-dom").stdout
    text = visible_text(dom)
    totals = data["totals"]
    assert totals["documents"] == 30 and totals["conformant"] == 27
    assert re.search(r"\b30 documents\b", text, re.I)
    assert re.search(r"\b27 conformant\b", text, re.I)
    assert "90.0 % pass rate" in text.lower()
    assert len(re.findall(r'<tr class="issuer"', dom)) == len(data["issuers"]) == 3
    for n in range(3):
        assert f"Issuer number {n}" in text


PROBE = """<script>
window.addEventListener('load', function () {
  var q = document.getElementById('dq');
  q.value = 'inconsistent'; q.dispatchEvent(new Event('input'));
  var shown = Array.prototype.filter.call(document.querySelectorAll('table.doclist tbody tr'),
                                          function (r) { return !r.hidden; }).length;
  document.body.setAttribute('data-probe', document.documentElement.scrollWidth + ' ' + shown);
});
</script></body>"""


def test_accreditation_audit_is_readable_at_1400px(tmp_path: Path) -> None:
    """The audit of 400+ documents: no horizontal scrolling at 1,400 px, a filterable list with
    an anchor per document, not-verified apart from pass."""
    export = tmp_path / "export"
    export.mkdir()
    cred = json.loads(VALID.read_text())
    for n in range(410):
        c = dict(cred, id=f"urn:uuid:00000000-0000-4000-8000-{n:012d}")
        (export / f"deeply-nested-directory-name-that-is-long-{n:04d}.json").write_text(json.dumps(c))
    for f in (ROOT / "fixtures" / "audit" / "inconsistent").iterdir():
        (export / f"inconsistent-{f.name}").write_text(f.read_text())
    (export / "context.jsonld").write_text('{"@context": {"x": "http://example.org/x"}}')
    out = tmp_path / "audit.html"
    assert CliRunner().invoke(main, ["audit", str(export), "-j1", "-o", str(out)]).exit_code == 0
    page = out.read_text()
    assert len(re.findall(r'<tr id="doc-\d+"', page)) == 413
    assert 'id="verdicts"' in page and "not verified" in page
    assert "Example Univ. (old name)" in page
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", PROBE))
    dom = chromium(tmp_path, probe, "--window-size=1400,1000", "--dump-dom").stdout
    width, shown = re.search(r'data-probe="(\d+) (\d+)"', dom).groups()  # type: ignore[union-attr]
    assert int(width) <= 1400
    assert int(shown) == 2
    shot = tmp_path / "audit.png"
    chromium(tmp_path, out, "--window-size=1400,1000", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
