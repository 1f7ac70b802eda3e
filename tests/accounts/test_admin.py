"""The admin's permission lists (user and group forms) name each permission in the page's language."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from accounts.admin import permission_label

pytestmark = pytest.mark.django_db


def test_a_model_s_own_permission_is_named_from_its_translated_verbose_name():
    permission = Permission.objects.get(codename="add_logentry")
    assert permission.name == "Can add log entry"  # as migrate stored it, whatever the language
    with translation.override("en"):
        assert permission_label(permission) == "Administration | log entry | Can add log entry"
    with translation.override("ar"):
        label = permission_label(permission)
    assert label.startswith("الإدارة | مدخلة سجلات | ") and label.endswith("مدخلة سجلات")
    assert "log entry" not in label


def test_the_group_and_user_forms_list_permissions_by_that_label(admin_client, admin_user):
    group = Group.objects.create(name="editors")
    for url in (f"/ar/admin/auth/group/{group.pk}/change/", f"/ar/admin/accounts/user/{admin_user.pk}/change/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "Can view log entry" not in response.content.decode(), url
