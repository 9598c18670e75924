"""Comments on a plan: short plain-text threads on a variable or a roadmap task.

Comments live in the plan (``Plan.comments``, one entry per comment id) and so travel
with its revisions, its JSON export and its live updates. A new comment is one change
(``comments.<id>``) and resolving it another (``comments.<id>.resolved``), so two people
commenting at once both keep their comments (see ``storage/plans.py``).
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

from playbook.text import clean_line, clean_text

MAX_COMMENT = 500  # characters in one comment
MAX_AUTHOR = 40
MAX_COMMENTS = 300  # per plan: at most ~0.5 MB of JSON, far below a plan's size bound

COMMENT_ID_RE = re.compile(r"^c[0-9a-f]{12}$")
CommentId = Annotated[str, StringConstraints(pattern=COMMENT_ID_RE.pattern)]
TARGET_PATTERN = r"^(variable|task):[a-z][a-z0-9_]{0,39}$"
Target = Annotated[str, StringConstraints(pattern=TARGET_PATTERN)]
# the change paths a comment link may send
COMMENT_PATH_RE = re.compile(r"^comments\.c[0-9a-f]{12}(\.resolved)?$")

CommentText = Annotated[
    str, BeforeValidator(clean_text), StringConstraints(min_length=1, max_length=MAX_COMMENT)
]
AuthorName = Annotated[str, BeforeValidator(clean_line), StringConstraints(max_length=MAX_AUTHOR)]


class Comment(BaseModel):
    """One comment: on what, by whom (a display name; empty for anonymous), when."""

    model_config = ConfigDict(extra="forbid")

    target: Target
    text: CommentText
    author: AuthorName = ""
    at: datetime
    resolved: bool = False


def variable_target(variable_id: str) -> str:
    return f"variable:{variable_id}"


def task_target(task_id: str) -> str:
    return f"task:{task_id}"


def new_comment_id() -> str:
    return "c" + secrets.token_hex(6)


def new_comment(
    target: str, text: str, author: str = "", now: datetime | None = None
) -> tuple[str, dict[str, Any]]:
    """The change that adds a comment: ``(path, value)``. Raises ``ValueError`` (through
    pydantic) when the text is empty after cleaning or too long."""
    line = clean_line(author)
    name = line[:MAX_AUTHOR] if isinstance(line, str) else ""
    comment = Comment(target=target, text=text, author=name, at=now or datetime.now(UTC))
    return f"comments.{new_comment_id()}", comment.model_dump(mode="json")


def resolve_change(comment_id: str, resolved: bool) -> dict[str, bool]:
    return {f"comments.{comment_id}.resolved": resolved}


def is_comment_path(path: str) -> bool:
    return COMMENT_PATH_RE.fullmatch(path) is not None


def thread(comments: Mapping[str, Comment], target: str) -> list[tuple[str, Comment]]:
    """The comments on ``target``, oldest first."""
    found = [(cid, c) for cid, c in comments.items() if c.target == target]
    return sorted(found, key=lambda item: (item[1].at, item[0]))


def open_counts(comments: Mapping[str, Comment]) -> Counter[str]:
    """Unresolved comments by target."""
    return Counter(c.target for c in comments.values() if not c.resolved)


def open_comments(comments: Mapping[str, Comment]) -> list[tuple[str, Comment]]:
    """Every unresolved comment, newest first."""
    found = [(cid, c) for cid, c in comments.items() if not c.resolved]
    return sorted(found, key=lambda item: (item[1].at, item[0]), reverse=True)
