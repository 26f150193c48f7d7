"""flashpoint: who did or said what to whom, where and when, read from news text."""

from flashpoint.api_python import callable_extract, load, to_polars
from flashpoint.types import CODER_VERSION, Article, Event, Extraction, Statement

extract = callable_extract()  # the stage package, callable as flashpoint.extract(text, published=...)

__version__ = CODER_VERSION
__all__ = ["Article", "Event", "Extraction", "Statement", "__version__", "extract", "load", "to_polars"]
