"""A dry run refuses everything the real import would refuse: values that do not fit the database columns
(digits, decimal places, lengths), characters no database stores, and more tags than one query can carry.
Each is reported with where it is and why, in the user's language; the real import then writes nothing
and never fails with a 500."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from bilingual.scripts import is_arabic_letter
from quizzes.models import Question
from quizzes.services import questions_import

pytestmark = pytest.mark.django_db

NUMERICAL_CSV = "type,name,text_en,points,answer1_value,answer1_tolerance\n"
CHOICE_CSV = "type,name,text_en,answer1_en,answer1_fraction,answer2_en,answer2_fraction\n"


def xml(*, grade: str = "1", text: str = "Q") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="truefalse"><name><text>tf</text></name>'
        f"<questiontext><text>{text}</text></questiontext><defaultgrade>{grade}</defaultgrade>"
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
        "</question></quiz>"
    )


# name: (format, file, where, why)
CASES = {
    "csv value 1e30": (
        "csv", NUMERICAL_CSV + "numerical,big,Q,1,1e30,0\n",
        "row 2 (“big”)", "numerical answer 1, value: Ensure that there are no more than 20 digits in total."),
    "csv points 1e9": (
        "csv", NUMERICAL_CSV + "numerical,many,Q,1e9,1862,0\n",
        "row 2 (“many”)", "default points: Ensure that there are no more than 6 digits in total."),
    "csv points with three decimals": (
        "csv", NUMERICAL_CSV + "numerical,fine,Q,1.125,1862,0\n",
        "row 2 (“fine”)", "default points: Ensure that there are no more than 2 decimal places."),
    "csv value 1e999999999": (
        "csv", NUMERICAL_CSV + "numerical,huge,Q,1,1e999999999,0\n",
        "row 2", "answer 1 value “1e999999999” is not a number."),
    "csv tolerance with seven decimals": (
        "csv", NUMERICAL_CSV + "numerical,fine,Q,1,1862,0.0000001\n",
        "row 2 (“fine”)", "numerical answer 1, tolerance: Ensure that there are no more than 6 decimal places."),
    "csv a NUL byte": (  # in a choice: a question text loses it to the HTML cleaner
        "csv", CHOICE_CSV + "single_choice,nul,Q,a\x00a,100,b,0\n",
        "row 2 (“nul”)", "choice 1, text (English): contains a character that cannot be stored"),
    "csv a NUL byte in the name": (
        "csv", CHOICE_CSV + "single_choice,n\x00l,Q,a,100,b,0\n",
        "row 2 (“n\x00l”)", "name: contains a character that cannot be stored"),
    "csv a NUL byte in an event's slug": (  # found by tests/fuzz: PostgreSQL refused the dry run's query
        "csv", "type,name,text_en,events,answer1_en,answer1_fraction,answer2_en\nsingle_choice,ev,Q,a\x00b,a,100,b\n",
        "row 2 (“ev”)", "no event has the slug “a\x00b”."),
    "csv a choice of 1001 characters": (
        "csv", CHOICE_CSV + f"single_choice,long,Q,{'x' * 1001},100,b,0\n",
        "row 2 (“long”)", "choice 1, text (English): Ensure this value has at most 1000 characters (it has 1001)."),
    "gift {#1e30}": (
        "gift", "What is big?{#1e30}\n",
        "line 1", "numerical answer 1, value: Ensure that there are no more than 20 digits in total."),
    "gift a 23-digit number": (
        "gift", "How many?{#12345678901234567890123:1}\n",
        "line 1", "numerical answer 1, value: Ensure that there are no more than 20 digits in total."),
    "gift a matching answer of 600 characters": (
        "gift", f"Match{{=a -> {'y' * 600} =b -> c =d -> e}}\n",
        "line 1", "matching pair 1, answer (English): Ensure this value has at most 500 characters (it has 600)."),
    "gift an accepted answer of 600 characters": (
        "gift", f"::sa::Name it{{={'z' * 600}}}\n",
        "line 1 (“sa”)", "accepted answer 1, accepted answer (English): Ensure this value has at most 500 characters"),
    "gift options that are not finite": (
        "gift", '// [tarikh:type=ordering]\n// [tarikh:options={"shuffle": 1e400}]\nOrder{=a =b =c}\n',
        "line 3", "options: hold a value that cannot be stored"),
    "gift a hundred and one tags": (
        "gift", "// " + " ".join(f"[tag:t{n}]" for n in range(101)) + "\nTrue?{T}\n",
        "line 2", "a question may have at most 100 tags."),
    "moodlexml <defaultgrade>1e9": (
        "moodlexml", xml(grade="1e9"),
        "question 1 (“tf”)", "default points: Ensure that there are no more than 6 digits in total."),
}


@pytest.fixture(params=sorted(CASES))
def case(request):
    return CASES[request.param]


def problems(report) -> list[tuple[str, str]]:
    return [(problem.where, str(problem.message)) for problem in report.errors]


def test_the_dry_run_refuses_it_saying_where_and_why(case, make):
    format_name, text, where, why = case
    with translation.override("en"):
        report = questions_import(data=text.encode(), format_name=format_name, bank=make.bank(), dry_run=True)
        found = problems(report)
    assert not report.ok and report.imported == []
    assert any(place == where and why in message for place, message in found), found


def test_the_real_import_refuses_it_and_writes_nothing(case, make):
    format_name, text, where, _why = case
    bank = make.bank()
    report = questions_import(data=text.encode(), format_name=format_name, bank=bank)
    assert not report.ok and not report.written
    assert Question.objects.count() == 0


def test_the_reason_is_in_the_users_language(make):
    with translation.override("ar"):
        report = questions_import(data=(NUMERICAL_CSV + "numerical,big,Q,1,1e30,0\n").encode(), format_name="csv",
                                  bank=make.bank(), dry_run=True)
    [problem] = report.errors
    assert "الصف 2" in problem.where and any(is_arabic_letter(c) for c in str(problem.message))


def test_values_that_fit_are_imported_as_written(make):
    bank = make.bank()
    # (SQLite keeps decimals as floats: 15 significant digits read back exactly on both databases.)
    text = NUMERICAL_CSV + "numerical,fits,Q,9999.99,12345678901234,0.000001\n"
    report = questions_import(data=text.encode(), format_name="csv", bank=bank)
    assert report.written, report.errors
    question = bank.questions.with_answers().get()
    assert str(question.default_points) == "9999.99"
    assert [(a.value, a.tolerance) for a in question.numerical_answers.all()] == [
        (Decimal("12345678901234"), Decimal("0.000001"))]


def test_long_tags_are_kept_as_the_tag_of_their_first_200_characters(make):
    bank = make.bank()
    report = questions_import(data=f"// [tag:{'t' * 300}]\nTrue?{{T}}\n".encode(), format_name="gift", bank=bank)
    assert report.written, report.errors
    assert list(bank.questions.get().tags.values_list("name", flat=True)) == ["t" * 200]


def test_a_new_bank_whose_title_does_not_fit_is_refused_with_its_questions(tmp_path, make):
    make.user(username="root", is_superuser=True)
    path = tmp_path / "bank.gift"
    path.write_text("True?{T}\n", encoding="utf-8")
    errors = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questions", str(path), "--bank", "B" * 201, stdout=io.StringIO(), stderr=errors)
    assert "bank: title (English): Ensure this value has at most 200 characters (it has 201)." in errors.getvalue()
    assert Question.objects.count() == 0
