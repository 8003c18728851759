"""Running per-release work in several processes, with results in input order.

Reading, extracting and enriching one release depends on that file and the vocabularies only, and
rendering one release page on data computed before it: both spread over processes. Results come
back in the order of the input, so the output never depends on scheduling.

Processes are started with `fork` where the platform has it: the children inherit the compiled
vocabulary and the releases already in memory instead of receiving them pickled. Small inputs stay
in-process: starting workers costs more than it saves below `MIN_ITEMS`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 300
"""Below this many items the work runs in the calling process: a judgement (see
benchmarks/RESULTS.md), not a measured crossover; the sample archive's 65 releases stay in-process."""
CHUNK = 50
"""Items per task: large enough that pickling and scheduling are noise, small enough to balance."""

S = TypeVar("S")

_SHARED: list[object] = []
"""The object a forked worker inherits (set by `run` before the pool starts), if any."""


def workers(requested: int | None = None) -> int:
    """Worker count: `requested`, else PRESS_ARCHIVE_WORKERS, else the CPUs this process may use."""
    if requested is None:
        env = os.environ.get("PRESS_ARCHIVE_WORKERS", "")
        requested = int(env) if env.isdigit() else None
    if requested is None:
        requested = cores()
    return max(1, requested)


def cores() -> int:
    """The CPUs this process may use (its affinity on Linux, else all of them)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def shared(kind: type[S]) -> S:
    """The object shared by the current `run`, in the parent or in a worker; a `TypeError` when
    it is not a `kind` (a task run outside the `run` that shares its data)."""
    value = _SHARED[0] if _SHARED else None
    if not isinstance(value, kind):
        raise TypeError(f"this run shares {type(value).__name__}, not {kind.__name__}")
    return value


def _init(value: object) -> None:
    _SHARED[:] = [value]


def _call_chunk(func: Callable[[Sequence[T]], list[R]], chunk: Sequence[T]) -> list[R]:
    return func(chunk)


def run(
    func: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    data: object = None,
    *,
    processes: int | None = None,
    chunk: int | None = None,
    progress: Callable[[int], None] | None = None,
    consume: Callable[[R], None] | None = None,
) -> list[R]:
    """`func` over `items` in chunks (func takes a chunk, returns one result per item), results in
    input order. `data` (a typed record of what every task reads) is `shared(its type)` inside
    `func`: inherited by forked workers, pickled once per worker otherwise. `progress` is called
    with the number of items done so far.
    With `consume`, each result is handed to it as it arrives (in input order) and not kept: the
    returned list is empty, and a large run's results never all sit in memory at once."""
    count = workers(processes)
    size = chunk or CHUNK
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    results: list[R] = []
    done = 0

    def take(part: list[R]) -> None:
        nonlocal done
        done += len(part)
        if consume is None:
            results.extend(part)
        else:
            for result in part:
                consume(result)
        if progress:
            progress(done)

    if count == 1 or len(items) < MIN_ITEMS:
        _init(data)
        try:
            for part in chunks:
                take(func(part))
        finally:
            _SHARED.clear()
        return results
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _init(data)  # forked children see it already; the initializer covers spawn
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_init, initargs=(data,)) as pool:
            for part in pool.map(_call_chunk, [func] * len(chunks), chunks):
                take(part)
    finally:
        _SHARED.clear()
    return results
