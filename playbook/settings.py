"""Server settings, read once from the environment into one typed object.

``PLAYBOOK_DATA_DIR``       where the default SQLite database lives (default ``./data``)
``PLAYBOOK_DATABASE_URL``   any SQLAlchemy URL (PostgreSQL for several app servers)
``PLAYBOOK_PUBLIC_URL``     the site's address as users reach it (behind a proxy), used in
                            every link the site hands out
``PLAYBOOK_SHOW_PLAN_LIST`` ``1`` lists every plan on home (off: a plan is private to its link)
``PLAYBOOK_LIVE_SECONDS``   how often an open plan page looks for teammates' changes
                            (default 2.5; ``0`` turns it off: a page updates when used)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    data_dir: Path = PROJECT_DIR / "data"
    database_url: str = ""
    public_url: str = ""
    show_plan_list: bool = False
    live_seconds: float = Field(default=2.5, ge=0, le=600)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            data_dir=Path(env.get("PLAYBOOK_DATA_DIR", "").strip() or PROJECT_DIR / "data"),
            database_url=env.get("PLAYBOOK_DATABASE_URL", "").strip(),
            public_url=env.get("PLAYBOOK_PUBLIC_URL", "").strip().rstrip("/"),
            show_plan_list=env.get("PLAYBOOK_SHOW_PLAN_LIST", "0").strip().lower()
            in ("1", "true", "yes"),
            live_seconds=env.get("PLAYBOOK_LIVE_SECONDS", "").strip() or 2.5,
        )

    def store_url(self) -> str:
        """The database URL: the configured one, else a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'playbook.sqlite3'}"
