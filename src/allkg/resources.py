"""Files shipped with allkg: ontology, shapes, canned queries and the bundled seed page.

In a wheel they live under ``allkg/resources`` (hatchling ``force-include``);
in a source checkout (editable install) they are read from the top of the repo.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SEED_FILE_NAME = "seed-mayo-clinic-all.txt"


def _package_dir() -> Path:
    return Path(str(resources.files("allkg")))


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource (``ontology/...``, ``shapes/...`` or ``queries/...``)."""
    packaged = _package_dir().joinpath("resources", *parts)
    if packaged.exists():
        return packaged
    checkout = _package_dir().parents[1].joinpath(*parts)
    if checkout.exists():
        return checkout
    raise FileNotFoundError(f"allkg resource not found: {'/'.join(parts)} (is the package installed correctly?)")


def seed_path() -> Path:
    """The bundled seed page, the default input of every command (its source: ``data/SOURCE.md``)."""
    return data_path(SEED_FILE_NAME)


def data_path(name: str) -> Path:
    """A data file shipped inside the package (``allkg/data/{name}``)."""
    return _package_dir() / "data" / name


def checkout_data_path(name: str) -> Path | None:
    """A data file's place in the source checkout allkg runs from (``src/allkg/data/{name}``,
    an editable install), or None when allkg runs from an installed wheel."""
    package = _package_dir()
    if package.parent.name == "src" and (package.parents[1] / "pyproject.toml").is_file():
        return package / "data" / name
    return None
