"""Compare a typed response with an accepted answer, after folding both with `bilingual.folding`.

The folding (which spelling differences are forgiven, and why) lives in `bilingual.folding`, below
this app, so that classrooms' join codes and anything else comparing typed Arabic use the same
rules. `normalise` is re-exported here for the question types and formats that import it from
this module.
"""

import re

from bilingual.folding import normalise

__all__ = ["WILDCARD", "matches", "normalise"]

WILDCARD = "*"


def matches(response: str, accepted: str, *, wildcard: bool = True) -> bool:
    """Return whether `response` is the `accepted` answer once both are normalised.

    With `wildcard`, each "*" in `accepted` stands for any run of characters, including none.
    A response that is blank after normalising never matches, even an accepted "*".
    """
    response, accepted = normalise(response), normalise(accepted)
    if not response:
        return False
    if wildcard and WILDCARD in accepted:
        pattern = ".*".join(re.escape(part) for part in accepted.split(WILDCARD))
        return re.fullmatch(pattern, response, flags=re.DOTALL) is not None
    return response == accepted
