"""Domain errors. The CLI turns each into one clear line (and a non-zero exit), never a traceback."""


class StorywireError(Exception):
    """Base class: the message says what went wrong and, where possible, how to fix it."""


class ConfigError(StorywireError):
    """A setting is missing or invalid."""


class StoreError(StorywireError):
    """The store cannot be opened, migrated or written."""


class InputError(StorywireError):
    """One input item (file, line, feed entry) cannot be used; it is skipped with this reason."""


class FetchError(StorywireError):
    """A network fetch failed or was refused (timeout, too large, private address, bad status)."""


class NotFound(StorywireError):
    """A requested object (article, story, user, feed) does not exist."""


class AuthError(StorywireError):
    """Authentication or authorisation failed."""


class RecordRefused(StorywireError):
    """The store refused one record (a value its database cannot keep); the record is rejected alone."""
