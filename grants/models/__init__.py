from .agreements import FunderTranche, GrantAgreement, PartnerShare, PartnerTransfer
from .funders import ExchangeRate, Funder, FunderContact, FunderCountry, FunderEvent
from .grant_reports import (
    AgreementClosing,
    DonorReport,
    DonorReportVersion,
    Expense,
    ExpenseSheet,
    IndicatorResult,
    ReportingPeriod,
)
from .opportunities import (
    FitAssessment,
    Opportunity,
    OpportunityCountry,
    OpportunityGroupObjectPermission,
    OpportunitySheet,
    OpportunityUserObjectPermission,
)
from .proposal_parts import BudgetLine, LogframeItem, ProposalCountry, ProposalPartner
from .proposals import JointProposal, JointProposalGroupObjectPermission, JointProposalUserObjectPermission, ProposalDocument

__all__ = [
    "AgreementClosing",
    "DonorReport",
    "DonorReportVersion",
    "Expense",
    "ExpenseSheet",
    "IndicatorResult",
    "ReportingPeriod",
    "FunderTranche",
    "GrantAgreement",
    "PartnerShare",
    "PartnerTransfer",
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
