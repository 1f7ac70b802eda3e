"""A teacher pastes a class list, previews it, makes the accounts and prints the sign-in cards; a learner signs in
with the username and password on their card (issue 14, defect 14)."""

import pytest

from classrooms import services
from tests import factories
from tests.browser.test_classroom import log_in

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = "1. محمد الزهراني\n2. فاطمة حسن\n\n3. Zoë Müller\n4. عبد الله أحمد سالم\n5. ليلى بنت خالد العتيبي"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_class_list_to_sign_in_cards_to_a_learner_signed_in(live_server, page_factory, screenshot, lang):
    base = live_server.url
    teacher_account = factories.teacher(username=f"ms-hana-{lang}", password="Hana-pass-2026",
                                        first_name="Hana", last_name="Saleh")
    classroom = services.classroom_create(teacher=teacher_account, name="الصف التاسع (ب)")

    teacher = page_factory(locale=lang)
    log_in(teacher, base, lang, f"ms-hana-{lang}", "Hana-pass-2026")
    teacher.goto(f"{base}/{lang}/classes/{classroom.pk}/")
    teacher.click(f"a[href$='/classes/{classroom.pk}/accounts/']")
    teacher.fill("textarea[name=names]", NAMES + "\nفاطمة حسن")
    teacher.click("button[value=preview]")
    teacher.wait_for_load_state()
    assert teacher.locator("tr.row-invalid").count() == 1
    assert teacher.locator("button[value=create]").count() == 0
    screenshot(teacher, f"class-accounts-refused.{lang}")
    teacher.console_errors.clear()  # the refused preview answers 400, which the console reports

    teacher.fill("textarea[name=names]", NAMES)
    teacher.click("button[value=preview]")
    teacher.wait_for_load_state()
    assert teacher.locator("tbody tr").count() == 5
    teacher.click("button[value=create]")
    teacher.wait_for_load_state()
    cards = teacher.locator(".sign-in-card")
    assert cards.count() == 5
    assert classroom.memberships.filter(account_created_by=teacher_account).count() == 5
    screenshot(teacher, f"sign-in-cards.{lang}")
    teacher.emulate_media(media="print")
    assert not teacher.locator(".site-header").is_visible()
    screenshot(teacher, f"sign-in-cards-print.{lang}")
    teacher.emulate_media(media="screen")

    username, password = (text.strip() for text in cards.nth(2).locator(".sign-in-secret").all_inner_texts())
    assert username == "zoe.m"
    assert not teacher.console_errors

    learner = page_factory(locale=lang, phone=True)
    log_in(learner, base, lang, username, password)
    learner.goto(f"{base}/{lang}/classes/")
    assert "الصف التاسع (ب)" in learner.inner_text("main")

    # The card is lost: the teacher resets the password from the class page, and the new one works.
    teacher.click(f"a[href$='/classes/{classroom.pk}/']:not(.breadcrumbs a)")
    teacher.wait_for_load_state()
    screenshot(teacher, f"class-accounts-class-page.{lang}")
    zoe = classroom.memberships.get(learner__username="zoe.m").learner
    teacher.click(f"a[href$='/members/{zoe.pk}/password/']")
    teacher.click("form button.primary")
    teacher.wait_for_load_state()
    assert teacher.locator(".sign-in-card").count() == 1
    new_password = teacher.locator(".sign-in-secret").all_inner_texts()[1].strip()
    assert new_password != password
    zoe.refresh_from_db()
    assert zoe.check_password(new_password)
