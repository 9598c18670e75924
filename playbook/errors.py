"""The playbook's one family of errors.

Storage and domain code turn database failures and invalid data into these, so pages catch
:class:`PlaybookError` alone — in callbacks as in the router — and show its message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

P = ParamSpec("P")
R = TypeVar("R")


class PlaybookError(Exception):
    """Base of every failure a page may show; ``message_key`` names its UI text."""

    message_key = "err.unexpected"

    @property
    def message_values(self) -> dict[str, object]:
        """Values for the placeholders of the message (none by default)."""
        return {}


class StorageUnavailable(PlaybookError):
    """The database could not be reached or refused the operation."""

    message_key = "err.save_failed"


class PlanNotFound(PlaybookError, LookupError):
    """No plan has this id (or the id is not of a plan id's shape)."""

    message_key = "err.plan_missing"


class ConcurrentUpdateError(PlaybookError):
    """A change could not be applied after many retries against concurrent writers."""

    message_key = "err.save_failed"


class PlanTooLarge(PlaybookError):
    """A save would make the plan larger than a plan may be; nothing was stored."""

    message_key = "err.plan_too_large"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"plan of {size} bytes, limit {limit}")
        self.size = size
        self.limit = limit

    @property
    def message_values(self) -> dict[str, object]:
        return {"size": _kilobytes(self.size), "limit": _kilobytes(self.limit)}


def _kilobytes(size: int) -> str:
    return f"{-(-size // 1024):,} KB"


class InvalidData(PlaybookError, ValueError):
    """A value was refused; ``error`` holds the field-by-field reasons."""

    message_key = "err.invalid"

    def __init__(self, error: ValidationError) -> None:
        super().__init__(str(error))
        self.error = error


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise database and validation failures as playbook errors."""
    try:
        yield
    except PlaybookError:
        raise
    except ValidationError as exc:
        raise InvalidData(exc) from exc
    except SQLAlchemyError as exc:
        raise StorageUnavailable(str(exc)) from exc


def translating(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of :func:`translated`."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translated():
            return fn(*args, **kwargs)

    return wrapper
