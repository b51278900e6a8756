"""Writes for members: one function per intention.

Every state change goes through `approvals.services.perform`; the domain's
consequences of a change (asking referees, opening the COPIL ballot,
creating the directory entry) run in `application_transitioned` and
`organisation_transitioned`, inside the same transaction.

- applications: the applicant's account, draft and documents (`application_save`)
- workflow: submission, screening, the COPIL; what each step brings about
- references: referees asked and answering
- directory: entries made on approval, the member lifecycle
"""

from .applications import (
    EDITABLE_FIELDS,
    ORGANISATION_FIELDS,
    applicant_account_create,
    application_create,
    application_document_add,
    application_save,
    application_update,
)
from .common import MembersError
from .directory import (
    lifecycle_question,
    organisation_from_application,
    organisation_lifecycle_propose,
    organisation_transitioned,
)
from .references import reference_answer, request_references
from .workflow import (
    application_information_request,
    application_link_organisation,
    application_screening_start,
    application_send_to_copil,
    application_submit,
    application_transitioned,
    application_withdraw,
    entry_decision,
)

__all__ = [
    "EDITABLE_FIELDS",
    "ORGANISATION_FIELDS",
    "MembersError",
    "applicant_account_create",
    "application_create",
    "application_document_add",
    "application_information_request",
    "application_link_organisation",
    "application_save",
    "application_screening_start",
    "application_send_to_copil",
    "application_submit",
    "application_transitioned",
    "application_update",
    "application_withdraw",
    "entry_decision",
    "lifecycle_question",
    "organisation_from_application",
    "organisation_lifecycle_propose",
    "organisation_transitioned",
    "reference_answer",
    "request_references",
]
