"""Which quiz fields django-modeltranslation stores in Arabic and English: every text a learner reads."""

from modeltranslation.translator import TranslationOptions, register

from quizzes.models import (
    AcceptedAnswer,
    Choice,
    GapChoice,
    MatchingPair,
    NumericalAnswer,
    OrderingItem,
    Question,
    QuestionBank,
    QuestionHint,
    Quiz,
)


@register(QuestionBank)
class QuestionBankTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "general_feedback", "explanation")
    required_languages = ()


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text", "feedback")
    required_languages = ()


@register(AcceptedAnswer)
class AcceptedAnswerTranslationOptions(TranslationOptions):
    fields = ("text", "feedback")
    required_languages = ()


@register(NumericalAnswer)
class NumericalAnswerTranslationOptions(TranslationOptions):
    fields = ("feedback",)
    required_languages = ()


@register(MatchingPair)
class MatchingPairTranslationOptions(TranslationOptions):
    fields = ("prompt", "answer")
    required_languages = ()


@register(OrderingItem)
class OrderingItemTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ()


@register(GapChoice)
class GapChoiceTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ()


@register(QuestionHint)
class QuestionHintTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ()


@register(Quiz)
class QuizTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ()
