"""The seed files and what the loaders share: reading a file, the records found so far under the
names the files use, and naming the record an operation refused."""
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from .. import PROJECT_ROOT
from ..errors import DomainError
from ..models import HeadcountGroup, Initiative, Meeting, MeetingPlace, Neighbourhood, Organisation, Person

SEED_DATA = PROJECT_ROOT / "seed_data"


class SeedDataError(Exception):
    """A seed file names something that no seed file defines, or breaks a rule of the operations."""


try:  # LibYAML's safe parser when PyYAML was built with it: ten times faster on the demo's files
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without LibYAML
    from yaml import SafeLoader


def read_seed_file(topic: str, directory: Path = SEED_DATA):
    """Return the parsed contents of seed_data/<topic>.yaml."""
    return yaml.load((directory / f"{topic}.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)


@contextmanager
def about(topic: str, name: str):
    """Name the record of seed_data/<topic>.yaml that an operation refused, and why."""
    try:
        yield
    except DomainError as error:
        raise SeedDataError(f"seed_data/{topic}.yaml, {name}: {error.message}") from None
    except SeedDataError as error:
        raise SeedDataError(f"seed_data/{topic}.yaml, {name}: {error}") from None


@dataclass
class Found:
    """The records the seed files define, under the names the files use for them."""

    neighbourhoods: dict[str, Neighbourhood] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    places: dict[str, MeetingPlace] = field(default_factory=dict)
    headcount_groups: dict[str, HeadcountGroup] = field(default_factory=dict)

    def get(self, topic: str, name: str | None):
        """Return the record a file names, None for no name; an unknown name is an error."""
        if name is None:
            return None
        try:
            return getattr(self, topic)[name]
        except KeyError:
            raise SeedDataError(f"{topic}: no record named {name!r} in seed_data/{topic}.yaml") from None

    def id_of(self, topic: str, name: str | None) -> int | None:
        """Return the id of the record a file names, None for no name."""
        record = self.get(topic, name)
        return None if record is None else record.id

    def ids(self, topic: str, names: list[str]) -> list[int]:
        """Return the ids of the records a file names."""
        return [self.get(topic, name).id for name in names]


def as_datetime(value) -> datetime:
    """Return a file's date and time, written by YAML as one or as text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
