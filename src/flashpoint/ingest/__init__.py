"""Readers that turn files into Articles (see readers.py) and the Article builder."""

from flashpoint.ingest.article import article_id, make_article

__all__ = ["article_id", "make_article"]
