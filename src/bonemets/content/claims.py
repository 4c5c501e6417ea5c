"""The claim checker's claims (assets/data/claims.yaml): health claims of the kind patients bring, each
with its class, the evidence and the sources that settle it.

A malformed file raises ContentError naming the file, the claim and the field. `judge` is the pure
feedback the ClaimChecker widget shows (module 09).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bonemets.errors import ContentError
from bonemets.paths import assets_dir

CLAIMS_FILE = Path("data") / "claims.yaml"
# The four classes a student chooses from, in the order the widget lists them.
CLASSES = {
    "supported": "Supported as stated",
    "population": "True only for a population it does not name",
    "outdated": "Outdated: newer evidence or guidance has replaced it",
    "unsupported": "Unsupported or invented",
}


class Claim(BaseModel):
    """One claim as a patient might meet it, and what the evidence says."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    claim: str = Field(min_length=15)
    seen_in: str = Field(min_length=5, description="where a patient might meet it")
    verdict: str = Field(description="one of the keys of CLASSES")
    evidence: str = Field(min_length=40)
    accurate: str = Field(min_length=20, description="how to say it accurately")
    sources: list[str] = Field(min_length=1)


def _where(error: dict) -> str:
    return ".".join(str(p) for p in error["loc"]) or "(claim)"


def parse_claims(text: str, source: str, known_sources: set[str] | None = None) -> list[Claim]:
    """Validate the claims file's text; every problem is listed with the file, claim id and field."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ContentError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("claims"), list) or not raw["claims"]:
        raise ContentError(f"{source}: expected a mapping with a non-empty list under 'claims'")
    claims, problems, seen = [], [], set()
    for index, entry in enumerate(raw["claims"], 1):
        label = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        try:
            claim = Claim.model_validate(entry)
        except ValidationError as exc:
            problems += [f"{source}: claim '{label}' field '{_where(e)}': {e['msg']}" for e in exc.errors()]
            continue
        where = f"{source}: claim '{claim.id}'"
        if claim.id in seen:
            problems.append(f"{where} field 'id': the id is used twice")
        seen.add(claim.id)
        if claim.verdict not in CLASSES:
            problems.append(f"{where} field 'verdict': '{claim.verdict}' is not one of {', '.join(CLASSES)}")
        if known_sources is not None:
            problems += [f"{where} field 'sources': unknown reference '{key}'"
                         for key in claim.sources if key not in known_sources]
        claims.append(claim)
    if problems:
        raise ContentError("\n".join(problems))
    return claims


def load_claims(path: Path | None = None, known_sources: set[str] | None = None) -> list[Claim]:
    """Read assets/data/claims.yaml, checking every source against the reference registry."""
    from bonemets.content.references import load_registry

    path = assets_dir() / CLAIMS_FILE if path is None else Path(path)
    if not path.is_file():
        raise ContentError(f"{path.name}: the claims file is missing (looked for {path})")
    known = set(load_registry()) if known_sources is None else known_sources
    return parse_claims(path.read_text(encoding="utf-8"), path.name, known)


def judge(claim: Claim, chosen: str) -> str:
    """Feedback in words for a student's class: right or not, the evidence, and how to say it accurately."""
    if chosen not in CLASSES:
        raise ValueError(f"choose one of {', '.join(CLASSES)}; got {chosen!r}")
    right = chosen == claim.verdict
    opening = (f"Right: {CLASSES[claim.verdict].split(':')[0].lower()}." if right else
               f"Not quite: you chose '{CLASSES[chosen].split(':')[0]}', but the evidence says "
               f"'{CLASSES[claim.verdict].split(':')[0]}'.")
    return f"{opening}\nThe evidence: {claim.evidence}\nSaid accurately: {claim.accurate}"
