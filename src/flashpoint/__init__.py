"""flashpoint: who did or said what to whom, where and when, read from news text."""

from flashpoint.types import CODER_VERSION, Article, Event, Extraction, Statement

__version__ = CODER_VERSION
__all__ = ["Article", "Event", "Extraction", "Statement", "__version__"]
