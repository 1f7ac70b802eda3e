"""Teacher pages for grading essays: a quiz's grading queue and the grading page of one answer.

Moodle's quiz report "manual grading" (mod/quiz/report/grading): a list of the answers to grade (and those
graded, by filter), then one answer at a time with the question, the learner's response, the author's
information for graders, a mark and a comment. Who may grade a quiz's answers is who may see its reports
(`reports.TeacherQuizMixin`: the quiz's owner, a superuser); anyone else gets 404.

The queue's scope is a hook (`GradingScopeMixin`): the classrooms app grades a class's answers across its
assignments with these same views, its own scope and its own URLs. Previous and Next post the form: what was
typed is saved before moving (nothing typed, nothing saved), and an invalid mark shows the page again with
its message and the typed comment.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext as _, gettext_lazy
from django.views import View

from quizzes.display import DisplayOptions
from quizzes.question_types.essay import count_words
from quizzes.question_types.numerical import parse_number
from quizzes.rendering import QUESTION_TEMPLATE, question_context
from quizzes.reports import TeacherQuizMixin
from quizzes.sanitize import html_to_text
from quizzes.services import grading

FILTERS = {
    "to_grade": gettext_lazy("To grade"),
    "graded": gettext_lazy("Graded"),
    "all": gettext_lazy("All"),
}
DEFAULT_FILTER = "to_grade"


class MarkField(forms.Field):
    """A mark typed in either script: Arabic-Indic digits and the Arabic decimal separator (٢٫٥) are read."""

    widget = forms.TextInput

    def to_python(self, value):
        text = str(value or "").strip()[:20]
        if not text:
            return None
        number = parse_number(text)
        if number is None:
            raise forms.ValidationError(_("Type the mark as a number, such as 2.5."), code="not_a_number")
        return number


class GradeForm(forms.Form):
    mark = MarkField(label=gettext_lazy("Mark"), required=False,
                     widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"}))
    comment = forms.CharField(label=gettext_lazy("Comment for the learner"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = points
        self.fields["mark"].help_text = _("From 0 to %(points)s.") % {"points": format(points.normalize(), "f")}

    def clean_mark(self):
        mark = self.cleaned_data["mark"]
        if mark is not None:
            problem = grading.mark_bounds_error(mark, self.points)
            if problem:
                raise problem
        return mark

    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("mark") is None:
            self.add_error("mark", _("Give a mark to save the grade and the comment."))
        return cleaned


def initial_mark(slot) -> Decimal | None:
    """The slot's mark as the field shows it ("2.5", not "2.500"), equal to what typing it again reads."""
    return None if slot.mark is None else Decimal(format(slot.mark.normalize(), "f"))


class GradingScopeMixin(TeacherQuizMixin):
    """A quiz's answers to grade. Override `get_scope`, `scope_slots`, `queue_url`, `slot_url` and
    `scope_context` for another scope (a class)."""

    def get_scope(self, **kwargs):
        return self.get_quiz(kwargs["pk"])

    def scope_slots(self, scope):
        return grading.gradable_slots().filter(attempt__quiz=scope)

    def queue_url(self, scope, show: str) -> str:
        return reverse("quizzes:grading", kwargs={"pk": scope.pk}) + self.query(show)

    def slot_url(self, scope, slot_pk: int, show: str) -> str:
        return reverse("quizzes:grade_slot", kwargs={"pk": scope.pk, "slot_pk": slot_pk}) + self.query(show)

    def scope_context(self, scope) -> dict:
        return {"quiz": scope, "scope_title": scope.title, "scope_url": scope.get_absolute_url()}

    @staticmethod
    def query(show: str) -> str:
        return "?" + urlencode({"show": show}) if show != DEFAULT_FILTER else ""

    def show(self) -> str:
        show = self.request.GET.get("show", DEFAULT_FILTER)
        return show if show in FILTERS else DEFAULT_FILTER

    def filtered(self, slots, show: str):
        if show == "to_grade":
            return grading.waiting(slots)
        if show == "graded":
            return slots.filter(fraction__isnull=False)
        return slots

    @staticmethod
    def ordered(slots):
        return slots.order_by("attempt__finished_at", "attempt_id", "position")


class GradingQueueView(GradingScopeMixin, View):
    template_name = "quizzes/grading/queue.html"

    def get(self, request, **kwargs):
        scope = self.get_scope(**kwargs)
        show = self.show()
        language = get_language()
        slots = self.ordered(self.filtered(self.scope_slots(scope), show)).select_related(
            "attempt__learner", "attempt__quiz").annotate(
            question_name=KeyTextTransform("name", "version__definition"),
            question_text=KeyTextTransform(language, KeyTransform("text", "version__definition")),
            question_text_other=KeyTextTransform("en" if language == "ar" else "ar",
                                                 KeyTransform("text", "version__definition")))
        rows = [{
            "slot": slot,
            "learner": slot.attempt.learner.get_full_name() or slot.attempt.learner.get_username(),
            "question": slot.question_name or _excerpt(slot.question_text or slot.question_text_other or ""),
            "url": self.slot_url(scope, slot.pk, show),
        } for slot in slots]
        waiting = grading.waiting(self.scope_slots(scope)).count()
        return render(request, self.template_name, {
            **self.scope_context(scope), "rows": rows, "show": show, "waiting": waiting,
            "filters": [(name, label, self.queue_url(scope, name)) for name, label in FILTERS.items()],
        })


def _excerpt(html: str) -> str:
    text = " ".join(html_to_text(html).split())
    return text if len(text) <= 80 else text[:79] + "…"


class SlotGradeView(GradingScopeMixin, View):
    template_name = "quizzes/grading/grade.html"

    def get(self, request, **kwargs):
        scope = self.get_scope(**kwargs)
        slot = self.get_slot(scope, kwargs["slot_pk"])
        form = GradeForm(points=slot.points, initial={"mark": initial_mark(slot), "comment": slot.comment})
        return self.page(scope, slot, form)

    def post(self, request, **kwargs):
        scope = self.get_scope(**kwargs)
        slot = self.get_slot(scope, kwargs["slot_pk"])
        go = request.POST.get("go", "save")
        show = self.show()
        form = GradeForm(request.POST, points=slot.points,
                         initial={"mark": initial_mark(slot), "comment": slot.comment})
        moving = go in ("next", "previous")
        if not (moving and not form.has_changed()):
            if not form.is_valid():
                return self.page(scope, slot, form, status=400)
            grading.slot_grade(slot=slot, mark=form.cleaned_data["mark"], comment=form.cleaned_data["comment"],
                               grader=request.user, now=timezone.now())
            messages.success(request, _("The grade is saved."))
        if go == "save":
            return redirect(self.slot_url(scope, slot.pk, show))
        previous, following = self.neighbours(scope, slot, show)
        target = previous if go == "previous" else following
        if target is None:
            if go != "previous":
                messages.info(request, _("That was the last answer in this list."))
            return redirect(self.queue_url(scope, show))
        return redirect(self.slot_url(scope, target, show))

    def get_slot(self, scope, slot_pk):
        slots = self.scope_slots(scope).select_related("attempt__quiz", "attempt__learner", "graded_by")
        return get_object_or_404(slots, pk=slot_pk)

    def neighbours(self, scope, slot, show: str) -> tuple[int | None, int | None]:
        """The answers before and after `slot` in the list the teacher came from (`show`), in its order."""
        order = list(self.ordered(self.scope_slots(scope)).values_list("pk", flat=True))
        listed = set(self.filtered(self.scope_slots(scope), show).values_list("pk", flat=True))
        here = order.index(slot.pk) if slot.pk in order else -1
        before = [pk for pk in order[:max(here, 0)] if pk in listed]
        after = [pk for pk in order[here + 1:] if pk in listed]
        return (before[-1] if before else None), (after[0] if after else None)

    def page(self, scope, slot, form, status=200):
        show = self.show()
        previous, following = self.neighbours(scope, slot, show)
        question = render_to_string(QUESTION_TEMPLATE, question_context(
            slot.definition, display=DisplayOptions.everything(), language=get_language(), mode="review", slot=slot,
            field_name=f"q{slot.position}", disabled=True, teacher=True), request=self.request)
        learner = slot.attempt.learner
        return render(self.request, self.template_name, {
            **self.scope_context(scope), "slot": slot, "attempt": slot.attempt, "form": form, "question": question,
            "learner": learner.get_full_name() or learner.get_username(), "words": count_words(slot.response or ""),
            "show": show, "queue_url": self.queue_url(scope, show),
            "has_previous": previous is not None, "has_next": following is not None,
        }, status=status)


__all__ = ["GradeForm", "GradingQueueView", "GradingScopeMixin", "SlotGradeView"]
