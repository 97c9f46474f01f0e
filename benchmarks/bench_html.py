"""Compare HTML readers on the pages with gold files: extraction scores, evidence, speed, hostile input.

Run by hand (not by CI), from the top of the repository:

    pip install trafilatura justext selectolax      # the candidates allkg does not ship
    python benchmarks/bench_html.py [corpus/dev] [--hostile-kib 256] [--timeout 60]

Every reader turns a page into allkg's text (one block per line, list items as "- "
lines, heading offsets); the extractor then reads that text exactly as `allkg build`
does, and each folder's HTML pages are scored against their gold files (micro-averaged,
as `allkg evaluate` does). Readers:

- ``stdlib``: allkg's reader before lxml (``html.parser``), read from git at BEFORE;
- ``lxml``, ``lxml+chrome``: allkg's reader (libxml2), without and with the chrome rules;
- ``lexbor``, ``lexbor+chrome``: the same rules over selectolax's HTML5 (lexbor) tree;
- ``trafilatura``, ``trafilatura+ours``: trafilatura's main content (its XML output,
  headings, lists and tables kept), on the page as is and with what allkg drops (menus,
  scripts, footnote markers, chrome...) dropped first;
- ``justext``: jusText's paragraphs that are not boilerplate (English stop list).

Times: each reader on a page of about 2 MiB made of the folder's pages, and on hostile
pages (each reader in a child process, stopped after --timeout seconds).
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import re
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

from allkg.evaluate import corpus, load_gold, micro_average, predicted, score
from allkg.extract import extract
from allkg.html import BLOCKS, TextLines, html_to_text, is_skipped, names_chrome
from allkg.lexicon import load_lexicon
from allkg.source import SourceDocument

BEFORE = "04474e7"
"""The commit whose src/allkg/html.py is the standard-library reader compared."""
ROOT = Path(__file__).resolve().parents[1]
Reading = tuple[str, str | None, tuple[int, ...]]
KINDS_SHOWN = ("cell-type", "anatomy", "age-group", "risk-factor", "symptom")


# --- the readers ---------------------------------------------------------------------------------


def stdlib_reader() -> Callable[[str], Reading]:
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:src/allkg/html.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType("allkg_html_before")
    exec(compile(source, f"{BEFORE}:src/allkg/html.py", "exec"), module.__dict__)
    return module.html_to_text


def _title(markup: str) -> str | None:
    """The page's <title>, read the way allkg reads it (for the readers that give none)."""
    return html_to_text(re.split(r"(?i)<body", markup, maxsplit=1)[0] + "<body></body>")[1]


def lexbor_reader(markup: str, *, drop_chrome: bool = True) -> Reading:
    """allkg's rules over selectolax's lexbor tree (an HTML5 tree builder)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    title_node = tree.css_first("head > title")
    title = " ".join(title_node.text().split()) or None if title_node is not None else None
    lines = TextLines()
    stack = [(tree.body, False)] if tree.body is not None else []
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            lines.close(tag)
        elif tag == "-text":
            lines.text(node.text_content or "")
        elif not tag.startswith("-"):
            attributes = node.attributes
            chrome = (drop_chrome and node is not tree.body and names_chrome(attributes.get)
                      and node.css_first("main, article, h1") is None)
            if chrome or is_skipped(tag, attributes.get):
                if tag in BLOCKS:
                    lines.end_line()
                continue
            lines.open(tag)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    text, headings = lines.result()
    return text, title, headings


_TRAFILATURA_TAGS = {"head": "h2", "p": "p", "list": "ul", "item": "li", "table": "table", "row": "tr",
                     "cell": "td", "quote": "blockquote", "code": "pre", "lb": "br"}


def trafilatura_reader(markup: str, *, drop_ours: bool = False) -> Reading:
    """trafilatura's main content, its XML elements read as the HTML elements they stand for;
    ``drop_ours``: what allkg drops (skipped elements and chrome) dropped from the page first."""
    import trafilatura
    from lxml import etree, html

    page: object = markup
    if drop_ours:
        tree = html.document_fromstring(markup.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))
        for element in tree.xpath("//body//*"):
            holds_content = element.xpath("self::main|self::article|.//main|.//article|.//h1")
            chrome = names_chrome(element.get) and not holds_content
            if chrome or is_skipped(element.tag, element.get):
                element.drop_tree()
        page = tree
    xml = trafilatura.extract(
        page, output_format="xml", include_tables=True, include_comments=False, deduplicate=False
    )
    lines = TextLines()
    if xml:
        main = etree.fromstring(xml.encode("utf-8")).find("main")
        for event, element in etree.iterwalk(main, events=("start", "end")):
            tag = _TRAFILATURA_TAGS.get(element.tag, "span")
            if event == "start":
                lines.open(tag)
                lines.text(element.text or "")
            else:
                lines.close(tag)
                lines.text(element.tail or "")
    text, headings = lines.result()
    return text, _title(markup), headings


def justext_reader(markup: str) -> Reading:
    """jusText's good paragraphs: headings as headings, paragraphs inside <li> as list items."""
    import justext

    lines = TextLines()
    for paragraph in justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8"):
        if paragraph.is_boilerplate:
            continue
        tag = "h2" if paragraph.heading else "li" if ".li" in f"{paragraph.dom_path}." else "p"
        lines.open(tag)
        lines.text(paragraph.text)
        lines.close(tag)
    text, headings = lines.result()
    return text, _title(markup), headings


def readers() -> dict[str, Callable[[str], Reading]]:
    return {
        "stdlib": stdlib_reader(),
        "lxml": lambda markup: html_to_text(markup, drop_chrome=False),
        "lxml+chrome": html_to_text,
        "lexbor": lambda markup: lexbor_reader(markup, drop_chrome=False),
        "lexbor+chrome": lexbor_reader,
        "trafilatura": trafilatura_reader,
        "trafilatura+ours": lambda markup: trafilatura_reader(markup, drop_ours=True),
        "justext": justext_reader,
    }


# --- scores ------------------------------------------------------------------------------------


def score_reader(read: Callable[[str], Reading], folder: Path) -> dict[str, object]:
    """Micro-averaged scores of one reader over a folder's HTML pages, with the evidence checked."""
    lexicon = load_lexicon()
    pages, broken, publishers = [], 0, 0
    for gold, page in corpus(folder):
        if page.suffix.lower() not in (".html", ".htm"):
            continue
        data = page.read_bytes()
        text, title, headings = read(data.decode("utf-8"))
        sha256 = hashlib.sha256(data).hexdigest()
        document = SourceDocument(page.name, text, sha256, "utf-8", "text/html", title, headings)
        extraction = extract(document, lexicon)
        publishers += extraction.publisher is not None
        for fact in extraction.facts:
            for span in fact.evidence:
                quote = text[span.start : span.end]
                broken += not (0 <= span.start < span.end <= len(text)) or not quote.strip() or "<" in quote
        pages.append((page.name, score(load_gold(gold), predicted(extraction))))
    return {"pages": len(pages), "kinds": micro_average(pages), "broken": broken, "publishers": publishers}


# --- times -------------------------------------------------------------------------------------


def big_page(folder: Path, mib: float = 2.0) -> str:
    """The folder's HTML pages' bodies, one after another, until the page is about ``mib`` MiB."""
    pages = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))]
    bodies = [re.search(r"(?is)<body[^>]*>(.*)</body>", page).group(1) for page in pages]  # type: ignore[union-attr]
    parts, size = [pages[0].split("<body", 1)[0], "<body>"], 0
    while size < mib * 1_048_576:
        body = bodies[len(parts) % len(bodies)]
        parts.append(body)
        size += len(body.encode("utf-8"))
    return "".join(parts) + "</body></html>"


def hostile_pages(kib: int) -> dict[str, str]:
    """Pages made to be slow for some parser, each about ``kib`` KiB."""
    size = kib * 1024
    formatting = size // 40
    return {
        "'</' repeated": "<html><body>" + "</" * (size // 2),
        "'<!' repeated": "<html><body>" + "<!" * (size // 2),
        "<div> nested": "<html><body>" + "<div>x" * (size // 6),
        "<b n><i n>...x</b> (lexbor#340)": "<html><body>" + "".join(f"<b {i}>" for i in range(formatting))
        + "".join(f"<i {i}>" for i in range(formatting)) + "x</b>" * formatting,
        "<ul><li> nested": "<html><body>" + "<ul><li>x" * (size // 10),
    }


def best_of(read: Callable[[str], Reading], markup: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(markup)
        times.append(time.perf_counter() - start)
    return min(times)


def time_in_child(reader: str, case: str, kib: int, timeout: float) -> str:
    command = [sys.executable, __file__, "--time-one", reader, case, "--hostile-kib", str(kib)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f}"
    if done.returncode:
        return "error: " + (done.stderr.strip().splitlines() or ["?"])[-1][:60]
    return done.stdout.strip()


def _time_one(reader: str, case: str, kib: int) -> None:
    read = readers()[reader]
    markup = hostile_pages(kib)[case]
    start = time.perf_counter()
    try:
        read(markup)
    except ValueError:  # allkg's reader refuses a page it cannot read in full
        print(f"refused in {time.perf_counter() - start:.3f}")
        return
    print(f"{time.perf_counter() - start:.3f}")


# --- report ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "corpus" / "dev"])
    parser.add_argument("--hostile-kib", type=int, default=256)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--time-one", nargs=2, metavar=("READER", "CASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_one:
        _time_one(*args.time_one, args.hostile_kib)
        return
    named = readers()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    for folder in args.folders:
        print(f"\n### {folder.name}: scores of the facts read from its HTML pages\n")
        print("| reader | P | R | F1 | " + " | ".join(f"{k} P/R" for k in KINDS_SHOWN)
              + " | publisher found | broken evidence |")
        print("|---" * (6 + len(KINDS_SHOWN)) + "|")
        for name, read in named.items():
            result = score_reader(read, folder)
            kinds = {k.kind: k for k in result["kinds"]}  # type: ignore[attr-defined]
            total = kinds["all facts"]
            per_kind = " | ".join(f"{kinds[k].precision:.2f}/{kinds[k].recall:.2f}" for k in KINDS_SHOWN)
            print(f"| {name} | {total.precision:.3f} | {total.recall:.3f} | {total.f1:.3f} | {per_kind} | "
                  f"{result['publishers']}/{result['pages']} | {result['broken']} |")
    folder = args.folders[0]
    page = big_page(folder)
    print(f"\n### seconds to read a page (best of 3), and hostile pages of {args.hostile_kib} KiB (one run)\n")
    cases = list(hostile_pages(args.hostile_kib))
    print(f"| reader | {len(page.encode()) / 1_048_576:.1f} MiB page | " + " | ".join(cases) + " |")
    print("|---" * (2 + len(cases)) + "|")
    for name, read in named.items():
        row = [f"{best_of(read, page):.3f}"]
        row += [time_in_child(name, case, args.hostile_kib, args.timeout) for case in cases]
        print(f"| {name} | " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
