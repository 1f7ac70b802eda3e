import pytest

from quizzes.question_types import UnknownQuestionType, registry


def test_the_twelve_types_are_registered_by_name():
    assert sorted(registry.names()) == sorted(
        ["single_choice", "multiple_response", "true_false", "short_answer", "numerical", "matching", "ordering",
         "cloze", "gapselect", "ddwtos", "essay", "description"]
    )


def test_unknown_type_raises_a_clear_error():
    with pytest.raises(UnknownQuestionType, match="Unknown question type 'calculated'; known types: "):
        registry.get("calculated")


@pytest.mark.parametrize("name", registry.names())
def test_every_type_has_its_template(name):
    from django.template.loader import get_template

    get_template(registry.get(name).template)
