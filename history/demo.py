"""Load the demo topic, events and people from `history.demo_content` (idempotent).

Items that already exist (matched by slug) are left as they are, so re-running keeps any edits.
"""

import datetime

from django.db import transaction

from history import demo_content
from history.models import Event, Participation, Person, Topic


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{code}": text for code, text in texts.items()}


@transaction.atomic
def load_demo_history() -> dict[str, int]:
    """Create whatever demo content is missing; return how many items were created per kind."""
    created = {"topics": 0, "events": 0, "people": 0}
    data = demo_content.TOPIC
    topic, was_created = Topic.objects.get_or_create(
        slug=data["slug"],
        defaults={**_translated("title", data["title"]), **_translated("summary", data["summary"]), "is_published": True},
    )
    created["topics"] += was_created

    people = {}
    for item in demo_content.PEOPLE:
        person, was_created = Person.objects.get_or_create(
            slug=item["slug"],
            defaults={
                **_translated("name", item["name"]),
                **_translated("description", item["description"]),
                "birth_year": item.get("birth_year"),
                "death_year": item.get("death_year"),
                "is_published": True,
            },
        )
        people[item["slug"]] = person
        created["people"] += was_created

    events = {}
    for item in demo_content.EVENTS:
        start, start_precision = item["start"]
        end, end_precision = item["end"] or (None, "day")
        event, was_created = Event.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "topic": topic,
                "parent": events.get(item["parent"]) if item["parent"] else None,
                **_translated("title", item["title"]),
                **_translated("summary", item["summary"]),
                **_translated("description", item["description"]),
                **_translated("place", item["place"]),
                "start_date": datetime.date.fromisoformat(start),
                "start_precision": start_precision,
                "end_date": datetime.date.fromisoformat(end) if end else None,
                "end_precision": end_precision,
                "is_published": True,
            },
        )
        events[item["slug"]] = event
        created["events"] += was_created
        if was_created:
            for person_slug, role in item["people"]:
                Participation.objects.get_or_create(
                    event=event, person=people[person_slug], defaults=_translated("role", role)
                )
    return created
