"""Question versions: every attempt slot's own JSON copy of its question becomes a reference to a shared,
immutable version (one per question and content), numbered per question in the order attempts first used
them. Reversible: going back writes each slot's copy from its version."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from quizzes.models.version import fingerprint

BATCH = 2000


def versions_from_snapshots(apps, schema_editor):
    AttemptQuestion = apps.get_model("quizzes", "AttemptQuestion")
    QuestionVersion = apps.get_model("quizzes", "QuestionVersion")
    alias = schema_editor.connection.alias
    slots = AttemptQuestion.objects.using(alias)
    found: dict[str, int] = {}
    numbers: dict[int, int] = {}
    pending: list = []

    def flush():
        if not pending:
            return
        new = {}
        for _pk, question_id, snapshot, print_ in pending:
            if print_ not in found and print_ not in new:
                number = 0
                if question_id is not None:
                    number = numbers[question_id] = numbers.get(question_id, 0) + 1
                new[print_] = QuestionVersion(question_id=question_id, number=number, qtype=snapshot.get("qtype", ""),
                                              definition=snapshot, fingerprint=print_)
        QuestionVersion.objects.using(alias).bulk_create(new.values())
        found.update(QuestionVersion.objects.using(alias).filter(fingerprint__in=list(new))
                     .values_list("fingerprint", "pk"))
        rows = [AttemptQuestion(pk=pk, version_id=found[print_]) for pk, _question_id, _snapshot, print_ in pending]
        slots.bulk_update(rows, ["version"], batch_size=BATCH)
        pending.clear()

    for pk, question_id, snapshot in slots.order_by("pk").values_list("pk", "question_id", "snapshot").iterator(
            chunk_size=BATCH):
        pending.append((pk, question_id, snapshot, fingerprint(question_id, snapshot)))
        if len(pending) >= BATCH:
            flush()
    flush()


def snapshots_from_versions(apps, schema_editor):
    AttemptQuestion = apps.get_model("quizzes", "AttemptQuestion")
    alias = schema_editor.connection.alias
    rows = []
    for slot in AttemptQuestion.objects.using(alias).select_related("version").iterator(chunk_size=BATCH):
        slot.snapshot = slot.version.definition
        rows.append(slot)
        if len(rows) >= BATCH:
            AttemptQuestion.objects.using(alias).bulk_update(rows, ["snapshot"])
            rows.clear()
    AttemptQuestion.objects.using(alias).bulk_update(rows, ["snapshot"])


class Migration(migrations.Migration):

    dependencies = [
        ('quizzes', '0009_attempt_prepared'),
    ]

    operations = [
        migrations.CreateModel(
            name='QuestionVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(default=0, verbose_name='version')),
                ('qtype', models.CharField(db_index=True, max_length=40, verbose_name='type')),
                ('definition', models.JSONField(verbose_name='the question as attempts asked it')),
                ('fingerprint', models.CharField(max_length=64, unique=True, verbose_name='fingerprint')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='made')),
                ('question', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='versions', to='quizzes.question', verbose_name='question')),
            ],
            options={
                'verbose_name': 'question version',
                'verbose_name_plural': 'question versions',
                'ordering': ['question', 'number'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('question__isnull', False)), fields=('question', 'number'), name='question_version_number_unique')],
            },
        ),
        migrations.AddField(
            model_name='attemptquestion',
            name='version',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='slots', to='quizzes.questionversion', verbose_name='question version'),
        ),
        migrations.AlterField(
            model_name='attemptquestion',
            name='snapshot',
            field=models.JSONField(null=True, verbose_name='question as it was when the attempt started'),
        ),
        migrations.RunPython(versions_from_snapshots, snapshots_from_versions, elidable=False),
        migrations.RemoveField(
            model_name='attemptquestion',
            name='snapshot',
        ),
        migrations.AlterField(
            model_name='attemptquestion',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='slots', to='quizzes.questionversion', verbose_name='question version'),
        ),
    ]
