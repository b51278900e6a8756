"""The real URLs plus the bare view: the same middleware, no work of ours."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as relais_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *relais_urlpatterns]
