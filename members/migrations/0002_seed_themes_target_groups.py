"""Seed the thematic domains and target groups (French name, English name)."""

from django.db import migrations

THEMES = [
    ("civic-space", "Espace civique", "Civic space"),
    ("womens-rights", "Droits des femmes", "Women's rights"),
    ("land-natural-resources", "Foncier et ressources naturelles", "Land and natural resources"),
    ("torture-prevention", "Prévention de la torture", "Torture prevention"),
    ("freedom-of-expression", "Liberté d'expression", "Freedom of expression"),
    ("disability-rights", "Droits des personnes handicapées", "Rights of persons with disabilities"),
    ("childrens-rights", "Droits de l'enfant", "Children's rights"),
    ("lgbti-rights", "Droits des personnes LGBTI", "LGBTI rights"),
    ("migrants-refugees", "Migrants et réfugiés", "Migrants and refugees"),
    ("business-human-rights", "Entreprises et droits humains", "Business and human rights"),
    ("environmental-defenders", "Défenseurs de l'environnement", "Environmental defenders"),
    ("democracy-elections", "Démocratie et élections", "Democracy and elections"),
]

TARGET_GROUPS = [
    ("women", "Femmes", "Women"),
    ("children-youth", "Enfants et jeunes", "Children and youth"),
    ("persons-with-disabilities", "Personnes handicapées", "Persons with disabilities"),
    ("indigenous-peoples", "Peuples autochtones", "Indigenous peoples"),
    ("detainees", "Personnes détenues", "Detainees"),
    ("journalists", "Journalistes et blogueurs", "Journalists and bloggers"),
    ("hrds", "Défenseurs des droits humains", "Human rights defenders"),
    ("displaced-refugees", "Déplacés internes et réfugiés", "Internally displaced people and refugees"),
    ("rural-communities", "Communautés rurales", "Rural communities"),
    ("lgbti-people", "Personnes LGBTI", "LGBTI people"),
    ("workers", "Travailleurs et syndicalistes", "Workers and trade unionists"),
    ("students", "Étudiants", "Students"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("members", model_name)
        for position, (code, name, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("members", "Theme").objects.filter(code__in=[c for c, _, _ in THEMES]).delete()
    apps.get_model("members", "TargetGroup").objects.filter(code__in=[c for c, _, _ in TARGET_GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0001_organisation_directory")]
    operations = [migrations.RunPython(seed, unseed)]
