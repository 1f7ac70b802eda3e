"""Punctuation that depends on the language a text is written in.

Arabic separates list items with the Arabic comma and semicolon (، ؛) and its arrows point the way it reads,
right to left (←); Unicode does not mirror arrows in right-to-left text, so "A → B" inside Arabic points back
from B to A. Texts joined in code (a response's summary, a list of names) take their punctuation from here.
"""

COMMA = {"ar": "، ", "en": ", "}
SEMICOLON = {"ar": "؛ ", "en": "; "}
ARROW = {"ar": " ← ", "en": " → "}


def comma(language: str) -> str:
    return COMMA.get(language, COMMA["en"])


def semicolon(language: str) -> str:
    return SEMICOLON.get(language, SEMICOLON["en"])


def arrow(language: str) -> str:
    """The arrow from one item to the next, pointing the way `language` reads."""
    return ARROW.get(language, ARROW["en"])
