"""The content files load, are complete in both languages, and cover what the UI uses."""

from __future__ import annotations

import re
import shutil
import string

import pytest
from pydantic import BaseModel, ValidationError

from playbook.content import CONTENT_DIR, LANGS, Text, content, load_content
from playbook.i18n import load_strings, strings

ROOT = CONTENT_DIR.parent.parent


def _texts(obj):
    """Every Text inside a content object, recursively."""
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from _texts(item)
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name))


def test_the_ten_variables_load_in_the_seed_order():
    titles = [v.title.zh for v in content().variables]
    assert titles == [
        "社群对象",
        "社群入口",
        "社群引流",
        "社群利益（价值）",
        "社群结构",
        "社群纽带",
        "社群运行",
        "社群文化",
        "社群数据",
        "社群生态",
    ]


def test_every_text_exists_in_both_languages_and_differs():
    texts = list(_texts(content()))
    assert len(texts) > 250
    for text in texts:
        for lang in LANGS:
            assert text.get(lang).strip()
    # an English text that is just the Chinese copied over is a missing translation
    untranslated = [x.zh for x in texts if x.zh == x.en and re.search(r"[\u4e00-\u9fff]", x.zh)]
    assert untranslated == []


def test_each_variable_has_questions_fields_example_and_mistakes():
    for variable in content().variables:
        assert 3 <= len(variable.questions) <= 6
        assert variable.fields[0].id == "summary" and variable.fields[0].required
        assert len(variable.mistakes) >= 2
        assert variable.example.answer.zh and variable.example.answer.en


def test_seed_structured_fields_are_offered():
    c = content()
    entry = c.variable("entry")
    assert {f.id for f in entry.fields} >= {"online", "offline", "screening"}
    acquisition = c.variable("acquisition")
    assert "kol" in {o.id for o in acquisition.field("online_methods").options}
    benefits = {o.id for o in c.variable("value").field("benefit_types").options}
    assert {"points", "discounts", "learning", "gatherings", "trips"} <= benefits


@pytest.mark.parametrize("lang", ["zh", "en", ""])
def test_a_content_entry_missing_a_language_fails_to_load(tmp_path, lang):
    for f in CONTENT_DIR.glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "variables.toml"
    source = path.read_text(encoding="utf-8")
    if lang:
        broken = source.replace('tagline = { zh = "这个社群为谁而建？", ', "tagline = { ", 1)
        if lang == "en":
            broken = source.replace(', en = "Who is this community for?" }', " }", 1)
    else:  # a required field removed altogether
        broken = source.replace(
            'tagline = { zh = "这个社群为谁而建？", en = "Who is this community for?" }\n', "", 1
        )
    assert broken != source
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValidationError):
        load_content(tmp_path)


def test_an_unknown_key_in_content_is_rejected(tmp_path):
    for f in CONTENT_DIR.glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "options.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[stages]]\nid = "x"\n', "utf-8")
    with pytest.raises(ValidationError):
        load_content(tmp_path)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_ui_strings_have_the_same_placeholders_in_both_languages():
    for key, text in load_strings().items():
        assert _placeholders(text.zh) == _placeholders(text.en), key


def test_every_ui_string_the_code_asks_for_exists():
    used: set[str] = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/**/*.py"), *ROOT.glob("playbook/**/*.py")]:
        used |= set(re.findall(r"\btr?\(\s*\"([a-z_]+(?:\.[a-z_]+)+)\"", path.read_text("utf-8")))
    missing = used - set(strings())
    assert used and not missing, missing
