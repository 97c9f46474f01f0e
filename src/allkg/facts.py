"""What extraction produces: entities, facts about them, and the evidence spans."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from allkg.lexicon.concepts import Concept, slugify
from allkg.source import SourceDocument

@dataclass(frozen=True)
class Entity:
    """A node of the domain layer: a vocabulary concept, or one minted from the page."""

    path: str
    kind: str
    label: str
    concept: Concept | None = None

    @property
    def grounded(self) -> bool:
        return self.concept is not None and self.concept.grounded


@dataclass(frozen=True)
class Text:
    """A literal in the page's language."""

    value: str
    lang: str = "en"


@dataclass(frozen=True)
class Flag:
    """A boolean literal."""

    value: bool


@dataclass(frozen=True)
class Term:
    """A term of the allkg ontology itself (e.g. ``FavourableOutlook``)."""

    name: str


Value = Entity | Text | Flag | Term


@dataclass(frozen=True)
class Span:
    """Code-point offsets into the decoded text: ``text[start:end]`` is the quote."""

    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One domain triple, the kind of fact it states, and where the page says it."""

    kind: str
    subject: Entity
    predicate: str
    object: Value
    evidence: tuple[Span, ...]
    explanation: str | None = None
    """The page's own sentences explaining the fact (e.g. after a risk-factor item)."""
    grounding: str | None = None
    """How the object was recognised: one of ``lexicon.concepts.SCOPES``, or "ungrounded"."""


@dataclass
class Extraction:
    """Everything read from one page."""

    document: SourceDocument
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    publisher: str | None = None
    last_reviewed: str | None = None
    """The date the page says it was last reviewed (YYYY-MM-DD)."""

    def quote(self, span: Span) -> str:
        return self.document.text[span.start : span.end]


def short_hash(*parts: str) -> str:
    """A stable 16-hex-digit hash of the parts, for IRIs derived from content."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def concept_entity(concept: Concept) -> Entity:
    return Entity(concept.path, concept.kind, concept.pref_label, concept)


def local_entity(kind: str, label: str) -> Entity:
    """An ungrounded concept named by the page (no ontology term in the lexicon)."""
    return Entity(f"{kind}/{slugify(label)}", kind, label)



def statement_entity(disease: Entity, kind: str, age_group: Entity, text: str) -> Entity:
    """A statement the page makes about one age group (epidemiology or prognosis)."""
    disease_slug = disease.path.split("/", 1)[1]
    age_slug = age_group.path.split("/", 1)[1]
    path = f"statement/{disease_slug}/{kind}/{age_slug}/{short_hash(text)[:8]}"
    return Entity(path, f"{kind}-statement", text)
