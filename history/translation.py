"""Which fields django-modeltranslation stores in Arabic and English."""

from modeltranslation.translator import TranslationOptions, register

from history.models import Event, Participation, Person, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ()


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "place")
    required_languages = ()


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Participation)
class ParticipationTranslationOptions(TranslationOptions):
    fields = ("role",)
    required_languages = ()
