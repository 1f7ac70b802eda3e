"""Learner pages: the quiz list, a quiz's start page, the attempt, its submit page and its review.

Views parse input, call one service, render. Every attempt URL looks the attempt up among the
learner's own attempts, so anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils import translation
from django.utils.translation import get_language, gettext as _
from django.views import View
from django.views.generic import ListView

from history.models import Topic
from quizzes.behaviours import behaviour_for
from quizzes.display import DisplayOptions
from quizzes.models import Attempt, Navigation, QuestionsPerPage, QuestionVersion, Quiz
from quizzes.models.attempt import number_slots
from quizzes.policies import policy_for
from quizzes.behaviours import cbm_summary
from quizzes.rendering import (
    QUESTION_TEMPLATE,
    attempt_display,
    navigator,
    render_review,
    render_slots,
    slot_context,
)
from quizzes.services import attempts as service
from quizzes.services.generation import practice_quiz_start


class QuizListView(LoginRequiredMixin, ListView):
    template_name = "quizzes/quiz_list.html"
    context_object_name = "quizzes"

    def get_queryset(self):
        now, user = timezone.now(), self.request.user
        mine = Attempt.objects.of(user).order_by("number")
        quizzes = Quiz.objects.listed_for(user).select_related("topic").prefetch_related(
            Prefetch("attempts", queryset=mine, to_attr="my_attempts")
        )
        # "Open" means what starting allows (Quiz.objects.open_for), so the list never offers what the start refuses.
        open_ids = set(Quiz.objects.open_for(user, now).values_list("pk", flat=True))
        later_ids = set(Quiz.objects.opening_later_for(user, now).values_list("pk", flat=True))
        rows = []
        for quiz in quizzes:
            is_open = quiz.pk in open_ids
            upcoming = not is_open and (bool(quiz.opens_at and now < quiz.opens_at) or quiz.pk in later_ids)
            if not (is_open or upcoming or quiz.my_attempts):
                continue  # closed, and nothing of the learner's to look back at
            rows.append({
                "quiz": quiz, "grade": service.quiz_grade(quiz=quiz, attempts=quiz.my_attempts),
                "display": DisplayOptions.for_grade(quiz, now), "is_open": is_open, "upcoming": upcoming,
                "in_progress": any(a.is_in_progress for a in quiz.my_attempts),
            })
        return rows


def class_start_problem(*, quiz: Quiz, learner, now) -> str | None:
    """Why `learner` may not start `quiz` at `now` although the quiz itself is open: a class-only quiz starts only
    while an assignment to their class is open. None when nothing stands in the way."""
    if quiz.is_open_for(learner, now):
        return None
    if policy_for(quiz=quiz, learner=learner, now=now).open_for_learner:  # an override's own dates
        return None
    opening = quiz.class_opening_for(learner, now)
    if opening is not None:
        return _("Your class may start this quiz from %(date)s.") % {
            "date": formats.date_format(timezone.localtime(opening), "DATETIME_FORMAT")}
    return _("This quiz is closed for your class: its assignment is over.")


class QuizDetailView(LoginRequiredMixin, View):
    """The start page: the rules in plain words, then Start (or Continue)."""

    def get_quiz(self, pk):
        quiz = Quiz.available(self.request.user, pk)
        if quiz is None:
            raise Http404
        return quiz

    def start_problem(self, quiz, now, used=None, policy=None) -> str | None:
        user = self.request.user
        return (service.quiz_start_problem(quiz=quiz, learner=user, now=now, used=used, policy=policy)
                or class_start_problem(quiz=quiz, learner=user, now=now))

    def context(self, quiz):
        now = timezone.now()
        attempts = Attempt.of_learner_at_quiz(self.request.user, quiz.pk)
        in_progress = next((a for a in attempts if a.is_in_progress), None)
        policy = policy_for(quiz=quiz, learner=self.request.user, now=now)  # accommodations and overrides
        return {
            "quiz": quiz,
            "attempts": attempts,
            "in_progress": in_progress,
            "grade": service.quiz_grade(quiz=quiz, attempts=attempts),
            "display": DisplayOptions.for_grade(quiz, now),
            "problem": None if in_progress else self.start_problem(quiz, now, used=len(attempts), policy=policy),
            "attempts_left": max(policy.attempts_allowed - len(attempts), 0) if policy.attempts_allowed else None,
            "behaviour": behaviour_for(quiz),
            "time_limit_minutes": int(policy.time_limit.total_seconds() // 60) if policy.time_limit else None,
            "policy_notes": policy.notes(),  # the learner's own accommodations, said to them alone
            "overdue_rule": quiz.overdue_rule(),
            # A teacher's links: the quiz's item statistics, and hosting it as a live game (not a practice quiz).
            "teacher_tools": quiz.practice_for_id is None and self.request.user.is_teacher,
        }

    def get(self, request, pk):
        return render(request, "quizzes/quiz_detail.html", self.context(self.get_quiz(pk)))

    def post(self, request, pk):
        quiz = self.get_quiz(pk)
        now = timezone.now()
        try:
            # attempt_start knows the quiz's own dates, not classes: the class window is checked here first.
            problem = class_start_problem(quiz=quiz, learner=request.user, now=now)
            if problem:
                raise service.AttemptRefused(problem)
            attempt = service.attempt_start(quiz=quiz, learner=request.user, now=now, language=get_language())
        except service.AttemptRefused as refusal:
            messages.error(request, str(refusal))
            return render(request, "quizzes/quiz_detail.html", self.context(quiz), status=409)
        return redirect(attempt)


class PracticeStartView(LoginRequiredMixin, View):
    """Start a practice quiz generated from a topic's events (from the timeline page)."""

    def get(self, request, slug):
        # After logging in, the login page sends the learner here with GET: back to the timeline.
        return redirect(get_object_or_404(Topic.objects.published(), slug=slug))

    def post(self, request, slug):
        topic = get_object_or_404(Topic.objects.published(), slug=slug)
        try:
            attempt = practice_quiz_start(topic=topic, learner=request.user, now=timezone.now(),
                                          language=get_language())
        except service.AttemptRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(topic)
        return redirect(attempt)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


class AttemptMixin(LoginRequiredMixin):
    def get_attempt(self, pk) -> Attempt:
        attempt = Attempt.of_learner_with_quiz(self.request.user, pk)
        if attempt is None:  # not the learner's, or drawn ahead and not started
            raise Http404
        return attempt

    def close_if_time_is_up(self, attempt, now) -> None:
        """Opening a page of an attempt whose time to submit is over closes it, as its quiz says, and tells how."""
        if not service.attempt_close_if_overdue(attempt=attempt, now=now, opening=True):
            return
        if attempt.is_abandoned:
            messages.warning(self.request, _("Time ran out before this attempt was submitted: it does not count."))
        else:
            messages.info(self.request, _("Time ran out: your attempt was submitted with the answers you had saved."))


class AttemptView(AttemptMixin, View):
    def get(self, request, pk):
        attempt = self.get_attempt(pk)
        now = timezone.now()
        self.close_if_time_is_up(attempt, now)
        if not attempt.is_in_progress:
            return redirect("quizzes:review", pk=attempt.pk)
        # The questions' HTML mostly comes from the cache: their versions are read only if one is rendered.
        slots = number_slots(attempt.slot_list(versions=False))
        behaviour = behaviour_for(attempt.quiz)
        page = self.page(request, attempt, slots)
        shown = slots if attempt.quiz.questions_per_page == QuestionsPerPage.ALL else [slots[page]]
        questions = [slot for slot in slots if slot.number]  # descriptions are not answered
        answered = sum(1 for slot in questions if slot.is_answered)
        return render(request, "quizzes/attempt.html", {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "slots": slots,
            "question_count": len(questions),
            "questions": render_slots(request, shown, attempt=attempt, language=get_language(), total=len(slots),
                                      now=now),
            "page": page,
            "navigator": navigator(slots, attempt=attempt, now=now),
            "pages": len(slots) if attempt.quiz.questions_per_page == QuestionsPerPage.ONE else 1,
            "answered": answered,
            "progress": round(100 * answered / len(questions)) if questions else 0,
            "seconds_left": attempt.seconds_left(now),
            # The quiz's grace period: the answers are shown, not changed; the page offers Submit only.
            "read_only": attempt.in_grace_period(now),
            "behaviour": behaviour,
            "sequential": attempt.quiz.navigation == Navigation.SEQUENTIAL,
        })

    def page(self, request, attempt, slots) -> int:
        if attempt.quiz.questions_per_page == QuestionsPerPage.ALL:
            return 0
        try:
            page = int(request.GET.get("page", 0))
        except ValueError:
            page = 0
        page = max(0, min(page, len(slots) - 1))
        if attempt.quiz.navigation == Navigation.SEQUENTIAL:
            # Forward only: a learner cannot go back before the first unlocked question they reached.
            reached = max((s.position for s in slots if s.answered_at), default=0)
            page = max(page, reached)
        return page


class AnswerView(AttemptMixin, View):
    """Save one response (htmx autosave, or an ordinary form post without JavaScript), with its certainty under
    certainty-based marking; "check" checks it, "try_again" leaves a question's try-again state (several tries)."""

    def post(self, request, pk, position):
        # Two reads, the attempt with its quiz and the attempt's slots: the reply's counter and navigator are
        # drawn from the same slots, with this answer in place, instead of reading them again after the save.
        attempt = self.get_attempt(pk)  # 404 when the attempt is not the learner's
        slots = attempt.slot_list(versions=False)
        slot = next((slot for slot in slots if slot.position == position), None)
        if slot is None:
            return HttpResponseBadRequest(_("This question is not part of the attempt."))
        QuestionVersion.cached([slot.version_id])  # the one question answered: the counter needs only the types
        now = timezone.now()
        raw = slot.question_type.raw_from_form(request.POST, f"q{position}")
        # Only a type graded by `grade` is checked: an essay (graded by a teacher) or a description is saved.
        check = request.POST.get("action") == "check" and slot.question_type.grades_automatically
        try_again = request.POST.get("action") == "try_again"
        error = None
        try:
            certainty = service.clean_certainty(request.POST.get(f"q{position}-certainty"))
            if try_again:
                slot = service.attempt_try_again(attempt=attempt, position=position, now=now)
            elif check:
                slot = service.attempt_check(attempt=attempt, position=position, raw=raw, now=now,
                                             language=get_language())
            else:
                slot = service.attempt_save_response(attempt=attempt, position=position, raw=raw, now=now,
                                                     language=get_language(), slot=slot, certainty=certainty)
        except service.ResponseRefused as refusal:
            return HttpResponseBadRequest(str(refusal))
        except service.QuestionLocked as locked:  # checked in another tab: this answer stays as it was
            error = str(locked)
            slot.refresh_from_db()
        except service.AttemptRefused as refusal:
            # Closed: its review. Still open in the quiz's grace period: the attempt page, read-only, to submit.
            target = (reverse("quizzes:attempt", kwargs={"pk": attempt.pk}) if attempt.is_in_progress
                      else reverse("quizzes:review", kwargs={"pk": attempt.pk}))
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            messages.error(request, str(refusal))
            return redirect(target)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        if is_htmx(request):
            slots = [slot if each.position == position else each for each in slots]
            header = self.header_context(attempt, slots, position=position, now=now)
            if check or try_again:
                context = slot_context(slot, attempt=attempt, language=get_language(),
                                       base=attempt_display(attempt, now), error=error)
                return HttpResponse(render_to_string(QUESTION_TEMPLATE, context, request)
                                    + render_to_string("quizzes/_attempt_header_oob.html", header))
            # Without the request: the status and the header need none of the site's context processors.
            return HttpResponse(render_to_string("quizzes/_save_status.html",
                                                 {"error": error, "saved_at": now, **header}))
        if error:
            messages.error(request, error)
            return redirect(f"{attempt.get_absolute_url()}?page={position}")
        target = request.POST.get("next")
        if target == "submit":
            return redirect("quizzes:submit", pk=attempt.pk)
        page = position + 1 if target == "next" else position
        return redirect(f"{attempt.get_absolute_url()}?page={page}#q{page}")

    def header_context(self, attempt, slots, *, position, now) -> dict:
        """The attempt page's counter, progress bar and navigator after this answer (`slots`: all of the
        attempt's, this answer's as saved), for the reply to swap out of band
        (templates/quizzes/_attempt_header_oob.html): the page the learner is on shows `position`."""
        slots = number_slots(slots)
        questions = [slot for slot in slots if slot.number]  # descriptions are not answered
        answered = sum(1 for slot in questions if slot.is_answered)
        one_per_page = attempt.quiz.questions_per_page == QuestionsPerPage.ONE
        return {
            "attempt": attempt,
            "question_count": len(questions),
            "answered": answered,
            "progress": round(100 * answered / len(questions)) if questions else 0,
            "pages": len(slots) if one_per_page else 1,
            "navigator": navigator(slots, attempt=attempt, now=now) if one_per_page else [],
            "page": position,
            "sequential": attempt.quiz.navigation == Navigation.SEQUENTIAL,
        }


class SlotLanguageView(AttemptMixin, View):
    """Show one question in the other language to check a word; recorded on the response."""

    def get(self, request, pk, position, language):
        attempt = self.get_attempt(pk)
        slot = get_object_or_404(attempt.slots, position=position)
        if language not in ("ar", "en"):
            return HttpResponseBadRequest()
        if language != get_language():
            service.attempt_record_language_switch(slot=slot)
        if not is_htmx(request):
            with translation.override(language):
                return redirect(f"{attempt.get_absolute_url()}?page={position}")
        context = slot_context(slot, attempt=attempt, language=language,
                               base=attempt_display(attempt, timezone.now()))
        return render(request, QUESTION_TEMPLATE, context)


class SubmitView(AttemptMixin, View):
    def get(self, request, pk):
        attempt = self.get_attempt(pk)
        now = timezone.now()
        self.close_if_time_is_up(attempt, now)
        if not attempt.is_in_progress:
            return redirect("quizzes:review", pk=attempt.pk)
        slots = [slot for slot in number_slots(attempt.slot_list(versions=False)) if slot.number]
        return render(request, "quizzes/submit.html", {
            "attempt": attempt, "quiz": attempt.quiz,
            "unanswered": [slot for slot in slots if not slot.is_answered], "total": len(slots),
            "in_grace_period": attempt.in_grace_period(now),
            "overdue_rule": attempt.quiz.overdue_rule() if attempt.deadline else None,
        })

    def post(self, request, pk):
        attempt = self.get_attempt(pk)
        service.attempt_submit(attempt=attempt, now=timezone.now())  # too late: closed as the quiz says
        if attempt.is_abandoned:
            messages.warning(request, _("Time ran out before this attempt was submitted: it does not count."))
        return redirect("quizzes:review", pk=attempt.pk)


class ReviewView(AttemptMixin, View):
    def get(self, request, pk):
        attempt = self.get_attempt(pk)
        now = timezone.now()
        service.attempt_close_if_overdue(attempt=attempt, now=now, opening=True)  # the page says how it closed
        if attempt.is_in_progress:
            return redirect(attempt)
        quiz = attempt.quiz
        display = DisplayOptions.for_review(quiz, now)
        slots = attempt.slot_list()
        questions = render_review(slots, display=display, language=get_language())
        behaviour = behaviour_for(quiz)
        return render(request, "quizzes/review.html", {
            "attempt": attempt, "quiz": quiz, "questions": questions, "display": display,
            "cbm": cbm_summary(slots) if behaviour.asks_certainty and display.marks else None,
            "grade": service.quiz_grade(quiz=quiz, attempts=Attempt.of_learner_at_quiz(request.user, quiz.pk)),
        })
