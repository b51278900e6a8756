from django.test import RequestFactory

from accounts.http import client_ip


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.RELAIS_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "10.0.0.1"


def test_behind_our_proxy_the_address_it_wrote_is_used_not_the_clients_forgery(settings):
    settings.RELAIS_TRUSTED_PROXY_COUNT = 1
    # the client forged "6.6.6.6"; nginx appended the real address
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 41.202.1.9")
    assert client_ip(request) == "41.202.1.9"
    bare = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert client_ip(bare) == "127.0.0.1"
