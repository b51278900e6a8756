from approvals.services import TransitionRefused


class CaseworkRefused(TransitionRefused):
    """An emergency-fund action that may not happen; nothing was changed.
    `reason` is a sentence for a person; `status` the HTTP status to answer."""


class MoneyRefused(CaseworkRefused):
    """A money rule said no (balance, approved amount, four eyes)."""
