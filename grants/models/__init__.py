from .funders import ExchangeRate, Funder, FunderContact, FunderCountry, FunderEvent
from .opportunities import (
    FitAssessment,
    Opportunity,
    OpportunityCountry,
    OpportunityGroupObjectPermission,
    OpportunitySheet,
    OpportunityUserObjectPermission,
)
from .proposals import (
    BudgetLine,
    JointProposal,
    JointProposalGroupObjectPermission,
    JointProposalUserObjectPermission,
    LogframeItem,
    ProposalCountry,
    ProposalDocument,
    ProposalPartner,
)

__all__ = [
    "BudgetLine",
    "ExchangeRate",
    "FitAssessment",
    "Funder",
    "FunderContact",
    "FunderCountry",
    "FunderEvent",
    "JointProposal",
    "JointProposalGroupObjectPermission",
    "JointProposalUserObjectPermission",
    "LogframeItem",
    "Opportunity",
    "OpportunityCountry",
    "OpportunityGroupObjectPermission",
    "OpportunitySheet",
    "OpportunityUserObjectPermission",
    "ProposalCountry",
    "ProposalDocument",
    "ProposalPartner",
]
