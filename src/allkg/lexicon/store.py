"""The shipped lexicon file: written by ``generate.py`` (maintainers), read by every build.

One gzipped UTF-8 text, in six sections separated by the group-separator character:

1. a JSON header: format and normaliser versions, and the releases the terms came from;
2. the words of every surface form (normal form), one a line; word *i* is coded as
   the single character ``code(i)``, so a phrase is a short string and an automaton
   over phrases matches whole words only;
3. the surface forms, one a line, as coded words, sorted (so the forms that start with a
   word are one run of lines);
4. beside each form, its senses: ``term:scope,term:scope`` (term: a row of section 5);
5. the terms, sorted by CURIE, one a line: ``CURIE<TAB>label<TAB>branch<TAB>release<TAB>exact
   matches<TAB>cross-references<TAB>slugs<TAB>parents`` (lists space-separated; slugs as
   ``kind=slug``, only for the kinds where two terms would otherwise get the same entity IRI;
   parents: direct is_a superclasses);
6. the exact matches of the terms, sorted: ``CURIE<TAB>term`` (MONDO:0004967 -> the row of DOID:9952).

Reading it is splitting strings (a few milliseconds); a line is parsed only when a page
names it.
"""

from __future__ import annotations

import bisect
import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

from allkg.lexicon.concepts import slugify

FORMAT_VERSION = 2
SECTION = "\x1d"
_FIRST_CODE = 0x100


def code(index: int) -> str:
    """The character that stands for word ``index`` (skipping the surrogate range)."""
    point = _FIRST_CODE + index
    return chr(point if point < 0xD800 else point + 0x800)


UNKNOWN_WORD = chr(_FIRST_CODE - 1)
"""The character that stands for a page word no surface form contains."""


@dataclass(frozen=True)
class TermRow:
    """One ontology term as stored."""

    curie: str
    label: str
    branch: str
    release: str
    exact: tuple[str, ...]
    xrefs: tuple[str, ...]
    slugs: tuple[str, ...]
    """``kind=slug`` for each kind where the label's own slug would clash with another term's."""
    parents: tuple[str, ...] = ()

    def slug(self, kind: str) -> str:
        """The entity slug of the term as a concept of ``kind``."""
        for entry in self.slugs:
            entry_kind, _, slug = entry.partition("=")
            if entry_kind == kind:
                return slug
        return slugify(self.label)


@dataclass
class StoredLexicon:
    """The sections of the lexicon file, split into lines and parsed on demand."""

    header: dict[str, object]
    words: list[str]
    patterns: list[str]
    senses: list[str]
    terms: list[str]
    aliases: list[str]

    def term(self, row: int) -> TermRow:
        curie, label, branch, release, exact, xrefs, slugs, parents = self.terms[row].split("\t")
        return TermRow(
            curie, label, branch, release, tuple(exact.split()), tuple(xrefs.split()), tuple(slugs.split()),
            tuple(parents.split()),
        )

    def row_of(self, curie: str) -> int | None:
        """The term row of a CURIE: the term's own, or the term it is an exact match of."""
        for lines in (self.terms, self.aliases):
            at = bisect.bisect_left(lines, curie + "\t")
            if at < len(lines) and lines[at].startswith(curie + "\t"):
                return at if lines is self.terms else int(lines[at].split("\t")[1])
        return None

    def pattern_senses(self, pattern: int) -> list[tuple[int, str]]:
        """(term row, scope) for every sense of a stored form."""
        result = []
        for sense in self.senses[pattern].split(","):
            row, scope = sense.split(":")
            result.append((int(row), scope))
        return result


def write_lexicon(
    path: Path, header: dict[str, object], forms: dict[str, list[tuple[int, str]]], terms: list[TermRow]
) -> None:
    """Write forms (normal form -> [(term row, scope)]) and terms (sorted by CURIE), deterministically."""
    words = sorted({word for form in forms for word in form.split()})
    codes = {word: code(i) for i, word in enumerate(words)}
    coded = sorted(("".join(codes[w] for w in form.split()), form) for form in forms)
    sections = [
        json.dumps({"format": FORMAT_VERSION, **header}, ensure_ascii=False, sort_keys=True, indent=1),
        "\n".join(words),
        "\n".join(pattern for pattern, _ in coded),
        "\n".join(",".join(f"{row}:{scope}" for row, scope in forms[form]) for _, form in coded),
        "\n".join(
            "\t".join(
                (t.curie, t.label, t.branch, t.release, " ".join(t.exact), " ".join(t.xrefs), " ".join(t.slugs),
                 " ".join(t.parents))
            )
            for t in terms
        ),
        "\n".join(sorted(f"{alias}\t{row}" for row, t in enumerate(terms) for alias in t.exact)),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as packed:
            packed.write(SECTION.join(sections).encode("utf-8"))
        os.replace(partial, path)  # a reader sees the old file or the new one, never half of one
    finally:
        partial.unlink(missing_ok=True)


def read_lexicon(path: Path) -> StoredLexicon:
    """Read the lexicon file (its format version must be ours)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    header_text, words, patterns, senses, terms, aliases = text.split(SECTION)
    header = json.loads(header_text)
    if header.get("format") != FORMAT_VERSION:
        raise ValueError(f"{path}: lexicon format {header.get('format')}, this allkg reads {FORMAT_VERSION}")
    return StoredLexicon(
        header, words.split("\n"), patterns.split("\n"), senses.split("\n"), terms.split("\n"), aliases.split("\n")
    )
