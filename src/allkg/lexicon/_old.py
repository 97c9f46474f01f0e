"""The vocabulary the extractor grounds to, read from ``ontology/vocabulary.ttl``.

The lexicon is data (a SKOS concept scheme), not a dict in code: each concept's
labels are its surface forms and its ``skos:*Match`` links are its grounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from allkg.resources import resource_path

ID_NAMESPACE = "https://w3id.org/allkg/id/"
ONTOLOGY_NAMESPACE = "https://w3id.org/allkg/ontology/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HAS_DBXREF = "http://www.geneontology.org/formats/oboInOwl#hasDbXref"

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
MATCH_PROPERTIES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")


@dataclass(frozen=True)
class Concept:
    """One recognisable term: its entity path, kind, labels and ontology mappings."""

    path: str
    kind: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    mappings: tuple[tuple[str, str], ...] = ()
    xrefs: tuple[str, ...] = ()
    scope_note: str | None = None

    @property
    def grounded(self) -> bool:
        """True when the concept maps to at least one ontology term."""
        return bool(self.mappings)

    @property
    def exact_ids(self) -> tuple[str, ...]:
        return tuple(iri for prop, iri in self.mappings if prop == "exactMatch")

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)


@dataclass(frozen=True)
class Mention:
    """A place in the text where a concept is named."""

    concept: Concept
    start: int
    end: int
    text: str


class Lexicon:
    """All concepts, and a matcher for their surface forms (longest match wins)."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts: dict[str, Concept] = {c.path: c for c in concepts}
        self._by_form: dict[str, Concept] = {}
        self._acronym_forms: set[str] = set()
        for concept in concepts:
            for form in concept.surface_forms:
                key = form.casefold()
                other = self._by_form.get(key)
                if other is not None and other is not concept:
                    raise ValueError(f"surface form {form!r} names both {other.path} and {concept.path}")
                self._by_form[key] = concept
                if _ACRONYM.search(form):
                    self._acronym_forms.add(form)
        self._patterns: dict[str | None, re.Pattern[str]] = {}

    def _pattern(self, kind: str | None) -> re.Pattern[str]:
        """One alternation of every surface form (of one kind, or all), longest first.

        Forms with an acronym ("childhood ALL") match case-sensitively, so the
        English word "all" never names a disease.
        """
        pattern = self._patterns.get(kind)
        if pattern is None:
            acronyms = {f.casefold(): f for f in self._acronym_forms}
            forms = sorted(
                (f for f, c in self._by_form.items() if kind is None or c.kind == kind), key=lambda f: (-len(f), f)
            )
            alternatives = "|".join(
                f"(?-i:{_form_regex(acronyms[f])})" if f in acronyms else _form_regex(f) for f in forms
            ) or "(?!)"  # no form of this kind: match nothing
            # whole words only, and not a possessive ("child's doctor" is not about children)
            pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])(?!['’]s\b)", re.IGNORECASE)
            self._patterns[kind] = pattern
        return pattern

    def mentions(self, text: str, start: int = 0, end: int | None = None, *, kind: str | None = None) -> list[Mention]:
        """Every concept named in ``text[start:end]`` (optionally of one kind), leftmost-longest."""
        found = []
        for match in self._pattern(kind).finditer(text, start, len(text) if end is None else end):
            key = " ".join(match.group().split()).casefold()
            found.append(Mention(self._by_form[key], match.start(), match.end(), match.group()))
        return found

    def loose_mentions(self, text: str, *, kind: str, slack: int = 3) -> list[Mention]:
        """Multi-word forms whose words appear in order with up to ``slack`` words between
        ("exposure to high levels of radiation" names "exposure to radiation"). For list items."""
        found = []
        for form, concept in self._by_form.items():
            words = form.split()
            if concept.kind != kind or len(words) < 2:
                continue
            gap = rf"(?:\W+\w+){{0,{slack}}}?\W+"
            pattern = r"(?<![\w-])" + gap.join(re.escape(w) for w in words) + r"(?![\w-])"
            match = re.search(pattern, text, re.IGNORECASE)
            if match:
                found.append(Mention(concept, match.start(), match.end(), match.group()))
        return sorted(found, key=lambda m: (m.start, -(m.end - m.start), m.concept.path))

    def lookup(self, phrase: str) -> Concept | None:
        """The concept whose surface form is exactly ``phrase`` (case-insensitive)."""
        return self._by_form.get(" ".join(phrase.split()).casefold())


_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def _form_regex(form: str) -> str:
    return re.escape(form).replace(r"\ ", r"\s+")


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read the SKOS vocabulary (default: the shipped ``ontology/vocabulary.ttl``)."""
    import pyoxigraph as ox

    path = path or resource_path("ontology", "vocabulary.ttl")
    by_subject: dict[str, dict[str, list[str]]] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if not isinstance(triple.subject, ox.NamedNode) or not triple.subject.value.startswith(ID_NAMESPACE):
            continue
        props = by_subject.setdefault(triple.subject.value, {})
        props.setdefault(triple.predicate.value, []).append(triple.object.value)
    concepts = []
    for iri, props in sorted(by_subject.items()):
        classes = [t.removeprefix(ONTOLOGY_NAMESPACE) for t in props.get(RDF_TYPE, [])]
        kinds = [KIND_BY_CLASS[c] for c in classes if c in KIND_BY_CLASS]
        if len(kinds) != 1 or len(props.get(SKOS + "prefLabel", [])) != 1:
            raise ValueError(f"vocabulary concept {iri} needs one allkg class and one skos:prefLabel")
        concepts.append(
            Concept(
                path=iri.removeprefix(ID_NAMESPACE),
                kind=kinds[0],
                pref_label=props[SKOS + "prefLabel"][0],
                alt_labels=tuple(sorted(props.get(SKOS + "altLabel", []))),
                hidden_labels=tuple(sorted(props.get(SKOS + "hiddenLabel", []))),
                mappings=tuple(sorted((p, o) for p in MATCH_PROPERTIES for o in props.get(SKOS + p, []))),
                xrefs=tuple(sorted(props.get(HAS_DBXREF, []))),
                scope_note=(props.get(SKOS + "scopeNote") or [None])[0],
            )
        )
    return Lexicon(concepts)
