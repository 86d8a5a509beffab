from django.urls import URLPattern, URLResolver

app_name = "enterprise"

urlpatterns: list[URLPattern | URLResolver] = []
