"""feeds: filled by its stage."""


class FeedsMixin:
    pass
