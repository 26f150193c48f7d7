"""Corpus-scale runs of the one pipeline: local processes or Ray Data."""

from flashpoint.batch.runner import BatchResult, run_batch

__all__ = ["BatchResult", "run_batch"]
