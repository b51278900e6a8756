"""Grant agreements: the agreement opened at the award and completed by the
fundraising group or the lead; tranches from the funder; transfers to partners."""

from .money import (
    transfer_acknowledge,
    transfer_confirm,
    transfer_confirmation_threshold,
    transfer_record,
    transfer_refuse,
    tranche_expect,
    tranche_receive,
)
from .setup import agreement_open_for_award, agreement_update, lock_agreement, share_amount

__all__ = [
    "agreement_open_for_award",
    "agreement_update",
    "lock_agreement",
    "share_amount",
    "tranche_expect",
    "tranche_receive",
    "transfer_acknowledge",
    "transfer_confirm",
    "transfer_confirmation_threshold",
    "transfer_record",
    "transfer_refuse",
]
