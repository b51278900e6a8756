"""Demo data for the action plan: its four axes and real-looking targets
(fictional values). Safe to run again (skipped once the axes exist)."""

from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from accounts.demo import demo_user
from accounts.roles import Role

from ..models import Axis, Indicator
from ..periods import Period
from .services import indicator_value_record

AXES = [
    ("adhesion-gouvernance", "Adhésion et gouvernance"),
    ("financement-projets", "Recherche de financement et projets"),
    ("fonds-urgence", "Fonds d'urgence"),
    ("communication-plaidoyer", "Communication et plaidoyer"),
]

# axis, code, title, measure, target, unit, frequency, source, responsible role
INDICATORS = [
    ("adhesion-gouvernance", "reunions-copil", "4 réunions du COPIL par an", "number", "4", "réunions", "year", "copil_meetings", ""),
    ("adhesion-gouvernance", "assemblee-generale", "1 Assemblée générale par an", "number", "1", "assemblée", "year", "", Role.ADMINISTRATOR),
    ("adhesion-gouvernance", "membres-en-regle", "30 organisations membres en règle", "number", "30", "organisations", "year", "members_in_good_standing", ""),
    ("adhesion-gouvernance", "personnes-formees", "20 personnes formées par an", "number", "20", "personnes", "year", "", Role.MEMBERSHIP_GROUP),
    ("financement-projets", "cartographie-bailleurs", "Cartographie des bailleurs actualisée", "done", "1", "", "year", "funder_map_updated", ""),
    ("financement-projets", "opportunites", "12 opportunités de financement repérées par an", "number", "12", "opportunités", "year", "opportunities_identified", ""),
    ("financement-projets", "propositions-soumises", "2 propositions conjointes soumises par trimestre", "number", "2", "propositions", "quarter", "", Role.FUNDRAISING_GROUP),
    ("fonds-urgence", "fonds-operationnel", "Fonds d'urgence opérationnel", "done", "1", "", "year", "", Role.EMERGENCY_CHAIR),
    ("fonds-urgence", "decisions-dans-les-delais", "90 % des demandes décidées dans les délais", "percent", "90", "%", "year", "emergency_decided_in_time", ""),
    ("communication-plaidoyer", "bulletins", "4 bulletins d'information par an", "number", "4", "bulletins", "year", "", Role.ADMINISTRATOR),
    ("communication-plaidoyer", "declarations", "2 déclarations de plaidoyer publiées par an", "number", "2", "déclarations", "year", "", Role.COPIL_CHAIR),
]


def _evidence(name: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def load(stdout):
    if Axis.objects.filter(code=AXES[0][0]).exists():
        return
    axes = {code: Axis.objects.create(code=code, title=title, order=index) for index, (code, title) in enumerate(AXES, 1)}
    indicators = {}
    for order, (axis, code, title, measure, target, unit, frequency, source, role) in enumerate(INDICATORS, 1):
        indicators[code] = Indicator.objects.create(
            axis=axes[axis], code=code, title=title, measure=measure, target=Decimal(target), unit=unit,
            frequency=frequency, source=source, responsible_role=role, order=order,
        )
    year = timezone.localdate().year
    entries = [
        ("personnes-formees", Role.MEMBERSHIP_GROUP, Period.year(year - 1), "18", "Deux ateliers (Douala, Libreville).", "presences-ateliers.pdf"),
        ("personnes-formees", Role.MEMBERSHIP_GROUP, Period.year(year), "12", "Atelier de Brazzaville.", "presences-brazzaville.pdf"),
        ("personnes-formees", Role.MEMBERSHIP_GROUP, Period.year(year), "14", "Correction : deux participantes oubliées.", "presences-brazzaville-v2.pdf"),
        ("assemblee-generale", Role.ADMINISTRATOR, Period.year(year - 1), "1", "AG ordinaire.", "pv-ag.pdf"),
        ("fonds-operationnel", Role.EMERGENCY_CHAIR, Period.year(year), "1", "Procédures adoptées, deux fonds ouverts.", "procedures-fonds.pdf"),
        ("bulletins", Role.ADMINISTRATOR, Period.year(year), "3", "", ""),
        ("propositions-soumises", Role.FUNDRAISING_GROUP, Period.quarter(year, 1), "1", "", ""),
        ("propositions-soumises", Role.FUNDRAISING_GROUP, Period.quarter(year, 2), "2", "", "accuse-reception.pdf"),
    ]
    for code, role, period, value, comment, evidence in entries:
        indicator_value_record(
            indicator_id=indicators[code].pk, by=demo_user(role), period=period, value=Decimal(value), comment=comment,
            evidence=_evidence(evidence) if evidence else None,
        )
    stdout.write(f"  {len(axes)} axes, {len(indicators)} indicateurs, {len(entries)} valeurs saisies\n")
