"""Classes in the admin, scoped to their teacher, with links to the class page and the gradebook."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from classrooms.models import Assignment, Classroom, Membership, join_code_generate
from quizzes.admin.scoping import OwnedByTeacherAdmin, ScopedInline
from quizzes.models import Quiz


class MembershipInline(ScopedInline):
    """Learners join with the code, so the admin only shows and removes them."""

    model = Membership
    extra = 0
    fields = ["learner", "joined_at"]
    readonly_fields = ["learner", "joined_at"]

    def has_add_permission(self, request, obj=None):
        return False


class AssignmentInline(ScopedInline):
    model = Assignment
    extra = 0
    fields = ["quiz", "opens_at", "due_at", "closes_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "quiz":  # narrowed further by `visible_to` (ScopedRelationsMixin)
            kwargs["queryset"] = Quiz.objects.published().filter(practice_for__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Classroom)
class ClassroomAdmin(OwnedByTeacherAdmin):
    list_display = ["name", "join_code", "code_expires_at", "archived", "pages"]
    list_filter = ["archived"]
    search_fields = ["name", "join_code"]
    fields = ["name", "join_code", "code_expires_at", "archived"]
    readonly_fields = ["join_code"]
    inlines = [MembershipInline, AssignmentInline]

    def get_list_display(self, request):
        if request.user.is_superuser:
            return ["name", "teacher", *self.list_display[1:]]
        return self.list_display

    @admin.display(description=_("pages"))
    def pages(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(), _("class page"), reverse("classrooms:gradebook", kwargs={"pk": obj.pk}),
            _("gradebook"),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.teacher = request.user
            obj.join_code = join_code_generate()
            while Classroom.objects.filter(join_code=obj.join_code).exists():
                obj.join_code = join_code_generate()
        super().save_model(request, obj, form, change)
