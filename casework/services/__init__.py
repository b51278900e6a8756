"""The emergency fund's writes: one function per intention."""

from .access_log import access_log_record
from .cases import (
    case_assess,
    case_assign,
    case_fast_track,
    case_refer_elsewhere,
    case_request_assessment,
    case_revise_proposal,
    case_send_to_committee,
    wellbeing_check_record,
    wellbeing_reminders_send,
)
from .committee import emergency_committee
from .documents import document_add, document_bytes
from .errors import CaseworkRefused, MoneyRefused
from .incidents import incident_link_cases, incident_record, incident_verify
from .intake import case_apply, case_refer
from .money import (
    confirmation_threshold,
    contribution_record,
    disbursement_confirm,
    disbursement_refuse,
    disbursement_request,
    fund_create,
)
from .retention import case_identity_erase, erase_closed_case_identities

__all__ = [
    "CaseworkRefused",
    "MoneyRefused",
    "access_log_record",
    "case_apply",
    "case_assess",
    "case_assign",
    "case_fast_track",
    "case_identity_erase",
    "case_refer",
    "case_refer_elsewhere",
    "case_request_assessment",
    "case_revise_proposal",
    "case_send_to_committee",
    "confirmation_threshold",
    "contribution_record",
    "disbursement_confirm",
    "disbursement_refuse",
    "disbursement_request",
    "document_add",
    "document_bytes",
    "emergency_committee",
    "erase_closed_case_identities",
    "fund_create",
    "incident_link_cases",
    "incident_record",
    "incident_verify",
    "wellbeing_check_record",
    "wellbeing_reminders_send",
]
