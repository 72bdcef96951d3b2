"""A small cache of what was made last, for the list delegates' laid-out rows."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import islice
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class RecentCache(Generic[K, V]):
    """At most `size` entries; when full, the older half goes (the rows on screen were made
    last), so a kiosk that runs all day does not grow with every list it has shown."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The entry for `key`, made by `make()` the first time."""
        value = self._items.get(key)
        if value is None:
            if len(self._items) >= self._size:
                for old in list(islice(self._items, self._size // 2)):
                    del self._items[old]
            value = self._items[key] = make()
        return value
