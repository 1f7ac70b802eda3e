from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from accounts.demo import load_demo_accounts
from history.demo import load_demo_history


class Command(BaseCommand):
    help = "Load the demo content and accounts; safe to run again (existing items are kept as they are)."

    def handle(self, *args, **options):
        load_demo_accounts()
        created = sum(load_demo_history().values())
        self.stdout.write(
            ngettext(
                "Demo content ready: %(count)d new item.", "Demo content ready: %(count)d new items.", created
            )
            % {"count": created}
        )
