"""Fingerprints (`history.demo.digest`) of what earlier versions of the demo content wrote and this one
corrects, so that `loaddemo` can tell a demo value no one touched (it is corrected) from a teacher's edit
(it is kept). Written by comparing a database loaded with the earlier content with one loaded with this.
"""

# Field values: texts of topics, people, events and participations' roles.
VALUES: frozenset[str] = frozenset({
    "07f6c83f84be7d2c",
    "22472f9336c96726",
    "25a18613bdf9c3b6",
    "3a1b87d0068eb28d",
    "461d209fa4bc81c6",
    "4a41c118d7dd7c17",
    "6bd9c02806ab45e1",
    "94a57985af51c2b2",
    "9e1d82356a5a82b0",
    "a413587756ae74a9",
    "a8a4c8dc7d932774",
    "aff6d21d16af763f",
    "b8d7d43b68bc45ed",
    "bc482359cd2f4d24",
    "bd724e81e32b6a8f",
    "c164ea51463f82a1",
    "c3c7630c1f11424e",
    "d109f4e3820fc32a",
    "f034f85896920960",
})
# An event's linked people (sorted slugs) as an earlier version linked them.
PEOPLE_LINKS: frozenset[str] = frozenset({
    "33287f99ea5437cd",
    "c49d3ef95379849f",
    "e00567b4500a83b0",
})
