"""Every page a visitor, a learner, a teacher and an admin reach, for the site-wide browser checks.

`walk()` visits the list once: one context per person (signed in once), one tab reused for every page, each
page loaded once in Arabic and once in English, and every site-wide check reads that one load (`PROBES`: the
width on a phone for `test_no_sideways`, axe-core on a laptop for `test_axe`, the Arabic page's text for
`test_arabic_pages`). The attempts a learner's pages need (one attempt page for every question type, a submit
page, a review, a review session) are started through the site, as the learner would.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("ar", "en")
ACCOUNTS = {"learner": "tarikh-learner", "teacher": "tarikh-teacher", "admin": "tarikh-admin"}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Target:
    role: str   # visitor, learner, teacher or admin
    name: str   # a short label for the report
    path: str   # without the language prefix, e.g. "/quizzes/"

    def url(self, base: str, lang: str) -> str:
        return f"{base}/{lang}{self.path}"


def log_in(page, base, username, password):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def start_attempt(page, base, quiz):
    page.goto(f"{base}/en/quizzes/{quiz.pk}/")
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_url("**/attempts/**")
    return page.url.split("/attempts/")[1].split("/")[0]


def visitor_targets():
    from history.models import Event, Person, Topic

    topic, event, person = Topic.objects.first(), Event.objects.first(), Person.objects.first()
    return [Target("visitor", name, path) for name, path in [
        ("home", "/"),
        ("topics", "/topics/"),
        ("timeline", f"/topics/{topic.slug}/"),
        ("event", f"/events/{event.slug}/"),
        ("person", f"/people/{person.slug}/"),
        ("sign in", "/accounts/login/"),
        ("sign up", "/accounts/signup/"),
        ("password reset", "/accounts/password_reset/"),
        ("live game join", "/play/"),
        ("not found (404)", "/no-such-page/"),
    ]]


def learner_targets(page, base):
    """Starts the attempts the learner's pages need (through the site) and lists those pages."""
    from quizzes.models import Attempt, Quiz

    quizzes = {quiz.title_en: quiz for quiz in Quiz.objects.all()}
    targets = [Target("learner", "quiz list", "/quizzes/")]
    seen_types = set()
    for title in ("Tour of the seven question types", "Tour of five more question types",
                  "Timed exam: the Empire years"):
        quiz = quizzes[title]
        targets.append(Target("learner", f"quiz start: {title}", f"/quizzes/{quiz.pk}/"))
        attempt = Attempt.objects.get(pk=start_attempt(page, base, quiz))
        for slot in attempt.slots.all():
            qtype = slot.snapshot["qtype"]
            if qtype not in seen_types or title.startswith("Timed"):
                seen_types.add(qtype)
                # The timed exam draws its questions at random: its page is named by being timed, not by type.
                targets.append(Target("learner", "attempt (timed)" if title.startswith("Timed") else f"attempt: {qtype}",
                                      f"/attempts/{attempt.pk}/?page={slot.position}"))
            if title.startswith("Timed"):
                break
        if title.startswith("Tour of the seven"):
            targets.append(Target("learner", "submit", f"/attempts/{attempt.pk}/submit/"))
    # A finished attempt to review: the confidence quiz, submitted as it stands.
    quiz = quizzes["How sure are you? The road to Querétaro"]
    attempt_pk = start_attempt(page, base, quiz)
    page.goto(f"{base}/en/attempts/{attempt_pk}/submit/")
    page.click("main button[data-once]")
    page.wait_for_url("**/review/")
    targets.append(Target("learner", "review", f"/attempts/{attempt_pk}/review/"))
    targets += [Target("learner", "progress", "/progress/"),
                Target("learner", "my classes", "/classes/"),
                Target("learner", "join a class", "/classes/join/")]
    # A spaced-review session (the demo learner has answers to review once the cards are due).
    page.goto(f"{base}/en/progress/")
    button = page.locator(f"form[action='/en/progress/review/'] button")
    if button.count() and button.is_enabled():
        button.click()
        page.wait_for_load_state()
        if "/attempts/" in page.url:
            targets.append(Target("learner", "review session", page.url.split("/en", 1)[1]))
    return targets


def teacher_targets():
    from classrooms.models import Classroom
    from quizzes.models import Attempt, Quiz

    classroom = Classroom.objects.first()
    tour = Quiz.objects.get(title_en="Tour of the seven question types")
    essays = Quiz.objects.get(title_en="Tour of five more question types")
    targets = [Target("teacher", name, path) for name, path in [
        ("classes I teach", "/classes/teaching/"),
        ("class", f"/classes/{classroom.pk}/"),
        ("gradebook", f"/classes/{classroom.pk}/gradebook/"),
        ("class grading queue", f"/classes/{classroom.pk}/grading/"),
        ("item statistics", f"/quizzes/{tour.pk}/statistics/"),
        ("grading queue", f"/quizzes/{essays.pk}/grading/"),
        ("live games", "/games/"),
        ("host a live game", f"/games/host/{tour.pk}/"),
    ]]
    finished = (Attempt.objects.filter(learner__class_memberships__classroom=classroom)
                .exclude(state="in_progress").order_by("pk").first())
    if finished is not None:
        targets.append(Target("teacher", "a learner's attempt", f"/classes/attempts/{finished.pk}/"))
    return targets


def admin_targets():
    from django.contrib import admin
    from django.urls import reverse

    from quizzes.models import Question, QuestionBank

    def path(name, *args):
        return reverse(name, args=args)[3:]  # without the "/ar" or "/en" prefix

    targets = [Target("admin", "admin index", path("admin:index"))]
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label == "axes":
            continue  # django-axes's own read-only log pages
        targets.append(Target("admin", f"{meta.model_name} list", path(f"admin:{meta.app_label}_{meta.model_name}_changelist")))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None and meta.model_name != "question":
            targets.append(Target("admin", f"{meta.model_name} change",
                                  path(f"admin:{meta.app_label}_{meta.model_name}_change", obj.pk)))
        elif meta.model_name != "question":
            targets.append(Target("admin", f"{meta.model_name} add", path(f"admin:{meta.app_label}_{meta.model_name}_add")))
    targets.append(Target("admin", "question add: choose the type", path("admin:quizzes_question_add")))
    for qtype in sorted(set(Question.objects.values_list("qtype", flat=True))):
        question = Question.objects.filter(qtype=qtype).order_by("pk").first()
        targets.append(Target("admin", f"question change: {qtype}", path("admin:quizzes_question_change", question.pk)))
    question = Question.objects.order_by("pk").first()
    targets.append(Target("admin", "question preview", path("admin:quizzes_question_preview", question.pk)))
    bank = QuestionBank.objects.order_by("pk").first()
    targets.append(Target("admin", "question bank import", path("admin:quizzes_questionbank_import", bank.pk)))
    return targets


# axe-core 4.14.1, vendored (see test_axe), evaluated in the page through the DevTools protocol: no CSP exception.
AXE = (ROOT / "static" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,
                                      targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""
# The text an Arabic reader sees (test_arabic_pages): the body's innerText (so what scripts render is read too), the
# title, placeholder, aria-label and alt attributes and the <title>, leaving out any part marked lang="en".
TEXT = """() => {
  const english = [...document.querySelectorAll('body [lang]')].filter(e => /^en\\b/i.test(e.lang));
  let text = document.body.innerText;
  for (const element of english) { const part = element.innerText; if (part) text = text.split(part).join("\\n"); }
  const inEnglish = e => { const marked = e.closest('[lang]'); return marked && /^en\\b/i.test(marked.lang); };
  const attributes = [...document.querySelectorAll('[title], [placeholder], [aria-label], img[alt]')]
    .filter(e => !inEnglish(e))
    .flatMap(e => ['title', 'placeholder', 'aria-label', 'alt'].map(name => e.getAttribute(name)).filter(Boolean));
  return [document.title, text, ...attributes].join("\\n");
}"""


def axe_violations(page) -> list[dict]:
    """Return axe-core's violations of the WCAG 2.0 A/AA, 2.1 AA and 2.2 AA rules on the page as it stands."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    return page.evaluate(AXE_RUN, AXE_TAGS)


@dataclass(frozen=True)
class Probe:
    """One reading of a loaded page, taken with the window at `viewport`, on the pages in `languages`."""
    viewport: dict
    read: Callable
    languages: tuple = LANGUAGES


# Phone readings come first: the page loads at the phone's size. For a reading at another size the window is
# resized, not reloaded: the site's and the admin's layouts follow the width through CSS media queries alone
# (no script of ours, Django's or modeltranslation's reads it), so a resized page is laid out as one loaded at
# that size. innerText leaves out what is not rendered (on a phone the closed "Menu" hides the links, on a
# laptop the "Menu" button itself is hidden), so the Arabic text is read at both sizes.
PROBES = {
    "width": Probe(PHONE, lambda page: page.evaluate("document.documentElement.scrollWidth")),
    "text (phone)": Probe(PHONE, lambda page: page.evaluate(TEXT), languages=("ar",)),
    "axe": Probe(LAPTOP, axe_violations),
    "text (laptop)": Probe(LAPTOP, lambda page: page.evaluate(TEXT), languages=("ar",)),
}


@dataclass
class Visit:
    """One page in one language, as loaded: the address it ended on and each probe's reading."""
    target: Target
    lang: str
    url: str
    readings: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.target.role}: {self.target.name}"


@dataclass
class Walk:
    targets: list[Target]
    visits: list[Visit]


def walk(browser, base, probes=PROBES) -> Walk:
    """Sign everyone in, load every page once in each language and take every probe's reading of that load."""
    load_size = next(iter(probes.values())).viewport
    contexts = []
    try:
        pages = {}
        for role in ("visitor", "learner", "teacher", "admin"):
            context = browser.new_context(viewport=load_size, locale="ar")
            contexts.append(context)
            pages[role] = context.new_page()
            if role in ACCOUNTS:
                log_in(pages[role], base, role, ACCOUNTS[role])
        targets = (visitor_targets() + learner_targets(pages["learner"], base) + teacher_targets()
                   + admin_targets())
        visits = []
        for target in targets:
            page = pages[target.role]
            for lang in LANGUAGES:
                if page.viewport_size != load_size:
                    page.set_viewport_size(load_size)
                page.goto(target.url(base, lang), wait_until="load")
                visit = Visit(target, lang, page.url)
                for name, probe in probes.items():
                    if lang in probe.languages:
                        if page.viewport_size != probe.viewport:
                            page.set_viewport_size(probe.viewport)
                        visit.readings[name] = probe.read(page)
                visits.append(visit)
        return Walk(targets, visits)
    finally:
        for context in contexts:
            context.close()
