"""The learner's dashboard, practice of weak events and spaced review. A learner sees only their own."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_bidi, gettext as _
from django.views import View

from history.models import Event
from progress import charts, services
from quizzes.services.attempts import AttemptRefused
from quizzes.services.generation import practice_quiz_start


class DashboardView(LoginRequiredMixin, View):
    def get(self, request):
        now = timezone.now()
        learner = request.user
        services.review_cards_sync(learner=learner, now=now)
        history = services.grade_history(learner, now)
        # Review sessions are practice on the learner's cards, not quizzes they chose: they stay out of the quiz
        # attempts and the grade chart, and the review card counts them instead.
        attempts = [row for row in history if not row.is_review_session]
        charted = [row for row in attempts if row.on_chart][-30:]
        quizzes = {row.attempt.quiz_id: row.attempt.quiz for row in history}  # read once, for what may show
        events, topics = services.mastery_by_event_and_topic(learner, now=now, quizzes=quizzes)
        labels = [formats.date_format(timezone.localtime(row.finished_at), "SHORT_DATE_FORMAT") for row in charted]
        chart = charts.line_chart([float(row.percent) for row in charted], labels, rtl=get_language_bidi())
        return render(request, "progress/dashboard.html", {
            "history": list(reversed(attempts)),
            "chart": chart,
            "chart_rows": list(zip(labels, charted)),
            "topics": charts.bar_rows(topics),
            "events": charts.bar_rows(events),
            "weakest": services.weakest_events(events),
            "review": services.review_outlook(learner, now, quizzes=quizzes),
            "review_sessions_this_week": services.review_sessions_since(history, now - datetime.timedelta(days=7)),
            "streak": services.streak_days(learner, now.date()),
        })


class PractiseWeakEventsView(LoginRequiredMixin, View):
    """Start a generated practice quiz on the learner's weakest events."""

    def post(self, request):
        slugs = request.POST.getlist("event")[:10]
        events = list(Event.objects.published().filter(slug__in=slugs).select_related("topic"))
        if not events:
            messages.error(request, _("Choose at least one event to practise."))
            return redirect("progress:dashboard")
        topic = events[0].topic
        try:
            attempt = practice_quiz_start(topic=topic, learner=request.user, now=timezone.now(),
                                          language=get_language(), events=[e for e in events if e.topic_id == topic.pk])
        except AttemptRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("progress:dashboard")
        return redirect(attempt)


class ReviewStartView(LoginRequiredMixin, View):
    def post(self, request):
        attempt = services.review_session_start(learner=request.user, now=timezone.now(), language=get_language())
        if attempt is None:
            messages.info(request, _("Nothing is due for review right now. Well done!"))
            return redirect("progress:dashboard")
        return redirect(attempt)
