from django.urls import URLPattern, URLResolver

app_name = "carbon"

urlpatterns: list[URLPattern | URLResolver] = []
