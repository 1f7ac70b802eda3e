"""Teacher reports on a quiz: item statistics as a page and as CSV.

A teacher sees the reports of their own quizzes (a superuser sees all); anyone else, learners included,
gets 404, like every page that is not theirs. The numbers come from `quizzes.statistics`; these views
only choose the attempts (first, or all with ?attempts=all) and render.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from quizzes import statistics
from quizzes.models import Quiz
from quizzes.spreadsheets import csv_writer


def number(value) -> str:
    """Return `value` with one decimal for CSV ("" when undefined); CSV numbers are never localized."""
    return "" if value is None else f"{value:.1f}"


# The thresholds the page explains, as whole numbers.
THRESHOLDS = {
    "too_easy": int(statistics.TOO_EASY),
    "too_hard": int(statistics.TOO_HARD),
    "weak_discrimination": int(statistics.WEAK_DISCRIMINATION),
    "guess_margin": int(statistics.GUESS_MARGIN),
    "language_gap": int(statistics.LANGUAGE_GAP),
    "language_min_answers": statistics.LANGUAGE_MIN_ANSWERS,
    "min_answers": statistics.MIN_ANSWERS,
}


class TeacherQuizMixin(LoginRequiredMixin):
    def get_quiz(self, pk) -> Quiz:
        # A learner owns their generated practice quizzes, but reports are for teachers only.
        if not self.request.user.is_teacher:
            raise Http404
        return get_object_or_404(Quiz.objects.visible_to(self.request.user), pk=pk)

    def wants_all_attempts(self) -> bool:
        return self.request.GET.get("attempts") == "all"

    def wants_versions(self) -> bool:
        return self.request.GET.get("by") == "version"

    def report(self, quiz):
        return statistics.quiz_item_statistics(quiz=quiz, all_attempts=self.wants_all_attempts(),
                                               by_version=self.wants_versions())


class ItemStatisticsView(TeacherQuizMixin, View):
    def get(self, request, pk):
        quiz = self.get_quiz(pk)
        return render(request, "quizzes/reports/item_statistics.html", {
            "quiz": quiz,
            "report": self.report(quiz),
            "all_attempts": self.wants_all_attempts(),
            "by_version": self.wants_versions(),
            "thresholds": THRESHOLDS,
        })


class ItemStatisticsCSVView(TeacherQuizMixin, View):
    def get(self, request, pk):
        quiz = self.get_quiz(pk)
        report = self.report(quiz)
        suffix = "all-attempts" if report.all_attempts else "first-attempts"
        if report.by_version:
            suffix += "-by-version"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.pk}-item-statistics-{suffix}.csv"'
        # A byte-order mark lets spreadsheet programs read the Arabic text as UTF-8.
        response.write("\ufeff")
        writer = csv_writer(response)  # every cell quoted and guarded against formulas
        versions = [_("Version")] if report.by_version else []
        writer.writerow([
            _("Number"), _("Question id"), *versions, _("Question name"), _("Question text"), _("Type"), _("Attempts"),
            _("Facility index (%)"), _("Standard deviation (%)"), _("Random guess score (%)"),
            _("Discrimination index (%)"), _("Discriminative efficiency (%)"), _("Flags"),
        ])
        for item in report.items:
            writer.writerow([
                item.number, item.question_id, *([item.version] if report.by_version else []), item.name, item.text,
                item.type_label, item.count,
                number(item.facility), number(item.sd), number(item.random_guess), number(item.discrimination),
                number(item.efficiency), "; ".join(str(message) for message in item.flag_messages),
            ])
        return response
