"""Summaries joined in code use the punctuation of their language: ، ؛ and arrows that point the way it reads."""

from bilingual.punctuation import arrow, comma, semicolon
from quizzes.question_types import registry
from tests.factories import definitions_of_every_type


def test_arabic_has_its_own_comma_semicolon_and_arrow():
    assert (comma("ar"), semicolon("ar"), arrow("ar")) == ("، ", "؛ ", " ← ")
    assert (comma("en"), semicolon("en"), arrow("en")) == (", ", "; ", " → ")


def test_summaries_in_arabic_carry_no_latin_separators_or_backward_arrows():
    by_type = {d.qtype: d for d in definitions_of_every_type()}
    for name in ("multiple_response", "matching", "ordering"):
        definition = by_type[name]
        for number, rows in enumerate((definition.choices, definition.pairs, definition.items)):
            for row in rows:
                row.key = row.key or f"k{number}-{id(row)}"
                if hasattr(row, "answer_key"):
                    row.answer_key = row.answer_key or f"a{id(row)}"
        qtype = registry.get(name)
        summary = qtype.summarise(definition, qtype.correct_response(definition), "ar")
        assert summary and ";" not in summary and "→" not in summary and "," not in summary, (name, summary)
        english = qtype.summarise(definition, qtype.correct_response(definition), "en")
        assert "؛" not in english and "←" not in english, (name, english)
