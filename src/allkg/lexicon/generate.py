"""Make the shipped lexicon from the ontologies' own releases (a maintainer's step).

``allkg make-lexicon ONTOLOGY_DIR`` reads the OBO files with fastobo and the SSSOM
mapping tables with sssom, keeps the branches the extractor grounds to, and writes
``src/allkg/data/lexicon.txt.gz`` (layout: ``store.py``): every term's ID, label, branch and release, its
cross-references, and every label and synonym in normal form (``normalise.py``) with
its scope (label, exact, layperson, abbreviation, related, broad, narrow).

| branch | from | kept |
|---|---|---|
| phenotype | hp.obo | descendants of HP:0000118 Phenotypic abnormality |
| onset | hp.obo | descendants of HP:0003674 Onset |
| course | hp.obo | descendants of HP:0011008 Temporal pattern and HP:0003679 Pace of progression |
| disease | DO_cancer_slim.obo, DO_rare_slim.obo; the MONDO SSSOM tables | every disease term; every MONDO disease with a DOID or NCIt match (by label) |
| anatomy | mondo-uberon_import.obo | UBERON terms |
| cell | mondo-cl_import.obo | CL terms |
| exposure | mondo-ecto_import.obo | ECTO terms |

``ontology/lexicon-exclusions.tsv`` lists forms never to match (too general, or a
common word), each with its reason. A user's build never runs this: it reads the
output. Needs the ``lexicon`` extra (fastobo, sssom).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from allkg.lexicon.normalise import NORMALISER_VERSION, normal_phrase
from allkg.lexicon.concepts import BRANCH_KINDS, KIND_BRANCHES, slugify
from allkg.lexicon.store import TermRow, write_lexicon

OBO = "http://purl.obolibrary.org/obo/"

SCOPE_RANK = {"label": 0, "exact": 1, "layperson": 2, "abbreviation": 3, "narrow": 4, "broad": 5, "related": 6}
"""How directly a form names a term: the lower, the better."""

_CROSS_REFERENCE_PREFIXES = {
    "ICD10CM": "ICD10CM",
    "UMLS_CUI": "UMLS",
    "UMLS": "UMLS",
    "ORDO": "Orphanet",
    "NCI": "NCIT",
    "GARD": "GARD",
    "EFO": "EFO",
}
"""Database cross-references kept (as oboInOwl:hasDbXref strings, never as exact matches)."""

_COMMON_WORDS = frozenset(
    "a an and are as at be by do for go he if in is it me my no of on or so the to up us we can may has "
    "had was not but one two new old see use its our who why how".split()
)
"""Acronyms that are also English words when written in capitals ("IT", "US") never match."""


@dataclass(frozen=True)
class Release:
    """One ontology file as released: where it came from, its version and licence."""

    key: str
    title: str
    file: str
    licence: str
    version: str = ""
    iri: str = ""


@dataclass
class Term:
    """One ontology term: label, branch, release, exact matches and cross-references, forms by scope."""

    curie: str
    label: str
    branch: str
    release: str
    exact: set[str] = field(default_factory=set)
    xrefs: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)
    """Direct superclasses (is_a), within the same release."""
    forms: dict[str, str] = field(default_factory=dict)
    """Surface form (as written) -> its scope."""

    def add_form(self, form: str, scope: str) -> None:
        """Add a surface form; a form given twice keeps its most direct scope. A leading article
        is not part of a form ("the brain" is "brain")."""
        form = re.sub(r"^(?:the|a|an)\s+(?=\S)", "", " ".join(form.split()), flags=re.IGNORECASE)
        current = self.forms.get(form)
        if form and (current is None or SCOPE_RANK[scope] < SCOPE_RANK[current]):
            self.forms[form] = scope


RELEASES = (
    Release("hp", "Human Phenotype Ontology", "hp.obo", "https://hpo.jax.org/app/license"),
    Release("doid-cancer", "Human Disease Ontology, cancer slim", "DO_cancer_slim.obo",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
    Release("doid-rare", "Human Disease Ontology, rare disease slim", "DO_rare_slim.obo",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
    Release("mondo-doid", "MONDO exact matches to the Disease Ontology (SSSOM)", "mondo_exactmatch_doid.sssom.tsv",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
    Release("mondo-ncit", "MONDO exact matches to NCIt (SSSOM)", "mondo_exactmatch_ncit.sssom.tsv",
            "https://creativecommons.org/publicdomain/zero/1.0/"),
    Release("uberon", "Uberon anatomy (as imported by MONDO)", "mondo-uberon_import.obo",
            "https://creativecommons.org/licenses/by/3.0/"),
    Release("cl", "Cell Ontology (as imported by MONDO)", "mondo-cl_import.obo",
            "https://creativecommons.org/licenses/by/4.0/"),
    Release("ecto", "Environmental Conditions, Treatments and Exposures Ontology (as imported by MONDO)",
            "mondo-ecto_import.obo", "https://creativecommons.org/publicdomain/zero/1.0/"),
)

_BRANCHES = {
    "hp": (("phenotype", ("HP:0000118",)), ("onset", ("HP:0003674",)), ("course", ("HP:0011008", "HP:0003679"))),
    "uberon": (("anatomy", ("UBERON:0001062",)),),
    "cl": (("cell", ("CL:0000000",)),),
    "ecto": (("exposure", ("ExO:0000002",)),),
}
"""The branches kept from each OBO release: (branch, roots); a term counts below a root by is_a.
The Disease Ontology slims are kept whole (every DOID term but the root)."""


def generate(ontology_dir: Path, exclusions_path: Path, out: Path) -> dict[str, int]:
    """Read the releases in ``ontology_dir``, write the lexicon to ``out``; return counts per branch."""
    releases: dict[str, Release] = {}
    terms: dict[str, Term] = {}
    for release in RELEASES:
        path = ontology_dir / release.file
        if path.suffix == ".obo":
            data_version, frames = _read_obo(path)
            releases[release.key] = _dated(release, data_version)
            for term in _kept_terms(frames, release.key):
                _merge(terms, term)
        else:
            releases[release.key] = _add_sssom(path, release, terms)
    ordered = sorted(terms.values(), key=lambda t: t.curie)
    header = {
        "normaliser": NORMALISER_VERSION,
        "releases": {key: vars(release) for key, release in sorted(releases.items())},
    }
    slugs = _distinct_slugs(ordered)
    rows = [
        TermRow(
            t.curie, t.label, t.branch, t.release, tuple(sorted(t.exact)), tuple(sorted(t.xrefs)),
            slugs.get(t.curie, ""), tuple(sorted(p for p in t.parents if p in terms)),
        )
        for t in ordered
    ]
    write_lexicon(out, header, _forms(ordered, _read_exclusions(exclusions_path)), rows)
    counts: dict[str, int] = defaultdict(int)
    for term in ordered:
        counts[term.branch] += 1
    return dict(sorted(counts.items()))


@dataclass
class _Frame:
    """What we read of one OBO term stanza."""

    id: str
    name: str = ""
    synonyms: list[tuple[str, str, str]] = field(default_factory=list)
    """(text, scope, synonym type)"""
    xrefs: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    obsolete: bool = False


def _read_obo(path: Path) -> tuple[str, list[_Frame]]:
    """An OBO file's data-version and term stanzas, read with fastobo."""
    import fastobo

    document = fastobo.load(str(path))
    data_version = next((str(c.version) for c in document.header if isinstance(c, fastobo.header.DataVersionClause)), "")
    frames = []
    for stanza in document:
        if not isinstance(stanza, fastobo.term.TermFrame):
            continue
        frame = _Frame(str(stanza.id))
        for clause in stanza:
            if isinstance(clause, fastobo.term.NameClause):
                frame.name = str(clause.name)
            elif isinstance(clause, fastobo.term.SynonymClause):
                synonym = clause.synonym
                frame.synonyms.append((str(synonym.desc), str(synonym.scope), str(synonym.type or "")))
            elif isinstance(clause, fastobo.term.XrefClause):
                frame.xrefs.append(str(clause.xref.id))
            elif isinstance(clause, fastobo.term.IsAClause):
                frame.parents.append(str(clause.term))
            elif isinstance(clause, fastobo.term.IsObsoleteClause):
                frame.obsolete = bool(clause.obsolete)
        frames.append(frame)
    return data_version, frames


def _kept_terms(frames: list[_Frame], key: str) -> Iterable[Term]:
    """The terms of the branches kept from one OBO release."""
    if key.startswith("doid"):
        for frame in frames:
            if frame.id.startswith("DOID:") and frame.id != "DOID:4":
                yield from _term(frame, "disease", key)
        return
    children: dict[str, list[_Frame]] = defaultdict(list)
    for frame in frames:
        for parent in frame.parents:
            children[parent].append(frame)
    for branch, roots in _BRANCHES[key]:
        for frame in _descendants(children, roots):
            yield from _term(frame, branch, key)


def _descendants(children: dict[str, list[_Frame]], roots: Iterable[str]) -> list[_Frame]:
    """Every frame below the roots (by is_a), each once, in ID order."""
    seen: dict[str, _Frame] = {}
    stack = list(roots)
    while stack:
        for child in children.get(stack.pop(), []):
            if child.id not in seen:
                seen[child.id] = child
                stack.append(child.id)
    return [seen[key] for key in sorted(seen)]


def _dated(release: Release, data_version: str) -> Release:
    """The release with its version (the date in ``data-version``) and versioned IRI."""
    date = re.search(r"\d{4}-\d{2}-\d{2}", data_version)
    iri = OBO + data_version if data_version else ""
    if iri and not re.search(r"\.(obo|owl|tsv)$", iri):
        iri = f"{iri}/{release.file}"
    return Release(release.key, release.title, release.file, release.licence, date.group() if date else "", iri)


def _term(frame: _Frame, branch: str, release: str) -> Iterable[Term]:
    if frame.obsolete or not frame.name:
        return
    term = Term(frame.id, _label(frame.name, release), branch, release)
    term.add_form(frame.name, "label")
    for text, scope, synonym_type in frame.synonyms:
        term.add_form(text, _scope(text, scope, synonym_type))
    term.parents.update(frame.parents)
    for xref in frame.xrefs:
        prefix, _, local = xref.partition(":")
        if prefix in _CROSS_REFERENCE_PREFIXES and local:
            term.xrefs.add(f"{_CROSS_REFERENCE_PREFIXES[prefix]}:{local}")
    yield term


def _label(name: str, release: str) -> str:
    """The term's label as our graph shows it: HPO's sentence-case labels in lower case
    ("Bone pain" -> "bone pain"), other ontologies' labels as written."""
    if release == "hp" and re.match(r"[A-Z][a-z]", name):
        return name[0].lower() + name[1:]
    return name


def _scope(text: str, scope: str, synonym_type: str) -> str:
    """Our scope of an OBO synonym: exact synonyms split into layperson and abbreviation by
    their type (or, for a type a release does not declare, by looking like an acronym)."""
    scope = scope.lower()
    if scope == "exact" and (synonym_type == "abbreviation" or re.fullmatch(r"[A-Z][A-Z0-9-]{1,5}", text)):
        return "abbreviation"
    if scope == "exact" and synonym_type == "layperson":
        return "layperson"
    return scope if scope in SCOPE_RANK else "related"


def _merge(terms: dict[str, Term], term: Term) -> None:
    """A term seen in two releases (a disease in both DO slims) keeps the first and gains the forms."""
    known = terms.setdefault(term.curie, term)
    if known is not term:
        for form, scope in term.forms.items():
            known.add_form(form, scope)
        known.xrefs |= term.xrefs
        known.parents |= term.parents


def _add_sssom(path: Path, release: Release, terms: dict[str, Term]) -> Release:
    """MONDO's exact matches: the MONDO (and NCIt) ID of every DO disease, and every MONDO
    disease with a DOID or NCIt match as a term of its own, named by both labels."""
    from sssom.parsers import parse_sssom_table

    mapping_set = parse_sssom_table(str(path))
    version_iri = str(mapping_set.metadata.get("mapping_set_version", ""))
    date = re.search(r"\d{4}-\d{2}-\d{2}", version_iri)
    dated = Release(release.key, release.title, release.file, release.licence, date.group() if date else "", version_iri)
    by_mondo = {m: t for t in terms.values() for m in t.exact if m.startswith("MONDO:")}
    by_mondo.update((t.curie, t) for t in terms.values() if t.curie.startswith("MONDO:"))
    for row in mapping_set.df.to_dict("records"):
        if row["predicate_id"] != "skos:exactMatch":
            continue
        mondo, other = row["subject_id"], row["object_id"]
        target = terms.get(other) or by_mondo.get(mondo)
        if target is None:
            key = other if other.startswith("DOID:") else mondo
            target = terms[key] = Term(key, row["subject_label"], "disease", release.key)
            target.add_form(row["subject_label"], "label")
        by_mondo[mondo] = target
        target.exact.update(c for c in (mondo, other) if c != target.curie)
        for label in (row["subject_label"], row["object_label"]):
            if isinstance(label, str):
                target.add_form(label, "exact")
    return dated


def _read_exclusions(path: Path) -> set[tuple[str, str]]:
    """(normal form, branch or "*") pairs never to match, from ``form<TAB>branch<TAB>reason`` lines."""
    excluded = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, branch, *_ = line.split("\t") + ["*"]
            excluded.add((normal_phrase(form), branch.strip() or "*"))
    return excluded


def _distinct_slugs(ordered: list[Term]) -> dict[str, str]:
    """Slugs for terms whose label's slug another term of a kind they share also has: the
    term of the kind's preferred branch keeps the plain slug, the others add their CURIE."""
    by_slug: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for term in ordered:
        for kind in BRANCH_KINDS[term.branch]:
            by_slug[(kind, slugify(term.label))].append(term)
    distinct: dict[str, str] = {}
    for (kind, slug), clashing in by_slug.items():
        clashing.sort(key=lambda t: (KIND_BRANCHES[kind].index(t.branch), t.curie))
        for term in clashing[1:]:
            distinct[term.curie] = f"{slug}-{slugify(term.curie)}"
    return distinct


def _forms(ordered: list[Term], exclusions: set[tuple[str, str]]) -> dict[str, list[tuple[int, str]]]:
    """Normal form -> (term row, scope) of every term it names, the most direct scope per term."""
    forms: dict[str, dict[int, str]] = defaultdict(dict)
    for row, term in enumerate(ordered):
        for form, scope in term.forms.items():
            normal = normal_phrase(form)
            if not _kept(normal, scope, term.branch, exclusions):
                continue
            current = forms[normal].get(row)
            if current is None or SCOPE_RANK[scope] < SCOPE_RANK[current]:
                forms[normal][row] = scope
    return {form: sorted(senses.items()) for form, senses in forms.items()}


def _kept(normal: str, scope: str, branch: str, exclusions: set[tuple[str, str]]) -> bool:
    """Not excluded, not an acronym that is an English word in capitals ("IT"), and not a
    short single word that is only a synonym ("gum", "pi")."""
    if not normal or (normal, branch) in exclusions or (normal, "*") in exclusions:
        return False
    if normal.startswith("#"):
        return " " in normal or normal[1:] not in _COMMON_WORDS
    return " " in normal or len(normal) > 3 or scope == "label"
