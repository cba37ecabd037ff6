"""CI integration that really checks: the GitHub Action's script and the pre-commit hook, run
as a user runs them (the hook through `pre-commit`, the README's configuration as written)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "ob3"
CRITERIA = FIXTURES / "invalid" / "ob3.criteria.json"
VALID = FIXTURES / "valid" / "micro-credential.json"
MCCONFORM = str(Path(sys.executable).with_name("mcconform"))


def action(tmp_path: Path, paths: str, **env: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    out, summary = tmp_path / "github_output", tmp_path / "step_summary"
    out.write_text("")
    summary.write_text("")
    full = {
        **os.environ,
        "MCCONFORM": MCCONFORM if Path(MCCONFORM).exists() else "mcconform",
        "MCCONFORM_PATHS": paths,
        "MCCONFORM_FAIL_ON": "error",
        "MCCONFORM_SARIF": "out.sarif",
        "MCCONFORM_SUMMARY": "true",
        "GITHUB_OUTPUT": str(out),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(tmp_path),
        **env,
    }
    res = subprocess.run(
        [bash, str(ROOT / "tools" / "action.sh")], cwd=tmp_path / "ws", env=full, text=True,
        capture_output=True, check=False, timeout=600,
    )  # fmt: skip
    outputs = dict(line.split("=", 1) for line in out.read_text().splitlines() if "=" in line)
    outputs["summary"] = summary.read_text()
    return res, outputs


def test_action_script_multiline_spaces_globs(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    (ws / "my badges").mkdir(parents=True)
    (ws / "my badges" / "good one.json").write_text(VALID.read_text())
    (ws / "deep" / "er").mkdir(parents=True)
    (ws / "deep" / "er" / "bad.json").write_text(CRITERIA.read_text())
    cred = json.loads(VALID.read_text())
    cred["validUntil"] = "2001-01-01T00:00:00Z"  # expired
    (ws / "expired.json").write_text(json.dumps(cred, indent=2))
    # multi-line: the expired credential is on line 2; a path with a space; a glob
    res, outputs = action(tmp_path, "my badges/good one.json\nexpired.json\n\n  deep/**/*.json  # comment\n")
    assert res.returncode == 0, res.stderr
    assert outputs["exit-code"] == "1" and outputs["sarif-file"] == "out.sarif"
    sarif = json.loads((ws / "out.sarif").read_text())
    by_file: dict[str, set[str]] = {}
    for r in sarif["runs"][0]["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_file.setdefault(uri, set()).add(r["ruleId"])
    assert "ob3.expired" in by_file["expired.json"]
    assert "ob3.criteria" in by_file["deep/er/bad.json"]
    documents = sarif["runs"][0]["properties"]["documents"]
    assert set(documents) == {"my badges/good one.json", "expired.json", "deep/er/bad.json"}
    assert documents["my badges/good one.json"]["conformant"]
    # one run: the summary and the annotations come from it
    assert outputs["summary"].startswith("## ❌ mcconform") and "3 document(s)" in outputs["summary"]
    assert re.search(
        r"^::error file=deep/er/bad\.json,line=\d+,col=\d+,.*title=ob3\.criteria::", res.stdout, re.M
    )
    assert res.stdout.count("mcconform check:") == 1


def test_action_script_space_separated_and_profiles(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "a.json").write_text(VALID.read_text())
    (ws / "b.json").write_text(CRITERIA.read_text())
    res, outputs = action(tmp_path, "a.json b.json", MCCONFORM_PROFILES="core", MCCONFORM_SUMMARY="false")
    assert outputs["summary"] == "" and outputs["exit-code"] in ("0", "1")
    documents = json.loads((ws / "out.sarif").read_text())["runs"][0]["properties"]["documents"]
    assert set(documents) == {"a.json", "b.json"}
    assert all(set(d["profiles"]) == {"core"} for d in documents.values())
    # a glob that matches nothing is not silently dropped: the input is reported missing
    res, outputs = action(tmp_path, "nothing/*.json")
    assert outputs["exit-code"] == "2"
    res, outputs = action(tmp_path, "  \n")
    assert res.returncode == 2 and "names nothing" in res.stdout


# --------------------------------------------------------------------------- pre-commit


def _pre_commit() -> str:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if exe is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit; it is in the test extra)")
    return exe


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=120)


def _hook_repo(tmp_path: Path) -> Path:
    """A committed copy of the project (its tracked and modified files), for pre-commit."""
    if shutil.which("git") is None:
        pytest.skip("no git")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout")
    repo = tmp_path / "hook-repo"
    for name in listed.stdout.splitlines():
        src = ROOT / name
        if src.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "hook")
    return repo


def _user_repo(tmp_path: Path) -> Path:
    user = tmp_path / "user"
    (user / "badges").mkdir(parents=True)
    (user / "badges" / "good.json").write_text(VALID.read_text())
    (user / "badges" / "bad.json").write_text(CRITERIA.read_text())
    (user / "package.json").write_text('{"name": "not a credential"}')
    _git(user, "init", "-q")
    _git(user, "add", "-A")
    return user


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_CONFIG_NOSYSTEM": "1"}


def readme_pre_commit_config() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", text, re.S)
    assert m, "the README has a .pre-commit-config.yaml example"
    return m.group(1)


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    exe = _pre_commit()
    hook, user = _hook_repo(tmp_path), _user_repo(tmp_path)
    res = subprocess.run(
        [exe, "try-repo", str(hook), "mcconform-check", "--files", "badges/good.json", "badges/bad.json"],
        cwd=user, env=_env(tmp_path), capture_output=True, text=True, check=False, timeout=1500,
    )  # fmt: skip
    if "Could not find a version" in res.stdout + res.stderr or "No matching distribution" in res.stdout:
        pytest.skip("the hook's environment cannot be installed here (no package index)")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "ob3.criteria" in res.stdout and "FAIL badges/bad.json" in res.stdout


@pytest.mark.slow
def test_readme_pre_commit_config_as_written(tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, copied as written (only the repository and rev
    point at a local copy), fails on a credential with an ob3.criteria error and passes a good one."""
    yaml = pytest.importorskip("yaml")
    exe = _pre_commit()
    config = readme_pre_commit_config()
    parsed = yaml.safe_load(config)
    (hook_cfg,) = parsed["repos"][0]["hooks"]
    assert hook_cfg["id"] == "mcconform-check"
    assert "--profile" not in " ".join(hook_cfg.get("args", []))  # the documents' own profiles
    hook, user = _hook_repo(tmp_path), _user_repo(tmp_path)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hook, capture_output=True, text=True
    ).stdout.strip()
    config = re.sub(r"(repo: )\S+", lambda m: m.group(1) + str(hook), config, count=1)
    config = re.sub(r"(rev: )\S+", lambda m: m.group(1) + sha, config, count=1)
    (user / ".pre-commit-config.yaml").write_text(config)
    _git(user, "add", "-A")
    res = subprocess.run(
        [exe, "run", "--all-files"], cwd=user, env=_env(tmp_path), capture_output=True, text=True,
        check=False, timeout=1500,
    )  # fmt: skip
    if "Could not find a version" in res.stdout + res.stderr:
        pytest.skip("the hook's environment cannot be installed here (no package index)")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "ob3.criteria" in res.stdout and "FAIL badges/bad.json" in res.stdout
    assert "package.json" not in res.stdout  # `files` narrows the hook to badges/
    (user / "badges" / "bad.json").unlink()
    _git(user, "add", "-A")
    res = subprocess.run(
        [exe, "run", "--all-files"], cwd=user, env=_env(tmp_path), capture_output=True, text=True,
        check=False, timeout=1500,
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
