"""The one build setting pyproject.toml cannot say: the packages.

Every package under ``src/`` (found, so a new subpackage needs no edit here), plus
``mcconform.shapes``, which is the repository's top-level ``shapes/`` directory (SHACL files,
``manifest.json`` with their sha256).  ``[tool.setuptools.packages.find]`` cannot map a package
from outside ``where``, hence this file; everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "mcconform.shapes"],
    package_dir={"": "src", "mcconform.shapes": "shapes"},
)
