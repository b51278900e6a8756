"""The demo COPIL: besides the demo people (accounts.demo), five fictional
members who cannot sign in, so that ballots in the demo have a real
committee's size (quorum, recusal, certainty) before anyone votes. (The
emergency committee stays the demo people's, whose votes casework's demo
scripts.)"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import Committee

FICTIONAL_MEMBERS = {
    "copil": [
        ("Honorine Ndong", "GA", "copil_member"),
        ("Espérance Mukendi", "CD", "copil_member"),
        ("Abakar Mahamat", "TD", "copil_member"),
        ("Prisca Yakité", "CF", "copil_member"),
        ("Céleste Nkounkou", "CG", "copil_member"),
    ],
}


def load(stdout):
    User = get_user_model()
    for code, people in FICTIONAL_MEMBERS.items():
        committee = Committee.objects.get(code=code)
        for full_name, country, role in people:
            email = full_name.lower().replace(" ", ".").encode("ascii", "ignore").decode() + "@comite.demo.relais.example"
            user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, "country": country})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=role))
            committee.members.add(user)
        stdout.write(f"  {committee.name} : {committee.members.count()} membres\n")
