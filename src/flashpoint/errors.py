"""One exception tree. Every message says what went wrong, with the offending value, and what to do.

    FlashpointError
    ├── InputError            bad input: a file, a line, a field, a query
    │   ├── ReadError         a file that cannot be read or decoded
    │   └── EmptyArticleError an article with no text
    ├── KnowledgeBaseError    a kb/ data file with a syntax error or an unknown code
    ├── ModelError            the spaCy pipeline is missing or broken
    ├── StoreError            the database cannot be opened or written
    └── EvalError             a gold file that cannot be read
"""

from __future__ import annotations


class FlashpointError(Exception):
    """Base of every error flashpoint raises on purpose."""


class InputError(FlashpointError):
    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = ""
        if source is not None:
            where = f"{source}" + (f", line {line}" if line is not None else "") + ": "
        super().__init__(where + message)


class ReadError(InputError):
    pass


class EmptyArticleError(InputError):
    pass


class KnowledgeBaseError(FlashpointError):
    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}" + (f", line {line}" if line is not None else "") + ": "
        super().__init__(where + message)


class ModelError(FlashpointError):
    pass


class StoreError(FlashpointError):
    pass


class EvalError(FlashpointError):
    pass
