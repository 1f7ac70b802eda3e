"""Every page a visitor, a learner, a teacher and an admin reach, for the site-wide browser checks.

`test_axe` runs axe-core over each page and `test_no_sideways` measures each one on a phone; both walk the
list with `walk()`: one context per person (signed in once), one tab reused for every page, each page
visited in Arabic and in English. The attempts a learner's pages need (one attempt page for every question
type, a submit page, a review, a review session) are started through the site, as the learner would.
"""

from dataclasses import dataclass

LANGUAGES = ("ar", "en")
ACCOUNTS = {"learner": "tarikh-learner", "teacher": "tarikh-teacher", "admin": "tarikh-admin"}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


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


def walk(browser, base, *, viewport, check):
    """Signs everyone in, then calls check(page, target, lang) for every page in Arabic and English."""
    contexts = []
    try:
        pages = {}
        for role in ("visitor", "learner", "teacher", "admin"):
            context = browser.new_context(viewport=viewport, locale="ar")
            contexts.append(context)
            pages[role] = context.new_page()
            if role in ACCOUNTS:
                log_in(pages[role], base, role, ACCOUNTS[role])
        targets = (visitor_targets() + learner_targets(pages["learner"], base) + teacher_targets()
                   + admin_targets())
        for target in targets:
            page = pages[target.role]
            for lang in LANGUAGES:
                page.goto(target.url(base, lang), wait_until="load")
                check(page, target, lang)
        return targets
    finally:
        for context in contexts:
            context.close()
