"""Demo data for grants: a donor map of 15 fictional funders, 20 calls for
proposals across the pipeline and 3 joint proposals between member
organisations, made through the services so timelines and ballots are real.

Called by `manage.py load_demo` after the demo people and members' demo data
exist; safe to run again (what exists is left as it is). Every funder, call,
person and amount here is invented.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, demo_user, enable_login
from accounts.roles import Role
from approvals.models import Ballot
from approvals.services import TransitionRefused, perform, vote_cast
from members.models import Organisation, Theme

from . import demo_agreements as agreements_demo
from . import demo_reports as reports_demo
from . import services
from .models import ExchangeRate, Funder, JointProposal, Opportunity

# (name, acronym, kind, relationship, themes, countries, min, max, currency)
FUNDERS = [
    ("Agence nordique pour la démocratie", "AND", "bilateral", "current", ["civic-space", "democracy-elections"], ["CM", "TD", "CD"], 50000, 400000, "EUR"),
    ("Fondation Horizon des libertés", "FHL", "foundation", "past", ["freedom-of-expression", "civic-space"], ["CM", "GA", "CG"], 20000, 120000, "EUR"),
    ("Fonds mondial pour les femmes défenseures", "FMFD", "foundation", "contacted", ["womens-rights", "lgbti-rights"], ["CM", "TD", "CF", "CD"], 15000, 80000, "USD"),
    ("Ambassade du Royaume de Valdoria à Yaoundé", "", "embassy", "current", ["civic-space", "childrens-rights"], ["CM"], 5000000, 30000000, "XAF"),
    ("Ambassade de la République d'Ostmark à Kinshasa", "", "embassy", "prospect", ["torture-prevention", "democracy-elections"], ["CD"], 10000, 60000, "EUR"),
    ("Programme des Nations unies pour la gouvernance (fictif)", "PNUG", "multilateral", "contacted", ["democracy-elections", "business-human-rights"], ["CM", "GA", "TD", "CF", "CG", "CD", "GQ", "ST"], 100000, 1000000, "USD"),
    ("Union des Fonds européens pour la société civile", "UFESC", "multilateral", "past", ["civic-space", "migrants-refugees"], ["CM", "TD", "CF", "CG", "CD"], 150000, 800000, "EUR"),
    ("Coopération suédoise imaginaire", "CSI", "bilateral", "prospect", ["environmental-defenders", "land-natural-resources"], ["CG", "CD", "GA"], 80000, 500000, "EUR"),
    ("Fondation Terre et Droits", "FTD", "foundation", "contacted", ["land-natural-resources", "environmental-defenders"], ["CM", "GA", "CG"], 10000, 75000, "EUR"),
    ("Solidarité Protection Internationale", "SPI", "ingo", "current", ["civic-space", "torture-prevention"], ["CM", "TD", "CF", "CD"], 5000, 40000, "EUR"),
    ("Alliance pour la presse libre", "APL", "ingo", "prospect", ["freedom-of-expression"], ["CM", "TD", "CD", "GQ"], 5000, 30000, "USD"),
    ("Fondation Enfance d'abord", "FEA", "foundation", "prospect", ["childrens-rights", "disability-rights"], ["CF", "CG", "ST"], 10000, 50000, "EUR"),
    ("Fonds régional d'urgence pour les défenseurs", "FRUD", "ingo", "current", ["civic-space"], ["CM", "GA", "TD", "CF", "CG", "CD", "GQ", "ST"], 1000, 15000, "USD"),
    ("Entreprise Minière Responsable (fondation)", "EMR", "private", "prospect", ["business-human-rights"], ["CD", "CG"], 20000000, 60000000, "CDF"),
    ("Ambassade du Grand-Duché de Lumen à Libreville", "", "embassy", "contacted", ["womens-rights", "civic-space"], ["GA", "GQ", "ST"], 3000000, 15000000, "XAF"),
]

# (title, funder acronym or name, themes, countries, min, max, days to the full proposal deadline, target state)
CALLS = [
    ("Renforcer l'espace civique en Afrique centrale 2027", "AND", ["civic-space"], ["CM", "TD", "CD"], 100000, 300000, 75, "pursuing"),
    ("Protection des journalistes en période électorale", "APL", ["freedom-of-expression"], ["CM", "CD"], 10000, 30000, 25, "assessing"),
    ("Femmes défenseures : fonds de résilience", "FMFD", ["womens-rights"], ["TD", "CF"], 20000, 60000, 40, "go_no_go"),
    ("Micro-subventions droits de l'enfant", "FEA", ["childrens-rights"], ["CF", "CG"], 5000, 20000, 18, "spotted"),
    ("Observation citoyenne des élections locales", "PNUG", ["democracy-elections"], [], 200000, 600000, 55, "assessing"),
    ("Défenseurs de la forêt du bassin du Congo", "CSI", ["environmental-defenders", "land-natural-resources"], ["CG", "CD", "GA"], 150000, 450000, 100, "spotted"),
    ("Prévention de la torture en détention", "Ambassade de la République d'Ostmark à Kinshasa", ["torture-prevention"], ["CD"], 20000, 50000, 12, "pursuing"),
    ("Accès à la justice pour les réfugiés", "UFESC", ["migrants-refugees"], ["TD", "CF", "CD"], 200000, 700000, 80, "go_no_go"),
    ("Appui institutionnel aux réseaux nationaux", "SPI", ["civic-space"], ["CM", "TD"], 10000, 40000, -20, "submitted"),
    ("Sécurité numérique des défenseurs", "FRUD", ["civic-space"], [], 2000, 10000, -60, "awarded"),
    ("Entreprises et droits humains dans le secteur minier", "EMR", ["business-human-rights"], ["CD"], 25000000, 50000000, -30, "declined"),
    ("Fonds d'initiatives locales de l'ambassade", "Ambassade du Royaume de Valdoria à Yaoundé", ["civic-space"], ["CM"], 5000000, 20000000, 30, "spotted"),
    ("Liberté de la presse en ligne", "FHL", ["freedom-of-expression"], ["CM", "GA"], 20000, 80000, 9, "assessing"),
    ("Droits fonciers des communautés autochtones", "FTD", ["land-natural-resources"], ["CM", "GA"], 15000, 60000, 45, "no_go"),
    ("Leadership féminin et gouvernance locale", "Ambassade du Grand-Duché de Lumen à Libreville", ["womens-rights"], ["GA"], 3000000, 9000000, 20, "dropped"),
    ("Plaidoyer régional pour une loi de protection des défenseurs", "AND", ["civic-space", "democracy-elections"], [], 150000, 400000, 120, "spotted"),
    ("Mémoire et réparations pour les victimes", "UFESC", ["torture-prevention"], ["CF"], 100000, 300000, -5, "expired"),
    ("Droits des personnes handicapées à l'école", "FEA", ["disability-rights"], ["ST", "CG"], 10000, 30000, 60, "spotted"),
    ("Jeunes défenseurs et réseaux sociaux", "APL", ["freedom-of-expression", "childrens-rights"], ["TD"], 5000, 15000, 35, "pursuing"),
    ("Réponse rapide aux menaces contre les défenseurs LGBTI", "FMFD", ["lgbti-rights"], ["CM", "CD"], 10000, 40000, 15, "spotted"),
]

# (title, lead acronym, [(partner acronym, role, share, confirmed)], call title or None, target state)
PROPOSALS = [
    (
        "Réseau régional d'alerte et de protection des défenseurs",
        "CJDH",
        [("ATNVL", "Veille et documentation au Tchad", "25", True), ("LIGEC", "Formation des points focaux au Gabon", "20", True),
         ("OCLP", "Volet liberté de la presse", "15", True)],
        "Renforcer l'espace civique en Afrique centrale 2027",
        "copil_validation",
    ),
    (
        "Justice pour les victimes de torture en RDC et au Tchad",
        "ATNVL",
        [("CJDH", "Appui juridique et contentieux", "30", True), ("MJR", "Accompagnement psychosocial", "20", False)],
        "Prévention de la torture en détention",
        "drafting",
    ),
    (
        "Jeunes reporters pour les droits humains",
        "JRCT",
        [("OCLP", "Mentorat éditorial", "30", True), ("CJDH", "Sécurité juridique des reporters", "20", True)],
        "Jeunes défenseurs et réseaux sociaux",
        "ready",
    ),
    (
        "Sécurité numérique des défenseurs en Afrique centrale",
        "CJDH",
        [("ATNVL", "Formations à la sécurité numérique au Tchad", "25", True), ("OCLP", "Protection des journalistes", "15", True)],
        None,
        "awarded",
    ),
]


def _funders(fundraiser) -> dict[str, Funder]:
    themes = {t.code: t.pk for t in Theme.objects.all()}
    found = {}
    created = 0
    for name, acronym, kind, relationship, codes, countries, low, high, currency in FUNDERS:
        funder = Funder.objects.filter(name=name).first()
        if funder is None:
            funder = services.funder_create(
                by=fundraiser, name=name, acronym=acronym, kind=kind, relationship=relationship,
                theme_ids=[themes[c] for c in codes if c in themes], countries=countries,
                usual_grant_min=Decimal(low), usual_grant_max=Decimal(high), currency=currency,
                website=f"https://{(acronym or name.split()[-1]).lower()}.demo.relais.example",
                priorities="Priorités et conditions fictives, pour la démonstration.",
            )
            services.funder_contact_add(funder_id=funder.pk, by=fundraiser, name=f"Chargé·e de programme {acronym or name.split()[-1]}",
                                        position="Chargé·e de programme Afrique centrale",
                                        email=f"programme@{(acronym or 'ambassade').lower()}.demo.relais.example")
            if relationship in ("past", "current"):
                services.funder_event_add(funder_id=funder.pk, by=fundraiser, happened_on=date(2025, 3, 14), kind="grant",
                                          summary="Financement d'un projet du réseau (démonstration).",
                                          amount=Decimal(low), currency=currency)
            services.funder_event_add(funder_id=funder.pk, by=fundraiser, happened_on=date(2026, 1, 20), kind="meeting",
                                      summary="Rencontre de présentation du réseau (démonstration).")
            created += 1
        found[name] = funder
        if acronym:
            found[acronym] = funder
    return found, created


def _copil_votes(dossier, choice="approve"):
    ballot = Ballot.objects.filter(dossier_reference=dossier.reference, status=Ballot.Status.OPEN).first()
    if ballot is None:
        return
    for seat in ballot.seats.filter(recused_at__isnull=True).select_related("member"):
        ballot.refresh_from_db()
        if not ballot.is_open:
            break
        vote_cast(ballot_id=ballot.pk, by=seat.member, choice=choice)
    dossier.refresh_from_db()


def _walk_call(opportunity, target, fundraiser):
    ref = opportunity.reference
    if target == "spotted":
        return
    if target == "dropped":
        perform(opportunity, "drop", by=fundraiser, comment="Pas de capacité cette année (démonstration).")
        return
    if target == "expired":
        perform(opportunity, "expire", by=None, system=True)
        return
    services.opportunity_assess(reference=ref, by=fundraiser, eligibility_met=target != "no_go",
                                capacity_rating=2 if target == "no_go" else 4,
                                eligibility_note="Vérifié sur le règlement de l'appel (démonstration).")
    if target == "assessing":
        return
    perform(opportunity, "propose_to_copil", by=fundraiser)
    if target == "go_no_go":
        return
    _copil_votes(opportunity, "reject" if target == "no_go" else "approve")
    if target in ("no_go", "pursuing") or opportunity.state != Opportunity.State.PURSUING:
        return
    perform(opportunity, "submit", by=fundraiser)
    if target == "awarded":
        perform(opportunity, "award", by=fundraiser)
    elif target == "declined":
        perform(opportunity, "decline", by=fundraiser)


def _calls(fundraiser, funders) -> int:
    themes = {t.code: t.pk for t in Theme.objects.all()}
    created = 0
    now = timezone.now()
    for title, funder_key, codes, countries, low, high, days, target in CALLS:
        funder = funders[funder_key]
        if Opportunity.objects.filter(funder=funder, title=title).exists():
            continue
        deadline = (now + timedelta(days=days)).replace(hour=16, minute=0, second=0, microsecond=0)
        opportunity = services.opportunity_create(
            by=fundraiser, funder_id=funder.pk, title=title,
            link=f"https://appels.demo.relais.example/{Opportunity.objects.count() + 1}",
            theme_ids=[themes[c] for c in codes if c in themes], countries=countries,
            amount_min=Decimal(low), amount_max=Decimal(high), currency=funder.currency,
            concept_note_deadline=deadline - timedelta(days=30) if days > 60 else None,
            full_proposal_deadline=deadline, deadline_timezone="Europe/Paris" if funder.kind != "embassy" else "Africa/Douala",
            eligibility_notes="Organisations de la société civile enregistrées ou en cours d'enregistrement (démonstration).",
        )
        created += 1
        try:
            _walk_call(opportunity, target, fundraiser)
        except TransitionRefused:
            pass  # e.g. a COPIL without members: the call stays where it could go
    return created


def _focal_point(organisation):
    """The organisation's focal point; a fictional one with a demo login if it
    has none (accounts.demo names the partners' focal points)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    person = organisation.focal_points.order_by("pk").first()
    if person is None:
        person, created = get_user_model().objects.get_or_create(
            email=f"{organisation.acronym.lower()}@points-focaux.{DEMO_DOMAIN}",
            defaults={"full_name": f"Point focal {organisation.acronym}", "country": organisation.country, "preferred_language": "fr"},
        )
        if created:
            person.groups.add(Group.objects.get(name=Role.MEMBER_FOCAL_POINT))
        enable_login(person)
        organisation.focal_points.add(person)
    return person


def _proposals(fundraiser) -> int:
    directory = {o.acronym: o for o in Organisation.objects.filter(state=Organisation.State.ACTIVE)}
    created = 0
    for title, lead_acronym, partners, call_title, target in PROPOSALS:
        lead = directory.get(lead_acronym)
        if lead is None or JointProposal.objects.filter(title=title).exists():
            continue
        _focal_point(lead)
        call = Opportunity.objects.filter(title=call_title, state=Opportunity.State.PURSUING).first()
        proposal = services.proposal_create(
            by=fundraiser, title=title, lead_organisation_id=lead.pk, currency="EUR", opportunity_id=call.pk if call else None,
            theme_ids=list(call.themes.values_list("pk", flat=True)) if call else [], countries=call.country_codes if call else [lead.country],
            duration_months=24, summary="Projet commun fictif, pour la démonstration.",
        )
        created += 1
        services.budget_line_add(reference=proposal.reference, by=fundraiser, organisation_id=lead.pk, category="staff",
                                 description="Coordination du projet", amount=Decimal("45000"), currency="EUR")
        for acronym, role, share, confirmed in partners:
            partner = directory.get(acronym)
            if partner is None:
                continue
            focal = _focal_point(partner)  # before the invitation, which gives focal points their access
            row = services.proposal_partner_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk,
                                                role=role, budget_share_percent=Decimal(share))
            services.budget_line_add(reference=proposal.reference, by=fundraiser, organisation_id=partner.pk,
                                     category="activities", description=role, amount=Decimal("6000000"), currency="XAF")
            if confirmed:
                services.proposal_partner_confirm(partner_id=row.pk, by=focal)
        objective = services.logframe_item_add(reference=proposal.reference, by=fundraiser, kind="objective",
                                               text="Les défenseurs menacés sont protégés plus vite.")
        result = services.logframe_item_add(reference=proposal.reference, by=fundraiser, kind="result", parent_id=objective.pk,
                                            text="Un mécanisme d'alerte régional fonctionne.")
        services.logframe_item_add(reference=proposal.reference, by=fundraiser, kind="indicator", parent_id=result.pk,
                                   text="Délai moyen de réponse à une alerte", target="72 heures")
        try:
            perform(proposal, "start_drafting", by=fundraiser)
            if target == "drafting":
                continue
            perform(proposal, "send_to_review", by=fundraiser)
            perform(proposal, "send_to_copil", by=fundraiser)
            if target in ("ready", "awarded"):
                _copil_votes(proposal, "approve")
            if target == "awarded":
                perform(proposal, "submit_to_donor", by=fundraiser)
                perform(proposal, "award", by=fundraiser)  # opens its grant agreement
        except TransitionRefused:
            continue
    return created


def load(stdout):
    fundraiser = demo_user(Role.FUNDRAISING_GROUP)
    if not ExchangeRate.objects.exists():
        services.exchange_rate_record(by=fundraiser, from_currency="EUR", to_currency="XAF", rate=Decimal("655.957"),
                                      valid_on=date(2026, 1, 2), source="Parité fixe du franc CFA")
        services.exchange_rate_record(by=fundraiser, from_currency="USD", to_currency="EUR", rate=Decimal("0.92"),
                                      valid_on=date(2026, 1, 2), source="Taux indicatif (démonstration)")
    funders, new_funders = _funders(fundraiser)
    new_calls = _calls(fundraiser, funders)
    new_proposals = _proposals(fundraiser)
    agreements_demo.load(fundraiser)
    reports_demo.load(fundraiser)
    stdout.write(f"  bailleurs : {new_funders} créé(s) ; appels : {new_calls} créé(s) ; propositions : {new_proposals} créée(s)\n")
