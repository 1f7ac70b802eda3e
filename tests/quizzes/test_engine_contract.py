"""The engine's contract: a question type registered from this test alone ("year guess": a year within ± N)
goes through admin authoring, an attempt (start, save, submit), the review, item statistics and
export → import in every format, with no change to any other file of Tarikh.

This is the checklist of docs/architecture.md ("How to add a question type") proven: the type below is one
class and one template (written to a temporary template folder); nothing else knows it exists.
"""

from fractions import Fraction

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from quizzes.definitions import ROW_KINDS
from quizzes.formats import FORMATS
from quizzes.models import Attempt, Question, QuestionsPerPage, Quiz, QuizQuestion, ReviewTiming
from quizzes.question_types import registry
from quizzes.question_types.base import QuestionType, ResponseClass, ZERO
from quizzes.services import questions_export, questions_import
from quizzes.services.attempts import attempt_save_response, attempt_start, attempt_submit
from quizzes.statistics import quiz_item_statistics

pytestmark = pytest.mark.django_db

TEMPLATE = """<div class="answer answer-year">
  <label for="{{ q.field_name }}-input">Year</label>
  <input type="text" inputmode="numeric" id="{{ q.field_name }}-input" name="{{ q.field_name }}" value="{{ q.value }}"{% if q.disabled %} disabled{% endif %}>
  {% if q.show_key %}<p class="key-summary">Right answer: <bdi>{{ q.correct_summary }}</bdi></p>{% endif %}
</div>
"""


class YearGuess(QuestionType):
    """A year, right when exact, half right within ± `within` years."""

    name = "year_guess"
    label = _("Year guess")
    answer_rows = None
    classifies_responses = True

    def option_fields(self):
        return {"year": forms.IntegerField(label=_("year")),
                "within": forms.IntegerField(label=_("within ± years"), initial=0)}

    def validate(self, definition):
        if definition.options.get("year") is None:
            return [ValidationError("Give the year.", code="no_year")]
        if int(definition.options.get("within") or 0) < 0:
            return [ValidationError("The margin cannot be negative.", code="negative")]
        return []

    def distance(self, definition, response):
        try:
            return abs(int(response) - int(definition.options["year"]))
        except (TypeError, ValueError):
            return None

    def grade(self, definition, response):
        distance = self.distance(definition, response)
        if distance is None:
            return ZERO
        if distance == 0:
            return Fraction(1)
        return Fraction(1, 2) if distance <= int(definition.options.get("within") or 0) else ZERO

    def correct_response(self, definition):
        return str(definition.options["year"])

    def summarise(self, definition, response, language):
        return response or ""

    def random_guess_score(self, definition):
        return None

    def response_classes(self, definition):
        return [ResponseClass("exact", {"en": "exact"}, True), ResponseClass("close", {"en": "close"}, False),
                ResponseClass("far", {"en": "far"}, False)]

    def classify_response(self, definition, response):
        distance = self.distance(definition, response)
        if distance is None:
            return []
        within = int(definition.options.get("within") or 0)
        return ["exact" if distance == 0 else "close" if distance <= within else "far"]

    def clean_response(self, definition, raw):
        text = self.clean_typed_text(raw)
        if text and not text.lstrip("-").isdigit():
            raise ValidationError("Type a year.", code="not_a_year")
        return text


@pytest.fixture
def year_guess(settings, tmp_path):
    folder = tmp_path / "templates" / "quizzes" / "question_types"
    folder.mkdir(parents=True)
    (folder / "year_guess.html").write_text(TEMPLATE)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]
    with registry.register_temporarily(YearGuess) as qtype:
        yield qtype
    assert "year_guess" not in registry.names()


def admin_url(name, *args, query=""):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args) + query


def url(name, *args):
    with translation.override("en"):
        return reverse(f"quizzes:{name}", args=args)


def authored(client, bank, **options):
    data = {
        "bank": bank.pk, "qtype": "year_guess", "name": "Puebla year", "status": "published",
        "difficulty": "medium", "default_points": "2", "text_ar": "<p>في أيّ عام وقعت معركة بويبلا؟</p>",
        "text_en": "<p>In which year was the Battle of Puebla?</p>", "general_feedback_ar": "٥ مايو ١٨٦٢",
        "general_feedback_en": "5 May 1862", "explanation_ar": "", "explanation_en": "", **options,
    }
    return client.post(admin_url("quizzes_question_add", query="?qtype=year_guess"), data)


def test_a_type_registered_by_a_test_goes_through_the_whole_engine(year_guess, client, make):
    teacher = make.teacher()
    bank = make.bank(owner=teacher)
    client.force_login(teacher)

    # Authoring: the type's own fields on the question form, and its validation.
    form = client.get(admin_url("quizzes_question_add", query="?qtype=year_guess")).content.decode()
    assert 'name="year"' in form and 'name="within"' in form
    assert not any(f"{kind}-TOTAL_FORMS" in form for kind in ROW_KINDS)  # no answer rows; hints, as every graded type
    refused = authored(client, bank, year="1862", within="-1")
    assert refused.status_code == 200 and "The margin cannot be negative." in refused.content.decode()
    assert authored(client, bank, year="1862", within="2").status_code == 302
    question = Question.objects.get(bank=bank)
    assert question.options == {"year": 1862, "within": 2}
    preview = client.get(admin_url("quizzes_question_preview", question.pk)).content.decode()
    assert "Right answer: <bdi>1862</bdi>" in preview

    # An attempt: start, save, submit; state and mark.
    quiz = Quiz.objects.create(owner=teacher, title_ar="سنوات", title_en="Years", is_published=True,
                               questions_per_page=QuestionsPerPage.ALL, review_right_answers=ReviewTiming.IMMEDIATELY)
    QuizQuestion.objects.create(quiz=quiz, question=question, position=0)
    scores = []
    for typed in ("1862", "1863", "1900"):
        learner = make.learner()
        client.force_login(learner)
        assert client.post(url("quiz", quiz.pk)).status_code == 302
        attempt = Attempt.objects.get(learner=learner)
        page = client.get(url("attempt", attempt.pk)).content.decode()
        assert 'class="answer answer-year"' in page and "1862" not in page  # the key is not on the page
        assert client.post(url("answer", attempt.pk, 0), {"q0": typed}, HTTP_HX_REQUEST="true").status_code == 200
        assert client.post(url("answer", attempt.pk, 0), {"q0": "soon"}, HTTP_HX_REQUEST="true").status_code == 200
        assert client.post(url("submit", attempt.pk)).status_code == 302
        attempt.refresh_from_db()
        slot = attempt.slots.get()
        scores.append((slot.response, slot.state.value, attempt.score))
        review = client.get(url("review", attempt.pk)).content.decode()
        assert "Right answer: <bdi>1862</bdi>" in review and f'value="{typed}"' in review
    assert [(r, s, float(score)) for r, s, score in scores] == [
        ("1862", "right", 2.0), ("1863", "partial", 1.0), ("1900", "wrong", 0.0)]

    # Item statistics: the type's classes are counted.
    report = quiz_item_statistics(quiz=quiz)
    (item,) = report.items
    assert item.type_label == "Year guess" and item.count == 3
    assert {c.key: c.total for c in item.choices} == {"exact": 1, "close": 1, "far": 1, "": 0}

    # Export → import in every format gives the same question back.
    for format_name in FORMATS:
        written = questions_export(bank=bank, format_name=format_name)
        copy = make.bank(owner=teacher)
        report = questions_import(data=written.encode(), format_name=format_name, bank=copy)
        assert report.ok and report.written, (format_name, [str(p) for p in report.errors], written)
        (back,) = copy.questions.all()
        assert (back.qtype, back.options, back.text_en, back.text_ar) == (
            "year_guess", {"year": 1862, "within": 2}, question.text_en, question.text_ar), format_name


def test_an_unregistered_type_is_gone_and_named_in_errors():
    with pytest.raises(LookupError, match="year_guess"):
        registry.get("year_guess")
