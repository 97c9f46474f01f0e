"""Find the lexicon's concepts in a page, and ground a phrase in one concept of a kind.

The page's words are put in normal form (``normalise.py``) and coded one character a
word (``store.py``); one Aho-Corasick automaton (ahocorasick-rs) over the coded forms
then finds every form on the page in one pass, whole words only, in time linear in the
page. A second, small automaton holds our overlay vocabulary. A list item that names
nothing exactly may still be grounded by a fuzzy match (rapidfuzz), as a close match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from allkg.lexicon.concepts import (
    BRANCH_KINDS,
    EXACT_SCOPES,
    INEXACT_MAPPING,
    KIND_BRANCHES,
    SCOPES,
    Concept,
    Grounding,
    obo_iri,
    slugify,
)
from allkg.lexicon.normalise import normal_phrase, normal_word, words
from allkg.lexicon.store import UNKNOWN_WORD, StoredLexicon, code

FUZZY_CUTOFF = 90
"""The least rapidfuzz score (0-100, token-sort ratio of the content words) a fuzzy match needs."""

_CLOSE_WORD = 80
"""How close (rapidfuzz ratio) a word no form holds must be to a form's word to stand in for it."""

_FUNCTION_WORDS = frozenset(
    "a an the of in on at to from with and or your my their his her its this that these those".split()
)


@dataclass(frozen=True)
class Sense:
    """One meaning of a surface form: an ontology term (by row) or a concept of the overlay."""

    scope: str
    row: int = -1
    concept: Concept | None = None
    kinds: frozenset[str] = frozenset()
    """The kinds it can name (by its term's branch, or as our concept claiming the term)."""


@dataclass(frozen=True)
class Mention:
    """A place in the page's text where a surface form of the lexicon stands."""

    start: int
    end: int
    text: str
    senses: tuple[Sense, ...]
    groundings: dict[str, Grounding | None] = field(default_factory=dict, compare=False, repr=False)
    """What it names, by kind, as the lexicon has worked it out (``Lexicon.ground``)."""


@dataclass(frozen=True)
class Release:
    """An ontology release the lexicon's terms come from."""

    key: str
    title: str
    version: str
    iri: str
    licence: str


@dataclass
class _Choices:
    """The forms the fuzzy fallback compares a phrase with, for one kind."""

    words: list[str]
    """Each form's content words, cut to five letters."""
    coded: list[str]
    """Each form's content words, whole, as word codes."""
    targets: list[tuple[str, int, Concept | None]]
    """What each form names: (scope, term row, overlay concept or None)."""
    index: dict[str, list[int]]
    """The forms holding each cut word."""


class Lexicon:
    """The ontology terms and our overlay, with their surface forms ready to match."""

    def __init__(self, stored: StoredLexicon, overlay: list[Concept]) -> None:
        self._stored = stored
        self.releases = {
            key: Release(key, r["title"], r["version"], r["iri"], r["licence"])
            for key, r in stored.header["releases"].items()  # type: ignore[union-attr]
        }
        self.concepts = {c.path: c for c in overlay}
        self._codes = {word: code(i) for i, word in enumerate(stored.words)}
        self._overlay_patterns: list[str] = []
        self._overlay_senses: list[list[Concept]] = []
        self._read_overlay_forms(overlay)
        self._acronyms = frozenset(w for w in self._codes if w.startswith("#"))
        self._claims = self._claimed_terms(overlay)
        self._term_senses: dict[int, tuple[Sense, ...]] = {}
        self._branches: dict[int, str] = {}
        self._term_concepts: dict[tuple[int, str], Concept] = {}
        self._fuzzy_choices: dict[str, _Choices] = {}
        self._vocabulary: dict[str, list[str]] = {}
        self._automaton: Any = None
        self._forms_read = 0

    def _read_overlay_forms(self, overlay: list[Concept]) -> None:
        by_pattern: dict[str, list[Concept]] = {}
        for concept in overlay:
            for form in concept.surface_forms:
                normal = normal_phrase(form)
                for word in normal.split():
                    self._codes.setdefault(word, code(len(self._codes)))
                pattern = "".join(self._codes[w] for w in normal.split())
                senses = by_pattern.setdefault(pattern, [])
                if concept not in senses:
                    senses.append(concept)
        for pattern, concepts in sorted(by_pattern.items()):
            kinds = [c.kind for c in concepts]
            if len(set(kinds)) != len(kinds):
                raise ValueError(f"a surface form names two {kinds[0]} concepts: {[c.path for c in concepts]}")
            self._overlay_patterns.append(pattern)
            self._overlay_senses.append(concepts)

    def _claimed_terms(self, overlay: list[Concept]) -> dict[tuple[int, str], Concept]:
        """(term row, kind) -> the overlay concept that is an exact match of the term for that kind."""
        claims: dict[tuple[int, str], Concept] = {}
        for concept in overlay:
            for prop, iri in concept.mappings:
                row = self._stored.row_of(_curie(iri)) if prop == "exactMatch" else None
                if row is None:
                    continue
                other = claims.setdefault((row, concept.kind), concept)
                if other is not concept:
                    raise ValueError(f"{concept.path} and {other.path} are both exact matches of {iri}")
        return claims

    # -- finding ---------------------------------------------------------------------------

    def find(self, text: str) -> PageMentions:
        """Every surface form on the page (overlapping ones too), for ``PageMentions`` to choose from;
        forms of the ontologies and of our overlay that cover the same words are one mention."""
        spans = [m.span() for m in words(text)]
        coded = "".join(self._word_code(text[s:e]) for s, e in spans)
        senses: dict[tuple[int, int], list[Sense]] = {}
        for pattern, first, last in self._term_matches(coded):
            senses.setdefault((spans[first][0], spans[last - 1][1]), []).extend(self._senses_of_term_pattern(pattern))
        for pattern, first, last in self._overlay_automaton.find_matches_as_indexes(coded, overlapping=True):
            place = (spans[first][0], spans[last - 1][1])
            senses.setdefault(place, []).extend(
                Sense("curated", concept=c, kinds=frozenset({c.kind})) for c in self._overlay_senses[pattern]
            )
        return PageMentions(
            self,
            [
                Mention(s, e, text[s:e], tuple(found))
                for (s, e), found in senses.items()
                if not (text[e : e + 1].isdigit() and text[s:e].isupper())  # "RB1" is a gene, not "RB" (retinoblastoma)
            ],
        )

    @lru_cache(maxsize=200_000)  # noqa: B019 - the lexicon lives as long as the process
    def _word_code(self, word: str) -> str:
        """The code of a word as written (its normal form's), or ``UNKNOWN_WORD``: pages repeat
        their words, and normalising one takes a dozen substitutions."""
        return self._codes.get(normal_word(word, self._acronyms), UNKNOWN_WORD)

    def _term_matches(self, coded: str) -> Iterator[tuple[int, int, int]]:
        """(form, first word, end word) of every form of the ontologies in the coded page.

        Until the process has read about as many forms' worth of pages as the lexicon holds,
        each page gets a small automaton of the forms that start with one of its words (a few
        milliseconds); then one automaton of every form is built (a tenth of a second) and
        kept: a build of one page stays quick, and a build of thousands pays once."""
        import ahocorasick_rs as ac

        patterns = self._stored.patterns
        if self._automaton is None:
            chosen = [i for c in sorted(set(coded) - {UNKNOWN_WORD}) for i in range(*self._run_of(c))]
            self._forms_read += len(chosen)
            if self._forms_read <= len(patterns):
                if chosen:
                    automaton = ac.AhoCorasick([patterns[i] for i in chosen])
                    for pattern, first, last in automaton.find_matches_as_indexes(coded, overlapping=True):
                        yield chosen[pattern], first, last
                return
            self._automaton = ac.AhoCorasick(patterns)
        yield from self._automaton.find_matches_as_indexes(coded, overlapping=True)

    def _run_of(self, first_word: str) -> tuple[int, int]:
        """The stored forms that start with a word: one run of the sorted lines."""
        patterns = self._stored.patterns
        start = bisect.bisect_left(patterns, first_word)
        return start, bisect.bisect_left(patterns, chr(ord(first_word) + 1), start)

    @cached_property
    def _overlay_automaton(self) -> Any:
        import ahocorasick_rs as ac

        return ac.AhoCorasick(self._overlay_patterns)

    def _senses_of_term_pattern(self, pattern: int) -> tuple[Sense, ...]:
        senses = self._term_senses.get(pattern)
        if senses is None:
            senses = self._term_senses[pattern] = tuple(
                Sense(scope, row, kinds=self._kinds_of(row, scope)) for row, scope in self._stored.pattern_senses(pattern)
            )
        return senses

    def _kinds_of(self, row: int, scope: str) -> frozenset[str]:
        """The kinds a sense of a term can name: its branch's, and those our concepts claim it for."""
        kinds = set(BRANCH_KINDS.get(self._branch(row), ()))
        if scope in EXACT_SCOPES:
            kinds.update(kind for kind in KIND_BRANCHES if (row, kind) in self._claims)
        return frozenset(kinds)

    def can_name(self, mention: Mention, kind: str) -> bool:
        return self.ground(mention, kind) is not None

    # -- grounding -------------------------------------------------------------------------

    def ground(self, mention: Mention, kind: str) -> Grounding | None:
        """The concept of ``kind`` a mention names: our overlay's first, then the ontology term
        named most directly (label, exact, layperson, abbreviation; then narrow, broad, related
        synonyms, which give the page's phrase a concept of its own mapped to the term)."""
        known = mention.groundings
        if kind not in known:
            known[kind] = self._ours(self._ground(mention, kind))
        return known[kind]

    def _ground(self, mention: Mention, kind: str) -> Grounding | None:
        best: tuple[tuple[int, int, str], Grounding] | None = None
        for sense in mention.senses:
            if kind not in sense.kinds:
                continue
            candidate = self._grounding(sense, kind, mention.text)
            if candidate is not None and (best is None or candidate[0] < best[0]):
                best = candidate
        return None if best is None else best[1]

    def _grounding(self, sense: Sense, kind: str, phrase: str) -> tuple[tuple[int, int, str], Grounding] | None:
        if sense.concept is not None:
            if sense.concept.kind != kind:
                return None
            return (0, 0, sense.concept.path), Grounding(sense.concept, "curated")
        rank = SCOPES.index(sense.scope)
        claimed = self._claims.get((sense.row, kind))
        if claimed is not None and sense.scope in EXACT_SCOPES:
            return (0, rank, claimed.path), Grounding(claimed, sense.scope)
        branch = self._branch(sense.row)
        if branch not in KIND_BRANCHES[kind]:
            return None
        key = (rank, KIND_BRANCHES[kind].index(branch), self._stored.terms[sense.row])
        if sense.scope in EXACT_SCOPES:
            return key, Grounding(self._term_concept(sense.row, kind), sense.scope)  # type: ignore[return-value]
        return key, Grounding(self._phrase_concept(phrase, kind, sense.row, sense.scope), sense.scope)  # type: ignore[return-value]

    def _branch(self, row: int) -> str:
        branch = self._branches.get(row)
        if branch is None:
            branch = self._branches[row] = self._stored.terms[row].split("\t", 3)[2]
        return branch

    def _term_concept(self, row: int, kind: str) -> Concept:
        """The concept of an ontology term, for one kind: its label, exact matches, cross-references and release."""
        concept = self._term_concepts.get((row, kind))
        if concept is None:
            term = self._stored.term(row)
            path = f"{kind}/{term.slug(kind)}"
            if path in self.concepts:  # our vocabulary's concept of that name is another thing
                path = f"{path}-{slugify(term.curie)}"
            concept = self._term_concepts[(row, kind)] = Concept(
                path=path,
                kind=kind,
                pref_label=term.label,
                mappings=tuple(("exactMatch", obo_iri(c)) for c in (term.curie, *term.exact)),
                xrefs=term.xrefs,
                release=self.releases[term.release].iri,
            )
        return concept

    def _phrase_concept(self, phrase: str, kind: str, row: int, scope: str, score: float | None = None) -> Concept:
        """The page's own phrase as a concept, mapped to the term it is not quite (a narrow, broad or
        related synonym, or a fuzzy match), by the term's ID and the IDs it is an exact match of."""
        term = self._stored.term(row)
        label = page_label(phrase)
        return Concept(
            path=f"{kind}/{slugify(label)}",
            kind=kind,
            pref_label=label,
            mappings=tuple((INEXACT_MAPPING[scope], obo_iri(c)) for c in (term.curie, *term.exact)),
            release=self.releases[term.release].iri,
            score=score,
        )

    @lru_cache(maxsize=50_000)  # noqa: B019 - the lexicon lives as long as the process
    def fuzzy(self, phrase: str, kind: str) -> Grounding | None:
        """A close match for a list item that names nothing exactly ("tiredness all the time"):
        the form of ``kind`` whose content words are closest, at ``FUZZY_CUTOFF`` or better."""
        return self._ours(self._fuzzy(phrase, kind))

    def _ours(self, grounding: Grounding | None) -> Grounding | None:
        """A concept made of the page's phrase whose name is our vocabulary's concept's is ours:
        one entity, as our vocabulary describes it (not a second description of its IRI)."""
        if grounding is None:
            return None
        own = self.concepts.get(grounding.concept.path)
        return Grounding(own, "curated") if own is not None and own is not grounding.concept else grounding

    def _fuzzy(self, phrase: str, kind: str) -> Grounding | None:
        from rapidfuzz import fuzz, process

        words = normal_phrase(phrase, self._acronyms).split()
        plain = _content_words(" ".join(w for w in words if w not in _MODIFIERS))
        if not plain or set(plain.split()) <= _VAGUE:
            return None
        choices = self._choices(kind)
        best: tuple[float, int] | None = None
        if len(words) == 1:
            best = self._one_word(words[0], kind)
        # the phrase as written and without its modifiers ("unusually heavy periods"), whichever is closer
        for query in dict.fromkeys((_content_words(" ".join(words)), plain)) if len(words) > 1 else ():
            candidates = self._candidates(query, kind)
            found = process.extractOne(
                query, [choices.words[i] for i in candidates], scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF
            )
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], candidates[found[2]])
        if best is None:
            # "exposure to very high levels of radiation": a form's words in order, qualified; it
            # names that concept (as "losing weight without trying" names weight loss)
            query_codes = "".join(
                self._codes.get(w, UNKNOWN_WORD) for w in words if w not in _MODIFIERS and w not in _FUNCTION_WORDS
            )
            spread = _in_order(query_codes, [(i, choices.coded[i]) for i in self._candidates(plain, kind)])
            if spread is None:
                return None
            scope, row, concept = choices.targets[spread[0]]
            if concept is not None:
                return Grounding(concept, scope)
            return Grounding(self._term_concept(row, kind), scope)
        chosen, score = best[1], round(best[0] / 100, 3)
        _, row, concept = choices.targets[chosen]
        if concept is not None:  # a form of our overlay: map to its exact matches
            exact = [iri for prop, iri in concept.mappings if prop == "exactMatch"]
            if not exact:
                return None
            label = page_label(phrase)
            close = tuple(("closeMatch", iri) for iri in exact)
            return Grounding(Concept(f"{kind}/{slugify(label)}", kind, label, mappings=close, score=score), "fuzzy")
        return Grounding(self._phrase_concept(phrase, kind, row, "fuzzy", score), "fuzzy")

    def _one_word(self, word: str, kind: str) -> tuple[float, int] | None:
        """The one-word form of ``kind`` spelled closest to ``word``: within a letter or two, or
        the word with an ending ("vomit", "vomiting"); never a longer word that starts alike
        ("white" is no "whitehead", though both are cut to "white")."""
        from rapidfuzz import fuzz
        from rapidfuzz.distance import Levenshtein

        choices = self._choices(kind)
        whole = self._words_by_code()
        best: tuple[int, float, int] | None = None
        for index in self._candidates(_content_words(word), kind):
            if len(choices.coded[index]) != 1:
                continue
            other = whole.get(choices.coded[index], "")
            ending = other[len(word) :] if other.startswith(word) else None
            distance = Levenshtein.distance(word, other)
            if ending in _ENDINGS or distance <= (1 if len(word) <= 6 else 2):
                if best is None or distance < best[0]:
                    best = (distance, fuzz.ratio(word, other), index)
        return (best[1], best[2]) if best is not None else None

    @lru_cache(maxsize=1)
    def _words_by_code(self) -> dict[str, str]:
        return {c: word for word, c in self._codes.items()}

    def _candidates(self, query: str, kind: str) -> list[int]:
        """The forms of ``kind`` that can be close to ``query``: those sharing one of its two
        rarest words, or a word a letter or two from it ("diarrhoae"); a word of a letter or two
        ("6", "x", "b") only where the query has no longer one (it says little of closeness)."""
        words = sorted(set(query.split()))
        postings = [self._postings(word, kind) for word in ([w for w in words if len(w) > 2] or words)]
        rarest = sorted((p for p in postings if p), key=len)[:2]
        return sorted({i for posting in rarest for i in posting})

    @lru_cache(maxsize=100_000)  # noqa: B019 - the lexicon lives as long as the process
    def _postings(self, word: str, kind: str) -> tuple[int, ...]:
        """The forms of ``kind`` holding ``word`` or a word close to it ("autos", "diarrhoae")."""
        from rapidfuzz import fuzz, process

        index = self._choices(kind).index
        vocabulary = self._vocabulary.setdefault(kind, list(index))
        close = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=_CLOSE_WORD, limit=8)
        return tuple(sorted({i for near, _, _ in close for i in index[near]}))

    def _choices(self, kind: str) -> _Choices:
        """Every form that can name ``kind`` (made once per kind): its content words, cut and
        whole (as word codes), what it names, and which forms hold each cut word."""
        cached = self._fuzzy_choices.get(kind)
        if cached is not None:
            return cached
        cut = {code: word[:5] for word, code in self._codes.items() if word not in _FUNCTION_WORDS}
        choices = _Choices([], [], [], {})

        def add(coded: str, target: tuple[str, int, Concept | None]) -> None:
            content = "".join(c for c in coded if c in cut)
            choices.words.append(" ".join(cut[c] for c in content))
            choices.coded.append(content)
            choices.targets.append(target)

        branches = KIND_BRANCHES[kind]
        for pattern, coded in enumerate(self._stored.patterns):
            for row, scope in self._stored.pattern_senses(pattern):
                if scope in EXACT_SCOPES and self._branch(row) in branches:
                    add(coded, (scope, row, self._claims.get((row, kind))))
                    break
        for coded, concepts in zip(self._overlay_patterns, self._overlay_senses):
            for concept in concepts:
                if concept.kind == kind:
                    add(coded, ("curated", -1, concept))
        for position, choice in enumerate(choices.words):
            for word in set(choice.split()):
                choices.index.setdefault(word, []).append(position)
        self._fuzzy_choices[kind] = choices
        return choices

    @lru_cache(maxsize=50_000)  # noqa: B019 - the lexicon lives as long as the process
    def lookup(self, phrase: str, kind: str) -> Grounding | None:
        """The concept of ``kind`` the whole phrase names, if any ("childhood ALL")."""
        found = self.find(phrase).within(0, len(phrase), kind)
        whole = [m for m in found if m.start == 0 and m.end == len(phrase.rstrip())]
        return self.ground(whole[0], kind) if whole else None

    # -- the ontologies' hierarchy and labels -------------------------------------------------

    @lru_cache(maxsize=100_000)  # noqa: B019 - the lexicon lives as long as the process
    def curies(self, concept: Concept) -> frozenset[str]:
        """The ontology terms a concept is (its exact matches, as CURIEs, with the rows' own IDs)."""
        found = set()
        for prop, iri in concept.mappings:
            if prop == "exactMatch":
                curie = _curie(iri)
                found.add(curie)
                row = self._stored.row_of(curie)
                if row is not None:
                    found.add(self._stored.term(row).curie)
        return frozenset(found)

    def parents(self, concept: Concept) -> frozenset[str]:
        """The direct superclasses (is_a) of the terms a concept is."""
        found: set[str] = set()
        for curie in self.curies(concept):
            row = self._stored.row_of(curie)
            if row is not None:
                found.update(self._stored.term(row).parents)
        return frozenset(found)

    @lru_cache(maxsize=100_000)  # noqa: B019 - the lexicon lives as long as the process
    def ancestors(self, concept: Concept) -> frozenset[str]:
        """Every superclass (by is_a, transitively) of the terms a concept is."""
        seen: set[str] = set()
        stack = list(self.curies(concept))
        while stack:
            row = self._stored.row_of(stack.pop())
            if row is None:
                continue
            for parent in self._stored.term(row).parents:
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return frozenset(seen)


    def label_of(self, iri: str) -> str | None:
        """The label of an ontology term by IRI (of the term the IRI is, or is an exact match of)."""
        row = self._stored.row_of(_curie(iri))
        return None if row is None else self._stored.term(row).label


class PageMentions:
    """The mentions found on one page, from which each stage picks what it needs."""

    def __init__(self, lexicon: Lexicon, found: list[Mention]) -> None:
        self.lexicon = lexicon
        self._found = sorted(found, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self._found]

    def _starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in ``[start, end)``, in order: a slice of just those, so a
        short span costs the same on a big page as on a small one."""
        first = bisect.bisect_left(self._starts, start)
        return self._found[first : bisect.bisect_left(self._starts, end, first)]

    def within(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        """Mentions inside ``[start, end)``, leftmost-longest (where two overlap, the one that
        starts first wins, then the longer), then those of concepts of ``kind``, if given: a form
        inside a longer form names nothing ("fever" in "glandular fever")."""
        chosen: list[Mention] = []
        reach = start
        for mention in self._starting_in(start, end):
            if mention.end > end or mention.start < reach:
                continue
            reach = mention.end
            if kind is None or self.lexicon.can_name(mention, kind):
                chosen.append(mention)
        return chosen

    def nested(self, start: int, end: int, kind: str) -> list[Mention]:
        """Mentions of ``kind`` inside ``[start, end)``, leftmost-longest among themselves only, so
        a form inside a longer form of another kind counts ("B-cell" in "B-cell ALL")."""
        chosen: list[Mention] = []
        reach = start
        for mention in self._starting_in(start, end):
            if mention.end <= end and mention.start >= reach and self.lexicon.can_name(mention, kind):
                chosen.append(mention)
                reach = mention.end
        return chosen


def page_label(phrase: str) -> str:
    """A page's phrase as a label: one line, without a capital that only starts the sentence."""
    words_ = phrase.split()
    if words_ and len(words_[0]) > 1 and words_[0][0].isupper() and words_[0][1:].islower():
        words_[0] = words_[0].lower()
    return " ".join(words_)


_ENDINGS = frozenset(("ing", "ed", "s", "es"))
"""Endings that make another form of the same word ("vomit", "vomiting")."""
_MODIFIERS = frozenset(
    "very severe mild frequent persistent unexplained unusual easy easily constant sudden new extreme general "
    "excessive heavy small tiny large prolonged really extremely unusually often unexpected unintended "
    "unintentional noticeable upper lower left right".split()
)
"""Words a list item adds to a sign that do not change which sign it is ("severe nosebleeds",
"pain in the upper belly"); a form with them ("upper abdominal pain") still wins as written."""


_VAGUE = frozenset("disea condi probl illne thing issue cance sympt sign signs other".split())
"""Content words (as cut) that name no particular thing: "the disease", "these problems"."""
MAX_GAP = 3
"""Words a loose match lets stand between a form's words ("exposed to very high levels of radiation")."""


def _in_order(query: str, forms: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The longest form of two words or more whose words all stand in the query in order, no more
    than ``MAX_GAP`` words apart (its index, and its length); words as their codes, whole."""
    best: tuple[int, int] | None = None
    for index, form in forms:
        if len(form) < 2 or len(form) > len(query):
            continue
        position, gaps = 0, 0
        for word in form:
            try:
                found = query.index(word, position)
            except ValueError:
                break
            gaps += found - position if position else 0
            position = found + 1
        else:
            if gaps <= MAX_GAP and (best is None or len(form) > best[1]):
                best = (index, len(form))
    return best


def _content_words(normal: str) -> str:
    """The words that say what a phrase is, cut to five letters ("abdomen" and "abdominal" agree)."""
    return " ".join(w[:5] for w in normal.split() if w not in _FUNCTION_WORDS)



def _curie(iri: str) -> str:
    """``http://purl.obolibrary.org/obo/MONDO_0004967`` -> ``MONDO:0004967`` (other IRIs as they are)."""
    match = re.fullmatch(r"http://purl\.obolibrary\.org/obo/([A-Za-z]+)_(\w+)", iri)
    return f"{match.group(1)}:{match.group(2)}" if match else iri
