"""Generate a corpus of damaged ALL pages from templates of the seed and dev pages.

Each page is built from the sentences of one template, with the damage real
scrapes show, chosen by a seeded random generator (so a corpus is
reproducible): sentences run together or on their own lines, list items as
"-", "*", "•", numbers or run-on fragments, a list displaced after the footer,
CRLF line ends, footers and navigation of other sites, and a page number so
that no two pages are byte-identical.
"""

from __future__ import annotations

import random
from pathlib import Path

DEFINITIONS = [
    "Acute lymphocytic leukemia (ALL) is a type of cancer of the blood and bone marrow.",
    "Acute lymphoblastic leukemia (ALL) is a cancer that starts in the bone marrow.",
    "Acute lymphoblastic leukemia is a blood cancer in which the marrow produces too many lymphoblasts.",
]
SYNONYMS = [
    "Acute lymphocytic leukemia is also known as acute lymphoblastic leukemia.",
    "It is sometimes called acute lymphocytic leukemia or acute lymphoid leukemia.",
]
BODY = [
    'The word "acute" in acute lymphocytic leukemia comes from the fact that the disease progresses rapidly.',
    "The word \"lymphocytic\" refers to the white blood cells called lymphocytes, which ALL affects.",
    "Acute lymphocytic leukemia is the most common type of cancer in children, and treatments result in a good chance for a cure.",
    "Acute lymphocytic leukemia can also occur in adults, though the chance of a cure is greatly reduced.",
    "Many signs and symptoms of acute lymphocytic leukemia mimic those of the flu.",
    "Acute lymphocytic leukemia occurs when a bone marrow cell develops changes (mutations) in its DNA.",
    "The bone marrow produces immature cells that develop into leukemic white blood cells called lymphoblasts.",
    "It's not clear what causes the DNA mutations that can lead to acute lymphocytic leukemia.",
]
RISK_LEAD_INS = ["Factors that may increase the risk of acute lymphocytic leukemia include:", "Risk factors include:"]
RISKS = [
    "Previous cancer treatment",
    "Exposure to radiation",
    "Genetic disorders, such as Down syndrome",
    "Having a brother or sister with ALL",
    "Smoking",
    "Being male",
    "Exposure to benzene",
]
SYMPTOM_LEAD_INS = ["Signs and symptoms of acute lymphocytic leukemia may include:", "Common symptoms include:"]
SYMPTOMS = ["Fever", "Bone pain", "Bleeding from the gums", "Frequent infections", "Pale skin", "Night sweats", "Weakness or tiredness"]
FOOTERS = [
    "© 1998-2024 Mayo Foundation for Medical Education and Research (MFMER). All rights reserved.",
    "Copyright 2026 Example Health Network. All rights reserved.",
    "Terms of Use | Advertise with Us | Contact Us | Privacy Policy",
    "53 Replies Mon, Jun 24, 2024 Advertising revenue supports our not-for-profit mission.",
]
BULLETS = ["- ", "* ", "• ", "{n}. ", ""]


def page(number: int, rng: random.Random) -> str:
    """One damaged page."""
    risks = rng.sample(RISKS, rng.randint(2, len(RISKS)))
    symptoms = rng.sample(SYMPTOMS, rng.randint(0, len(SYMPTOMS)))
    bullet = rng.choice(BULLETS)
    run_on = bullet == ""
    displaced = run_on and rng.random() < 0.5
    lines = [rng.choice(DEFINITIONS), rng.choice(SYNONYMS), *rng.sample(BODY, rng.randint(3, len(BODY)))]

    def listing(lead_in: str, items: list[str]) -> list[str]:
        if run_on:
            return [lead_in + "".join(f"{item}." for item in items)]
        return [lead_in, *(bullet.format(n=i + 1) + item for i, item in enumerate(items))]

    if symptoms:
        lines += listing(rng.choice(SYMPTOM_LEAD_INS), symptoms)
    risk_lead_in = rng.choice(RISK_LEAD_INS)
    footer = rng.sample(FOOTERS, 2)
    if displaced:
        lines += [risk_lead_in, *footer, "".join(f"{item}." for item in risks)]
    else:
        lines += listing(risk_lead_in, risks) + footer
    lines.append(f"Page {number}")
    separator = rng.choice(["", " ", "\n", "\r\n"])
    return separator.join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write ``count`` pages into ``folder``; return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"page-{number:05d}.txt"
        path.write_text(page(number, rng), encoding="utf-8", newline="")
        paths.append(path)
    return paths
