"""Emergency intake moves onto the engine's status links: every casework
StatusToken becomes an approvals StatusLink with the same SHA-256 digest,
the same dates and the same revocation, so a defender's link (its token
never stored) keeps answering. Both keep sha256(token) as hex, so the digest
is copied as it is. Run twice, it copies nothing twice; reversed, it copies
the links of emergency cases back into tokens (the old code's table)."""

from django.db import migrations


def _case_content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="casework", model="case")
    return content_type


def tokens_to_links(apps, schema_editor):
    StatusToken = apps.get_model("casework", "StatusToken")
    StatusLink = apps.get_model("approvals", "StatusLink")
    content_type = _case_content_type(apps)
    known = set(StatusLink.objects.values_list("token_hash", flat=True))
    StatusLink.objects.bulk_create(
        [
            StatusLink(
                content_type_id=content_type.pk,
                object_id=token.case_id,
                dossier_reference=token.case.reference,
                token_hash=token.token_hash,
                created_at=token.created_at,
                revoked_at=token.revoked_at,
            )
            for token in StatusToken.objects.select_related("case").order_by("pk").iterator()
            if token.token_hash not in known
        ],
        batch_size=500,
    )


def links_to_tokens(apps, schema_editor):
    Case = apps.get_model("casework", "Case")
    StatusToken = apps.get_model("casework", "StatusToken")
    StatusLink = apps.get_model("approvals", "StatusLink")
    content_type = _case_content_type(apps)
    known = set(StatusToken.objects.values_list("token_hash", flat=True))
    StatusToken.objects.bulk_create(
        [
            StatusToken(case_id=link.object_id, token_hash=link.token_hash, created_at=link.created_at, revoked_at=link.revoked_at)
            for link in StatusLink.objects.filter(
                content_type_id=content_type.pk, object_id__in=Case.objects.values("pk")
            ).order_by("pk").iterator()
            if link.token_hash not in known
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_role_permissions"),
        ("approvals", "0005_applicants_space"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(tokens_to_links, links_to_tokens)]
