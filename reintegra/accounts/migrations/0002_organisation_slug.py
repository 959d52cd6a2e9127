"""Organisations get a slug for public addresses (issue #18: `/k/<slug>/`), filled for existing rows."""

from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Not the model's own helper: migrations never import app code.
    organisation_model = apps.get_model("accounts", "Organisation")
    taken: set[str] = set()
    for organisation in organisation_model.objects.order_by("created_at", "pk"):
        base = (slugify(organisation.name) or "organisation")[:50].strip("-")
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        organisation.slug = candidate
        organisation.save(update_fields=["slug"])


def clear_slugs(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("accounts", "Organisation").objects.update(slug="")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(blank=True, default="", max_length=60, verbose_name="short name in public addresses"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, clear_slugs),
    ]
