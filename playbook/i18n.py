"""UI strings in Chinese and English, and translated validation messages.

Strings live in ``content/ui.toml`` as ``key = { zh = "…", en = "…" }``. Chinese is the
source language and the default.

Counts: a whole number filled into a string can pick its noun by number with a format
spec of two forms, ``{count:task has|tasks have}`` (English needs it, Chinese does not),
or ``{count:,}`` for digit grouping. A string whose count is zero reads differently in
both languages ("no tasks yet", not "0 tasks"): ``key.zero`` holds that sentence and is
used when it exists and ``count`` is 0. A sentence of several counts leaves out the zero
ones with :func:`counts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import RootModel, ValidationError

from playbook.content import CONTENT_DIR, LANGS, Text, read_toml
from playbook.errors import InvalidData, PlaybookError

DEFAULT_LANG = "zh"


class UiStrings(RootModel[dict[str, Text]]):
    pass


def normalise_lang(value: object) -> str:
    """A supported language code from a URL or a widget (``EN`` and `` en `` are ``en``)."""
    code = value.strip().lower() if isinstance(value, str) else value
    return code if isinstance(code, str) and code in LANGS else DEFAULT_LANG


def load_strings(directory: Path = CONTENT_DIR) -> dict[str, Text]:
    """Every ``ui*.toml`` file (ui.toml, ui_tools.toml…); a key defined twice is an error."""
    merged: dict[str, Text] = {}
    for path in sorted(directory.glob("ui*.toml")):
        part = UiStrings.model_validate(read_toml(path.name, directory)).root
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"{path.name} redefines {sorted(clash)}")
        merged |= part
    return merged


@lru_cache(maxsize=1)
def strings() -> dict[str, Text]:
    return load_strings()


@lru_cache(maxsize=4)
def _keys_by_text(lang: str) -> dict[str, str]:
    """Each UI string's text in ``lang`` (the first key that has it)."""
    out: dict[str, str] = {}
    for key, text in strings().items():
        out.setdefault(text.get(lang), key)
    return out


def same_string(text: str, from_lang: str, to_lang: str) -> str | None:
    """The UI string that reads ``text`` in ``from_lang``, in ``to_lang`` (None when no UI
    string reads so): a label shown before a language switch, as it reads after."""
    key = _keys_by_text(from_lang).get(text)
    return None if key is None else strings()[key].get(to_lang)


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "…"


class Count(int):
    """A whole number in a UI string: ``{n:one|other}`` picks the word form for ``n``,
    any other spec formats the number (``{n:,}`` → ``1,500``)."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, _, other = spec.partition("|")
            return one if self == 1 else other
        return format(int(self), spec)


def counted(values: Mapping[str, object]) -> dict[str, object]:
    """``values`` with every whole number (not a bool) wrapped as a :class:`Count`."""
    return {
        name: Count(value) if isinstance(value, int) and not isinstance(value, bool) else value
        for name, value in values.items()
    }


def variant(key: str, values: Mapping[str, object]) -> str:
    """``key.zero`` when ``count`` is 0 and that string exists, else ``key``."""
    if values.get("count") == 0 and f"{key}.zero" in strings():
        return f"{key}.zero"
    return key


def template(key: str, lang: str, /, **values: object) -> str:
    """The UI string ``key`` in ``lang`` (its zero form when ``values`` call for it) with its
    ``{name}`` placeholders left in place."""
    return strings()[variant(key, values)].get(lang)


def t(key: str, lang: str, /, **values: object) -> str:
    """The UI string ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    text = template(key, lang, **values)
    return text.format_map(_Values(counted(values))) if "{" in text else text


def join_clauses(clauses: list[str], lang: str) -> str:
    """Clauses as one list: "a，b，c" in Chinese, "a, b and c" in English."""
    if lang == "zh" or len(clauses) < 2:
        return "，".join(clauses)
    return f"{', '.join(clauses[:-1])} and {clauses[-1]}"


def counts(key: str, lang: str, numbers: Mapping[str, int], **values: object) -> str:
    """One sentence of several counts without the zero ones: ``key.<name>`` is each
    clause (``{count}`` its number), ``key`` wraps their list as ``{clauses}`` (with
    ``values`` for its other placeholders), and ``key.none`` is the sentence when every
    count is zero."""
    clauses = [t(f"{key}.{name}", lang, count=n) for name, n in numbers.items() if n]
    if not clauses:
        return t(f"{key}.none", lang, **values)
    return t(key, lang, clauses=join_clauses(clauses, lang), **values)


# pydantic error types -> ui.toml keys; ctx values (max_length, ge…) fill placeholders.
_ERROR_KEYS = {
    "string_too_long": "err.too_long",
    "string_too_short": "err.required",
    "missing": "err.required",
    "too_long": "err.too_many",
    "greater_than_equal": "err.too_small",
    "less_than_equal": "err.too_large",
    "int_parsing": "err.not_integer",
    "int_from_float": "err.not_integer",
    "int_type": "err.not_integer",
    "finite_number": "err.not_number",
    "float_parsing": "err.not_number",
    "float_type": "err.not_number",
    "literal_error": "err.unknown_option",
    "enum": "err.unknown_option",
    "string_pattern_mismatch": "err.unknown_option",
    "date_type": "err.date",
    "date_parsing": "err.date",
    "date_from_datetime_parsing": "err.date",
    "date_from_datetime_inexact": "err.date",
}


def error_message(error: Mapping[str, Any], lang: str) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) as a sentence."""
    key = _ERROR_KEYS.get(error["type"], "err.invalid")
    if error["type"] == "value_error":
        # model validators raise ValueError("code:detail"); the code names a ui string
        code = str((error.get("ctx") or {}).get("error", "")).split(":", 1)[0]
        if f"err.{code}" in strings():
            key = f"err.{code}"
    if error.get("input") is None and error["type"] in ("int_type", "float_type", "missing"):
        key = "err.required"
    if isinstance(error.get("input"), str):
        if error["type"] == "too_long":
            key = "err.too_long"
        elif error["type"] == "too_short":
            key = "err.required"
    ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, int | float | str)}
    return t(key, lang, **ctx)


def error_messages(exc: ValidationError, lang: str) -> list[str]:
    """Each validation error as one translated sentence, without duplicates."""
    return list(dict.fromkeys(error_message(e, lang) for e in exc.errors(include_url=False)))


def errors_by_field(exc: ValidationError, lang: str) -> dict[str, list[str]]:
    """Translated messages grouped by the top-level field they concern."""
    grouped: dict[str, list[str]] = {}
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else ""
        message = error_message(error, lang)
        if message not in grouped.setdefault(field, []):
            grouped[field].append(message)
    return grouped


def failure_messages(
    exc: PlaybookError, lang: str, labels: Mapping[str, str] | None = None
) -> list[str]:
    """What a user reads about a failure: field reasons for refused data (each prefixed
    with its field's label when ``labels`` names it), else the error's own text."""
    if not isinstance(exc, InvalidData):
        return [t(exc.message_key, lang, **exc.message_values)]
    if labels is None:
        return error_messages(exc.error, lang)
    separator = "：" if lang == "zh" else ": "
    return [
        f"{labels[field]}{separator}{' '.join(messages)}" if field in labels else " ".join(messages)
        for field, messages in errors_by_field(exc.error, lang).items()
    ]
