"""accounts: filled by its stage."""


class AccountsMixin:
    pass
