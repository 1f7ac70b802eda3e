from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from quizzes.services.attempts import attempts_close_overdue


class Command(BaseCommand):
    help = "Finish every attempt whose time ran out, with the answers saved so far (run it from cron)."

    def handle(self, *args, **options):
        count = attempts_close_overdue(now=timezone.now())
        self.stdout.write(
            ngettext("%(count)d overdue attempt finished.", "%(count)d overdue attempts finished.", count)
            % {"count": count}
        )
