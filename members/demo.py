"""Demo data for members: a directory of 40 fictional organisations across
the eight countries, and membership applications in every state, made
through the services so that their timelines and ballots are real.

Called by `manage.py load_demo` after the demo people exist; safe to run
again (what exists is left as it is). Every organisation, person and number
here is invented.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.demo import DEMO_DOMAIN, DEMO_PEOPLE, demo_user, enable_login
from accounts.roles import Role
from approvals.models import Ballot, Committee
from approvals.services import dossier_create, record_event, vote_cast

from . import services
from .models import MembershipApplication, Organisation, TargetGroup, Theme

PHONE_PREFIX = {"CM": "+237 6", "GA": "+241 07", "TD": "+235 66", "CF": "+236 72", "CG": "+242 06",
                "CD": "+243 81", "GQ": "+240 222", "ST": "+239 99"}

# (country, name, acronym, province, city, year, registration number or "", domains, target groups)
ORGANISATIONS = [
    ("CM", "Collectif des Juristes pour la Dignité Humaine", "CJDH", "Littoral", "Douala", 2009, "N° 0231/RDA/J06/BAPP",
     ["civic-space", "torture-prevention"], ["detainees", "hrds"]),
    ("CM", "Femmes Debout pour la Paix du Nord-Ouest", "FDPNO", "Nord-Ouest", "Bamenda", 2016, "N° 0117/RDA/F35/BAPP",
     ["womens-rights"], ["women", "displaced-refugees"]),
    ("CM", "Observatoire Camerounais de la Liberté de la Presse", "OCLP", "Centre", "Yaoundé", 2011, "N° 0458/RDA/J06/BAPP",
     ["freedom-of-expression"], ["journalists"]),
    ("CM", "Réseau Forêts et Communautés de l'Est", "RFCE", "Est", "Bertoua", 2014, "N° 0092/RDA/E14/BAPP",
     ["land-natural-resources", "environmental-defenders"], ["indigenous-peoples", "rural-communities"]),
    ("CM", "Association Handicap et Citoyenneté", "AHC", "Ouest", "Bafoussam", 2018, "",
     ["disability-rights"], ["persons-with-disabilities"]),
    ("GA", "Ligue Gabonaise pour l'Éducation Civique", "LIGEC", "Estuaire", "Libreville", 2008, "N° 0045/MI/SG/DLP",
     ["democracy-elections", "civic-space"], ["students", "hrds"]),
    ("GA", "Association des Femmes Juristes de l'Ogooué", "AFJO", "Ogooué-Maritime", "Port-Gentil", 2012, "N° 0198/MI/SG/DLP",
     ["womens-rights"], ["women"]),
    ("GA", "Vigilance Forêts du Gabon", "VFG", "Woleu-Ntem", "Oyem", 2015, "N° 0231/MI/SG/DLP",
     ["environmental-defenders", "land-natural-resources"], ["rural-communities", "indigenous-peoples"]),
    ("GA", "Centre d'Écoute pour l'Enfance", "CEE", "Haut-Ogooué", "Franceville", 2017, "",
     ["childrens-rights"], ["children-youth"]),
    ("GA", "Observatoire des Droits des Travailleurs du Gabon", "ODTG", "Estuaire", "Libreville", 2010, "N° 0077/MI/SG/DLP",
     ["business-human-rights"], ["workers"]),
    ("TD", "Association Tchadienne pour la Non-Violence et les Libertés", "ATNVL", "N'Djamena", "N'Djamena", 2006,
     "N° 112/PR/PM/MATSP", ["civic-space", "torture-prevention"], ["hrds", "detainees"]),
    ("TD", "Femmes Leaders du Logone", "FLL", "Logone Occidental", "Moundou", 2013, "N° 287/PR/PM/MATSP",
     ["womens-rights"], ["women"]),
    ("TD", "Collectif des Éleveurs et Agriculteurs pour la Paix", "CEAP", "Moyen-Chari", "Sarh", 2015, "",
     ["land-natural-resources"], ["rural-communities"]),
    ("TD", "Voix des Réfugiés de l'Est", "VRE", "Ouaddaï", "Abéché", 2019, "N° 641/PR/PM/MATSP",
     ["migrants-refugees"], ["displaced-refugees"]),
    ("TD", "Jeunes Reporters Citoyens du Tchad", "JRCT", "N'Djamena", "N'Djamena", 2020, "",
     ["freedom-of-expression"], ["journalists", "children-youth"]),
    ("CF", "Maison de la Justice et de la Réconciliation", "MJR", "Bangui", "Bangui", 2014, "N° 0062/MATD/DGAT",
     ["torture-prevention", "civic-space"], ["detainees"]),
    ("CF", "Association Centrafricaine des Femmes pour les Droits", "ACFD", "Bangui", "Bangui", 2011, "N° 0015/MATD/DGAT",
     ["womens-rights"], ["women"]),
    ("CF", "Observatoire Électoral Citoyen de l'Ouham", "OECO", "Ouham", "Bossangoa", 2020, "",
     ["democracy-elections"], ["rural-communities"]),
    ("CF", "Enfance Sans Armes", "ESA", "Haute-Kotto", "Bria", 2016, "N° 0133/MATD/DGAT",
     ["childrens-rights"], ["children-youth"]),
    ("CF", "Réseau Mines et Droits Humains", "RMDH", "Ombella-M'Poko", "Boali", 2018, "N° 0171/MATD/DGAT",
     ["business-human-rights", "land-natural-resources"], ["workers", "rural-communities"]),
    ("CG", "Rencontre Congolaise pour la Paix et les Droits", "RCPD", "Brazzaville", "Brazzaville", 2007, "N° 214/MID/DGAT",
     ["civic-space", "democracy-elections"], ["hrds"]),
    ("CG", "Association des Peuples Autochtones de la Likouala", "APAL", "Likouala", "Impfondo", 2012, "N° 098/MID/DGAT",
     ["land-natural-resources"], ["indigenous-peoples"]),
    ("CG", "Juristes Solidaires de Pointe-Noire", "JSPN", "Pointe-Noire", "Pointe-Noire", 2015, "N° 305/MID/DGAT",
     ["torture-prevention"], ["detainees"]),
    ("CG", "Femmes et Ressources du Niari", "FRN", "Niari", "Dolisie", 2017, "",
     ["womens-rights", "land-natural-resources"], ["women", "rural-communities"]),
    ("CG", "Collectif Arc-en-Ciel Congo", "CAEC", "Brazzaville", "Brazzaville", 2019, "",
     ["lgbti-rights"], ["lgbti-people"]),
    ("CD", "Synergie des Défenseurs du Nord-Kivu", "SDNK", "Nord-Kivu", "Goma", 2010, "N° JUS/SG/20/0412",
     ["civic-space", "environmental-defenders"], ["hrds"]),
    ("CD", "Action Femmes Solidaires du Sud-Kivu", "AFSSK", "Sud-Kivu", "Bukavu", 2009, "N° JUS/SG/20/0237",
     ["womens-rights"], ["women", "displaced-refugees"]),
    ("CD", "Observatoire des Mines du Katanga", "OMK", "Haut-Katanga", "Lubumbashi", 2013, "N° JUS/SG/20/0871",
     ["business-human-rights"], ["workers"]),
    ("CD", "Ligue des Jeunes pour la Démocratie", "LJD", "Kinshasa", "Kinshasa", 2016, "N° JUS/SG/20/1104",
     ["democracy-elections", "freedom-of-expression"], ["students"]),
    ("CD", "Centre d'Accueil des Déplacés de l'Ituri", "CADI", "Ituri", "Bunia", 2018, "",
     ["migrants-refugees", "childrens-rights"], ["displaced-refugees", "children-youth"]),
    ("GQ", "Plataforma Ciudadana de Bioko", "PCB", "Bioko Norte", "Malabo", 2012, "N° 23/MIC/2012",
     ["civic-space"], ["hrds"]),
    ("GQ", "Mujeres por la Justicia del Litoral", "MJL", "Litoral", "Bata", 2015, "",
     ["womens-rights"], ["women"]),
    ("GQ", "Observatoire de la Liberté de Presse en Guinée équatoriale", "OLPGE", "Bioko Norte", "Malabo", 2018, "",
     ["freedom-of-expression"], ["journalists"]),
    ("GQ", "Association Wele-Nzas pour l'Enfance", "AWNE", "Wele-Nzas", "Mongomo", 2017, "N° 41/MIC/2017",
     ["childrens-rights"], ["children-youth"]),
    ("GQ", "Défenseurs de l'Environnement d'Annobón", "DEA", "Annobón", "San Antonio de Palé", 2021, "",
     ["environmental-defenders"], ["rural-communities"]),
    ("ST", "Associação Santomense para a Cidadania", "ASC", "Água Grande", "São Tomé", 2010, "N° 17/MJ/2010",
     ["civic-space", "democracy-elections"], ["hrds", "students"]),
    ("ST", "Mulheres em Ação de Mé-Zóchi", "MAMZ", "Mé-Zóchi", "Trindade", 2014, "",
     ["womens-rights"], ["women"]),
    ("ST", "Observatoire des Droits de l'Enfant de São Tomé", "ODESTP", "Água Grande", "São Tomé", 2016, "N° 52/MJ/2016",
     ["childrens-rights"], ["children-youth"]),
    ("ST", "Rede Ambiental do Príncipe", "RAP", "Príncipe", "Santo António", 2019, "",
     ["environmental-defenders"], ["rural-communities"]),
    ("ST", "Forum des Journalistes Indépendants de São Tomé", "FJIST", "Água Grande", "São Tomé", 2013, "N° 33/MJ/2013",
     ["freedom-of-expression"], ["journalists"]),
]

NO_RECEIPT_REASON = "Récépissé demandé à l'administration, jamais délivré malgré nos relances."


def _slug(acronym: str) -> str:
    return acronym.lower()


def _load_directory(stdout) -> dict[str, Organisation]:
    themes = {theme.code: theme for theme in Theme.objects.all()}
    groups = {group.code: group for group in TargetGroup.objects.all()}
    created = 0
    by_acronym = {}
    for number, (country, name, acronym, province, city, year, registration, domains, targets) in enumerate(ORGANISATIONS):
        organisation = Organisation.objects.filter(country=country, name=name).first()
        if organisation is None:
            organisation = dossier_create(
                Organisation,
                by=None,
                grant_owner=(),
                name=name,
                acronym=acronym,
                country=country,
                province=province,
                city=city,
                year_founded=year,
                registration_number=registration,
                no_registration_reason="" if registration else NO_RECEIPT_REASON,
                description=f"{name} agit à {city} et dans la région : accompagnement, plaidoyer et formation.",
                areas_of_intervention=f"{province}",
                legal_representative=f"Président·e de {acronym}",
                contact_person=f"Point focal {acronym}",
                email=f"contact@{_slug(acronym)}.demo.relais.example",
                phone=f"{PHONE_PREFIX[country]} {number:02d} {number + 10:02d} {number + 20:02d}",
                joined_on=date(max(year, 2024), 1, 15),
            )
            organisation.domains.set([themes[code] for code in domains])
            organisation.target_groups.set([groups[code] for code in targets])
            record_event(organisation, comment="Membre repris du répertoire historique du réseau (démonstration).")
            created += 1
        by_acronym[acronym] = organisation
    stdout.write(f"  répertoire : {created} organisation(s) créée(s), {len(ORGANISATIONS)} au total\n")
    return by_acronym


def _committees():
    copil = Committee.objects.get(code="copil")
    chair = demo_user(Role.COPIL_CHAIR)
    copil.chair = chair
    copil.save(update_fields=["chair"])
    copil.members.add(demo_user(Role.COPIL_MEMBER), chair)
    group = Committee.objects.get(code="membership_group")
    group.members.add(demo_user(Role.MEMBERSHIP_GROUP))
    return copil


def _applicant(email_local: str, full_name: str, country: str):
    """A fictional applicant with a demo login, to follow their application
    and download its letter."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=f"{email_local}@demandeurs.{DEMO_DOMAIN}",
        defaults={"full_name": full_name, "country": country, "preferred_language": "fr"},
    )
    if created:
        user.groups.add(Group.objects.get(name=Role.APPLICANT))
    return enable_login(user)


def _application(owner, *, name, acronym, country, province, city, domains, targets, referees=(), complete=True, **extra):
    fields = {
        "name": name, "acronym": acronym, "country": country, "province": province, "city": city,
        "email": f"contact@{_slug(acronym)}.demo.relais.example",
        "phone": f"{PHONE_PREFIX[country]} 55 44 33",
        "description": f"{name} défend les droits humains à {city}.",
        **extra,
    }
    if complete:
        fields.update(
            legal_representative=owner.full_name, contact_person=owner.full_name,
            no_registration_reason=fields.get("no_registration_reason") or ("" if fields.get("registration_number") else NO_RECEIPT_REASON),
        )
    application = services.application_create(
        by=owner, fields=fields, charter_accepted=complete,
        domains=list(Theme.objects.filter(code__in=domains)),
        target_groups=list(TargetGroup.objects.filter(code__in=targets)),
        referees=list(referees),
    )
    if complete:
        from django.core.files.uploadedfile import SimpleUploadedFile

        statutes = SimpleUploadedFile(f"statuts-{_slug(acronym)}.pdf", _demo_pdf(f"Statuts {acronym} (démonstration)"))
        services.application_document_add(application_id=application.pk, by=owner, kind="statutes", uploaded=statutes)
    return application


def _demo_pdf(title: str) -> bytes:
    """A real one-page PDF: uploads are parsed, a stand-in would be refused."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _vote(application_or_org, choice):
    ballot = Ballot.objects.get(dossier_reference=application_or_org.reference, status=Ballot.Status.OPEN)
    for seat in ballot.seats.filter(recused_at__isnull=True).select_related("member").order_by("member__email"):
        ballot.refresh_from_db()
        if ballot.is_open:
            vote_cast(ballot_id=ballot.pk, by=seat.member, choice=choice)


def _load_applications(stdout, directory):
    if MembershipApplication.objects.filter(name__startswith="Association Gabonaise des Défenseurs de la Santé").exists():
        stdout.write("  demandes d'adhésion : déjà présentes\n")
        return
    reviewer = demo_user(Role.MEMBERSHIP_GROUP)

    def submit(application):
        services.application_submit(application_id=application.pk, by=application.owner)

    def screen(application):
        submit(application)
        services.application_screening_start(application_id=application.pk, by=reviewer)

    def to_copil(application, recommendation="favourable", reasons=""):
        screen(application)
        services.application_send_to_copil(
            application_id=application.pk, by=reviewer, recommendation=recommendation, reasons=reasons
        )

    # draft: begun, not finished
    _application(
        _applicant("mireille.ndong", "Mireille Ndong", "GA"),
        name="Association Gabonaise des Défenseurs de la Santé", acronym="AGDS", country="GA", province="Estuaire",
        city="Owendo", domains=["civic-space"], targets=["women"], complete=False,
    )
    # submitted, with a reference to confirm by the demo member focal point's organisation
    submit(_application(
        _applicant("hamadou.bello", "Hamadou Bello", "CM"),
        name="Association pour la Promotion des Droits des Minorités", acronym="APDM", country="CM",
        province="Extrême-Nord", city="Maroua", domains=["civic-space"], targets=["hrds"], referees=[directory["CJDH"]],
    ))
    # screening: the same organisation as a member, spelled differently (a duplicate to notice)
    screen(_application(
        _applicant("esther.kavira", "Esther Kavira", "CD"),
        name="Synergie Défenseurs Nord Kivu", acronym="S.D.N.K.", country="CD", province="Nord-Kivu", city="Goma",
        domains=["civic-space"], targets=["hrds"],
    ))
    # information requested: the demo applicant has something to complete
    application = _application(
        demo_user(Role.APPLICANT),
        name="Jeunesse Engagée pour les Droits de l'Homme", acronym="JEDH", country="GA", province="Ngounié",
        city="Mouila", domains=["childrens-rights", "civic-space"], targets=["children-youth"],
        referees=[directory["LIGEC"]],
    )
    screen(application)
    services.application_information_request(
        application_id=application.pk, by=reviewer,
        items=["Le procès-verbal de votre dernière assemblée générale", "Votre rapport d'activité 2025"],
    )
    # COPIL review: a ballot waits for the COPIL; the member tied to a referee is recused
    to_copil(_application(
        _applicant("achta.mahamat", "Achta Mahamat", "TD"),
        name="Association des Femmes Rurales du Mayo-Kebbi", acronym="AFRMK", country="TD", province="Mayo-Kebbi Est",
        city="Bongor", domains=["womens-rights", "land-natural-resources"], targets=["women", "rural-communities"],
        referees=[directory["OCLP"], directory["FLL"]],
    ), reasons="Organisation active depuis 2015, deux références de membres.")
    # approved: now in the directory
    application = _application(
        _applicant("josue.kabongo", "Josué Kabongo", "CD"),
        name="Réseau des Journalistes pour la Paix du Kasaï", acronym="RJPK", country="CD", province="Kasaï-Central",
        city="Kananga", domains=["freedom-of-expression"], targets=["journalists"], registration_number="N° JUS/SG/20/1377",
    )
    to_copil(application)
    _vote(application, "approve")
    # rejected
    application = _application(
        _applicant("rodrigue.mabiala", "Rodrigue Mabiala", "CG"),
        name="Fondation Horizon Affaires", acronym="FHA", country="CG", province="Pointe-Noire", city="Pointe-Noire",
        domains=["business-human-rights"], targets=["workers"],
    )
    to_copil(application, recommendation="unfavourable",
             reasons="Activité principalement commerciale ; aucune action de défense des droits humains documentée.")
    _vote(application, "reject")
    # withdrawn by its applicant
    application = _application(
        _applicant("sylvie.moussavou", "Sylvie Moussavou", "GA"),
        name="Cercle Culturel de Franceville", acronym="CCF", country="GA", province="Haut-Ogooué", city="Franceville",
        domains=["civic-space"], targets=["children-youth"],
    )
    submit(application)
    services.application_withdraw(application_id=application.pk, by=application.owner)
    stdout.write(f"  demandes d'adhésion : {MembershipApplication.objects.count()} (tous les états)\n")

    # a member suspended by a COPIL decision, on its timeline
    suspended = directory["CAEC"]
    if suspended.state == Organisation.State.ACTIVE:
        services.organisation_lifecycle_propose(
            organisation_id=suspended.pk, by=reviewer, action="suspend",
            reason="Rapports d'activité non transmis depuis deux ans (démonstration).",
        )
        _vote(suspended, "approve")


def load(stdout):
    directory = _load_directory(stdout)
    # The demo focal points act for real-looking members: one for her
    # organisation, and a COPIL member for hers (so she is recused from ballots
    # on applications her organisation recommends).
    focal_points = {person.email: person.organisation for person in DEMO_PEOPLE if person.organisation}
    for user in get_user_model().objects.filter(email__in=focal_points):
        directory[focal_points[user.email]].focal_points.add(user)
    directory["OCLP"].focal_points.add(demo_user(Role.COPIL_MEMBER))
    _committees()
    _load_applications(stdout, directory)
