"""The attempt page's cached question HTML: rendered once per state, never stale, never another's."""

import re

import pytest
from django.test import Client
from django.test.signals import template_rendered

from quizzes import rendering
from quizzes.display import DisplayOptions
from quizzes.models import Attempt, Behaviour, QuestionsPerPage

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en"):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"quizzes:{name}", args=args)


@pytest.fixture
def slot_renders():
    """The number of times the slot template is rendered, as a list that grows."""
    seen = []

    def count(sender, template, context, **kwargs):
        if template.name == rendering.QUESTION_TEMPLATE:
            seen.append(context.get("slot"))

    template_rendered.connect(count)
    yield seen
    template_rendered.disconnect(count)


def every_question(make, **fields):
    """A seven-question quiz shown all on one page."""
    return make.quiz(questions_per_page=QuestionsPerPage.ALL, **fields)


def start(client, quiz):
    assert client.post(url("quiz", quiz.pk)).status_code == 302
    return Attempt.objects.latest("pk")


def test_a_second_view_renders_no_question(learner_client, make, slot_renders):
    attempt = start(learner_client, every_question(make))
    first = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert len(slot_renders) == 7
    second = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert len(slot_renders) == 7
    # The same page but for the CSRF token, which is masked afresh for every response.
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert token.sub("", first) == token.sub("", second)


def test_a_saved_answer_shows_on_the_next_view(learner_client, make, slot_renders):
    attempt = start(learner_client, every_question(make))
    learner_client.get(url("attempt", attempt.pk))
    slot = attempt.slots.get(position=3)  # short answer
    learner_client.post(url("answer", attempt.pk, 3), {"q3": "كيريتارو"}, HTTP_HX_REQUEST="true")
    html = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert 'value="كيريتارو"' in html
    assert [s.pk for s in slot_renders[7:]] == [slot.pk]  # only the changed question is rendered again


def test_each_language_has_its_own_html(learner_client, make):
    attempt = start(learner_client, every_question(make))
    english = learner_client.get(url("attempt", attempt.pk, lang="en")).content.decode()
    arabic = learner_client.get(url("attempt", attempt.pk, lang="ar")).content.decode()
    assert english.count('<article class="question" id="q') == 7
    assert english.count('id="q0" lang="en" dir="ltr"') == 1 and 'id="q0" lang="en"' not in arabic
    assert arabic.count('id="q0" lang="ar" dir="rtl"') == 1


def test_a_checked_answer_shows_its_feedback_on_the_next_view(learner_client, make):
    attempt = start(learner_client, every_question(make, behaviour=Behaviour.IMMEDIATE))
    before = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert "feedback-right" not in before
    learner_client.post(url("answer", attempt.pk, 3), {"q3": "كيريتارو", "action": "check"},
                        HTTP_HX_REQUEST="true")
    html = learner_client.get(url("attempt", attempt.pk)).content.decode()
    assert html.count("feedback-right") == 1 and "question-locked" in html


def test_changed_quiz_settings_change_the_html(learner_client, make):
    quiz = every_question(make)
    attempt = start(learner_client, quiz)
    assert "Check" not in learner_client.get(url("attempt", attempt.pk)).content.decode()
    quiz.behaviour = Behaviour.IMMEDIATE
    quiz.save()
    assert ">Check<" in learner_client.get(url("attempt", attempt.pk)).content.decode()


def test_the_forms_carry_a_token_that_works_after_logging_in_again(make, learner_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner_user)
    quiz = every_question(make)
    page = client.get(url("quiz", quiz.pk)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(url("quiz", quiz.pk), {"csrfmiddlewaretoken": token}).status_code == 302
    attempt = Attempt.objects.latest("pk")
    client.get(url("attempt", attempt.pk))  # caches the questions
    client.logout()
    client.force_login(learner_user)  # a new session and a new CSRF secret
    client.get(url("quiz", quiz.pk))
    html = client.get(url("attempt", attempt.pk)).content.decode()
    assert rendering.CSRF_HOLE not in html
    token = re.search(r'id="q3".*?name="csrfmiddlewaretoken" value="([^"]+)"', html, re.S).group(1)
    response = client.post(url("answer", attempt.pk, 3), {"csrfmiddlewaretoken": token, "q3": "x", "next": "stay"})
    assert response.status_code == 302
    assert attempt.slots.get(position=3).response == "x"


def test_keys_differ_by_learner_state_and_language(make):
    from quizzes.services import attempts as service
    from django.utils import timezone

    quiz = make.quiz()
    first = service.attempt_start(quiz=quiz, learner=make.learner(), now=timezone.now())
    second = service.attempt_start(quiz=quiz, learner=make.learner(), now=timezone.now())
    a, b = first.slots.get(position=0), second.slots.get(position=0)
    hidden = DisplayOptions.hidden()
    key = rendering.slot_key(a, attempt=first, language="en", total=7, display=hidden)
    assert key != rendering.slot_key(b, attempt=second, language="en", total=7, display=hidden)
    assert key != rendering.slot_key(a, attempt=first, language="ar", total=7, display=hidden)
    service.attempt_save_response(attempt=first, position=0, raw=a.definition.choices[0].key, now=timezone.now())
    a.refresh_from_db()
    assert a.revision == 1  # the save's UPDATE bumped it
    assert key != rendering.slot_key(a, attempt=first, language="en", total=7, display=hidden)
    assert key != rendering.slot_key(first.slots.get(position=0), attempt=first, language="en", total=7,
                                     display=DisplayOptions.everything())


def test_the_hole_survives_rendering():
    """The CSRF token tag renders the hole as it is, so it can be found and filled."""
    from django.template import Context, Template

    rendered = Template("{% csrf_token %}").render(Context({"csrf_token": rendering.CSRF_HOLE}))
    assert rendered == f'<input type="hidden" name="csrfmiddlewaretoken" value="{rendering.CSRF_HOLE}">'


def test_nothing_is_cached_while_developing(learner_client, make, slot_renders, settings):
    """With DEBUG on, an edited template shows at the next view: every view renders."""
    settings.DEBUG = True
    attempt = start(learner_client, every_question(make))
    learner_client.get(url("attempt", attempt.pk))
    learner_client.get(url("attempt", attempt.pk))
    assert len(slot_renders) == 14


def test_every_key_holds_the_release(make, settings):
    """A deploy is a new release: every key changes, whichever file changed."""
    from django.utils import timezone
    from quizzes.services import attempts as service

    quiz = make.quiz()
    attempt = service.attempt_start(quiz=quiz, learner=make.learner(), now=timezone.now())
    slot = attempt.slots.get(position=0)
    key = rendering.slot_key(slot, attempt=attempt, language="en", total=7, display=DisplayOptions.hidden())
    settings.RELEASE_VERSION = "next"
    assert key != rendering.slot_key(slot, attempt=attempt, language="en", total=7, display=DisplayOptions.hidden())


def test_the_release_is_named_or_the_commit_or_a_digest_of_every_source(tmp_path, monkeypatch):
    from config.release import release_version

    site = tmp_path / "site"
    (site / "quizzes").mkdir(parents=True)
    (site / "quizzes" / "behaviours.py").write_text("A = 1\n")
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text("<p>")
    monkeypatch.delenv("TARIKH_RELEASE", raising=False)
    first = release_version(site)
    (site / "quizzes" / "behaviours.py").write_text("A = 2\n")  # no file is left out of the digest
    assert release_version(site) != first
    (site / ".git" / "refs" / "heads").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (site / ".git" / "refs" / "heads" / "main").write_text("0123456789abcdef0123\n")
    assert release_version(site) == "0123456789ab"
    monkeypatch.setenv("TARIKH_RELEASE", "2026.12")
    assert release_version(site) == "2026.12"
