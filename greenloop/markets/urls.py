from django.urls import URLPattern, URLResolver

app_name = "markets"

urlpatterns: list[URLPattern | URLResolver] = []
