"""Fast pickling for the records forked helpers send back by the thousand (runtime/parallel.py).

Its own module, free of process code, so that the data model (model.py, quantities.py) can
use it without importing fork, pipes and signals."""

from __future__ import annotations

import operator
from dataclasses import fields
from typing import TypeVar

Shipped = TypeVar("Shipped", bound=type)


def pickled_by_constructor(cls: Shipped) -> Shipped:
    """Class decorator for a dataclass whose instances children send back by the thousand:
    they pickle as a call of the constructor with the fields in order, several times
    faster both ways than the field-by-field state of a frozen slots dataclass."""
    names = [f.name for f in fields(cls)]
    values = operator.attrgetter(*names)  # a tuple, for more than one name

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, values(self) if len(names) > 1 else (values(self),)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls
