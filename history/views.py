"""Public pages: topics, a topic's timeline, events and people. Only published items are shown."""

from django.db.models import Count, Max, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from history.models import Event, Participation, Person, Topic


class HomeView(ListView):
    template_name = "history/home.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.published()


class TopicListView(HomeView):
    template_name = "history/topic_list.html"


class TimelineView(DetailView):
    """A topic's events in chronological order; in Arabic the timeline reads right to left."""

    template_name = "history/timeline.html"
    context_object_name = "topic"

    def get_queryset(self):
        return Topic.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = Event.objects.published().in_topic(self.object)
        # The rendered timeline is the same for every reader of a language: it is cached under the
        # number of events and the latest change, so an edit, a new or an unpublished event shows at once.
        version = events.aggregate(count=Count("pk"), changed=Max("updated_at"))
        context.update(events=events.chronological(), event_count=version["count"],
                       events_version=f"{version['count']}-{version['changed'] and version['changed'].timestamp()}")
        return context


class EventDetailView(DetailView):
    template_name = "history/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().select_related("topic", "parent").prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(person__is_published=True).select_related("person"),
            ),
            Prefetch("children", queryset=Event.objects.published().chronological()),
        )

    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        if not event.topic.is_published:
            get_object_or_404(Topic.objects.none())
        return event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous_event"], context["next_event"] = self.object.neighbours()
        return context


class PersonDetailView(DetailView):
    template_name = "history/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.published().prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(event__is_published=True).select_related("event"),
            )
        )
