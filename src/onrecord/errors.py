"""Small named exceptions. Each message says what was wrong and what to do."""


class OnrecordError(Exception):
    """Base class for every error onrecord raises on purpose."""


class InputError(OnrecordError):
    """An article or file could not be read or is not usable text."""


class ModelNotFoundError(OnrecordError):
    """The requested spaCy pipeline is not installed and is not a path."""


class LexiconError(OnrecordError):
    """A lexicon data file is malformed."""


class DataNotFoundError(OnrecordError):
    """An evaluation or benchmark data set is not where it was expected."""


class NotFoundError(OnrecordError):
    """A requested item does not exist."""


class MissingDependencyError(OnrecordError):
    """An optional dependency a command needs is not installed (the message says which extra)."""


class SearchSyntaxError(InputError):
    """A full-text search query could not be parsed (the message says how to quote it)."""


class StoreError(OnrecordError):
    """The corpus database could not be opened, migrated or changed as asked."""
