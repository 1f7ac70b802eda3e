from django.contrib import admin

from quizzes.admin.scoping import ScopedRelationsMixin
from quizzes.models import Tag


@admin.register(Tag)
class TagAdmin(ScopedRelationsMixin, admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name"]
