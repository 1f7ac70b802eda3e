"""python manage.py export_questions --bank NAME --format gift|moodlexml|csv [--output FILE]"""

from pathlib import Path

from django.core.management.base import CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from bilingual.commands import LanguageCommand
from quizzes.formats import FORMATS
from quizzes.models import QuestionBank
from quizzes.services import questions_export


class Command(LanguageCommand):
    help = "Write a bank's questions in a format (to standard output, or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument("--bank", required=True)
        parser.add_argument("--format", choices=list(FORMATS), required=True)
        parser.add_argument("--output")

    def handle(self, *args, **options):
        name = options["bank"]
        bank = QuestionBank.objects.filter(Q(title_ar=name) | Q(title_en=name)).first()
        if bank is None:
            raise CommandError(_("No bank is called %(name)s.") % {"name": name})
        content = questions_export(bank=bank, format_name=options["format"])
        if options["output"]:
            Path(options["output"]).write_text(content, encoding="utf-8")
        else:
            self.stdout.write(content, ending="")
