import re

from django.core import mail


def reset_link(message) -> str:
    return re.search(r"https?://testserver(/compte/mot-de-passe/nouveau/\S+)", message.body).group(1)


def test_password_reset_sends_an_email_whose_link_sets_a_new_password(make_user, client, sign_in):
    # given a person who forgot their password
    user = make_user("applicant", email="awa@example.org", full_name="Awa Mbarga")
    # when they ask for a reset link
    response = client.post("/compte/mot-de-passe/oublie/", {"email": "Awa@example.org"})
    # then they are told to check their email, and it arrives in French
    assert response["Location"] == "/compte/mot-de-passe/envoye/"
    assert "Vérifiez vos e-mails" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["awa@example.org"]
    assert message.subject == "DEFI · Relais : choisir un nouveau mot de passe"
    assert "Bonjour Awa," in message.body
    # and the link lets them choose a new password
    form_page = client.get(reset_link(message), follow=True)
    assert "Nouveau mot de passe" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "une-phrase-bien-longue-7", "new_password2": "une-phrase-bien-longue-7"},
        follow=True,
    )
    assert "Votre nouveau mot de passe est enregistré" in done.content.decode()
    assert sign_in(user, "une-phrase-bien-longue-7").status_code == 302


def test_link_works_only_once(make_user, client):
    user = make_user("applicant")
    client.post("/compte/mot-de-passe/oublie/", {"email": user.email})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "une-phrase-bien-longue-7", "new_password2": "une-phrase-bien-longue-7"})

    again = client.get(link, follow=True)

    assert "Ce lien n'est plus valable" in again.content.decode()


def test_reset_email_is_in_the_person_s_language(make_user, client):
    make_user("auditor", email="helen@example.org", full_name="Helen Carter", preferred_language="en")

    client.post("/compte/mot-de-passe/oublie/", {"email": "helen@example.org"})

    message = mail.outbox[0]
    assert message.subject == "DEFI · Relais: choose a new password"
    assert "Hello Helen," in message.body
    assert "Bonjour" not in message.body


def test_unknown_address_gets_the_same_answer_and_no_email(db, client):
    response = client.post("/compte/mot-de-passe/oublie/", {"email": "nobody@example.org"})

    assert response["Location"] == "/compte/mot-de-passe/envoye/"
    assert mail.outbox == []
