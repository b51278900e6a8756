"""How each URL pattern is filled with real objects of the matrix's world.

FILL maps a pattern name to its samples: label -> kwargs, where a value
"adh.reference" is read from the world's samples (sample "adh", attribute
"reference") and anything else is used as it is. A pattern with no
argument has the single sample "-". Admin patterns are filled generically
(the first object of the model).
"""

from django.apps import apps

ADH, OPP, PRJ, URG, ORG = "adh.reference", "opp.reference", "prj.reference", "urg.reference", "org.reference"
DOSSIERS = {"ADH": ADH, "ADH-other": "adh_other.reference", "OPP": OPP, "PRJ": PRJ, "URG": URG, "URG-other": "urg_other.reference"}


def each_dossier(**extra):
    return {label: {"reference": ref, **extra} for label, ref in DOSSIERS.items()}


FILL = {
    # approvals
    "approvals:dossier": each_dossier(),
    "approvals:transition": {
        "ADH:send_to_copil": {"reference": ADH, "transition": "send_to_copil"},
        "PRJ:send_to_review": {"reference": PRJ, "transition": "send_to_review"},
        "URG:start_verification": {"reference": URG, "transition": "start_verification"},
        "OPP:assess": {"reference": OPP, "transition": "start_assessment"},
    },
    "approvals:ballot_new": {"ADH:copil": {"reference": ADH, "committee": "copil"}, "URG:emergency": {"reference": URG, "committee": "emergency"}},
    "approvals:ballot": {"open": {"pk": "ballot_open.pk"}, "closed": {"pk": "ballot_closed.pk"}, "emergency": {"pk": "ballot_emergency.pk"}},
    "approvals:vote": {"open": {"pk": "ballot_open.pk"}, "closed": {"pk": "ballot_closed.pk"}, "emergency": {"pk": "ballot_emergency.pk"}},
    "approvals:conflict": {"open": {"pk": "ballot_open.pk"}, "emergency": {"pk": "ballot_emergency.pk"}},
    "approvals:ballot_close": {"open": {"pk": "ballot_open.pk"}, "emergency": {"pk": "ballot_emergency.pk"}},
    "approvals:ballot_lapse": {"open": {"pk": "ballot_open.pk"}, "emergency": {"pk": "ballot_emergency.pk"}},
    "approvals:inbox_read": {"missing": {"pk": 999999}},
    "approvals:messages": each_dossier(),
    "approvals:status_link": each_dossier(),
    "approvals:status_public": {
        "ADH:good": {"reference": ADH, "token": "adh_status_token"},
        "ADH:bad": {"reference": ADH, "token": "x" * 43},
        "URG:good": {"reference": URG, "token": "urg_status_token"},
    },
    "approvals:workflow_svg": {"ADH": {"kind": "members.membershipapplication"}, "nope": {"kind": "nope"}},
    # letters
    "letters:download": {"ADH:docx": {"pk": "adh_letter.pk", "fmt": "docx"}, "PRJ:docx": {"pk": "prj_letter.pk", "fmt": "docx"}, "ADH:pdf-not-made": {"pk": "adh_letter.pk", "fmt": "pdf"}, "URG:docx": {"pk": "urg_letter.pk", "fmt": "docx"}},
    "letters:batch": {"missing": {"pk": 999999}},
    "letters:template": {"first": {"pk": "template.pk"}},
    "letters:dossier_letters": each_dossier(),
    "letters:meeting": {"copil": {"pk": "meeting.pk"}},
    # governance: meetings and the General Assembly
    "governance:meeting": {"copil": {"pk": "meeting.pk"}, "ga": {"pk": "assembly.meeting_id"}},
    "governance:meeting_invite": {"copil": {"pk": "meeting.pk"}, "ga": {"pk": "assembly.meeting_id"}},
    "governance:meeting_attendance": {"copil": {"pk": "meeting.pk"}, "ga": {"pk": "assembly.meeting_id"}},
    "governance:meeting_item_add": {"copil": {"pk": "meeting.pk"}},
    "governance:meeting_item_decide": {"copil": {"pk": "meeting.pk", "item_pk": "meeting_item.pk"}},
    "governance:assembly": {"ga": {"pk": "assembly.pk"}},
    "governance:assembly_proxy": {"ga": {"pk": "assembly.pk"}},
    "governance:resolution_add": {"ga": {"pk": "assembly.pk"}},
    "governance:resolution_open": {"draft": {"pk": "resolution.pk"}},
    "governance:resolution_close": {"draft": {"pk": "resolution.pk"}},
    "governance:resolution_vote": {"draft": {"pk": "resolution.pk"}},
    "letters:meeting_record": {"copil": {"pk": "meeting.pk"}},
    "letters:meeting_agenda": {"copil": {"pk": "meeting.pk"}},
    "letters:meeting_minutes": {"copil": {"pk": "meeting.pk"}},
    "letters:meeting_ballot": {"copil:open": {"pk": "meeting.pk", "ballot_pk": "ballot_open.pk"}, "copil:emergency": {"pk": "meeting.pk", "ballot_pk": "ballot_emergency.pk"}},
    "letters:meeting_ballot_confirm": {"copil:open": {"pk": "meeting.pk", "ballot_pk": "ballot_open.pk"}},
    # the API (/api/v1/): the same accessors as the pages
    "api:dossier": each_dossier(),
    "api:transition": {
        "ADH:send_to_copil": {"reference": ADH, "transition": "send_to_copil"},
        "PRJ:send_to_review": {"reference": PRJ, "transition": "send_to_review"},
        "URG:start_verification": {"reference": URG, "transition": "start_verification"},
    },
    "api:messages": each_dossier(),
    "api:letters": each_dossier(),
    "api:letter_file": {"ADH:docx": {"pk": "adh_letter.pk", "fmt": "docx"}, "URG:docx": {"pk": "urg_letter.pk", "fmt": "docx"}},
    "api:vote": {"open": {"pk": "ballot_open.pk"}, "closed": {"pk": "ballot_closed.pk"}, "emergency": {"pk": "ballot_emergency.pk"}},
    "api:token_revoke": {"missing": {"pk": 999999}},
    "accounts:password_reset_confirm": {"bad": {"uidb64": "MQ", "token": "abc-0123456789abcdef"}},
    # Nothing of an emergency case may appear in the admin (its letters included).
    "admin:approvals_letter_change": {"ADH": {"object_id": "adh_letter.pk"}, "URG": {"object_id": "urg_letter.pk"}},
    "admin:approvals_letter_history": {"ADH": {"object_id": "adh_letter.pk"}, "URG": {"object_id": "urg_letter.pk"}},
    "admin:approvals_letter_delete": {"ADH": {"object_id": "adh_letter.pk"}, "URG": {"object_id": "urg_letter.pk"}},
    # governance
    "governance:group": {"GTAG": {"slug": "adhesion-gouvernance"}},
    "governance:document_new": {"GTAG": {"slug": "adhesion-gouvernance"}},
    "governance:document": {"draft": {"reference": "doc_draft.reference"}, "adopted": {"reference": "doc_adopted.reference"}},
    "governance:version_add": {"draft": {"reference": "doc_draft.reference"}},
    "governance:submit": {"draft": {"reference": "doc_draft.reference"}},
    "governance:version": {
        "draft:1": {"reference": "doc_draft.reference", "number": 1},
        "adopted:1": {"reference": "doc_adopted.reference", "number": 1},
        "adopted:9": {"reference": "doc_adopted.reference", "number": 9},
    },
    # members
    "members:application": {"ADH": {"reference": ADH}, "ADH-other": {"reference": "adh_other.reference"}},
    "members:request_information": {"ADH": {"reference": ADH}},
    "members:send_to_copil": {"ADH": {"reference": ADH}},
    "members:link": {"ADH": {"reference": ADH}},
    "members:document": {"ADH": {"reference": ADH, "pk": "adh_document.pk"}},
    "members:reference": {"first": {"pk": "reference.pk"}},
    "members:organisation": {"ORG": {"pk": "org.pk"}},
    "members:lifecycle": {"ORG": {"pk": "org.pk"}},
    # grants
    "grants:opportunity": {"OPP": {"reference": OPP}},
    "grants:opportunity_edit": {"OPP": {"reference": OPP}},
    "grants:opportunity_assess": {"OPP": {"reference": OPP}},
    "grants:sheet": {"missing": {"pk": 999999}},
    "grants:funder": {"first": {"pk": "funder.pk"}},
    "grants:funder_edit": {"first": {"pk": "funder.pk"}},
    "grants:funder_contact_add": {"first": {"pk": "funder.pk"}},
    "grants:funder_contact_remove": {"first": {"pk": "funder_of_contact.pk", "contact_pk": "funder_contact.pk"}},
    "grants:funder_event_add": {"first": {"pk": "funder.pk"}},
    "grants:proposal": {"PRJ": {"reference": PRJ}},
    "grants:proposal_edit": {"PRJ": {"reference": PRJ}},
    "grants:partner_add": {"PRJ": {"reference": PRJ}},
    "grants:partner_edit": {"PRJ": {"reference": PRJ, "pk": "prj_partner.pk"}},
    "grants:partner_confirm": {"PRJ": {"reference": PRJ, "pk": "prj_partner.pk"}},
    "grants:partner_remove": {"PRJ": {"reference": PRJ, "pk": "prj_partner.pk"}},
    "grants:budget_add": {"PRJ": {"reference": PRJ}},
    "grants:budget_edit": {"PRJ": {"reference": PRJ, "pk": "prj_budget.pk"}},
    "grants:budget_delete": {"PRJ": {"reference": PRJ, "pk": "prj_budget.pk"}},
    "grants:logframe_add": {"PRJ": {"reference": PRJ}},
    "grants:logframe_delete": {"PRJ": {"reference": PRJ, "pk": "prj_logframe.pk"}},
    "grants:document_add": {"PRJ": {"reference": PRJ}},
    "grants:document": {"PRJ": {"reference": PRJ, "pk": "prj_document.pk"}},
    "grants:agreement": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement_edit": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement_document": {"AGR": {"pk": "agreement.pk"}},
    "grants:tranche_new": {"AGR": {"pk": "agreement.pk"}},
    "grants:tranche_receive": {"AGR": {"pk": "agreement.pk"}},
    "grants:transfer_new": {"AGR": {"pk": "agreement.pk"}},
    "grants:transfer_confirm": {"AGR:own": {"pk": "agreement.pk", "transfer_pk": "transfer_own.pk"}, "AGR:other": {"pk": "agreement.pk", "transfer_pk": "transfer_other.pk"}},
    "grants:transfer_refuse": {"AGR:own": {"pk": "agreement.pk", "transfer_pk": "transfer_own.pk"}, "AGR:other": {"pk": "agreement.pk", "transfer_pk": "transfer_other.pk"}},
    "grants:transfer_acknowledge": {"AGR:own": {"pk": "agreement.pk", "transfer_pk": "transfer_own.pk"}, "AGR:other": {"pk": "agreement.pk", "transfer_pk": "transfer_other.pk"}},
    "grants:transfer_proof": {"AGR:own": {"pk": "agreement.pk", "transfer_pk": "transfer_own.pk"}, "AGR:other": {"pk": "agreement.pk", "transfer_pk": "transfer_other.pk"}},
    # indicators (the action plan)
    "indicators:plan_indicator": {"entered": {"code": "plan_indicator.code"}, "computed": {"code": "plan_computed.code"}},
    "indicators:plan_evidence": {"first": {"pk": "plan_evidence.pk"}},
    # grants: after the award (expenses, results, reports to the donor, closing)
    "grants:agreement-expenses": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement-expense-import": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement-expense-sheet": {"missing": {"pk": "agreement.pk", "sheet_pk": 999999}},
    "grants:agreement-results": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement-result-period": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement-result-validate": {"AGR:own": {"pk": "agreement.pk", "result_pk": "result_own.pk"}, "AGR:other": {"pk": "agreement.pk", "result_pk": "result_other.pk"}},
    "grants:agreement-reports": {"AGR": {"pk": "agreement.pk"}},
    "grants:agreement-report": {"AGR:own": {"pk": "agreement.pk", "report_pk": "report_own.pk"}, "AGR:whole": {"pk": "agreement.pk", "report_pk": "report_whole.pk"}},
    "grants:agreement-report-generate": {"AGR:own": {"pk": "agreement.pk", "report_pk": "report_own.pk"}, "AGR:whole": {"pk": "agreement.pk", "report_pk": "report_whole.pk"}},
    "grants:agreement-report-approve": {"AGR:own": {"pk": "agreement.pk", "report_pk": "report_own.pk"}, "AGR:whole": {"pk": "agreement.pk", "report_pk": "report_whole.pk"}},
    "grants:agreement-report-submit": {"AGR:own": {"pk": "agreement.pk", "report_pk": "report_own.pk"}, "AGR:whole": {"pk": "agreement.pk", "report_pk": "report_whole.pk"}},
    "grants:agreement-report-version": {"AGR:own": {"pk": "agreement.pk", "report_pk": "report_own.pk", "version_pk": "report_own_version.pk"}, "AGR:whole": {"pk": "agreement.pk", "report_pk": "report_whole.pk", "version_pk": "report_whole_version.pk"}},
    "grants:agreement-close": {"AGR": {"pk": "agreement.pk"}},
    # casework
    "casework:status_bookmark": {"URG:good": {"reference": URG, "token": "urg_status_token"}, "URG:bad": {"reference": URG, "token": "x" * 43}},
    "casework:referral": {"URG": {"reference": URG}, "URG-other": {"reference": "urg_other.reference"}},
    "casework:case": {"URG": {"reference": URG}, "URG-other": {"reference": "urg_other.reference"}},
    "casework:identity": {"URG": {"reference": URG}},
    "casework:assessment": {"URG": {"reference": URG}},
    "casework:request_assessment": {"URG": {"reference": URG}},
    "casework:assign": {"URG-other": {"reference": "urg_other.reference"}},
    "casework:propose": {"URG:comite": {"reference": URG, "route": "comite"}, "URG:accelere": {"reference": URG, "route": "accelere"}},
    "casework:refer_elsewhere": {"URG": {"reference": URG}},
    "casework:document_upload": {"URG": {"reference": URG}},
    "casework:document": {"URG": {"reference": URG, "pk": "urg_document.pk"}},
    "casework:letter": {"URG": {"reference": URG, "pk": "urg_letter.pk"}},
    "casework:wellbeing": {"first": {"reference": "wellbeing.case.reference", "pk": "wellbeing.pk"}},
    "casework:disbursement_new": {"URG": {"reference": URG}},
    "casework:disbursement_confirm": {"first": {"pk": "disbursement.pk"}},
    "casework:disbursement_refuse": {"first": {"pk": "disbursement.pk"}},
    "casework:fund": {"first": {"pk": "fund.pk"}},
    "casework:incident": {"first": {"reference": "incident.reference"}},
    "casework:incident_verify": {"first": {"reference": "incident.reference"}},
    # indicators
    "indicators:export": {
        "csv": {"key": "emergency-gender", "fmt": "csv"},
        "xlsx": {"key": "membership-applications", "fmt": "xlsx"},
        "nope": {"key": "nope", "fmt": "csv"},
    },
    # governance: the demo's election, its vote open
    "governance:election": {"open": {"pk": "election.pk"}},
    "governance:candidacy_new": {"open": {"pk": "election.pk"}},
    "governance:vote": {"open": {"pk": "election.pk"}},
    "governance:election_open": {"open": {"pk": "election.pk"}},
    "governance:election_close": {"open": {"pk": "election.pk"}},
    "governance:election_minutes": {"open": {"pk": "election.pk"}},
    "governance:election_minutes_download": {"open": {"pk": "election.pk"}},
}


def resolve_value(world, value):
    if not isinstance(value, str) or "." not in value and value not in world.samples:
        return value
    head, *rest = value.split(".")
    if head not in world.samples:
        return value
    obj = world.samples[head]
    for attr in rest:
        obj = getattr(obj, attr)
    return obj


def admin_model(pattern):
    """The model behind an admin pattern, from its route (admin/<app>/<model>/...)."""
    parts = pattern.route.split("/")
    if len(parts) >= 3 and parts[0] == "admin":
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None
    return None


def samples_for(pattern, world):
    """[(label, kwargs)] for a pattern, or None when the matrix has no way to fill it."""
    params = _params(pattern.route)
    if pattern.name in FILL:
        return [(label, {k: str(resolve_value(world, v)) for k, v in kwargs.items()}) for label, kwargs in FILL[pattern.name].items()]
    if not params or "(?P<" in pattern.route:
        return [("-", {})]
    if pattern.route.startswith("admin/"):
        model = admin_model(pattern)
        if pattern.name == "admin:view_on_site":
            from django.contrib.contenttypes.models import ContentType

            adh = world.samples["adh"]
            return [("ADH", {"content_type_id": str(ContentType.objects.get_for_model(adh).pk), "object_id": str(adh.pk)})]
        if pattern.name == "admin:app_list":
            return [("-", {})]
        if model is not None and set(params) <= {"object_id", "pk", "id"}:
            first = model._default_manager.order_by("pk").first()
            pk = str(first.pk) if first is not None else "999999"
            return [("first" if first is not None else "missing", {name: pk for name in params})]
    return None


def _params(route):
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def url_for(pattern, kwargs):
    """The path of a pattern filled with kwargs (named or not)."""
    from django.urls import reverse

    if pattern.route.startswith("admin/") and "(?P<" in pattern.route:
        if pattern.name == "admin:app_list":
            return "/admin/approvals/"
        return "/admin/nope/"  # the catch-all
    if ":" in pattern.name or pattern.name.isidentifier() or "-" in pattern.name:
        try:
            return reverse(pattern.name, kwargs=kwargs)
        except Exception:
            pass
    path = "/" + pattern.route
    import re

    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
    return path
