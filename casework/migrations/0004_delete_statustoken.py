from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_status_tokens_to_links"),
    ]
    operations = [migrations.DeleteModel(name="StatusToken")]
