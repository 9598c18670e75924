"""A download built on click survives the server's sweeps of unreferenced files until
the clicking session's next full run."""

from __future__ import annotations

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from pages.shared import downloads


def _built(manager: MediaFileManager) -> str:
    placeholder = manager.add_deferred(lambda: b"%PDF-1.7 plan", "application/pdf", "1.2.3")
    return downloads._file_id(manager.execute_deferred(placeholder))


def test_a_built_file_outlives_the_sweeps_of_other_runs_until_the_next_full_run():
    downloads.keep_built_files()
    downloads.keep_built_files()  # a second install changes nothing
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    file_id = _built(manager)
    for _ in range(5):  # other sessions' runs and this session's polls end
        manager.remove_orphaned_files()
    assert storage.get_file(file_id).content == b"%PDF-1.7 plan"
    # the session's next full run drops its references; two sweeps later the file is gone
    manager.clear_session_refs()
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
    assert file_id not in manager._file_metadata


def test_the_file_id_is_read_from_the_media_url():
    assert downloads._file_id("/media/9dd7eeccb177057c746619fb897de2d4.pdf") == (
        "9dd7eeccb177057c746619fb897de2d4"
    )
