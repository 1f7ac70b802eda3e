"""Sync review cards by attempt instead of by a slot-id cursor, and rebuild every deck from the answers.

Slot ids are given when an attempt starts, not when it is graded, so the old cursor (`last_slot_id`)
skipped the answers of an attempt finished after a later-started one had been synced; it also gave
cards to answers whose quiz hides the right answers. Which answers the old cards hold cannot be told
afterwards, so the cards are deleted: they are derived data, and the next sync of each learner (their
next dashboard visit or review) rebuilds them from every answer on record, under the new rules, with
the same fsrs schedule those answers give. Going back leaves the cards empty and the cursor at 0,
from where the old code resyncs everything.
"""

import django.db.models.deletion
from django.db import migrations, models


def forget_cards(apps, schema_editor):
    apps.get_model("progress", "ReviewCard").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("progress", "0001_initial"),
        ("quizzes", "0003_question_draw_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SyncedAttempt",
            fields=[
                ("attempt", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                 related_name="review_sync", serialize=False, to="quizzes.attempt",
                                                 verbose_name="attempt")),
            ],
            options={
                "verbose_name": "attempt in the review cards",
                "verbose_name_plural": "attempts in the review cards",
            },
        ),
        migrations.RunPython(forget_cards, forget_cards),
        migrations.RemoveField(
            model_name="reviewprogress",
            name="last_slot_id",
        ),
    ]
