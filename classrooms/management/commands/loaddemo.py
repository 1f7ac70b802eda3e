"""Load every app's demo content. It lives in `classrooms`, the app that depends on all the others, so no
app imports one that depends on it."""

from django.utils import timezone
from django.utils.translation import ngettext

from accounts.demo import load_demo_accounts
from bilingual.commands import LanguageCommand
from history.demo import load_demo_history
from classrooms.demo import load_demo_classroom
from quizzes.demo import load_demo_quizzes


class Command(LanguageCommand):
    help = "Load the demo content and accounts; safe to run again (existing items are kept as they are)."

    def handle(self, *args, **options):
        accounts = load_demo_accounts()
        created = sum(load_demo_history().values())
        created += sum(load_demo_quizzes(teacher=accounts["teacher"]).values())
        # A class with the demo learner and generated classmates with attempts, for the gradebook and statistics.
        created += sum(load_demo_classroom(teacher=accounts["teacher"], learner=accounts["learner"],
                                           now=timezone.now()).values())
        self.stdout.write(
            ngettext(
                "Demo content ready: %(count)d new item.", "Demo content ready: %(count)d new items.", created
            )
            % {"count": created}
        )
