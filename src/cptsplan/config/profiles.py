"""Regional profiles: a region's additions to the national template, shipped as data.

A profile is a `.cptsplan.yaml` of its own (same format: `regles`, `exigences`, `strict`)
stored in `cptsplan/profils/<name>.yaml`. A plan repository names it with `profil: <name>`;
its own settings then apply on top (a rule set in both takes the repository's setting, the
required sections and entries add up). A region gets its rules without any code.
"""

from __future__ import annotations

from typing import Any

from cptsplan.errors import ConfigurationError


def available_profiles() -> list[str]:
    # importlib.resources (with tempfile, zipfile, random: some 8 ms) only for a profile.
    from importlib import resources

    folder = resources.files("cptsplan").joinpath("profils")
    names = (entry.name for entry in folder.iterdir())
    return sorted(name.removesuffix(".yaml") for name in names if name.endswith(".yaml"))


def profile_data(name: str) -> dict[str, Any]:
    """The settings of profile `name`; ConfigurationError if no such profile is shipped."""
    if name not in available_profiles():
        raise ConfigurationError(
            f"profil régional inconnu : « {name} »",
            "profils fournis : " + ", ".join(available_profiles()),
        )
    from importlib import resources

    import yaml  # our own file, shipped with the package: the careful loader is not needed

    text = resources.files("cptsplan").joinpath("profils", f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigurationError(f"profil régional illisible : « {name} »")
    return data


def with_profile(data: dict[str, Any]) -> dict[str, Any]:
    """The configuration `data` with its profile's settings underneath."""
    name = data.get("profil")
    if not isinstance(name, str):
        return data
    profile = profile_data(name)
    merged = {**profile, **{key: value for key, value in data.items() if key != "profil"}}
    merged["regles"] = {**(profile.get("regles") or {}), **(data.get("regles") or {})}
    wanted, own = profile.get("exigences") or {}, data.get("exigences") or {}
    sections = [*(wanted.get("sections") or []), *(own.get("sections") or [])]
    directory = {**(wanted.get("annuaire") or {}), **(own.get("annuaire") or {})}
    for key in ("categories", "entrees"):
        directory[key] = [
            *((wanted.get("annuaire") or {}).get(key) or []),
            *((own.get("annuaire") or {}).get(key) or []),
        ]
    merged["exigences"] = {"sections": sections, "annuaire": directory}
    return merged
