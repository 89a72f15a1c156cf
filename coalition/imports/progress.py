"""How far a long import has come, for a progress bar on the command line or in the browser.

An import goes through stages (reading the file, checking its rows against the register,
writing them) and reports each one's size and how much of it is done, every few hundred
items. `Progress` itself tells nobody; the command and the background job give their own.
"""
from collections.abc import Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")

# The stages, in order; shown as they are on the command line, translated in the browser.
READING, CHECKING, WRITING = "Reading", "Checking", "Writing"
STAGES = (READING, CHECKING, WRITING)


class Progress:
    """Told where an import is; this one ignores it."""

    every = 500  # items between reports

    def start(self, stage: str, total: int) -> None:
        """A stage of `total` items begins."""

    def advance(self, done: int) -> None:
        """`done` items of the current stage are done."""

    def track(self, stage: str, items: Iterable[Item], total: int) -> Iterator[Item]:
        """Yield the items, reporting the stage's progress every `every` of them and at the end."""
        self.start(stage, total)
        done = 0
        for done, item in enumerate(items, 1):
            if done % self.every == 0:
                self.advance(done)
            yield item
        self.advance(max(done, total))


SILENT = Progress()

# An import of more rows than this takes long enough to show its progress: a bar on the command
# line, a background job with a progress page in the browser.
LONG_IMPORT_ROWS = 3_000
