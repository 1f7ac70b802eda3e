"""Reads whose SQL is compiled once, not on every request.

Django builds and compiles a QuerySet's SQL anew each time it runs. For the attempt with its quiz (some hundred
columns, the translated fields included) the compile costs about 1 ms of CPU, four times what PostgreSQL takes
to answer the query, and every request of an attempt (its page, each answer save, the submit, the review) makes
that read. A `PreparedRead` compiles its QuerySet once per thread, database and language, with marker values in
the place of its arguments (twice, with two sets, to find their places among the parameters); each call puts the arguments into the compiled parameters, runs the SQL and builds
the instances as Django's ModelIterable does (the fields' converters, `select_related` objects). What comes back
is what the QuerySet would give: tests/quizzes/test_prepared_reads.py compares the two field by field.

Hand-written: no maintained library caches compiled SQL (django-cachalot caches results, which an answer save
must never read stale). It relies on the compiler's documented-by-use attributes that ModelIterable reads
(`select`, `klass_info`, `col_count`), so a Django upgrade is checked by that test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.utils.translation import get_language

# Arguments are primary keys or other integers. The SQL is compiled twice with two sets of markers in their
# place; the parameters that differ between the two are the arguments' places. Small enough for any integer
# column (Django turns a lookup out of a column's range into an empty result, with other SQL).
_MARKERS = (30_001, 31_001)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    places: dict[str, int]  # argument name -> index in params
    compiler: object  # keeps the converters' connection: one per thread
    converters: list
    model: type
    fields: tuple[int, int]
    init_list: list[str]
    related: list


class PreparedRead:
    """`build(**arguments)` -> a QuerySet of one model whose arguments (integers) each appear once in its SQL;
    `read(**arguments)` -> its instances, as a list.

    The QuerySet's shape must not depend on the arguments' values (no `if` on them in `build`)."""

    def __init__(self, build: Callable[..., QuerySet], *arguments: str) -> None:
        self.build = build
        self.arguments = arguments
        self._model = None  # the QuerySet's model, known from the first build
        self._local = threading.local()

    def read(self, **values: int) -> list:
        if set(values) != set(self.arguments):
            raise TypeError(f"expected the arguments {self.arguments}, got {tuple(values)}")
        for name, value in values.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
        compiled = self._compiled()
        params = list(compiled.params)
        for name, place in compiled.places.items():
            params[place] = values[name]
        connection = compiled.compiler.connection
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
            objects.append(obj)
        return objects

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

    def _markers(self, which: int) -> dict[str, int]:
        return {name: _MARKERS[which] + index for index, name in enumerate(self.arguments)}

    def _compile(self, alias: str) -> _Compiled:
        (queryset, compiler, sql, params), (_q, _c, other_sql, other_params) = (
            self._compile_with(alias, self._markers(which)) for which in (0, 1))
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("the compiled query changes with its arguments' values: it cannot be prepared")
        places = {}
        for name in self.arguments:
            marker, other = self._markers(0)[name], self._markers(1)[name]
            found = [index for index, (param, other_param) in enumerate(zip(params, other_params))
                     if param != other_param and (param, other_param) == (marker, other)]
            if len(found) != 1:
                raise ValueError(f"the argument {name} appears {len(found)} times in the compiled query, not once")
            places[name] = found[0]
        if set(places.values()) != {i for i, (a, b) in enumerate(zip(params, other_params)) if a != b}:
            raise ValueError("the compiled query has parameters made from its arguments: it cannot be prepared")
        select, klass_info = compiler.select, compiler.klass_info
        if compiler.annotation_col_map or queryset._known_related_objects or queryset._prefetch_related_lookups:
            raise ValueError("a prepared read builds plain instances: no annotations, related managers or prefetches")
        converters = compiler.get_converters([column[0] for column in select[:compiler.col_count]])
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Compiled(
            sql=sql, params=tuple(params), places=places, compiler=compiler, converters=converters,
            model=klass_info["model"], fields=(start, end),
            init_list=[column[0].target.attname for column in select[start:end]],
            related=get_related_populators(klass_info, select, alias),
        )

    def _compile_with(self, alias: str, markers: dict[str, int]):
        queryset = self.build(**markers).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        return queryset, compiler, sql, list(params)
