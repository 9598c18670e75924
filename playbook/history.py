"""The revision history as a reader wants it: consecutive
edits from one browser grouped into one entry, and long text changes as word diffs."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from playbook.storage import RevisionInfo

GROUP_GAP = timedelta(minutes=30)  # edits further apart than this start a new entry


def editor_tag(source: str) -> str | None:
    """The browser that made an edit (``edit:<browser>.<window>``, or ``edit:<tag>`` as
    saved before browsers were told apart from windows), when the revision records one."""
    kind, _, detail = source.partition(":")
    return detail.partition(".")[0] or None if kind == "edit" else None


@dataclass
class Entry:
    """One line of the history: a single revision, or a run of edits by one browser."""

    first: RevisionInfo
    last: RevisionInfo
    changed: list[str] = field(default_factory=list)
    author: str | None = None  # the newest display name the editor gave in the run

    @property
    def versions(self) -> tuple[int, int]:
        return self.first.version, self.last.version

    @property
    def source(self) -> str:
        return self.last.source


def grouped(revisions: list[RevisionInfo]) -> list[Entry]:
    """Newest first, as stored; consecutive edits by the same browser within
    ``GROUP_GAP`` of each other become one entry listing every field they changed, named
    after the newest display name the editor gave in it."""
    entries: list[Entry] = []
    for revision in revisions:  # newest first
        tag = editor_tag(revision.source)
        current = entries[-1] if entries else None
        if (
            current is not None
            and tag is not None
            and editor_tag(current.first.source) == tag
            and current.first.created_at - revision.created_at <= GROUP_GAP
        ):
            current.first = revision
            current.changed = list(dict.fromkeys(revision.changed + current.changed))
            current.author = current.author or revision.author
        else:
            entries.append(Entry(revision, revision, list(revision.changed), revision.author))
    return entries


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _tokens(text: str) -> list[str]:
    """Words for Latin text; one token per character for Chinese (no spaces to split on)."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        out.extend(list(token) if _CJK.search(token) else [token])
    return out


Piece = tuple[str, str]  # ("same" | "removed" | "added", text)


def word_diff(before: str, after: str) -> list[Piece]:
    """The change from ``before`` to ``after`` as runs of kept, removed and added text."""
    a, b = _tokens(before), _tokens(after)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces
