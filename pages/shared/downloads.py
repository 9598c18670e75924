"""Downloads built on click stay fetchable while the browser asks for them.

A download button whose data is a function builds its file only when clicked
(Streamlit's deferred downloads). Streamlit 1.67 stores the built file without any
session referring to it, and every script run that ends anywhere on the server sweeps
unreferenced files: the first sweep marks the file, the second deletes it. An open plan
page polls for teammates' changes and a workshop page for the room, so two sweeps often
end between the build finishing and the browser fetching the file, and the download is
cancelled (a 404). With 200 tabs polling, almost every large download would be.

``keep_built_files()`` makes the session that clicked refer to the file it built, under
the button's own place on the page, until that session's next full run: fragment runs
(the polls) keep a session's references; a full run replaces them, and the file then goes
the ordinary way.
"""

from __future__ import annotations

from typing import Any

from streamlit.runtime import media_file_manager

_Manager = media_file_manager.MediaFileManager
_SUFFIX = ".built"


def _file_id(url: str) -> str:
    """``/media/<id>.<ext>`` → ``<id>``."""
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def keep_built_files() -> None:
    """Install once per process (idempotent)."""
    if getattr(_Manager.execute_deferred, "_keeps_built_files", False):
        return
    original = _Manager.execute_deferred

    def execute_deferred(self: Any, file_id: str) -> str:
        url = original(self, file_id)
        with self._lock:
            entry = self._deferred_callables.get(file_id)
            if entry is not None:
                refs = self._files_by_session_and_coord[entry["session_id"]]
                refs[entry["coordinates"] + _SUFFIX] = _file_id(url)
        return url

    execute_deferred._keeps_built_files = True  # type: ignore[attr-defined]
    _Manager.execute_deferred = execute_deferred  # type: ignore[method-assign]
