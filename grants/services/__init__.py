"""grants' writes: one function per intention (`<noun>_<verb>`, keyword-only)."""

from .agreements import (
    agreement_open_for_award,
    agreement_update,
    tranche_expect,
    tranche_receive,
    transfer_acknowledge,
    transfer_confirm,
    transfer_record,
    transfer_refuse,
)
from .digest import digest_send
from .funders import (
    exchange_rate_record,
    funder_contact_add,
    funder_contact_remove,
    funder_create,
    funder_event_add,
    funder_update,
)
from .opportunities import opportunity_assess, opportunity_create, opportunity_update
from .proposals import (
    budget_line_add,
    budget_line_delete,
    budget_line_update,
    logframe_item_add,
    logframe_item_delete,
    proposal_create,
    proposal_document_add,
    proposal_partner_add,
    proposal_partner_confirm,
    proposal_partner_remove,
    proposal_partner_update,
    proposal_update,
)
from .sheets import parse_sheet, sheet_import, sheet_preview, sheet_upload

__all__ = [
    "agreement_open_for_award",
    "agreement_update",
    "tranche_expect",
    "tranche_receive",
    "transfer_acknowledge",
    "transfer_confirm",
    "transfer_record",
    "transfer_refuse",
    "budget_line_add",
    "budget_line_delete",
    "budget_line_update",
    "digest_send",
    "exchange_rate_record",
    "funder_contact_add",
    "funder_contact_remove",
    "funder_create",
    "funder_event_add",
    "funder_update",
    "logframe_item_add",
    "logframe_item_delete",
    "opportunity_assess",
    "opportunity_create",
    "opportunity_update",
    "parse_sheet",
    "proposal_create",
    "proposal_document_add",
    "proposal_partner_add",
    "proposal_partner_confirm",
    "proposal_partner_remove",
    "proposal_partner_update",
    "proposal_update",
    "sheet_import",
    "sheet_preview",
    "sheet_upload",
]
