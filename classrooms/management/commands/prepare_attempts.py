from datetime import timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from bilingual.commands import LanguageCommand
from classrooms.services import assignments_prepare_attempts


class Command(LanguageCommand):
    help = ("Draw ahead of time the attempts of every learner of a class whose assignment opens within the next "
            "minutes (run it from cron, e.g. every 10 minutes with --within 30), so that the opening of a large "
            "exam only starts attempts that are already drawn.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--within", type=int, default=30, help="minutes ahead (default 30)")

    def handle(self, *args, **options):
        count = assignments_prepare_attempts(now=timezone.now(), within=timedelta(minutes=options["within"]))
        self.stdout.write(
            ngettext("%(count)d attempt drawn ahead of its opening.", "%(count)d attempts drawn ahead of their opening.",
                     count) % {"count": count}
        )
