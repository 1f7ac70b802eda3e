"""Send the reads of reports to a read replica; everything else to the primary.

With REPLICA_DATABASE_URL set (config/settings.py), `DATABASES["replica"]` is a read replica of the primary
and `ReportsRouter` is the router. A read goes to the replica only inside `reports_database()`: around the
view of every page named in `settings.REPORT_URL_NAMES` (config.middleware.ReportDatabaseMiddleware), and
around whatever a service or a management command wraps in it. Every write, and every other read, goes to
`default`.

The trade-off is lag: a replica replays the primary's changes a little later (streaming replication on one
network: usually a fraction of a second, more while the primary is busy), so a report may be a second behind:
it may leave out an answer saved in the last second, and a teacher removed from a class a second ago may
still read its gradebook once. That is acceptable for item statistics and exports, which teachers read after
the fact; it is why only reports read the replica, and never a page that learners read or that writes.

Inside the context, reads stay on the primary
- once anything in it has written (read your own writes: the replica may not have the row yet), and
- while the primary's connection is inside a transaction (`atomic`): its reads must see its own uncommitted
  rows and a consistent snapshot, which only the primary has;
- for sessions, so a teacher who signed in a moment ago is never signed out by the lag.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"

# Apps whose rows are always read from the primary, even in a report.
PRIMARY_ONLY_APPS = frozenset({"sessions"})


@dataclass
class _ReportReads:
    """What one `reports_database()` context has done: whether anything in it has written."""

    wrote: bool = False


_report_reads: ContextVar[_ReportReads | None] = ContextVar("tarikh_report_reads", default=None)


@contextmanager
def reports_database() -> Iterator[None]:
    """Read from the replica, when one is configured, until the block ends (nested blocks share one state)."""
    token = _report_reads.set(_report_reads.get() or _ReportReads())
    try:
        yield
    finally:
        _report_reads.reset(token)


def replica_configured() -> bool:
    """Whether DATABASES names a replica (read through `connections`, where tests may add one)."""
    return REPLICA_DB_ALIAS in connections.settings


class ReportsRouter:
    """Reads of reports to `replica`; writes, migrations and every other read to `default`.

    Every method answers explicitly rather than returning None: None would let Django fall back to the
    database an instance came from, so a row read from the replica would be saved to it.
    """

    def db_for_read(self, model, **hints) -> str:
        reads = _report_reads.get()
        if (
            reads is None
            or reads.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or not replica_configured()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        reads = _report_reads.get()
        if reads is not None:
            reads.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # One database seen twice: a row read from the replica may refer to one read from the primary.
        ours = {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}
        if obj1._state.db in ours and obj2._state.db in ours:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # The replica copies the primary's schema through replication; nothing migrates it directly.
        if db == REPLICA_DB_ALIAS:
            return False
        return None
