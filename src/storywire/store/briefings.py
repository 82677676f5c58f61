"""briefings: filled by its stage."""


class BriefingsMixin:
    pass
