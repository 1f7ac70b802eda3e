"""Reads whose SQL is compiled once, not on every request.

Django builds and compiles a QuerySet's SQL anew each time it runs. For the attempt with its quiz (some hundred
columns, the translated fields included) the compile costs about 1 ms of CPU, four times what PostgreSQL takes
to answer the query; every request of an attempt (its page, each answer save, the submit, the review) makes
that read, and the start page's visibility and class reads cost as much to build. A `PreparedRead` compiles its
QuerySet once per thread, database and language, with markers in the place of its arguments (integers or
moments; twice, with two sets of markers, to find their places among the parameters). Each call puts the
arguments into the compiled parameters, runs the SQL and builds the instances as Django's ModelIterable does
(the fields' converters, `select_related` objects, annotations). What comes back is what the QuerySet would
give: tests/quizzes/test_prepared_reads.py compares the two field by field.

Hand-written: no maintained library caches compiled SQL (django-cachalot caches results, which an answer save
must never read stale). It relies on the compiler's documented-by-use attributes that ModelIterable reads
(`select`, `klass_info`, `col_count`, `annotation_col_map`), so a Django upgrade is checked by that test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import router
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.utils.translation import get_language

# The SQL is compiled twice with two sets of markers in the place of the arguments; the parameters that differ
# between the two, and equal the markers, are the arguments' places. Integers small enough for any integer
# column (Django turns a lookup out of a column's range into an empty result, with other SQL); moments as the
# database adapter writes them (SQLite: text).
_INTEGER_MARKERS = (30_001, 31_002)  # of different parity, as the moments differ in every field
_MOMENT_MARKERS = (datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC), datetime(2002, 3, 4, 5, 6, 7, tzinfo=UTC))


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    places: dict[str, list[int]]  # argument name -> its indexes in params
    compiler: object  # keeps the converters' connection: one per thread
    converters: dict
    model: type
    fields: tuple[int, int]
    init_list: list[str]
    related: list
    annotations: dict[str, int]


class PreparedRead:
    """`build(**arguments)` -> a QuerySet of model instances; `read(**arguments)` -> its instances, as a list.

    `arguments` name each argument's kind, `int` (a primary key, a number) or `datetime` (an aware moment). Each
    must reach the SQL as a parameter as given (not `pk + 1`), and the QuerySet's shape must not depend on the
    values (no `if` on them in `build`): compiling refuses a QuerySet that breaks either rule."""

    def __init__(self, build: Callable[..., QuerySet], **arguments: type) -> None:
        for name, kind in arguments.items():
            if kind not in (int, datetime):
                raise TypeError(f"{name}: an argument is an int or a datetime, not {kind!r}")
        self.build = build
        self.arguments = arguments
        self._model = None  # the QuerySet's model, known from the first build
        self._local = threading.local()

    def read(self, **values) -> list:
        if set(values) != set(self.arguments):
            raise TypeError(f"expected the arguments {tuple(self.arguments)}, got {tuple(values)}")
        for name, value in values.items():
            kind = self.arguments[name]
            if kind is int and (not isinstance(value, int) or isinstance(value, bool)):
                raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
            if kind is datetime and (not isinstance(value, datetime) or value.tzinfo is None):
                raise TypeError(f"{name} must be an aware datetime, not {value!r}")
        compiled = self._compiled()
        connection = compiled.compiler.connection
        params = list(compiled.params)
        for name, places in compiled.places.items():
            value = values[name]
            if self.arguments[name] is datetime:
                value = connection.ops.adapt_datetimefield_value(value)
            for place in places:
                params[place] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        start, end = compiled.fields
        objects = []
        for row in rows:
            obj = compiled.model.from_db(connection.alias, compiled.init_list, row[start:end])
            for populator in compiled.related:
                populator.populate(row, obj)
            for name, index in compiled.annotations.items():
                setattr(obj, name, row[index])
            objects.append(obj)
        return objects

    def first(self, **values):
        """The first instance `read` gives, or None."""
        found = self.read(**values)
        return found[0] if found else None

    def _compiled(self) -> _Compiled:
        if self._model is None:
            self._model = self.build(**self._markers(0)).model
        # The database a read of the model goes to now (a report's request reads from the replica, see
        # config/db_routers.py) and the language (modeltranslation may name other columns in it).
        key = (router.db_for_read(self._model), get_language())
        entries = getattr(self._local, "entries", None)
        if entries is None:
            entries = self._local.entries = {}
        if key not in entries:
            entries[key] = self._compile(key[0])
        return entries[key]

    def _markers(self, which: int) -> dict:
        markers = {}
        for index, (name, kind) in enumerate(self.arguments.items()):
            if kind is int:
                markers[name] = _INTEGER_MARKERS[which] + index
            else:
                markers[name] = _MOMENT_MARKERS[which] + timedelta(seconds=index)
        return markers

    def _compile(self, alias: str) -> _Compiled:
        (queryset, compiler, sql, params), (_q, _c, other_sql, other_params) = (
            self._compile_with(alias, self._markers(which)) for which in (0, 1))
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("the compiled query changes with its arguments' values: it cannot be prepared")
        ops = compiler.connection.ops
        adapted = [{name: ops.adapt_datetimefield_value(value) if self.arguments[name] is datetime else value
                    for name, value in self._markers(which).items()} for which in (0, 1)]
        places = {}
        for name in self.arguments:
            places[name] = [index for index, pair in enumerate(zip(params, other_params))
                            if pair == (adapted[0][name], adapted[1][name])]
            if not places[name]:
                raise ValueError(f"the argument {name} does not reach the compiled query as given")
        differing = {index for index, (one, other) in enumerate(zip(params, other_params)) if one != other}
        if differing != {index for indexes in places.values() for index in indexes}:
            raise ValueError("the compiled query has parameters made from its arguments: it cannot be prepared")
        if queryset._known_related_objects or queryset._prefetch_related_lookups:
            raise ValueError("a prepared read builds plain instances: no related managers or prefetches")
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Compiled(
            sql=sql, params=tuple(params), places=places, compiler=compiler,
            converters=compiler.get_converters([column[0] for column in select[:compiler.col_count]]),
            model=klass_info["model"], fields=(start, end),
            init_list=[column[0].target.attname for column in select[start:end]],
            related=get_related_populators(klass_info, select, alias),
            annotations=dict(compiler.annotation_col_map or {}),
        )

    def _compile_with(self, alias: str, markers: dict):
        queryset = self.build(**markers).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # .none(), or a lookup that can match nothing: no SQL to keep
            raise ValueError("the query matches nothing whatever its arguments: it cannot be prepared") from None
        return queryset, compiler, sql, list(params)
