from modeltranslation.translator import translator

from history.models import Event, Participation, Person, Topic


def test_every_text_field_is_registered_for_arabic_and_english():
    expected = {
        Topic: {"title", "summary"},
        Event: {"title", "summary", "description", "place"},
        Person: {"name", "description"},
        Participation: {"role"},
    }
    for model, fields in expected.items():
        options = translator.get_options_for_model(model)
        assert set(options.fields) == fields
        for field in fields:
            for code in ("ar", "en"):
                model._meta.get_field(f"{field}_{code}")
