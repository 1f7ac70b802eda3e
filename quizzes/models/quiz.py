"""Quizzes and their settings (Moodle's quiz settings, made explicit), and what questions they hold."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from bilingual.completeness import BilingualModel, BilingualQuerySet, in_active_language
from quizzes.models.prepared import PreparedRead
from quizzes.question_types import registry


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("highest grade")
    AVERAGE = "average", _("average grade")
    FIRST = "first", _("first attempt")
    LAST = "last", _("last attempt")


class Behaviour(models.TextChoices):
    DEFERRED = "deferred", _("deferred feedback (exam): nothing is shown until the quiz is submitted")
    IMMEDIATE = "immediate", _("immediate feedback (practice): each answer is checked when given")
    INTERACTIVE = "interactive", _("interactive with several tries: a hint after each wrong try, a penalty per try")
    DEFERRED_CBM = "deferred_cbm", _("deferred feedback with certainty-based marking: learners say how sure they are")


class QuestionsPerPage(models.TextChoices):
    ONE = "one", _("one question per page")
    ALL = "all", _("all questions on one page")


class Navigation(models.TextChoices):
    FREE = "free", _("free: questions in any order")
    SEQUENTIAL = "sequential", _("sequential: forward only")


class ReviewTiming(models.TextChoices):
    IMMEDIATELY = "immediately", _("right after submitting")
    AFTER_CLOSE = "after_close", _("after the quiz closes")
    NEVER = "never", _("never")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public: listed for every learner")
    CLASS_ONLY = "class_only", _("class only: for the classes it is assigned to")
    LINK = "link", _("anyone with the link: not listed")


class OverdueHandling(models.TextChoices):
    """What happens to an attempt still open when its time runs out (Moodle's overduehandling)."""

    AUTOSUBMIT = "autosubmit", _("submit the saved answers automatically")
    GRACE_PERIOD = "graceperiod", _("a grace period to submit, without changing answers")
    AUTOABANDON = "autoabandon", _("an attempt not submitted in time does not count")


class QuizQuerySet(BilingualQuerySet):
    """Who may open and start a quiz is decided here, and only here.

    The quiz list, the quiz page, starting and the class pages all ask these methods, so they cannot disagree
    (`Quiz.is_open_for` mirrors `open_for` for one quiz in hand, and a test holds the two to the same answers).
    Classes sit above quizzes (see .importlinter), so their assignments are reached by related name, not imported.
    """

    def published(self):
        return self.filter(is_published=True)

    def _assigned_to(self, user, **assignment):
        """Quizzes assigned to an active class `user` is in, the same assignment matching `assignment` lookups."""
        lookups = {"assignments__classroom__memberships__learner": user, "assignments__classroom__archived": False}
        lookups.update({f"assignments__{lookup}": value for lookup, value in assignment.items()})
        return self.model.objects.filter(**lookups).values("pk")

    def _shared_with(self, user, visibilities):
        if not user.is_authenticated:
            return self.none()
        shared = Q(practice_for__isnull=True) & (
            Q(visibility__in=visibilities) | Q(owner=user) | Q(pk__in=self._assigned_to(user))
        )
        # A practice quiz (a topic's, or the spaced review) belongs to its learner alone, whatever else holds.
        return self.published().filter(shared | Q(practice_for=user))

    def available_to(self, user):
        """Published quizzes `user` may open and start: public and link quizzes, class-only ones assigned to a
        class they are in, their own quizzes, and their own practice quizzes."""
        return self._shared_with(user, [Visibility.PUBLIC, Visibility.LINK])

    def listed_for(self, user):
        """The quizzes on `user`'s quiz list: those available to them, less link quizzes not assigned to them."""
        return self._shared_with(user, [Visibility.PUBLIC])

    def open_for(self, user, now):
        """Quizzes `user` may start at `now`: available and open, and a class-only quiz only while an assignment
        to their class is open (its owner may try it at any time). `Quiz.is_open_for` answers it for one quiz
        in hand, held to the same answers by tests/quizzes/test_visibility.py."""
        assignment_open = Q(pk__in=self._assigned_to(
            user, opens_at__lte=now, closes_at__isnull=True,
        )) | Q(pk__in=self._assigned_to(user, opens_at__lte=now, closes_at__gt=now))
        return self.available_to(user).open_at(now).filter(
            ~Q(visibility=Visibility.CLASS_ONLY) | Q(owner=user) | Q(practice_for=user) | assignment_open
        )

    def opening_later_for(self, user, now):
        """Class-only quizzes an assignment to `user`'s class will open after `now`."""
        return self.available_to(user).filter(visibility=Visibility.CLASS_ONLY, pk__in=self._assigned_to(
            user, opens_at__gt=now))

    def open_at(self, now):
        return self.filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now)).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )

    def visible_to(self, user):
        if user.is_superuser:
            return self
        return self.filter(owner=user)

    def editable_by(self, user):
        return self.visible_to(user)


class Quiz(BilingualModel):
    title = models.CharField(_("title"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quizzes", verbose_name=_("owner")
    )
    topic = models.ForeignKey(
        "history.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="quizzes",
        verbose_name=_("topic"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    # Public by default, as every quiz was before visibility existed; assigning a quiz does not change it.
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC,
        help_text=_("Class only: learners reach it only through an assignment to their class; nobody else can "
                    "open it, even with its address."),
    )
    # A practice quiz generated for one learner from a topic's timeline; never listed for others.
    practice_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="practice_quizzes",
        verbose_name=_("practice for"),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    time_limit = models.DurationField(
        _("time limit"), null=True, blank=True, help_text=_("Leave empty for no limit. Example: 00:20:00.")
    )
    overdue_handling = models.CharField(
        _("when time runs out"), max_length=11, choices=OverdueHandling.choices, default=OverdueHandling.AUTOSUBMIT,
    )
    grace_period = models.DurationField(
        _("grace period to submit"), default=timedelta(minutes=5),
        help_text=_("Only with a grace period: how long learners may still submit. Example: 00:05:00."),
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"), max_length=8, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    questions_per_page = models.CharField(
        _("questions per page"), max_length=3, choices=QuestionsPerPage.choices, default=QuestionsPerPage.ONE
    )
    navigation = models.CharField(_("navigation"), max_length=10, choices=Navigation.choices, default=Navigation.FREE)
    pass_mark = models.DecimalField(
        _("pass mark (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    behaviour = models.CharField(_("feedback"), max_length=12, choices=Behaviour.choices, default=Behaviour.DEFERRED)
    review_score = models.CharField(
        _("learners see their score"), max_length=11, choices=ReviewTiming.choices, default=ReviewTiming.IMMEDIATELY
    )
    review_correctness = models.CharField(
        _("learners see which answers were right"), max_length=11, choices=ReviewTiming.choices,
        default=ReviewTiming.IMMEDIATELY,
    )
    review_right_answers = models.CharField(
        _("learners see the right answers"), max_length=11, choices=ReviewTiming.choices,
        default=ReviewTiming.AFTER_CLOSE,
    )
    review_feedback = models.CharField(
        _("learners see feedback and explanations"), max_length=11, choices=ReviewTiming.choices,
        default=ReviewTiming.IMMEDIATELY,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuizQuerySet.as_manager()

    BILINGUAL_REQUIRED = ("title",)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return in_active_language(self, "title") or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = ValidationError(_("The quiz must close after it opens."), code="dates")
        if self.time_limit is not None and self.time_limit <= timedelta(0):
            errors["time_limit"] = ValidationError(_("The time limit must be positive."), code="time_limit")
        if self.overdue_handling == OverdueHandling.GRACE_PERIOD and self.grace_period < timedelta(minutes=1):
            errors["grace_period"] = ValidationError(_("The grace period must be at least one minute."),
                                                     code="grace_period")
        if errors:
            raise ValidationError(errors)
        self.clean_bilingual(publishing=self.is_published)

    # --- predicates ------------------------------------------------------------------------------
    @property
    def grace_minutes(self) -> int:
        """The grace period in whole minutes, rounded up (what learners are told)."""
        return -(-int(self.grace_period.total_seconds()) // 60)

    def overdue_rule(self) -> str:
        """What happens when time runs out, in plain words (the start page and the submit page)."""
        if self.overdue_handling == OverdueHandling.GRACE_PERIOD:
            return ngettext(
                "When time runs out you have %(minutes)d minute to submit; you cannot change answers then.",
                "When time runs out you have %(minutes)d minutes to submit; you cannot change answers then.",
                self.grace_minutes) % {"minutes": self.grace_minutes}
        if self.overdue_handling == OverdueHandling.AUTOABANDON:
            return gettext("An attempt not submitted before the time runs out does not count.")
        return gettext("When time runs out your answers are submitted.")

    def is_open(self, now) -> bool:
        return (self.opens_at is None or self.opens_at <= now) and (self.closes_at is None or now < self.closes_at)

    def has_closed(self, now) -> bool:
        return self.closes_at is not None and now >= self.closes_at

    def class_opening_for(self, user, now):
        """When the next assignment of this quiz to `user`'s class opens after `now`, or None."""
        return (self.assignments.filter(classroom__memberships__learner=user, classroom__archived=False,
                                        opens_at__gt=now)
                .order_by("opens_at").values_list("opens_at", flat=True).first())

    def _assignments_open_for(self, user, now) -> list:
        """This quiz's assignments to an active class of `user` that are open at `now` (their ids and closes).

        Kept on this instance for the same learner and moment: a start asks it twice (`is_open_for`, then the
        deadline's `closing_for`), with the one `now` of its request."""
        key = (user.pk, now)
        memo = self.__dict__.setdefault("_open_assignments", {})
        if key not in memo:
            memo[key] = _OPEN_ASSIGNMENTS.read(quiz_id=self.pk, learner_id=user.pk, now=now)
        return memo[key]

    @classmethod
    def available(cls, user, pk: int) -> "Quiz | None":
        """The quiz `pk` if `user` may open it (`Quiz.objects.available_to(user)`), else None: the start page and
        starting read it, through a prepared read (its visibility query costs more to build than to run)."""
        if not user.is_authenticated:
            return None
        return _AVAILABLE.first(learner_id=user.pk, pk=pk)

    def is_open_for(self, user, now) -> bool:
        """Whether `user` may start this quiz at `now`: `Quiz.objects.open_for(user, now)` asked of the one quiz
        in hand, reading the assignments only for a class-only quiz that is not theirs. The start page and
        starting ask this (the queryset's query costs more to build than the page's other work);
        tests/quizzes/test_visibility.py holds the two to the same answer for every visibility, actor and date."""
        if not user.is_authenticated or not self.is_published or not self.is_open(now):
            return False
        if self.practice_for_id is not None:  # a practice quiz is its learner's alone
            return self.practice_for_id == user.pk
        if self.owner_id == user.pk or self.visibility in (Visibility.PUBLIC, Visibility.LINK):
            return True
        if self.visibility == Visibility.CLASS_ONLY:
            return bool(self._assignments_open_for(user, now))
        return Quiz.objects.open_for(user, now).filter(pk=self.pk).exists()  # a visibility of the future

    def closing_for(self, user, now):
        """When `user`'s answers to this quiz stop counting: the quiz's own close and, for a class-only quiz that
        is not theirs, the last close of the assignments to their classes open at `now` (None: no end)."""
        closes = [self.closes_at] if self.closes_at else []
        if self.visibility == Visibility.CLASS_ONLY and self.owner_id != user.pk and self.practice_for_id is None:
            ends = [assignment.closes_at for assignment in self._assignments_open_for(user, now)]
            if ends and None not in ends:
                closes.append(max(ends))
        return min(closes) if closes else None

    def review_allows(self, option: str, now) -> bool:
        """Whether a finished attempt's review shows `option` ("score", "correctness", …) at `now`."""
        timing = getattr(self, f"review_{option}")
        if timing == ReviewTiming.IMMEDIATELY:
            return True
        if timing == ReviewTiming.AFTER_CLOSE:
            return self.has_closed(now)
        return False


def _open_assignments(quiz_id, learner_id, now):
    assignments = Quiz._meta.get_field("assignments").related_model.objects  # classrooms' Assignment
    return assignments.filter(
        quiz_id=quiz_id, classroom__memberships__learner_id=learner_id, classroom__archived=False, opens_at__lte=now,
    ).filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now)).only("pk", "closes_at").order_by()


_OPEN_ASSIGNMENTS = PreparedRead(_open_assignments, quiz_id=int, learner_id=int, now=datetime)
_AVAILABLE = PreparedRead(
    lambda learner_id, pk: Quiz.objects.available_to(get_user_model()(pk=learner_id)).filter(pk=pk).order_by(),
    learner_id=int, pk=int)


class QuizQuestion(models.Model):
    """A question chosen one by one for a quiz."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="fixed_questions", verbose_name=_("quiz"))
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("Leave empty to use the question's default points."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question in the quiz")
        verbose_name_plural = _("questions chosen one by one")

    def __str__(self) -> str:
        return str(self.question)


class QuizDraw(models.Model):
    """“N questions drawn at random from bank B”, filtered by events, tags and difficulty."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="draws", verbose_name=_("quiz"))
    bank = models.ForeignKey("quizzes.QuestionBank", on_delete=models.PROTECT, related_name="+", verbose_name=_("bank"))
    count = models.PositiveSmallIntegerField(_("number of questions"), default=5, validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    difficulty = models.CharField(
        _("difficulty"), max_length=6, blank=True, choices=[("", _("any"))] + [
            ("easy", _("easy")), ("medium", _("medium")), ("hard", _("hard"))]
    )
    events = models.ManyToManyField("history.Event", blank=True, related_name="+", verbose_name=_("events"))
    tags = models.ManyToManyField("quizzes.Tag", blank=True, related_name="+", verbose_name=_("tags"))
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("Leave empty to use each question's default points."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")

    def __str__(self) -> str:
        return f"{self.count} × {self.bank}"

    def candidates(self):
        """The published questions this draw picks from."""
        from quizzes.models import Question

        # No ordering (it would join the bank) and no DISTINCT: the event and tag filters are subqueries.
        questions = Question.objects.published().filter(bank_id=self.bank_id).order_by()
        # A text block with no grade (a description) is placed by its author, never drawn (as in Moodle).
        ungraded = [qtype.name for qtype in registry.all() if not qtype.is_graded]
        if ungraded:
            questions = questions.exclude(qtype__in=ungraded)
        if self.difficulty:
            questions = questions.filter(difficulty=self.difficulty)
        event_ids = [event.pk for event in self.events.all()]
        if event_ids:
            linked = Question.events.through.objects.filter(event_id__in=event_ids).values("question_id")
            questions = questions.filter(pk__in=linked)
        tag_ids = [tag.pk for tag in self.tags.all()]
        if tag_ids:
            questions = questions.filter(pk__in=Question.tags.through.objects.filter(tag_id__in=tag_ids).values("question_id"))
        return questions

    def candidate_ids(self) -> list[int]:
        """The candidates' ids in ascending order, in one query read straight off the cursor: a draw samples
        positions in this list. Django's iterator costs microseconds a row (10,000 rows in a bank), and counting
        then numbering the rows with a window function cost two queries of a scan each (bench/FINDINGS.md,
        "The eleventh session")."""
        ids = self.candidates().order_by("pk").values_list("pk", flat=True)
        database = ids.db
        try:
            sql, params = ids.query.get_compiler(using=database).as_sql()
        except EmptyResultSet:  # a filter that nothing can match: the ORM would return no rows
            return []
        with connections[database].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
