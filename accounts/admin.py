from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext, gettext_lazy as _

from accounts.models import User

# Django stores a permission's name in the database, in English, when migrate creates it ("Can add log entry");
# the four it makes for every model are named again here from the model's translated verbose name.
BUILTIN_PERMISSIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """Return "app | model | permission" in the active language (Permission.__str__ gives the name as stored)."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    action, _separator, model_name = permission.codename.partition("_")
    if action in BUILTIN_PERMISSIONS and model_name == model._meta.model_name:
        name = BUILTIN_PERMISSIONS[action] % {"model": model._meta.verbose_name}
    else:
        name = gettext(permission.name)
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | {name}"


class TranslatedPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.label_from_instance = permission_label
        return field


@admin.register(User)
class TarikhUserAdmin(TranslatedPermissionsMixin, UserAdmin):
    pass


admin.site.unregister(Group)


@admin.register(Group)
class TarikhGroupAdmin(TranslatedPermissionsMixin, GroupAdmin):
    pass
