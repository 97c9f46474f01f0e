"""What the lexicon hands the extractor: concepts to ground facts in, and how each was found.

A *kind* is the role a concept plays in a fact (symptom, risk factor, anatomy...); a
*branch* is where an ontology term sits (an HPO phenotype, a DO disease, a UBERON
structure...). One term can fill several kinds (a disease can be a risk factor), so the
kind comes from the page (the section, the cue) and the branch from the ontology.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

KIND_BY_CLASS = {
    "Disease": "disease",
    "CellType": "cell-type",
    "AnatomicalEntity": "anatomy",
    "RiskFactor": "risk-factor",
    "AgeGroup": "age-group",
    "ClinicalCourse": "course",
    "Cause": "cause",
    "Symptom": "symptom",
}
CLASS_BY_KIND = {kind: cls for cls, kind in KIND_BY_CLASS.items()}

KIND_BRANCHES: dict[str, tuple[str, ...]] = {
    "disease": ("disease",),
    "symptom": ("phenotype",),
    "risk-factor": ("exposure", "disease", "phenotype"),
    "anatomy": ("anatomy",),
    "cell-type": ("cell",),
    "age-group": ("onset",),
    "course": ("course",),
    "cause": (),
}
"""The ontology branches a concept of each kind may come from, the preferred first."""

BRANCH_KINDS: dict[str, tuple[str, ...]] = {
    branch: tuple(kind for kind, branches in KIND_BRANCHES.items() if branch in branches)
    for branch in {b for branches in KIND_BRANCHES.values() for b in branches}
}

SCOPES = ("curated", "label", "exact", "layperson", "abbreviation", "narrow", "broad", "related", "fuzzy")
"""How a concept was recognised, most direct first: our vocabulary's own label or synonym
(curated), the ontology's label, an exact / layperson / abbreviation synonym, a narrow,
broad or related synonym, or a fuzzy match of a list item."""

EXACT_SCOPES = frozenset({"curated", "label", "exact", "layperson", "abbreviation"})
"""Scopes that name the ontology term itself; the others give the page's phrase its own
concept, mapped to the term (``INEXACT_MAPPING``)."""

INEXACT_MAPPING = {"narrow": "broadMatch", "broad": "narrowMatch", "related": "relatedMatch", "fuzzy": "closeMatch"}
"""A narrow synonym names something narrower than the term, so the term is a broad match
of the page's phrase (and the other way round for a broad synonym)."""

OBO = "http://purl.obolibrary.org/obo/"


@dataclass(frozen=True)
class Concept:
    """One recognisable thing: its entity path, kind, labels, ontology mappings and source."""

    path: str
    kind: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    mappings: tuple[tuple[str, str], ...] = ()
    """(SKOS mapping property, ontology IRI) pairs."""
    xrefs: tuple[str, ...] = ()
    scope_note: str | None = None
    release: str | None = None
    """The IRI of the ontology release the concept's term came from."""
    score: float | None = None
    """For a fuzzy match: how close the page's phrase is to the term's form (0-1)."""

    @property
    def grounded(self) -> bool:
        """True when the concept maps to at least one ontology term."""
        return bool(self.mappings)

    @property
    def exact_ids(self) -> tuple[str, ...]:
        """The ontology IRIs the concept is an exact match of."""
        return tuple(iri for prop, iri in self.mappings if prop == "exactMatch")

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)


@dataclass(frozen=True)
class Grounding:
    """A concept for a phrase of the page, and how it was recognised (one of ``SCOPES``)."""

    concept: Concept
    scope: str


def obo_iri(curie: str) -> str:
    """``MONDO:0004967`` -> ``http://purl.obolibrary.org/obo/MONDO_0004967``."""
    prefix, _, local = curie.partition(":")
    return f"{OBO}{prefix}_{local}"


def slugify(label: str) -> str:
    """A readable, IRI-safe slug: NFKD, ASCII letters and digits, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        slug = "x-" + hashlib.sha256(label.encode()).hexdigest()[:12]
    return slug[:80].rstrip("-")
