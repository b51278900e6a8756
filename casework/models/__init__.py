from .case_parts import CaseGroupObjectPermission, CaseSupport, CaseUserObjectPermission, WellbeingCheck
from .cases import Case
from .choices import AgeBand, Channel, Gender, Profile, RiskLevel, SupportType, Urgency
from .incidents import Incident
from .money import Commitment, Contribution, Disbursement, Fund
from .records import CaseAccessLog, CaseDocument

__all__ = [
    "AgeBand",
    "Case",
    "CaseAccessLog",
    "CaseDocument",
    "CaseGroupObjectPermission",
    "CaseSupport",
    "CaseUserObjectPermission",
    "Channel",
    "Commitment",
    "Contribution",
    "Disbursement",
    "Fund",
    "Gender",
    "Incident",
    "Profile",
    "RiskLevel",
    "SupportType",
    "Urgency",
    "WellbeingCheck",
]
