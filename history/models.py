"""Topics, events and people: the historical data that pages show and quizzes are generated from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilingual.completeness import BilingualModel, BilingualQuerySet, in_active_language
from history import dates


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class PublishedQuerySet(BilingualQuerySet):
    def published(self):
        return self.filter(is_published=True)


class TopicQuerySet(PublishedQuerySet):
    pass


class Topic(BilingualModel):
    """A subject of study, such as "The Second French intervention in Mexico"."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TopicQuerySet.as_manager()

    BILINGUAL_REQUIRED = ("title", "summary")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return in_active_language(self, "title") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("history:timeline", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.clean_bilingual(publishing=self.is_published)


class EventQuerySet(PublishedQuerySet):
    def in_topic(self, topic):
        return self.filter(topic=topic)

    def chronological(self):
        return self.order_by("start_date", "end_date", "pk")


class Event(BilingualModel):
    """Something that happened, dated as precisely as history knows it (a day, a month or only a year)."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="events", verbose_name=_("topic"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("A larger event this one belongs to, such as a war for a battle."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences shown on the timeline."))
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(
        _("start date"), help_text=_("With month or year precision, the first day of that month or year.")
    )
    start_precision = models.CharField(
        _("start date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(
        _("end date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    other_start_years = models.JSONField(
        _("other start years"), default=list, blank=True,
        help_text=_("Years that historians also give for the start, when it is disputed (such as 1857 for a war "
                    "usually dated from 1858). Generated questions accept them too."),
    )
    participants_complete = models.BooleanField(
        _("complete list of participants"), default=False,
        help_text=_("Everyone in these pages who took part is linked below. Generated questions may then offer "
                    "anyone else as a wrong answer; otherwise only people who were not alive at the time."),
    )
    people = models.ManyToManyField(
        "Person", through="Participation", related_name="events", verbose_name=_("people"), blank=True
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    BILINGUAL_REQUIRED = ("title", "summary")

    class Meta:
        ordering = ["start_date", "end_date", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["topic", "start_date"], name="event_topic_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return in_active_language(self, "title") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("history:event", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(_("The end date cannot come before the start date."), code="order")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = ValidationError(_("An event cannot be part of itself."), code="self_parent")
        for field, precision in (("start_date", self.start_precision), ("end_date", self.end_precision)):
            value = getattr(self, field)
            if value and not dates.matches_precision(value, precision):
                errors[field] = ValidationError(
                    _("With this precision the date must be the first day of its month or year."), code="precision"
                )
        others = self.other_start_years
        if not isinstance(others, list) or not all(isinstance(year, int) and not isinstance(year, bool)
                                                   for year in others):
            errors["other_start_years"] = ValidationError(
                _("Give the other start years as a list of years, such as [1857]."), code="years"
            )
        elif self.start_date and self.start_date.year in others:
            errors["other_start_years"] = ValidationError(
                _("The start date's own year is not another start year."), code="own_year"
            )
        if errors:
            raise ValidationError(errors)
        self.clean_bilingual(publishing=self.is_published)

    @property
    def start(self) -> dates.HistoricalDate:
        return dates.HistoricalDate(self.start_date, self.start_precision)

    @property
    def end(self) -> dates.HistoricalDate | None:
        return dates.HistoricalDate(self.end_date, self.end_precision) if self.end_date else None

    @property
    def year(self) -> int:
        return self.start_date.year

    @property
    def end_year(self) -> int:
        return self.end_date.year if self.end_date else self.start_date.year

    @property
    def spans_years(self) -> bool:
        """Whether the event runs from one year into another (a war, a reign), not within one year."""
        return self.end_year > self.start_date.year

    @property
    def start_years(self) -> list[int]:
        """Every year the event may be said to start in: its start date's, then the disputed ones."""
        return [self.start_date.year, *sorted(set(self.other_start_years or []) - {self.start_date.year})]

    def neighbours(self) -> tuple["Event | None", "Event | None"]:
        """Return the published events of the same topic just before and just after this one."""
        siblings = Event.objects.published().in_topic(self.topic_id)
        earlier = (
            siblings.filter(
                models.Q(start_date__lt=self.start_date) | models.Q(start_date=self.start_date, pk__lt=self.pk)
            )
            .order_by("-start_date", "-pk")
            .first()
        )
        later = (
            siblings.filter(
                models.Q(start_date__gt=self.start_date) | models.Q(start_date=self.start_date, pk__gt=self.pk)
            )
            .order_by("start_date", "pk")
            .first()
        )
        return earlier, later


class PersonQuerySet(PublishedQuerySet):
    pass


class Person(BilingualModel):
    """Someone who took part in events."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("short description"), blank=True)
    birth_year = models.SmallIntegerField(_("year of birth"), null=True, blank=True)
    death_year = models.SmallIntegerField(_("year of death"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    BILINGUAL_REQUIRED = ("name", "description")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return in_active_language(self, "name") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("history:person", kwargs={"slug": self.slug})

    def could_take_part(self, event: Event) -> bool:
        """Whether the life dates allow this person to have been in `event` (unknown dates allow it)."""
        if self.death_year is not None and self.death_year < min(event.start_years):
            return False
        return self.birth_year is None or self.birth_year <= event.end_year

    def clean(self) -> None:
        if self.birth_year and self.death_year and self.death_year < self.birth_year:
            raise ValidationError(
                {"death_year": ValidationError(_("The year of death cannot come before the year of birth."))}
            )
        self.clean_bilingual(publishing=self.is_published)


class Part(models.TextChoices):
    """How a person was in an event: what generated "who" questions may ask of them."""

    LED = "led", _("led or commanded it")
    TOOK_PART = "took_part", _("took part")
    CONCERNED = "concerned", _("concerned, not present")


class Participation(models.Model):
    """A person's part in an event, such as "commander" or "emperor"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event"))
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="participations", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    part = models.CharField(
        _("part"), max_length=9, choices=Part.choices, default=Part.TOOK_PART,
        help_text=_("Someone who led or commanded can be the answer to a generated “who took part” question; "
                    "someone concerned but not present (a ruler far away) never is."),
    )

    class Meta:
        ordering = ["event__start_date", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_participation_per_person")]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"
