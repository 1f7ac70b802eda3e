"""Compare a typed response with an accepted answer, after folding both with `bilingual.folding`.

The folding (which spelling differences are forgiven, and why) lives in `bilingual.folding`, below
this app, so that classrooms' join codes and anything else comparing typed Arabic use the same
rules. `normalise` is re-exported here for the question types and formats that import it from
this module.
"""

import re

from bilingual.folding import fold_reasons, normalise, spelling_skeleton, strict_form

__all__ = ["WILDCARD", "fold_reasons", "is_spelling_variant", "matches", "normalise"]

WILDCARD = "*"


def matches(response: str, accepted: str, *, wildcard: bool = True, strict: bool = False) -> bool:
    """Return whether `response` is the `accepted` answer once both are normalised.

    With `wildcard`, each "*" in `accepted` stands for any run of characters, including none.
    A response that is blank after normalising never matches, even an accepted "*".
    With `strict`, nothing is forgiven but Unicode forms and spaces (`strict_form`): for names whose
    spelling is the point.
    """
    fold = strict_form if strict else normalise
    response, accepted = fold(response), fold(accepted)
    if not response:
        return False
    if wildcard and WILDCARD in accepted:
        pattern = ".*".join(re.escape(part) for part in accepted.split(WILDCARD))
        return re.fullmatch(pattern, response, flags=re.DOTALL) is not None
    return response == accepted


def is_spelling_variant(form: str, standard: str) -> bool:
    """Return whether `form` spells the same foreign name as `standard` another usual way (ج/غ, س/ز/ث, long
    vowels), without being the same text once folded."""
    return normalise(form) != normalise(standard) and spelling_skeleton(form) == spelling_skeleton(standard)
