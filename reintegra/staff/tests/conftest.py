import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call `fn(*args, **kwargs)` and run what it left for the commit (e-mails, access-log changes)."""

    def call(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call
