from django.utils import timezone
from django.utils.translation import ngettext

from bilingual.commands import LanguageCommand
from quizzes.services.attempts import attempts_close_overdue


class Command(LanguageCommand):
    help = ("Close every attempt whose time ran out, as its quiz says: submitted with the answers saved so far, "
            "or not counted (run it from cron).")

    def handle(self, *args, **options):
        count = attempts_close_overdue(now=timezone.now())
        self.stdout.write(
            ngettext("%(count)d overdue attempt closed.", "%(count)d overdue attempts closed.", count)
            % {"count": count}
        )
