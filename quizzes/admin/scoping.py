"""Who sees what in the admin: a teacher edits their own banks and questions and reads shared ones.

`ScopedRelationsMixin` carries the same rule into every relation field of an admin form or inline: a
foreign key or many-to-many to a model whose QuerySet has `visible_to(user)` offers only what the user
may see, and, because a ModelChoiceField validates against its queryset, refuses any other id that is
posted. An admin that narrows a field further (`Question.bank`: the banks the user may change) keeps
its narrowing; the mixin applies `visible_to` on top of it. Relations to models without `visible_to`
(history, tags) are shared content and left as they are.
"""

from django.contrib import admin


class ScopedRelationsMixin:
    """Limit every relation field's choices to the objects `request.user` may see."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _scope_choices(self, db_field, request, kwargs) -> None:
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = self.get_field_queryset(kwargs.get("using"), db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(kwargs.get("using"))
        if hasattr(queryset, "visible_to"):
            kwargs["queryset"] = queryset.visible_to(request.user)


class OwnedByTeacherAdmin(ScopedRelationsMixin, admin.ModelAdmin):
    """Scope the changelist and object permissions by the model's `visible_to` / `editable_by` QuerySets."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def is_editable(self, request, obj) -> bool:
        return obj is None or self.model.objects.editable_by(request.user).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_editable(request, obj)

    def has_view_permission(self, request, obj=None):
        visible = obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()
        return super().has_view_permission(request, obj) and visible


class ScopedInline(ScopedRelationsMixin, admin.TabularInline):
    """A tabular inline whose relation fields offer only what the user may see."""
