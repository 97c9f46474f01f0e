"""HTTP content negotiation: the ``Accept`` header, with q-values, against what we can send.

RFC 9110 §12.5.1: each offered media type takes the quality of the most specific
range that matches it (``text/turtle`` over ``text/*`` over ``*/*``); a quality of
0 means "not acceptable". The best quality wins; ties go to the order of the
offer (the server's preference). No acceptable type: None (the caller answers 406).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    quality: float

    @property
    def specificity(self) -> int:
        return 0 if self.type == "*" else 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type == "*" or (self.type == kind and self.subtype in ("*", sub))


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed parts are ignored, as browsers do."""
    ranges = []
    for part in header.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(kind, sub, quality))
    return ranges


@lru_cache(maxsize=1024)
def negotiate(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type the client prefers; with no Accept header, the first offered."""
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0] if offered else None
    best: tuple[float, int] | None = None
    chosen = None
    for rank, media_type in enumerate(offered):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        quality = max(r.quality for r in matching if r.specificity == top)
        if quality > 0 and (best is None or (quality, -rank) > best):
            best, chosen = (quality, -rank), media_type
    return chosen
