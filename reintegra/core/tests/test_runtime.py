import gc
import importlib

from reintegra.core.runtime import freeze_startup_objects


def test_the_server_entry_point_freezes_the_loaded_application():
    gc.unfreeze()
    try:
        import config.wsgi

        importlib.reload(config.wsgi)  # what a gunicorn worker runs on start
        assert gc.get_freeze_count() > 10_000  # modules, URL patterns, model metadata
        assert callable(config.wsgi.application)
    finally:
        gc.unfreeze()


def test_frozen_objects_are_left_out_of_collections():
    gc.unfreeze()
    try:
        marker = [object()]
        freeze_startup_objects()
        assert not any(obj is marker for obj in gc.get_objects())
    finally:
        gc.unfreeze()
