"""ROOT_URLCONF of the bench settings: the product's URLs plus the bare peer view."""

from django.urls import path

from bench.views import hello
from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [path("bench/hello/", hello, name="bench-hello"), *product_urlpatterns]
