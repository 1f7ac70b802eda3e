"""python manage.py import_questions FILE --bank NAME [--format gift|moodlexml|csv] [--dry-run] [--owner USER]
[--skip-invalid]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db.models import Q
from django.utils.translation import gettext as _, ngettext

from bilingual.commands import LanguageCommand
from bilingual.scripts import detect_language
from quizzes.formats import FORMATS, guess_format
from quizzes.models import QuestionBank
from quizzes.services import questions_import


class Command(LanguageCommand):
    help = ("Import questions into a bank (created if missing). All or nothing: on any error nothing is written, "
            "unless --skip-invalid skips the questions that cannot be imported.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--bank", required=True, help="Bank title (Arabic or English); created if missing.")
        parser.add_argument("--format", choices=list(FORMATS), help="Default: recognised from the file.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be imported; write nothing.")
        parser.add_argument("--owner", help="Username owning a new bank (default: the first superuser).")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="Skip the questions that cannot be imported (each with its reason); import the rest.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": path})
        data = path.read_bytes()
        format_name = options["format"] or guess_format(path.name, data[:200].decode("utf-8", "replace"))
        if format_name is None:
            raise CommandError(_("The format could not be recognised; give --format."))
        owner = self.owner(options["owner"])
        name = options["bank"]
        bank = QuestionBank.objects.filter(Q(title_ar=name) | Q(title_en=name)).first()
        if bank is None:
            bank = QuestionBank(owner=owner, **{f"title_{detect_language(name)}": name})
        report = questions_import(data=data, format_name=format_name, bank=bank, user=owner,
                                  dry_run=options["dry_run"], skip_invalid=options["skip_invalid"])
        for problem in report.skipped:
            self.stdout.write(_("skipped: %(problem)s") % {"problem": problem})
        for problem in report.warnings:
            self.stdout.write(_("warning: %(problem)s") % {"problem": problem})
        if report.errors:
            for problem in report.errors:
                self.stderr.write(_("error: %(problem)s") % {"problem": problem})
            raise CommandError(
                ngettext("%(count)d problem; nothing was imported.", "%(count)d problems; nothing was imported.",
                         len(report.errors)) % {"count": len(report.errors)}
            )
        count = len(report.imported)
        if options["dry_run"]:
            message = ngettext("Dry run: %(count)d question would be imported.",
                               "Dry run: %(count)d questions would be imported.", count)
        else:
            message = ngettext("%(count)d question imported as a draft.", "%(count)d questions imported as drafts.",
                               count)
        self.stdout.write(message % {"count": count})

    def owner(self, username):
        User = get_user_model()
        if username:
            try:
                return User.objects.get(username=username)
            except User.DoesNotExist:
                raise CommandError(_("No user is called %(name)s.") % {"name": username}) from None
        owner = User.objects.filter(is_superuser=True).order_by("pk").first()
        if owner is None:
            raise CommandError(_("Give --owner: there is no superuser to own the bank."))
        return owner
