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
| anatomy | mondo-uberon_import.obo | descendants of UBERON:0001062 anatomical entity |
| cell | mondo-cl_import.obo | descendants of CL:0000000 cell |
| exposure | mondo-ecto_import.obo | descendants of ExO:0000002 exposure event (the ECTO terms) |

``ontology/lexicon-exclusions.tsv`` lists forms never to match (too general, or a
common word), each with its reason. A user's build never runs this: it reads the
output. Needs the ``lexicon`` extra (fastobo, sssom). A file that is missing, too
big, or not the release it should be (not OBO, not SSSOM, without its version, without
the branch's root) is an ``InputError`` naming it, before anything is written.
"""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from allkg.errors import InputError, UsageError
from allkg.lexicon.concepts import BRANCH_KINDS, KIND_BRANCHES, slugify
from allkg.lexicon.normalise import NORMALISER_VERSION, normal_phrase
from allkg.lexicon.store import TermRow, write_lexicon

OBO = "http://purl.obolibrary.org/obo/"

MAX_RELEASE_BYTES = 256 * 1_048_576
"""The largest release file read (hp.obo, the largest, is 10 MiB)."""

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
        is not part of a form ("the brain" is "brain"); "diabetes mellitus" is also said without
        "mellitus"; a sign that an organ is large is said of it "large", "enlarged", "big" (and of
        some organs "swollen")."""
        form = re.sub(r"^(?:the|a|an)\s+(?=\S)", "", " ".join(form.split()), flags=re.IGNORECASE)
        variants = [form, re.sub(r"\s+mellitus\b", "", form, flags=re.IGNORECASE)]
        if self.branch == "phenotype":
            variants += lay_variants(form)
        for variant in dict.fromkeys(variants):
            current = self.forms.get(variant)
            if variant and (current is None or SCOPE_RANK[scope] < SCOPE_RANK[current]):
                self.forms[variant] = scope


def lay_variants(form: str) -> list[str]:
    """How pages say a sign the ontology names: a limb by its lay name ("Upper limb pain": arm
    pain), an organ's size ("Large spleen": enlarged, big, swollen spleen, enlargement of the
    spleen), a part that hurts ("Bone pain": sore, aching, painful bones, bones hurt) or bleeds ("Bleeding
    gums": gums bleed) and a thing done with difficulty ("Balance impairment", "Difficulty walking": trouble with balance, problems walking)."""
    limb = _LIMB.search(form)
    if limb:
        lay = _LIMB.sub(lambda m: "arm" if m.group(1).lower() == "upper" else "leg", form)
        return [lay, *lay_variants(lay)]
    size = _SIZE.fullmatch(form) or _ENLARGEMENT.fullmatch(form)
    if size:
        organ = size.group("organ")
        swells = _SWELLS.fullmatch(organ)
        return [
            *(f"{word} {organ}" for word in ("large", "enlarged", "big")),
            f"enlargement of the {organ}",
            *((f"swollen {organ}", f"swelling of the {organ}") if swells else ()),
        ]
    sore = _SORE_PART.fullmatch(form)
    if sore:  # (and the part that hurts: "my legs hurt", "his back hurts")
        return [f"{word} {sore.group('part')}" for word in ("sore", "aching", "painful")] + [f"{sore.group('part')} hurts"]
    bleeds = _BLEEDING_PART.fullmatch(form)
    if bleeds:  # "Bleeding gums": "her gums bleed", "my gums bled"
        return [f"{bleeds.group('part')} bleed"]
    hard = _HARD_THING.fullmatch(form)
    if hard:
        thing = next(group for group in hard.groups() if group)
        return [f"trouble with {thing}", f"problems with {thing}", f"difficulty with {thing}", f"{thing} problems"] + (
            [f"trouble {thing}", f"problems {thing}"] if thing.endswith("ing") else []
        )
    return []


_LIMB = re.compile(r"\b(upper|lower)\s+limb\b", re.IGNORECASE)
"""Anatomists' "upper limb" and "lower limb" are the arm and the leg of every page."""
_SORE_PART = re.compile(r"(?P<part>[a-z]+(?<!al)(?<!ic)(?<!ar)(?<!ous)(?<!ive)(?<!ry)(?<!ing))\s+pain", re.IGNORECASE)
"""A sign that one body part hurts ("Bone pain", "Joint pain"; not "Abdominal pain", "Burning pain")."""
_BLEEDING_PART = re.compile(r"bleeding\s+(?P<part>[a-z]+s)", re.IGNORECASE)
"""A sign that a body part bleeds, named by the part in the plural ("Bleeding gums")."""
_HARD_THING = re.compile(
    r"(?:difficulty|difficulties)\s+(?:in\s+|with\s+)?([a-z]+(?:\s[a-z]+)?)|impaired\s+([a-z]+)|([a-z]+)\s+impairment",
    re.IGNORECASE,
)
"""A sign that something is hard to do ("Difficulty in walking", "Impaired balance", "Balance impairment")."""
_SWELLS = re.compile(r"spleen|liver|kidneys?|thymus|tonsils?|testicles?|testis|testes|thyroid|prostate|lymph nodes?|gums?", re.I)
"""Organs pages call "swollen" when they are large (a "swollen eye" is no large eye)."""
_SIZE = re.compile(r"(?:large|enlarged|big)\s+(?P<organ>[a-z]+(?:\s[a-z]+)?)", re.IGNORECASE)
"""A sign named by an organ's size ("Large spleen", HPO's lay name of splenomegaly)."""
_ENLARGEMENT = re.compile(r"(?P<organ>[a-z]+(?:\s[a-z]+)?(?<!al)(?<!ar)(?<!ic)(?<!ous)(?<!ary))\s+enlargement", re.IGNORECASE)
"""The same, said by its enlargement ("Gum enlargement")."""

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

_ROOTS = frozenset({"DOID:4", "MONDO:0000001"})
""""disease", the roots of DO and MONDO: never a term (every page would name it)."""


@dataclass(frozen=True)
class Summary:
    """What ``generate`` wrote: the releases read, terms per branch, and the number of forms."""

    releases: tuple[Release, ...]
    counts: dict[str, int]
    forms: int


def generate(ontology_dir: Path, exclusions_path: Path, out: Path) -> Summary:
    """Read the releases in ``ontology_dir``, write the lexicon to ``out`` (whole or not at all)."""
    for library in ("fastobo", "sssom"):
        if importlib.util.find_spec(library) is None:
            raise UsageError(f"make-lexicon needs {library}: pip install 'allkg[lexicon]'")
    if not ontology_dir.is_dir():
        raise InputError(f"{ontology_dir}: {'not a folder' if ontology_dir.exists() else 'no such folder'}")
    paths = {release.key: _release_path(ontology_dir, release) for release in RELEASES}
    exclusions = _read_exclusions(exclusions_path)
    releases: dict[str, Release] = {}
    terms: dict[str, Term] = {}
    for release in RELEASES:
        path = paths[release.key]
        if path.suffix == ".obo":
            data_version, frames = _read_obo(path)
            releases[release.key] = _dated(release, data_version)
            for term in _kept_terms(frames, release.key, path):
                _merge(terms, term)
        else:
            releases[release.key] = _add_sssom(path, release, terms)
    _add_part_acronyms(terms)
    _add_kind_acronyms(terms)
    ordered = sorted(terms.values(), key=lambda t: t.curie)
    header = {
        "normaliser": NORMALISER_VERSION,
        "releases": {key: vars(release) for key, release in sorted(releases.items())},
    }
    slugs = _distinct_slugs(ordered)
    rows = [
        TermRow(
            t.curie, t.label, t.branch, t.release, tuple(sorted(t.exact)), tuple(sorted(t.xrefs)),
            tuple(slugs.get(t.curie, ())), tuple(sorted(p for p in t.parents if p in terms)),
        )
        for t in ordered
    ]
    forms = _forms(ordered, exclusions)
    write_lexicon(out, header, forms, rows)
    counts: dict[str, int] = defaultdict(int)
    for term in ordered:
        counts[term.branch] += 1
    return Summary(tuple(releases[release.key] for release in RELEASES), dict(sorted(counts.items())), len(forms))


def _add_part_acronyms(terms: dict[str, Term]) -> None:
    """A disease whose name holds a body part or cell that its ontology abbreviates also goes by
    the name with the abbreviation ("primary central nervous system lymphoma": "primary CNS
    lymphoma", as UBERON abbreviates the central nervous system). Acronyms of three letters or
    more only: shorter ones ("NC", "DA") are too often something else."""
    acronyms = {
        term.label.lower(): form
        for term in terms.values()
        if term.branch in ("anatomy", "cell")
        for form, scope in term.forms.items()
        if scope == "abbreviation" and re.fullmatch(r"[A-Z]{3,5}", form)
    }
    if not acronyms:
        return
    part = re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(acronyms, key=len, reverse=True)) + r")\b", re.I)
    for term in terms.values():
        if term.branch != "disease":
            continue
        for form, scope in list(term.forms.items()):
            if scope in ("label", "exact") and part.search(form):
                term.add_form(part.sub(lambda m: acronyms[m.group(1).lower()], form), "exact")


def _add_kind_acronyms(terms: dict[str, Term]) -> None:
    """A disease whose name is another's with words before it also goes by those words and the
    other's abbreviation ("T-cell acute lymphoblastic leukemia": T-cell ALL; "blast phase chronic
    myeloid leukemia": blast phase CML), where the abbreviation names that one disease alone."""
    diseases = [term for term in terms.values() if term.branch == "disease"]
    owners: dict[str, set[str]] = defaultdict(set)
    for term in diseases:
        for form, scope in term.forms.items():
            if scope == "abbreviation" and re.fullmatch(r"[A-Z]{3,5}", form):
                owners[form].add(term.curie)
    named: dict[str, str] = {}  # full name (lower case) -> its abbreviation
    for term in diseases:
        for form, scope in term.forms.items():
            if scope == "abbreviation" and len(owners.get(form, ())) == 1:
                for full, full_scope in term.forms.items():
                    if full_scope in ("label", "exact") and len(full.split()) >= 2:
                        named.setdefault(full.lower(), form)
    for term in diseases:
        for form, scope in list(term.forms.items()):
            if scope not in ("label", "exact"):
                continue
            words = form.split()
            for cut in range(1, min(4, len(words) - 1) + 1):
                abbreviation = named.get(" ".join(words[cut:]).lower())
                if abbreviation is not None:
                    term.add_form(f"{' '.join(words[:cut])} {abbreviation}", "exact")
                    break


def _release_path(ontology_dir: Path, release: Release) -> Path:
    """The release's file in the folder: there, a regular file, and not over ``MAX_RELEASE_BYTES``."""
    path = ontology_dir / release.file
    if not path.is_file():
        problem = "not a file" if path.exists() else "missing"
        raise InputError(f"{path}: {problem} (make-lexicon reads {', '.join(r.file for r in RELEASES)})")
    size = path.stat().st_size
    if size > MAX_RELEASE_BYTES:
        raise InputError(f"{path}: {size / 1_048_576:.0f} MiB is over the {MAX_RELEASE_BYTES // 1_048_576} MiB limit")
    return path


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
    """An OBO file's data-version and term stanzas, read with fastobo (a strict parser)."""
    import fastobo

    try:
        document = fastobo.load(str(path))
    except SyntaxError as err:
        raise InputError(f"{path}: not an OBO file (line {err.lineno}: {err.msg})") from None
    except OSError as err:  # fastobo's word for bytes that are not UTF-8
        raise InputError(f"{path}: not an OBO file ({err})") from None
    data_version = next((str(c.version) for c in document.header if isinstance(c, fastobo.header.DataVersionClause)), "")
    if not data_version:
        raise InputError(f"{path}: no data-version header, so the release it is cannot be recorded")
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


def _kept_terms(frames: list[_Frame], key: str, path: Path) -> Iterable[Term]:
    """The terms of the branches kept from one OBO release (whose roots must be in it)."""
    if key.startswith("doid"):
        if not any(frame.id.startswith("DOID:") for frame in frames):
            raise InputError(f"{path}: no DOID term in it: not a Disease Ontology release")
        for frame in frames:
            if frame.id.startswith("DOID:") and frame.id not in _ROOTS:
                yield from _term(frame, "disease", key)
        return
    ids = {frame.id for frame in frames}
    missing = [root for _, roots in _BRANCHES[key] for root in roots if root not in ids]
    if missing:
        raise InputError(f"{path}: no term {', '.join(missing)} in it: not the release of {key} it should be")
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
        our_scope = _scope(text, scope, synonym_type)
        if our_scope is not None:
            term.add_form(text, our_scope)
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


_ABBREVIATION_TYPES = frozenset({"abbreviation", "acronym", "OMO:0003000", "OMO:0003012"})
"""Synonym types of abbreviations: HPO's own, and the OMO IDs (abbreviation, acronym) the
Disease Ontology uses without declaring them."""
_LAYPERSON_TYPES = frozenset({"layperson", "OMO:0003003"})
_DISCARDED_TYPES = frozenset({"obsolete_synonym"})
"""HPO's "discarded/obsoleted synonym": no longer a name of the term."""


def _scope(text: str, scope: str, synonym_type: str) -> str | None:
    """Our scope of an OBO synonym (None: not a name of the term): exact synonyms split into
    layperson and abbreviation by their type, or, untyped, by looking like an acronym."""
    if synonym_type in _DISCARDED_TYPES:
        return None
    scope = scope.lower()
    if scope == "exact" and (synonym_type in _ABBREVIATION_TYPES or re.fullmatch(r"[A-Z][A-Z0-9-]{1,5}", text)):
        return "abbreviation"
    if scope == "exact" and synonym_type in _LAYPERSON_TYPES:
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


_SSSOM_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label")
_SSSOM_OBJECTS = {"mondo-doid": "DOID:", "mondo-ncit": "NCIT:"}
"""The prefix of the objects each mapping table maps MONDO to."""
_MAX_SSSOM_HEADER_LINES = 10_000


@dataclass(frozen=True)
class _Mapping:
    """One row of a MONDO mapping table: a MONDO disease, the term it is an exact match of, both labels."""

    mondo: str
    other: str
    labels: tuple[str, ...]


def _add_sssom(path: Path, release: Release, terms: dict[str, Term]) -> Release:
    """MONDO's exact matches: the MONDO (and NCIt) ID of every DO disease, and every MONDO
    disease with a DOID or NCIt match as a term of its own, named by both labels."""
    version_iri, mappings = _read_sssom(path, release)
    date = re.search(r"\d{4}-\d{2}-\d{2}", version_iri)
    dated = Release(release.key, release.title, release.file, release.licence, date.group() if date else "", version_iri)
    by_mondo = {m: t for t in terms.values() for m in t.exact if m.startswith("MONDO:")}
    by_mondo.update((t.curie, t) for t in terms.values() if t.curie.startswith("MONDO:"))
    # A MONDO disease matched to several DOIDs ("cancer": DOID:162, DOID:0050686 organ system
    # cancer...) keeps the DO term read first; the other DOIDs are other diseases, so neither
    # their IDs nor their labels join it.
    mappings.sort(key=lambda mapping: mapping.other not in terms)
    for mapping in mappings:
        target = terms.get(mapping.other) or by_mondo.get(mapping.mondo)
        if target is not None and target.curie.startswith("DOID:") and mapping.other.startswith("DOID:") \
                and target.curie != mapping.other:
            continue
        if target is None:
            key = mapping.other if mapping.other.startswith("DOID:") else mapping.mondo
            target = terms[key] = Term(key, mapping.labels[0], "disease", release.key)
            target.add_form(mapping.labels[0], "label")
        by_mondo[mapping.mondo] = target
        target.exact.update(c for c in (mapping.mondo, mapping.other) if c != target.curie)
        for label in mapping.labels:
            target.add_form(label, "exact")
    return dated


def _read_sssom(path: Path, release: Release) -> tuple[str, list[_Mapping]]:
    """A MONDO mapping table's version IRI and its exact matches, read with sssom (the SSSOM
    reference library), once its header shows it is the table it should be."""
    import warnings

    _check_sssom_header(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # sssom's use of pandas (on import, too)
        from sssom.parsers import parse_sssom_table

        try:
            mapping_set = parse_sssom_table(str(path))
        except Exception as err:  # noqa: BLE001 - sssom raises whatever its parsers raise
            raise InputError(f"{path}: not an SSSOM table ({type(err).__name__}: {str(err).splitlines()[0]})") from None
    version_iri = str(mapping_set.metadata.get("mapping_set_version") or "")
    if not version_iri:
        raise InputError(f"{path}: no mapping_set_version in its header, so the release it is cannot be recorded")
    mappings = []
    for row in mapping_set.df.to_dict("records"):
        mondo, other = str(row.get("subject_id", "")), str(row.get("object_id", ""))
        if row.get("predicate_id") != "skos:exactMatch" or not mondo.startswith("MONDO:"):
            continue
        if not other.startswith(_SSSOM_OBJECTS[release.key]) or {mondo, other} & _ROOTS:
            continue
        labels = tuple(label for label in (row.get("subject_label"), row.get("object_label")) if isinstance(label, str))
        if labels and not any(label.casefold().startswith("obsolete ") for label in labels):
            mappings.append(_Mapping(mondo, other, labels))
    if not mappings:
        raise InputError(f"{path}: no MONDO -> {_SSSOM_OBJECTS[release.key].rstrip(':')} exact match in it")
    return version_iri, mappings


def _check_sssom_header(path: Path) -> None:
    """The table's first line after its commented metadata must name the SSSOM columns we read."""
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.startswith("#"):
                    break
                if number > _MAX_SSSOM_HEADER_LINES:
                    raise InputError(f"{path}: over {_MAX_SSSOM_HEADER_LINES:,} lines of metadata: not an SSSOM table")
            else:
                line = ""
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text, so not an SSSOM table") from None
    missing = [column for column in _SSSOM_COLUMNS if column not in line.rstrip("\n").split("\t")]
    if missing:
        raise InputError(f"{path}: not an SSSOM table of MONDO mappings (no {', '.join(missing)} column)")


def _read_exclusions(path: Path) -> set[tuple[str, str]]:
    """(normal form, branch or "*") pairs never to match, from ``form<TAB>branch<TAB>reason`` lines
    (``#`` starts a comment line; the branch is one the lexicon keeps, or ``*`` for every branch)."""
    if not path.is_file():
        raise InputError(f"{path}: {'not a file' if path.exists() else 'no such file'} (the exclusions file)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    excluded = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not all(part.strip() for part in fields):
            raise InputError(f"{path}, line {number}: expected form<TAB>branch<TAB>reason")
        form, branch, _reason = (part.strip() for part in fields)
        if branch != "*" and branch not in BRANCH_KINDS:
            raise InputError(f"{path}, line {number}: no branch {branch!r} (one of {', '.join(sorted(BRANCH_KINDS))}, or *)")
        excluded.add((normal_phrase(form), branch))
    return excluded


def _distinct_slugs(ordered: list[Term]) -> dict[str, list[str]]:
    """``kind=slug`` for the kinds in which another term's label has the same slug: the term of
    the kind's preferred branch keeps the plain slug, the others add their CURIE. ("leukemia",
    DOID:1240 and HP:0001909, clash as risk factors only: the HPO term stays "symptom/leukemia".)"""
    by_slug: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for term in ordered:
        for kind in BRANCH_KINDS[term.branch]:
            by_slug[(kind, slugify(term.label))].append(term)
    distinct: dict[str, list[str]] = defaultdict(list)
    for (kind, slug), clashing in sorted(by_slug.items()):
        clashing.sort(key=lambda t: (KIND_BRANCHES[kind].index(t.branch), t.curie))
        for term in clashing[1:]:
            distinct[term.curie].append(f"{kind}={slug}-{slugify(term.curie)}")
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
