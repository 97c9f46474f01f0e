"""Score extraction against a hand-written gold file: precision, recall and F1 per kind of fact.

A gold file (YAML) lists, per kind, what the page states. An entry is a label
(alternatives separated by " | ") or a mapping with ``label``, ``also`` (more
accepted labels) and ``ids`` (accepted CURIEs). A predicted fact matches an
entry when one of its labels (the entity's label and its vocabulary surface
forms) equals an accepted label, ignoring case, punctuation and a plural "s",
or when its ontology mappings share an ID with the entry. Like OntoGPT's
evaluations, each kind reports the missed and the spurious facts by name.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allkg.errors import InputError
from allkg.facts import Entity, Extraction, Term, Text
from allkg.lexicon.normalise import normal_phrase

KINDS = (
    "disease",
    "names",
    "abbreviation",
    "cell-type",
    "anatomy",
    "age-group",
    "epidemiology",
    "prognosis",
    "risk-factor",
    "symptom",
    "course",
    "cause",
    "resemblance",
)
_ENTITY_PREDICATES = {
    "allkg:affectsCellType": "cell-type",
    "allkg:hasLocation": "anatomy",
    "allkg:occursInAgeGroup": "age-group",
    "allkg:hasRiskFactor": "risk-factor",
    "allkg:hasSymptom": "symptom",
    "allkg:hasCourse": "course",
    "allkg:hasCause": "cause",
    "allkg:symptomsResemble": "resemblance",
}
_OBO = "http://purl.obolibrary.org/obo/"


@dataclass(frozen=True)
class Item:
    """Something predicted or expected: the names it goes by and the IDs it maps to."""

    name: str
    labels: frozenset[str]
    ids: frozenset[str] = frozenset()

    def matches(self, other: Item) -> bool:
        return bool(self.labels & other.labels) or bool(self.ids & other.ids)


@dataclass
class KindScore:
    """Precision, recall and F1 of one kind of fact, with what was missed and what was spurious."""

    kind: str
    gold: int
    predicted: int
    true_positives: int
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "missed": self.missed,
            "spurious": self.spurious,
        }


def normalise(label: str) -> str:
    """A label as the lexicon compares words: case, punctuation, hyphens, UK/US spelling,
    possessives and plurals folded, and without a leading article ("a swollen tummy")."""
    return _LEADING_ARTICLE.sub("", normal_phrase(label))


_LEADING_ARTICLE = re.compile(r"^(?:a|an|the) (?=\S)")


def curie(iri: str) -> str | None:
    """``http://purl.obolibrary.org/obo/MONDO_0004967`` -> ``MONDO:0004967``."""
    if iri.startswith(_OBO):
        prefix, _, local = iri.removeprefix(_OBO).partition("_")
        return f"{prefix}:{local}"
    return None


def corpus(folder: Path) -> list[tuple[Path, Path]]:
    """(gold file, page) for every gold file of a folder: the page its ``source`` names, else the
    page of the same name."""
    pairs = []
    for gold in sorted(folder.glob("*.yaml")):
        named = _read_yaml(gold).get("source")
        candidates = [folder / named] if isinstance(named, str) else sorted(
            p for p in folder.glob(f"{gold.stem}.*") if p.suffix.lower() in (".txt", ".html", ".htm")
        )
        page = next((p for p in candidates if p.is_file()), None)
        if page is None:
            raise InputError(f"{gold}: its page is not in {folder}")
        pairs.append((gold, page))
    if not pairs:
        raise InputError(f"{folder}: no gold files (*.yaml) in it")
    return pairs


def micro_average(pages: list[tuple[str, list[KindScore]]]) -> list[KindScore]:
    """Every kind's counts summed over the pages; missed and spurious facts named with their page."""
    totals = []
    for index, kind in enumerate(KINDS):
        scores = [(name, page_scores[index]) for name, page_scores in pages]
        totals.append(
            KindScore(
                kind,
                sum(s.gold for _, s in scores),
                sum(s.predicted for _, s in scores),
                sum(s.true_positives for _, s in scores),
                [f"{name}: {m}" for name, s in scores for m in s.missed],
                [f"{name}: {x}" for name, s in scores for x in s.spurious],
            )
        )
    facts = [t for t in totals if t.kind != "disease"]
    totals.append(
        KindScore(
            "all facts",
            sum(t.gold for t in facts),
            sum(t.predicted for t in facts),
            sum(t.true_positives for t in facts),
        )
    )
    return totals


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise InputError(f"{path}: cannot read the gold file ({str(err).splitlines()[0]})") from None
    return data if isinstance(data, dict) else {}


def load_gold(path: Path) -> dict[str, list[Item]]:
    """Read a gold file into expected items per kind."""
    data = _read_yaml(path)
    if not isinstance(data.get("facts"), dict):
        raise InputError(f"{path}: a gold file needs a 'facts' mapping of kind -> entries")
    unknown = set(data["facts"]) - set(KINDS)
    if unknown:
        raise InputError(f"{path}: unknown kinds {sorted(unknown)} (known: {', '.join(KINDS)})")
    gold = {kind: [_gold_item(entry, path) for entry in data["facts"].get(kind) or []] for kind in KINDS[1:]}
    gold["disease"] = [_gold_item(data["disease"], path)] if data.get("disease") else []
    groups = gold["age-group"]
    gold["epidemiology"] = [_named_as_its_group(item, groups) for item in gold["epidemiology"]]
    gold["prognosis"] = [_named_as_its_group(item, groups) for item in gold["prognosis"]]
    return gold


_OUTLOOKS = tuple(" " + normalise(outlook) for outlook in ("unfavourable", "favourable"))
"""How a prognosis entry's label ends ("children: favourable", normalised)."""


def _named_as_its_group(item: Item, groups: list[Item]) -> Item:
    """An epidemiology or prognosis entry names an age group of the page: it goes by every name
    the gold file's age-group entry gives that group, as the age group itself does ("children
    ages 1 to 4" and "young children"; "... : favourable" after each)."""
    outlook = next((o for o in _OUTLOOKS if all(label.endswith(o) for label in item.labels)), "")
    ages = {label[: len(label) - len(outlook)] for label in item.labels}
    group = next((g for g in groups if g.labels & ages), None)
    if group is None:
        return item
    return Item(item.name, item.labels | frozenset(label + outlook for label in group.labels), item.ids)


def _gold_item(entry: Any, path: Path) -> Item:
    if isinstance(entry, str):
        names = [n.strip() for n in entry.split("|")]
        return Item(names[0], frozenset(normalise(n) for n in names))
    if isinstance(entry, dict) and isinstance(entry.get("label"), str):
        unknown = sorted(str(key) for key in set(entry) - {"label", "also", "ids"})
        if unknown:  # YAML cut "{label: lumps in the neck, armpits or groin}" at its comma
            raise InputError(f"{path}: a gold entry has unknown keys {unknown} (quote a label that holds a comma)")
        names = [entry["label"], *(entry.get("also") or [])]
        return Item(entry["label"], frozenset(normalise(n) for n in names), frozenset(entry.get("ids") or []))
    raise InputError(f"{path}: a gold entry must be a label or a mapping with 'label': {entry!r}")


def predicted(extraction: Extraction) -> dict[str, list[Item]]:
    """What the extractor found, per kind, as items to match."""
    found: dict[str, dict[str, Item]] = {kind: {} for kind in KINDS}
    statements: dict[str, dict[str, Any]] = {}
    for fact in extraction.facts:
        obj = fact.object
        if fact.subject.kind == "disease" and fact.predicate in ("skos:prefLabel", "skos:altLabel"):
            assert isinstance(obj, Text)
            found["names"].setdefault(normalise(obj.value), _text_item(obj.value))
            found["disease"].setdefault(fact.subject.path, _entity_item(fact.subject))
        elif fact.predicate == "allkg:abbreviation" and isinstance(obj, Text):
            found["abbreviation"].setdefault(normalise(obj.value), _text_item(obj.value))
        elif fact.predicate in _ENTITY_PREDICATES and isinstance(obj, Entity):
            found[_ENTITY_PREDICATES[fact.predicate]].setdefault(obj.path, _entity_item(obj))
        elif fact.subject.kind.endswith("-statement"):
            record = statements.setdefault(fact.subject.path, {"kind": fact.kind})
            if fact.predicate == "allkg:aboutAgeGroup" and isinstance(obj, Entity):
                record["age"] = obj.label
                record.setdefault("ages", []).extend([obj.label, *(obj.concept.alt_labels if obj.concept else ())])
            elif fact.predicate == "allkg:statedAges" and isinstance(obj, Text):
                record.setdefault("ages", []).append(obj.value)  # (the page's numbers name the group too)
            elif fact.predicate == "allkg:outlook" and isinstance(obj, Term):
                record["outlook"] = "favourable" if obj.name == "FavourableOutlook" else "unfavourable"
    for record in statements.values():
        if record["kind"] == "epidemiology" and "age" in record:
            found["epidemiology"].setdefault(record["age"], _text_item(record["age"], *record["ages"]))
        elif record["kind"] == "prognosis" and "age" in record and "outlook" in record:
            names = [f"{age}: {record['outlook']}" for age in (record["age"], *record["ages"])]
            found["prognosis"].setdefault(names[0], _text_item(*names))
    return {kind: list(items.values()) for kind, items in found.items()}


def _text_item(value: str, *also: str) -> Item:
    """An item named by its value, matching that or any of ``also`` (an age group's words on the page)."""
    return Item(value, frozenset(normalise(v) for v in (value, *also)))


def _entity_item(entity: Entity) -> Item:
    labels = {entity.label}
    ids: set[str] = set()
    if entity.concept is not None:
        labels.update(entity.concept.surface_forms)
        ids.update(c for prop, iri in entity.concept.mappings if prop in ("exactMatch", "closeMatch") if (c := curie(iri)))
    return Item(entity.label, frozenset(normalise(label) for label in labels), frozenset(ids))


def score(gold: dict[str, list[Item]], found: dict[str, list[Item]]) -> list[KindScore]:
    """Match predictions to gold entries one to one, per kind."""
    scores = []
    for kind in KINDS:
        expected = list(gold.get(kind, []))
        unmatched = list(expected)
        spurious = []
        hits = 0
        for item in found.get(kind, []):
            match = next((g for g in unmatched if item.matches(g)), None)
            if match is None:
                spurious.append(item.name)
            else:
                unmatched.remove(match)
                hits += 1
        scores.append(
            KindScore(kind, len(expected), len(found.get(kind, [])), hits, [g.name for g in unmatched], spurious)
        )
    return scores


def format_table(source: str, scores: list[KindScore]) -> str:
    """A plain-text table for a terminal."""
    lines = [f"{source}", f"{'kind':<13} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'F1':>6}  missed / spurious"]
    for s in scores:
        notes = "; ".join([*(f"- {m}" for m in s.missed), *(f"+ {x}" for x in s.spurious)])
        lines.append(
            f"{s.kind:<13} {s.gold:>4} {s.predicted:>4} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}  {notes}"
        )
    return "\n".join(lines)


def format_corpus(folder: str, pages: int, totals: list[KindScore]) -> str:
    """The micro-averaged table of a folder, then every spurious and every missed fact by name."""
    lines = [
        f"{folder}: {pages} pages, micro-averaged",
        f"{'kind':<13} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}",
        *(
            f"{s.kind:<13} {s.gold:>5} {s.predicted:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
            for s in totals
        ),
    ]
    for title, attribute, mark in (("spurious", "spurious", "+"), ("missed", "missed", "-")):
        named = [(s.kind, x) for s in totals for x in getattr(s, attribute)]
        lines.append(f"\n{title} ({len(named)}):")
        lines.extend(f"  {mark} {kind}: {item}" for kind, item in named)
    return "\n".join(lines)
