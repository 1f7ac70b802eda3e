"""Class pages. Teachers: their classes, a class (code, members, assignments), the gradebook and its
exports, and their learners' attempt reviews. Learners: joining a class and their assignments.

Teacher pages answer 404 to anyone who is not a teacher, and every object is looked up among the
teacher's own classes, so another teacher's class, gradebook, export or learner is a 404 too.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, get_language_bidi, gettext as _
from django.views import View

from accounts import throttling
from classrooms import class_accounts, exports, services
from classrooms.forms import (
    AccommodationForm,
    AssignmentForm,
    ClassAccountsForm,
    ClassroomForm,
    CodeRenewForm,
    JoinForm,
    OverrideForm,
)
from classrooms.gradebook import Gradebook, display_name
from classrooms.models import (
    Accommodation,
    Assignment,
    AssignmentOverride,
    Classroom,
    Membership,
    assignment_results,
    submitted_at,
)
from quizzes.models import Attempt, Quiz
from quizzes.display import DisplayOptions
from quizzes.grading import GradingQueueView, SlotGradeView
from quizzes.behaviours import behaviour_for, cbm_summary
from quizzes.rendering import render_review
from quizzes.services import grading


class TeacherRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_teacher:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_classroom(self, pk) -> Classroom:
        return get_object_or_404(Classroom.objects.visible_to(self.request.user), pk=pk)


# --- teachers ------------------------------------------------------------------------------------
class TeachingView(TeacherRequiredMixin, View):
    """The teacher's classes, and a form to create one."""

    def get(self, request, form=None):
        classrooms = Classroom.objects.taught_by(request.user).annotate(
            members=Count("memberships", distinct=True), assignment_count=Count("assignments", distinct=True)
        )
        return render(request, "classrooms/teaching.html", {
            "classrooms": classrooms, "form": form or ClassroomForm(),
        }, status=400 if form else 200)

    def post(self, request):
        form = ClassroomForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            classroom = services.classroom_create(teacher=request.user, name=form.cleaned_data["name"])
        except ValidationError as invalid:
            form.add_error(None, invalid)
            return self.get(request, form=form)
        messages.success(request, _("Class “%(name)s” created. Give your learners its code.") % {"name": classroom.name})
        return redirect(classroom)


class ClassroomView(TeacherRequiredMixin, View):
    """One class: its join code and link, its members and its assignments."""

    def get(self, request, pk, assignment_form=None, code_form=None):
        classroom = self.get_classroom(pk)
        now = timezone.now().replace(second=0, microsecond=0)
        memberships = sorted(classroom.memberships.select_related("learner", "accommodation"),
                             key=lambda m: (display_name(m.learner).casefold(), m.learner.get_username()))
        return render(request, "classrooms/classroom_detail.html", {
            "classroom": classroom,
            "join_url": request.build_absolute_uri(classroom.get_join_url()),
            "code_expired": classroom.code_has_expired(timezone.now()),
            "memberships": [(m, display_name(m.learner), accommodation_form(m)) for m in memberships],
            "assignments": classroom.assignments.select_related("quiz").annotate(override_count=Count("overrides")),
            "assignment_form": assignment_form or AssignmentForm(
                teacher=request.user, initial={"opens_at": now, "due_at": now + timedelta(days=7)}
            ),
            "code_form": code_form or CodeRenewForm(),
            "now": timezone.now(),
            "to_grade": grading.waiting(class_gradable_slots(classroom)).count(),
        }, status=400 if assignment_form or code_form else 200)


class AssignmentCreateView(ClassroomView):
    def post(self, request, pk):
        classroom = self.get_classroom(pk)
        form = AssignmentForm(request.POST, teacher=request.user)
        if form.is_valid():
            try:
                assignment = services.assignment_create(classroom=classroom, teacher=request.user, **form.cleaned_data)
            except ValidationError as invalid:
                form.add_error(None, invalid)
            else:
                messages.success(request, _("“%(quiz)s” is assigned to the class.") % {"quiz": assignment.quiz.title})
                return redirect(classroom)
        return self.get(request, pk, assignment_form=form)


class CodeRenewView(ClassroomView):
    def post(self, request, pk):
        classroom = self.get_classroom(pk)
        form = CodeRenewForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, code_form=form)
        services.classroom_code_renew(classroom=classroom, teacher=request.user,
                                      code_expires_at=form.cleaned_data["code_expires_at"])
        messages.success(request, _("The class has a new code: %(code)s. The old code no longer works.")
                         % {"code": classroom.join_code})
        return redirect(classroom)


class MemberRemoveView(TeacherRequiredMixin, View):
    """GET asks for confirmation; POST removes the learner (their attempts are kept)."""

    def get_membership(self, pk, learner_pk) -> Membership:
        classroom = self.get_classroom(pk)
        return get_object_or_404(classroom.memberships.select_related("learner", "classroom"), learner_id=learner_pk)

    def get(self, request, pk, learner_pk):
        membership = self.get_membership(pk, learner_pk)
        return render(request, "classrooms/member_remove.html", {
            "membership": membership, "classroom": membership.classroom, "name": display_name(membership.learner),
        })

    def post(self, request, pk, learner_pk):
        membership = self.get_membership(pk, learner_pk)
        services.membership_remove(classroom=membership.classroom, learner=membership.learner, teacher=request.user)
        messages.success(request, _("%(name)s is no longer in the class.") % {"name": display_name(membership.learner)})
        return redirect(membership.classroom)


def sign_in_cards(request, classroom, cards):
    """The printable sign-in cards: the only response that ever holds these passwords, so never stored."""
    response = render(request, "classrooms/sign_in_cards.html", {
        "classroom": classroom, "cards": cards, "sign_in_url": request.build_absolute_uri(reverse("login")),
    })
    add_never_cache_headers(response)
    return response


class ClassAccountsView(TeacherRequiredMixin, View):
    """Make the accounts of a class from its list of names: "Preview" shows the plan and its problems and
    writes nothing; "Create" carries out the same plan, all or nothing, and answers with the sign-in cards."""

    def render_form(self, request, classroom, form, plan=None, status=200):
        return render(request, "classrooms/class_accounts.html", {
            "classroom": classroom, "form": form, "plan": plan, "max_accounts": class_accounts.MAX_ACCOUNTS,
        }, status=status)

    def get(self, request, pk):
        return self.render_form(request, self.get_classroom(pk), ClassAccountsForm())

    def post(self, request, pk):
        classroom = self.get_classroom(pk)
        form = ClassAccountsForm(request.POST)
        if not form.is_valid():
            return self.render_form(request, classroom, form, status=400)
        names = form.cleaned_data["names"]
        if request.POST.get("action") == "create":
            try:
                cards = class_accounts.class_accounts_create(classroom=classroom, teacher=request.user, names=names,
                                                             now=timezone.now())
            except ValidationError:
                pass  # refused as the preview refuses: the plan below shows why
            except IntegrityError:
                messages.error(request, _("Someone took one of these usernames while the accounts were being made, "
                                          "so none was made. Check the new usernames and create the accounts again."))
            else:
                return sign_in_cards(request, classroom, cards)
        plan = class_accounts.class_accounts_plan(classroom=classroom, names=names)
        return self.render_form(request, classroom, form, plan, status=400 if plan.refused else 200)


class PasswordResetView(TeacherRequiredMixin, View):
    """GET asks for confirmation; POST gives a class-made account a new password, shown once on its card."""

    def get_membership(self, pk, learner_pk) -> Membership:
        return class_accounts.managed_membership(classroom=self.get_classroom(pk), learner_pk=learner_pk)

    def get(self, request, pk, learner_pk):
        membership = self.get_membership(pk, learner_pk)
        return render(request, "classrooms/password_reset.html", {
            "membership": membership, "classroom": membership.classroom, "name": display_name(membership.learner),
        })

    def post(self, request, pk, learner_pk):
        membership = self.get_membership(pk, learner_pk)
        card = class_accounts.class_account_password_reset(membership=membership, teacher=request.user)
        return sign_in_cards(request, membership.classroom, [card])


class GradebookView(TeacherRequiredMixin, View):
    def get(self, request, pk):
        classroom = self.get_classroom(pk)
        gradebook = Gradebook.build(classroom, timezone.now())
        return render(request, "classrooms/gradebook.html", {
            "classroom": classroom, "gradebook": gradebook, "summaries": gradebook.summaries(),
            "to_grade": grading.waiting(class_gradable_slots(classroom)).count(),
        })


class GradebookExportView(TeacherRequiredMixin, View):
    CONTENT_TYPES = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    def get(self, request, pk, format):
        classroom = self.get_classroom(pk)
        gradebook = Gradebook.build(classroom, timezone.now())
        if not gradebook.rows:
            messages.error(request, _("“%(name)s” has no learners yet, so there is nothing to export.")
                           % {"name": classroom.name})
            return redirect("classrooms:gradebook", pk=classroom.pk)
        if not gradebook.assignments:
            messages.error(request, _("“%(name)s” has no assignments yet, so there is nothing to export.")
                           % {"name": classroom.name})
            return redirect("classrooms:gradebook", pk=classroom.pk)
        if format == "csv":
            content = exports.gradebook_csv(gradebook)
        else:
            content = exports.gradebook_xlsx(gradebook, rtl=get_language_bidi())
        response = HttpResponse(content, content_type=self.CONTENT_TYPES[format])
        filename = f"gradebook-{classroom.pk}-{timezone.localdate():%Y-%m-%d}.{format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class AttemptReviewView(TeacherRequiredMixin, View):
    """A learner's finished attempt, with the key, for the teacher of a class it was assigned in."""

    def get_attempt(self, pk) -> Attempt:
        assigned = Assignment.objects.filter(
            classroom__in=Classroom.objects.visible_to(self.request.user),
            quiz_id=OuterRef("quiz_id"),
            classroom__memberships__learner_id=OuterRef("learner_id"),
        )
        return get_object_or_404(
            Attempt.objects.finished().filter(Exists(assigned)).select_related("quiz", "learner"), pk=pk
        )

    def get(self, request, pk):
        attempt = self.get_attempt(pk)
        # The teacher of the class sees everything the question holds, as its author would.
        slots = list(attempt.slots.all())
        questions = render_review(slots, display=DisplayOptions.everything(), language=get_language(), teacher=True)
        assignments = Assignment.objects.filter(
            classroom__in=Classroom.objects.visible_to(request.user), quiz=attempt.quiz,
            classroom__memberships__learner=attempt.learner,
        ).select_related("classroom", "quiz")
        when = submitted_at(attempt)
        return render(request, "classrooms/attempt_review.html", {
            "attempt": attempt, "quiz": attempt.quiz, "questions": questions, "name": display_name(attempt.learner),
            "cbm": cbm_summary(slots) if behaviour_for(attempt.quiz).asks_certainty else None,
            "assignments": [(a, when > a.due_at) for a in assignments],
        })


def class_gradable_slots(classroom: Classroom):
    """The essays a class's teacher grades: its members' answers at the quizzes assigned to it."""
    assigned = Assignment.objects.filter(classroom=classroom, quiz_id=OuterRef("attempt__quiz_id"))
    member = Membership.objects.filter(classroom=classroom, learner_id=OuterRef("attempt__learner_id"))
    return grading.gradable_slots().filter(Exists(assigned), Exists(member))


class ClassGradingMixin(TeacherRequiredMixin):
    """The grading queue of a class across its assignments, through the quizzes grading views
    (quizzes/grading.py); the class's teacher grades there, as they read their learners' attempts."""

    def get_scope(self, **kwargs):
        return self.get_classroom(kwargs["pk"])

    def scope_slots(self, classroom):
        return class_gradable_slots(classroom)

    def queue_url(self, classroom, show: str) -> str:
        return reverse("classrooms:grading", kwargs={"pk": classroom.pk}) + self.query(show)

    def slot_url(self, classroom, slot_pk: int, show: str) -> str:
        return reverse("classrooms:grade_slot", kwargs={"pk": classroom.pk, "slot_pk": slot_pk}) + self.query(show)

    def scope_context(self, classroom) -> dict:
        return {"classroom": classroom, "scope_title": classroom.name, "scope_url": classroom.get_absolute_url()}


class ClassGradingQueueView(ClassGradingMixin, GradingQueueView):
    pass


class ClassSlotGradeView(ClassGradingMixin, SlotGradeView):
    pass


# --- learners ------------------------------------------------------------------------------------
class JoinView(LoginRequiredMixin, View):
    """Join a class with its code: typed in the form, or from the join link (which asks to confirm).

    Refused codes are counted per learner and per address (accounts.throttling); past the limit every code,
    the right one too, waits, so guessing cannot tell a hit from a miss.
    """

    def throttled(self, request, form):
        return render(request, "classrooms/join.html", {"form": form, "error": throttling.too_many_attempts()},
                      status=throttling.TOO_MANY_REQUESTS)

    def get(self, request, code=None):
        if code is None:
            return render(request, "classrooms/join.html", {"form": JoinForm()})
        form = JoinForm(initial={"code": code})
        if throttling.limit_reached(request, throttling.JOIN_CODE_REFUSALS):
            return self.throttled(request, form)
        try:
            classroom = services.classroom_for_code(code=code, learner=request.user, now=timezone.now())
        except services.JoinRefused as refusal:
            throttling.limit_count(request, throttling.JOIN_CODE_REFUSALS)
            return render(request, "classrooms/join.html", {"form": form, "error": str(refusal)}, status=404)
        already = classroom.memberships.filter(learner=request.user).exists()
        return render(request, "classrooms/join.html", {
            "form": form, "classroom": classroom, "teacher_name": display_name(classroom.teacher), "already": already,
        })

    def post(self, request, code=None):
        form = JoinForm(request.POST)
        if throttling.limit_reached(request, throttling.JOIN_CODE_REFUSALS):
            return self.throttled(request, form)
        if not form.is_valid():
            return render(request, "classrooms/join.html", {"form": form}, status=400)
        try:
            membership, created = services.classroom_join(
                learner=request.user, code=form.cleaned_data["code"], now=timezone.now()
            )
        except services.JoinRefused as refusal:
            throttling.limit_count(request, throttling.JOIN_CODE_REFUSALS)
            form.add_error("code", str(refusal))
            return render(request, "classrooms/join.html", {"form": form}, status=400)
        name = membership.classroom.name
        if created:
            messages.success(request, _("Welcome to “%(name)s”!") % {"name": name})
        else:
            messages.info(request, _("You are already in “%(name)s”.") % {"name": name})
        return redirect("classrooms:mine")


class MyClassesView(LoginRequiredMixin, View):
    """The learner's classes and, for each assignment, where they stand."""

    def get(self, request):
        now = timezone.now()
        # Only assignments whose quiz the learner may open (Quiz.objects.available_to, as the quiz pages ask):
        # a quiz unpublished since it was assigned is not offered here either.
        available = Quiz.objects.available_to(request.user)
        classrooms = list(
            Classroom.objects.active().joined_by(request.user).select_related("teacher").prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.filter(quiz__in=available).select_related("quiz"))
            )
        )
        assignments = [a for c in classrooms for a in c.assignments.all()]
        results = assignment_results(assignments=assignments, learner_ids=[request.user.pk], now=now)
        return render(request, "classrooms/my_classes.html", {
            "now": now,
            "classes": [
                {"classroom": c, "teacher_name": display_name(c.teacher),
                 "assignments": [(a, results[request.user.pk, a.pk], DisplayOptions.for_grade(a.quiz, now).score)
                                 for a in c.assignments.all()]}
                for c in classrooms
            ],
            "teaching": request.user.is_teacher,
        })


# --- accommodations and overrides (teachers) -------------------------------------------------------
def accommodation_form(membership, data=None) -> AccommodationForm:
    instance = getattr(membership, "accommodation", None) or Accommodation(membership=membership)
    return AccommodationForm(data, instance=instance, prefix=f"learner-{membership.learner_id}")


class AccommodationView(TeacherRequiredMixin, View):
    """One learner's accommodations in the class: the form on the class page posts here; errors come back here."""

    def get_membership(self, pk, learner_pk) -> Membership:
        classroom = self.get_classroom(pk)
        return get_object_or_404(classroom.memberships.select_related("learner", "classroom", "accommodation"),
                                 learner_id=learner_pk)

    def render_form(self, request, membership, form, status=200):
        return render(request, "classrooms/accommodation.html", {
            "membership": membership, "classroom": membership.classroom, "name": display_name(membership.learner),
            "form": form,
        }, status=status)

    def get(self, request, pk, learner_pk):
        membership = self.get_membership(pk, learner_pk)
        return self.render_form(request, membership, accommodation_form(membership))

    def post(self, request, pk, learner_pk):
        membership = self.get_membership(pk, learner_pk)
        form = accommodation_form(membership, request.POST)
        if not form.is_valid():
            return self.render_form(request, membership, form, status=400)
        services.accommodation_set(membership=membership, teacher=request.user, now=timezone.now(),
                                   **form.cleaned_data)
        messages.success(request, _("The accommodations of %(name)s are saved; they apply to every quiz of the class, "
                                    "attempts in progress too.") % {"name": display_name(membership.learner)})
        return redirect(membership.classroom)


class AssignmentOverridesView(TeacherRequiredMixin, View):
    """The exceptions to one assignment, and a form to add one."""

    def get_assignment(self, pk, assignment_pk) -> Assignment:
        classroom = self.get_classroom(pk)
        return get_object_or_404(classroom.assignments.select_related("quiz", "classroom"), pk=assignment_pk)

    def get(self, request, pk, assignment_pk, form=None):
        assignment = self.get_assignment(pk, assignment_pk)
        overrides = assignment.overrides.prefetch_related("learners")
        return render(request, "classrooms/overrides.html", {
            "assignment": assignment, "classroom": assignment.classroom,
            "overrides": [(o, sorted(display_name(u) for u in o.learners.all())) for o in overrides],
            "form": form or OverrideForm(classroom=assignment.classroom),
        }, status=400 if form else 200)

    def post(self, request, pk, assignment_pk):
        assignment = self.get_assignment(pk, assignment_pk)
        form = OverrideForm(request.POST, classroom=assignment.classroom)
        if form.is_valid():
            try:
                services.override_save(assignment=assignment, teacher=request.user, now=timezone.now(),
                                       learners=form.cleaned_data["learners"], **form.settings())
            except ValidationError as invalid:
                form.add_error(None, invalid)
            else:
                messages.success(request, _("The override is saved."))
                return redirect("classrooms:overrides", pk=assignment.classroom_id, assignment_pk=assignment.pk)
        return self.get(request, pk, assignment_pk, form=form)


class OverrideDeleteView(TeacherRequiredMixin, View):
    def post(self, request, pk, override_pk):
        classroom = self.get_classroom(pk)
        override = get_object_or_404(AssignmentOverride.objects.select_related("assignment__classroom"),
                                     pk=override_pk, assignment__classroom=classroom)
        services.override_delete(override=override, teacher=request.user, now=timezone.now())
        messages.success(request, _("The override is deleted."))
        return redirect("classrooms:overrides", pk=classroom.pk, assignment_pk=override.assignment_id)
