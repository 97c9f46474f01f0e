"""The SKOS vocabulary: every ontology ID it maps to was checked, and cited, in the reference table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from allkg.lexicon import Concept
from allkg.lexicon.overlay import read_overlay
from allkg.resources import resource_path

REPO = Path(__file__).resolve().parents[1]
# the team's reference table, and the IDs verified the same way since (each file names its sources)
TABLE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "ontology" / "sources").glob("*.md")))
VOCABULARY = REPO / "ontology" / "vocabulary.ttl"
CONCEPTS = {c.path: c for c in read_overlay(VOCABULARY)}
OBO = "http://purl.obolibrary.org/obo/"


def exact_ids(concept: Concept) -> list[str]:
    return [iri for prop, iri in concept.mappings if prop == "exactMatch"]


def in_table(iri: str) -> bool:
    """The IRI, or its OBO CURIE (MONDO:0004967), appears in the reference table."""
    if iri in TABLE:
        return True
    if iri.startswith(OBO):
        prefix, _, local = iri.removeprefix(OBO).partition("_")
        return re.search(rf"\b{re.escape(prefix)}:{re.escape(local)}\b", TABLE) is not None
    for namespace, prefix in (
        ("http://www.orpha.net/ORDO/Orphanet_", "Orphanet_"),
        ("http://www.ebi.ac.uk/efo/EFO_", "EFO_"),
        ("http://linkedlifedata.com/resource/umls/id/", ""),
    ):
        if iri.startswith(namespace):
            return prefix + iri.removeprefix(namespace) in TABLE
    return False


MAPPINGS = sorted({(c.path, iri) for c in CONCEPTS.values() for _, iri in c.mappings})


@pytest.mark.parametrize(("concept", "iri"), MAPPINGS, ids=[f"{c}->{i.rsplit('/', 1)[-1]}" for c, i in MAPPINGS])
def test_every_mapping_is_in_the_reference_table(concept: str, iri: str):
    assert in_table(iri), f"{concept} maps to {iri}, which the reference table does not list"


def test_known_traps_are_avoided():
    ids = {iri for _, iri in MAPPINGS}
    assert OBO + "CL_0017005" not in ids  # "lymphoblast" = activated lymphocyte, not the leukemic blast
    children = CONCEPTS["age-group/children"]
    assert exact_ids(children) == [OBO + "HP_0410280"]  # not HP:0011463 (onset at 1-5 years)
    assert OBO + "HsapDv_0000087" not in ids  # obsolete adult stage
    assert not any("wikidata" in iri for iri in ids)  # the QID was never verified


def test_every_concept_cites_the_table_section_it_was_checked_in():
    text = VOCABULARY.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[a-z]+:[\w-]+ a skos:Concept)", text)
    for block in blocks[1:]:
        head = block.split()[0]
        previous = blocks[blocks.index(block) - 1].rstrip().splitlines()
        comments = []
        for line in reversed(previous):
            if not line.startswith("#"):
                break
            comments.append(line)
        assert any(re.search(r"ontology-terms\.md §|verified-ids-[\d-]+\.md", c) for c in comments), (
            f"{head} cites no reference table"
        )


def test_every_concept_has_a_kind_and_is_grounded_or_says_why():
    for concept in CONCEPTS.values():
        assert concept.kind
        if not exact_ids(concept):
            assert concept.scope_note or concept.mappings, f"{concept.path}: no exact match and no explanation"


def test_the_installed_package_ships_the_vocabulary():
    assert resource_path("ontology", "vocabulary.ttl").read_bytes() == VOCABULARY.read_bytes()
    assert resource_path("shapes", "allkg.ttl").read_bytes() == (REPO / "shapes" / "allkg.ttl").read_bytes()
