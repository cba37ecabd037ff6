"""The shapes live in the repository's top-level ``shapes/`` and ship inside the package.

* ``shapes/manifest.json`` pins every shapes file by sha256 and the files match it;
  ``mcconform.bundled_shapes`` refuses a file that does not match, or a name it does not list;
* a wheel built from the source tree (through an sdist when the ``build`` frontend is there, as
  ``python -m build`` does; else ``pip wheel``) holds ``mcconform/shapes/`` with the pinned
  bytes and every file of ``src/mcconform``, and ``mcconform check -p elm-edc`` run from that
  wheel (installed into a folder of its own) finds the shapes and reports what they say.

The build needs setuptools from an index (CI has one); offline without it the build test skips.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from mcconform import bundled_shapes

SHAPES = ROOT / "shapes"
EDC = FIXTURES / "elm" / "accreditation" / "covered.json"  # an EDC the built-in shapes fail


def _pins() -> dict[str, str]:
    entries = json.loads((SHAPES / "manifest.json").read_text("utf-8"))["shapes"]
    return {e["file"]: e["sha256"] for e in entries}


def test_manifest_pins_every_shapes_file_by_its_bytes() -> None:
    pins = _pins()
    assert sorted(pins) == sorted(p.name for p in SHAPES.glob("*.ttl"))
    assert {"elm-edc-full.ttl", "elm-edc-no-cv.ttl", "ob3.ttl"} <= set(pins)
    for name, sha in pins.items():
        assert hashlib.sha256((SHAPES / name).read_bytes()).hexdigest() == sha, name


def test_the_package_reads_the_top_level_shapes() -> None:
    for name, sha in _pins().items():
        data = bundled_shapes.shape_bytes(name)
        assert data == (SHAPES / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha
    assert not (ROOT / "src" / "mcconform" / "shapes").exists()


def test_a_file_that_does_not_match_its_pin_or_is_not_listed_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(bundled_shapes.BundledShapesError, match="no built-in shapes file"):
        bundled_shapes.shape_bytes("../profiles/ob3.toml")
    bundled_shapes.shape_bytes.cache_clear()
    monkeypatch.setattr(bundled_shapes, "pinned", lambda: {"ob3.ttl": "0" * 64})
    try:
        with pytest.raises(bundled_shapes.BundledShapesError, match="pinned sha256"):
            bundled_shapes.shape_bytes("ob3.ttl")
    finally:
        bundled_shapes.shape_bytes.cache_clear()


def _source_copy(dest: Path) -> Path:
    """What a checkout holds for the build (no virtualenv, caches or build leftovers)."""
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("src", "shapes"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    return dest


def _build_wheel(tmp: Path) -> Path:
    src = _source_copy(tmp / "tree")
    out = tmp / "dist"
    if importlib.util.find_spec("build") is not None:  # sdist, then the wheel from the sdist
        cmd = [sys.executable, "-m", "build", "--outdir", str(out), str(src)]
    else:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        text = proc.stdout + proc.stderr
        if "No matching distribution found for setuptools" in text or "Could not find a version" in text:
            pytest.skip("no index to get setuptools from for an isolated build")
        pytest.fail(f"the build failed:\n{text[-4000:]}")
    wheels = sorted(out.glob("mcconform-*.whl"))
    assert len(wheels) == 1, list(out.iterdir())
    return wheels[0]


@pytest.mark.slow
def test_the_built_wheel_ships_the_pinned_shapes_and_finds_them(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        pins = json.loads(z.read("mcconform/shapes/manifest.json"))["shapes"]
        assert {e["file"]: e["sha256"] for e in pins} == _pins()
        for e in pins:
            data = z.read(f"mcconform/shapes/{e['file']}")
            assert hashlib.sha256(data).hexdigest() == e["sha256"], e["file"]
            assert data == (SHAPES / e["file"]).read_bytes()
        # every module and data file of the package is in the wheel too (no package left out)
        pkg = ROOT / "src" / "mcconform"
        wanted = {
            "mcconform/" + p.relative_to(pkg).as_posix()
            for p in pkg.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        assert wanted - names == set()
    for sdist in wheel.parent.glob("*.tar.gz"):  # built by python -m build: the wheel came from it
        with tarfile.open(sdist) as t:
            members = {m.split("/", 1)[1] for m in t.getnames() if "/" in m}
        shipped = {"setup.py", "shapes/__init__.py", "shapes/manifest.json"} | {
            f"shapes/{n}" for n in _pins()
        }
        assert shipped <= members

    # run from the wheel: installed into a folder of its own, first on the path
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import mcconform.bundled_shapes as b; print(b.shapes_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert Path(where) == target / "mcconform" / "shapes"
    proc = subprocess.run(
        [sys.executable, "-m", "mcconform", "check", "-p", "elm-edc", "-f", "json", str(EDC)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    rules = {f["rule"] for d in json.loads(proc.stdout)["documents"] for f in d["findings"]}
    assert "shacl.shapes-error" not in rules
    assert "shacl.min-count" in rules  # the shapes ran: the fixture lacks a displayParameter
