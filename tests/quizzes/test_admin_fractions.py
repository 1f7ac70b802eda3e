"""An answer row's share of the grade in the admin: typed and shown as a percentage, stored as a fraction.

quizzes/admin/fields.py: 1 is shown as 100, 0.5 as 50, -0.3333333 as -33.33333 (the decimals the stored
fraction has, so that saving a form unchanged stores what was stored; -33.3 would come back as a third only
because it is read as the simple fraction it rounds, and a seventh shown as 14.3 would not), 0 as 0, never 0E-7.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from quizzes.admin.fields import PercentFractionField, percent_text
from quizzes.definitions import ChoiceDef, QuestionDef
from quizzes.models import Choice, Question
from tests.quizzes.test_admin import choices, question_form


@pytest.mark.parametrize("stored, shown", [
    (Decimal(1), "100"), (Decimal("1.0000000"), "100"), (Decimal("0.5000000"), "50"),
    (Decimal("-0.3333333"), "-33.33333"), (Decimal("0.3333333"), "33.33333"), (Decimal("0.1428571"), "14.28571"),
    (Decimal("0.1250000"), "12.5"), (Decimal(0), "0"), (Decimal("0E-7"), "0"), (Decimal("-1.0000000"), "-100"),
])
def test_a_stored_fraction_is_shown_as_a_percentage_and_read_back_the_same(stored, shown):
    assert percent_text(stored) == shown
    field = PercentFractionField(minimum=Decimal(-1))
    assert field.clean(shown) == stored  # an unchanged form stores what was stored
    assert not field.has_changed(stored, shown)


@pytest.mark.parametrize("typed, stored", [
    ("100", "1.0000000"), ("50", "0.5000000"), ("0", "0E-7"), ("12", "0.1200000"), ("-33.3", "-0.3333333"),
    ("33.33333", "0.3333333"), ("33.33", "0.3333333"), ("16.7", "0.1666667"), ("12.5", "0.1250000"),
    ("12.3", "0.1230000"), ("١٠٠", "1.0000000"), ("٣٣٫٣", "0.3333333"), ("٥٠٪", "0.5000000"), (" 50 % ", "0.5000000"),
    ("−50", "-0.5000000"), ("+25", "0.2500000"),
])
def test_a_typed_percentage_is_stored_as_a_fraction(typed, stored):
    value = PercentFractionField(minimum=Decimal(-1)).clean(typed)
    assert value == Decimal(stored) and value.as_tuple().exponent == -7


@pytest.mark.parametrize("typed", ["lots", "1e3", "NaN", "Infinity", "50 %%", "1/2", "١٠٠١٠٠١٠٠١٠٠١٠٠١٠٠١٠٠١٠٠١٠٠"])
def test_what_is_not_a_percentage_is_refused(typed):
    with pytest.raises(forms.ValidationError) as error:
        PercentFractionField(minimum=Decimal(-1)).clean(typed)
    assert error.value.code in ("invalid", "range")


def test_the_bounds_are_the_models_read_as_percentages():
    from django.utils import translation

    choice = PercentFractionField(minimum=Decimal(-1))
    assert choice.clean("-100") == Decimal(-1)
    with translation.override("en"), pytest.raises(forms.ValidationError, match="between -100 and 100"):
        choice.clean("150")
    with translation.override("en"), pytest.raises(forms.ValidationError, match="between 0 and 100"):
        PercentFractionField().clean("-10")


@pytest.fixture
def admin_client(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(user)
    return client


def url(name, *args, lang="en", query=""):
    with translation.override(lang):
        return reverse(f"admin:{name}", args=args) + query


@pytest.mark.django_db
@pytest.mark.parametrize("lang, header", [("en", "percentage of the grade"), ("ar", "النسبة المئوية من الدرجة")])
def test_the_change_form_shows_percentages_under_their_header(admin_client, make, lang, header):
    definition = QuestionDef(qtype="multiple_response", name="Allies", text={"ar": "من؟", "en": "Who?"}, choices=[
        ChoiceDef({"ar": "أ", "en": "a"}, Fraction(1, 2)), ChoiceDef({"ar": "ب", "en": "b"}, Fraction(1, 2)),
        ChoiceDef({"ar": "ج", "en": "c"}, Fraction(-1, 3)), ChoiceDef({"ar": "د", "en": "d"}, Fraction(0)),
    ])
    question = make.question(definition=definition)
    html = admin_client.get(url("quizzes_question_change", question.pk, lang=lang)).content.decode()
    for shown in ("50", "-33.33333", "0"):
        assert f'value="{shown}"' in html
    assert "0E-7" not in html and "0.5000000" not in html
    assert 'inputmode="decimal"' in html and '<span class="percent-input" dir="ltr">' in html
    assert header in html.lower()


@pytest.mark.django_db
def test_posting_50_stores_a_half(admin_client, make):
    bank = make.bank()
    data = question_form(bank, "multiple_response", **choices([("أ", "a", "50"), ("ب", "b", "٥٠"), ("ج", "c", "-33.3")]))
    response = admin_client.post(url("quizzes_question_add", query="?qtype=multiple_response"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    stored = list(Choice.objects.order_by("position").values_list("fraction", flat=True))
    assert stored == [Decimal("0.5000000"), Decimal("0.5000000"), Decimal("-0.3333333")]


@pytest.mark.django_db
def test_a_posted_word_is_refused_in_the_authors_language(admin_client, make):
    bank = make.bank()
    data = question_form(bank, "single_choice", **choices([("1862", "1862", "كثير"), ("1863", "1863", "0")]))
    response = admin_client.post(url("quizzes_question_add", lang="ar", query="?qtype=single_choice"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "اكتب نصيب الإجابة من الدرجة نسبةً مئويةً" in html
    assert 'value="كثير"' in html  # what was typed stays in the box
    assert not Question.objects.exists()
