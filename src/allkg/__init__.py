"""allkg: a grounded, evidence-carrying knowledge graph about acute lymphocytic leukemia."""

from __future__ import annotations

__version__ = "0.1.0"
