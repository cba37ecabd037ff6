"""Check families are imported lazily (only those a run's profiles use); what a finding says
must not depend on which families happened to be imported first."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
from mcconform.checks import proof
from mcconform.trust.issue import Issue
assert "mcconform.checks.status" not in sys.modules and "mcconform.checks.sdjwt" not in sys.modules
for rid in ("status.revoked", "sdjwt.digest", "jose.cty"):
    f = proof.to_finding(Issue(rid, "m", "/x"))
    print(f.rule, f.severity, f.pointer)
"""


def _python(code: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", code]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)


def test_a_trust_issue_of_a_family_not_imported_yet_is_its_rules_finding() -> None:
    proc = _python(_PROBE)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.split()
    assert lines[0::3] == ["status.revoked", "sdjwt.digest", "jose.cty"]
    assert lines[2::3] == ["/x", "/x", "/x"]


def test_check_names_of_families_are_known_without_importing_them() -> None:
    probe = (
        "import sys; from mcconform import checks; "
        "assert checks.is_known('vc-jose') and checks.is_known('sd-jwt'); "
        "print(sorted(m for m in ('mcconform.checks.vcjose', 'mcconform.checks.sdjwt', 'cryptography') "
        "if m in sys.modules)); "
        "assert not checks.is_known('nope')"
    )
    proc = _python(probe)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[]"
