"""Template context shared by every page: the other language and the URL of this page in it."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def other_language_url(path: str, current: str, target: str) -> str:
    """Return `path` in language `target`, also for pages that do not resolve (such as a 404)."""
    translated = translate_url(path, target)
    if translated != path:
        return translated
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{target}/{path[len(prefix):]}"
    return f"/{target}/"


def language_switch(request):
    current = get_language() or settings.LANGUAGE_CODE
    choices = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        choices.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": other_language_url(request.get_full_path(), current, code),
            }
        )
    return {"other_languages": choices}
