"""Who sees what in the admin: a teacher edits their own banks and questions and reads shared ones."""

from django.contrib import admin


class OwnedByTeacherAdmin(admin.ModelAdmin):
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
