"""Value classes without the import cost of `dataclasses` (issue 20).

Under Python 3.11, `@dataclass` writes the source of `__init__`, `__repr__`, `__eq__` (and
`__hash__`, `__setattr__`, `__delattr__` when frozen) and compiles each with `exec` as the
module is imported: 0.3 to 0.5 ms a class, paid by every command for every class on its path
(about forty for `validate`, a tenth of its own time). A class decorated here writes its
`__slots__` and its `__init__` (one parameter a field, in order) as ordinary code, compiled
once into the module's bytecode cache; `record` adds the equality and the text a dataclass
would give it (same fields compared in the same order, same `repr`), compiling nothing.

A `frozen=True` record is hashable like a frozen dataclass; its fields are declared `Final`
so that mypy refuses any assignment after `__init__` (the check a frozen dataclass made at
run time). `replace` below is `dataclasses.replace` for a record, `fields_of` the shallow
`{field.name: value}` that `dataclasses.fields` gave.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Class = TypeVar("Class", bound=type)
Value = TypeVar("Value")
_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08  # inspect's flags, without importing inspect (5 ms)


def record(*, frozen: bool = False, ignore: tuple[str, ...] = ()) -> Callable[[Class], Class]:
    """The decorator; the class defines `__slots__` (its fields) and an `__init__` taking
    one parameter per field, in the fields' order, and nothing else. The fields named in
    `ignore` are left out of the equality, the hash and the text, as a dataclass's
    `field(compare=False, repr=False)`."""

    def decorate(cls: Class) -> Class:
        # The fields in the order of `__init__`'s parameters, as a dataclass orders them
        # (`__slots__` is kept sorted by the linter).
        code = cls.__dict__["__init__"].__code__
        fields: tuple[str, ...] = code.co_varnames[1 : code.co_argcount]
        # Checked at import (not by `assert`, gone under `python -O`): a field missing from
        # the comparison, or hidden behind *args or keyword-only parameters, would make two
        # different records equal.
        if (
            set(fields) != set(cls.__dict__["__slots__"])
            or code.co_kwonlyargcount
            or code.co_flags & (_CO_VARARGS | _CO_VARKEYWORDS)
        ):
            raise TypeError(f"{cls.__qualname__}: __init__ takes exactly the __slots__ fields")
        names = tuple(name for name in fields if name not in ignore)

        def values(self: Any) -> tuple[Any, ...]:
            return tuple([getattr(self, name) for name in names])

        def __eq__(self: Any, other: object) -> bool:
            if other.__class__ is self.__class__:
                return values(self) == values(other)
            return NotImplemented

        def __repr__(self: Any) -> str:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
            return f"{self.__class__.__qualname__}({shown})"

        def __hash__(self: Any) -> int:
            return hash(values(self))

        cls._record_fields = fields  # type: ignore[attr-defined]
        cls.__eq__ = __eq__  # type: ignore[assignment,method-assign]
        cls.__repr__ = __repr__  # type: ignore[assignment,method-assign]
        # As a dataclass: hashable when frozen, unhashable (equality by value) otherwise.
        cls.__hash__ = __hash__ if frozen else None  # type: ignore[assignment,method-assign]
        return cls

    return decorate


def replace(value: Value, **changes: Any) -> Value:
    """A copy of the record `value` with `changes`, as `dataclasses.replace` made one: every
    field passed again to `__init__` (a name that is no field is a TypeError there too)."""
    fields: tuple[str, ...] = value.__class__._record_fields  # type: ignore[attr-defined]
    kept = {name: getattr(value, name) for name in fields if name not in changes}
    return value.__class__(**kept, **changes)


def fields_of(value: object) -> dict[str, Any]:
    """The record's fields and their values, in the order of its `__init__` (shallow: the
    values themselves, not copies)."""
    fields: tuple[str, ...] = value.__class__._record_fields  # type: ignore[attr-defined]
    return {name: getattr(value, name) for name in fields}
