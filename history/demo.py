"""Load the demo topic, events and people from `history.demo_content` (idempotent).

Items are matched by slug. A missing item is created. An existing one is brought up to date field by
field, keeping every teacher's edit: a field still holding a value that an earlier demo version wrote
(`history.demo_earlier`) takes the corrected value, and any other value is someone's edit and is kept. New
fields left at their defaults take the demo's values, and a demo event whose people are still the ones an
earlier version linked gains the people that version lacked.
"""

import datetime
import hashlib

from django.db import transaction

from history import demo_content, demo_earlier
from history.models import Event, Part, Participation, Person, Topic


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{code}": text for code, text in texts.items()}


def digest(value) -> str:
    """A short fingerprint of a value an earlier demo version wrote (`demo_earlier` lists them)."""
    return hashlib.sha256(str(value).encode()).hexdigest()[:16]


def refresh_fields(obj, values: dict, *, earlier: frozenset[str]) -> list[str]:
    """Set each field of `obj` to its demo value where it still holds an earlier demo value; return the fields."""
    changed = []
    for name, value in values.items():
        current = getattr(obj, name)
        if current != value and digest(current) in earlier:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _refresh(obj, values: dict, *, defaults: dict | None = None) -> None:
    changed = refresh_fields(obj, values, earlier=demo_earlier.VALUES)
    for name, value in (defaults or {}).items():
        field = obj._meta.get_field(name)
        if getattr(obj, name) == field.get_default() and value != field.get_default():
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        obj.save(update_fields=changed)


def _link_people(event: Event, item: dict, people: dict[str, Person], *, created: bool) -> None:
    """Link the demo's people to a new event, or to one whose links no one has changed since an earlier version."""
    linked = {p.person.slug: p for p in event.participations.select_related("person")}
    untouched = digest(sorted(linked)) in demo_earlier.PEOPLE_LINKS or set(linked) == {s for s, *_ in item["people"]}
    if not (created or untouched):
        return
    for person_slug, role, *part in item["people"]:
        part = part[0] if part else Part.TOOK_PART
        participation = linked.get(person_slug)
        if participation is None:
            Participation.objects.create(event=event, person=people[person_slug], part=part,
                                         **_translated("role", role))
        else:
            _refresh(participation, _translated("role", role), defaults={"part": part})


@transaction.atomic
def load_demo_history() -> dict[str, int]:
    """Create whatever demo content is missing and correct what an earlier version got wrong; return how many
    items were created per kind."""
    created = {"topics": 0, "events": 0, "people": 0}
    data = demo_content.TOPIC
    values = {**_translated("title", data["title"]), **_translated("summary", data["summary"])}
    topic, was_created = Topic.objects.get_or_create(slug=data["slug"], defaults={**values, "is_published": True})
    created["topics"] += was_created
    if not was_created:
        _refresh(topic, values)

    people = {}
    for item in demo_content.PEOPLE:
        values = {
            **_translated("name", item["name"]),
            **_translated("description", item["description"]),
            "birth_year": item.get("birth_year"),
            "death_year": item.get("death_year"),
        }
        person, was_created = Person.objects.get_or_create(slug=item["slug"], defaults={**values, "is_published": True})
        if not was_created:
            _refresh(person, values)
        people[item["slug"]] = person
        created["people"] += was_created

    events = {}
    for item in demo_content.EVENTS:
        start, start_precision = item["start"]
        end, end_precision = item["end"] or (None, "day")
        values = {
            **_translated("title", item["title"]),
            **_translated("summary", item["summary"]),
            **_translated("description", item["description"]),
            **_translated("place", item["place"]),
            "start_date": datetime.date.fromisoformat(start),
            "start_precision": start_precision,
            "end_date": datetime.date.fromisoformat(end) if end else None,
            "end_precision": end_precision,
        }
        new_fields = {"other_start_years": item.get("other_start_years", []),
                      "participants_complete": item.get("participants_complete", False)}
        event, was_created = Event.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "topic": topic,
                "parent": events.get(item["parent"]) if item["parent"] else None,
                **values, **new_fields,
                "is_published": True,
            },
        )
        if not was_created:
            _refresh(event, values, defaults=new_fields)
        events[item["slug"]] = event
        created["events"] += was_created
        _link_people(event, item, people, created=was_created)
    return created
