import gc
import importlib

from reintegra.core.runtime import YOUNG_THRESHOLD, tune_garbage_collector


def test_the_server_entry_point_freezes_the_loaded_application():
    gc.unfreeze()
    threshold = gc.get_threshold()
    try:
        import config.wsgi

        importlib.reload(config.wsgi)  # what a gunicorn worker runs on start
        assert gc.get_freeze_count() > 10_000  # modules, URL patterns, model metadata
        assert callable(config.wsgi.application)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_frozen_objects_are_left_out_of_collections():
    gc.unfreeze()
    threshold = gc.get_threshold()
    try:
        marker = [object()]
        tune_garbage_collector()
        assert not any(obj is marker for obj in gc.get_objects())
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
