"""Every relation field of every admin form and inline refuses an object its user may not see.

The test walks `admin.site._registry` and, for each ModelAdmin a teacher may use, its add and change pages:
every foreign-key and many-to-many field of the main form and of each inline (found in the rendered page,
so a new admin, field or inline is covered without touching this file) is posted, as teacher B, with an
object that teacher A keeps private. The admin must answer with a form error on that field and store nothing.

Only two tables are written by hand here: how to build an object of a model for an owner (a new model that
an admin links to fails the test until it has a builder), and the relations that are global on purpose.
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils import translation

from classrooms import services as classroom_services
from quizzes.models import Tag

pytestmark = pytest.mark.django_db

# Relations that are global on purpose, by the model they point to, with the reason.
GLOBAL_TARGETS = {
    # History is shared editorial content: every teacher edits all topics, events and people in the admin
    # (accounts.roles.TEACHER_MODELS), none has an owner, so any teacher may link to any of them.
    "history.topic": "shared history content",
    "history.event": "shared history content",
    "history.person": "shared history content",
    # Tags are free labels shared by every bank (imported Moodle categories among them); a tag holds no content.
    "quizzes.tag": "shared labels",
}

# How to build an object of each model for `owner`: private to them when the model has owners.
BUILDERS = {
    "quizzes.questionbank": lambda make, owner: make.bank(owner=owner),
    "quizzes.question": lambda make, owner: make.question(bank_obj=make.bank(owner=owner)),
    "quizzes.quiz": lambda make, owner: make.quiz(questions=1, owner=owner),
    "classrooms.classroom": lambda make, owner: classroom_services.classroom_create(teacher=owner, name="Class"),
    # Another teacher's account: no admin form may let a teacher name a user.
    "accounts.user": lambda make, owner: owner,
    "history.topic": lambda make, owner: make.topic(),
    "history.event": lambda make, owner: make.event(),
    "history.person": lambda make, owner: make.person(),
    "quizzes.tag": lambda make, owner: Tag.objects.create(name=f"tag-{make._n()}"),
}


def label(model) -> str:
    return model._meta.label_lower


def build(make, model, owner):
    try:
        builder = BUILDERS[label(model)]
    except KeyError:
        pytest.fail(f"An admin form links to {label(model)}: add a builder for it to BUILDERS in {__name__} "
                    "(and give its QuerySet a visible_to(user) method, or list it in GLOBAL_TARGETS).")
    return builder(make, owner)


class AdminFormParser(HTMLParser):
    """Read the admin's change form as a browser would submit it (the `__prefix__` templates apart)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self.templates: list[tuple[str, str]] = []  # the empty inline rows, `__prefix__` still in their names
        self._select = None
        self._options: list[tuple[str, bool]] = []
        self._option = None
        self._textarea = None

    def _add(self, name, value):
        (self.templates if "__prefix__" in name else self.pairs).append((name, value))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if "disabled" in attrs:
            return
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
                return
            self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in attrs), []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._options.append(self._option)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._add(name, text[1:] if text.startswith("\n") else text)  # the newline Django writes first
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            values = [(v if v is not None else text) for v, selected, text in self._options if selected]
            if not values and not multiple and self._options:
                first = self._options[0]
                values = [first[0] if first[0] is not None else first[2]]
            for value in values:
                self._add(name, value)
            self._select = None


def page_url(name, *args, query=""):
    with translation.override("en"):
        return reverse(name, args=args) + query


def open_form(client, url):
    """GET an add or change page; a page that first asks for a choice (the question type) is followed once."""
    response = client.get(url)
    if response.status_code == 200 and response.context and "adminform" not in response.context:
        link = next((href for href in _links(response.content.decode()) if href.startswith("?")), None)
        if link:
            url += link
            response = client.get(url)
    return url, response


def _links(html):
    collector = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a" and dict(attrs).get("href"):
                collector.append(dict(attrs)["href"])

    Links(convert_charrefs=True).feed(html)
    return collector


def relation_fields(response):
    """(inline formset or None, field name, form field) for every relation field of the page's forms."""
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        if isinstance(field, ModelChoiceField):
            yield None, name, field
    for inline_formset in response.context["inline_admin_formsets"]:
        formset = inline_formset.formset
        editable = inline_formset.has_add_permission or (formset.initial_form_count()
                                                         and inline_formset.has_change_permission)
        if not editable:
            continue
        for name, field in formset.empty_form.fields.items():
            # The row's own hidden id is limited by Django to the rows of the object on the page.
            if isinstance(field, ModelChoiceField) and name != formset.model._meta.pk.name:
                yield inline_formset, name, field


def posted_data(response, form_id, inline_formset, name, value):
    """The page's form as submitted, with `name` (of the main form, or of a new or first inline row) set to `value`."""
    parser = AdminFormParser(form_id)
    parser.feed(response.content.decode())
    pairs = list(parser.pairs)
    if inline_formset is None:
        key = name
    else:
        formset = inline_formset.formset
        prefix = formset.prefix
        if inline_formset.has_add_permission:
            row = formset.total_form_count()
            pairs = [(k, str(row + 1) if k == f"{prefix}-TOTAL_FORMS" else v) for k, v in pairs]
            pairs += [(k.replace("__prefix__", str(row)), v) for k, v in parser.templates
                      if k.startswith(f"{prefix}-__prefix__-")]
        else:
            row = 0
        key = f"{prefix}-{row}-{name}"
    pairs = [(k, v) for k, v in pairs if k != key] + [(key, str(value))]
    data = {}
    for k, v in pairs:
        data.setdefault(k, []).append(v)
    return data, key


def errors_of(response, inline_formset, key, name):
    if inline_formset is None:
        return response.context["adminform"].form.errors.as_data().get(name, [])
    prefix = inline_formset.formset.prefix
    for formset in (f.formset for f in response.context["inline_admin_formsets"]):
        if formset.prefix == prefix:
            row = int(key[len(prefix) + 1:].split("-", 1)[0])
            return formset.forms[row].errors.as_data().get(name, []) if row < len(formset.forms) else []
    return []


def links_to(model, name, target) -> int:
    """How many rows of `model` point to `target` through the relation `name`."""
    return model._default_manager.filter(**{name: target}).count()


@pytest.fixture
def teachers(make):
    return make.teacher(username="teacher-a"), make.teacher(username="teacher-b")


def admin_pages(make, user):
    """The add page of every registered model, and the change page of an object of `user`'s, that `user` may open."""
    request = _request(user)
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if model_admin.has_add_permission(request):
            yield model_admin, page_url(f"{info}_add")
        if model_admin.has_change_permission(request):
            yield model_admin, page_url(f"{info}_change", build(make, model, user).pk)


def test_every_admin_relation_refuses_another_teachers_private_object(client, make, teachers):
    """As teacher B, name teacher A's private object in each relation field: a form error, nothing stored."""
    teacher_a, teacher_b = teachers
    client.force_login(teacher_b)
    tried, skipped_global = [], set()
    for model_admin, url in list(admin_pages(make, teacher_b)):
        model = model_admin.model
        url, response = open_form(client, url)
        assert response.status_code == 200 and "adminform" in response.context, f"{url} shows no form"
        form_id = f"{model._meta.model_name}_form"
        for inline_formset, name, field in list(relation_fields(response)):
            target_model = field.queryset.model
            owner_model = inline_formset.formset.model if inline_formset else model
            if label(target_model) in GLOBAL_TARGETS:
                skipped_global.add(f"{label(owner_model)}.{name}")
                continue
            private = build(make, target_model, teacher_a)
            before = links_to(owner_model, name, private)
            _url, page = open_form(client, url)
            inline_formset = _same_inline(page, inline_formset)
            data, key = posted_data(page, form_id, inline_formset, name, private.pk)
            answer = client.post(url, data)
            where = f"{url} {key} = {label(target_model)} #{private.pk} of another teacher"
            assert answer.status_code == 200, f"{where}: accepted ({answer.status_code})"
            codes = [error.code for error in errors_of(answer, inline_formset, key, name)]
            assert "invalid_choice" in codes, f"{where}: no error on the field ({codes})"
            assert links_to(owner_model, name, private) == before, f"{where}: stored"
            tried.append(where)
    # The walk must keep reaching the relations that matter today; a change that hides them from it fails here.
    reached = " ".join(tried)
    for key in ("fixed_questions-", "draws-", "assignments-", " bank = "):
        assert key in reached, f"the walk no longer reaches {key!r}: {tried}"
    assert {"quizzes.question.events", "quizzes.quizdraw.events"} <= skipped_global


def _same_inline(page, inline_formset):
    if inline_formset is None:
        return None
    return next(f for f in page.context["inline_admin_formsets"] if f.formset.prefix == inline_formset.formset.prefix)


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_every_admin_autocomplete_hides_another_teachers_private_objects(client, make, teachers):
    """The autocomplete list of every relation field offers none of another teacher's private objects."""
    teacher_a, teacher_b = teachers
    client.force_login(teacher_b)
    request = _request(teacher_b)
    checked = []
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]
        for owner_admin in admins:
            for name in owner_admin.get_autocomplete_fields(request):
                source = owner_admin.model
                target = source._meta.get_field(name).remote_field.model
                if label(target) in GLOBAL_TARGETS:
                    continue
                private = build(make, target, teacher_a)
                query = (f"?app_label={source._meta.app_label}&model_name={source._meta.model_name}"
                         f"&field_name={name}&term=")
                response = client.get(page_url("admin:autocomplete", query=query))
                if response.status_code == 403:
                    continue
                ids = [result["id"] for result in response.json()["results"]]
                assert str(private.pk) not in ids, f"{label(source)}.{name} offers {label(target)} #{private.pk}"
                checked.append(f"{label(source)}.{name}")
    assert "quizzes.quizquestion.question" in checked
