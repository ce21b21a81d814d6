"""Build engines: where the build's per-document stages run (NLP and mentions, dating anchors, facts).

`LocalEngine` runs each chunk of documents in this process, one after another; `RayEngine` runs each
as a Ray task on a local or an existing Ray cluster. Both call the same plain functions of
`kroniek.pipeline` and hand their results back in the order the chunks were given, so the driver
writes the same store either way; the corpus-level stages (resolution, dating, fusion) stay in the
driver.
"""
from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

ENGINES = ("local", "ray")


class EngineUnavailable(RuntimeError):
    """E050: the engine cannot run here (Ray is not installed, or its cluster cannot be reached)."""


class Engine(Protocol):
    name: str
    # whether `map` runs in the driver's own process, so arguments need not be made small to travel
    in_process: bool

    def chunk_size(self, n: int, most: int | None = None) -> int:
        """Documents per task for `n` documents, at most `most`."""
        ...

    def map(self, fn: Callable[..., Any], jobs: Iterable[tuple], *shared: Any) -> Iterator[Any]:
        """`fn(*job, *shared)` for each job, yielded in the order of `jobs`."""
        ...

    def warm(self, fn: Callable[..., Any], *args: Any) -> None:
        """Start `fn(*args)` where the chunks will run, to load what they read, without waiting for it."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """Every chunk in this process, in turn: the default, and the laptop's build."""

    name = "local"
    in_process = True

    def chunk_size(self, n: int, most: int | None = None) -> int:
        return max(1, min(n, most or n))

    def map(self, fn: Callable[..., Any], jobs: Iterable[tuple], *shared: Any) -> Iterator[Any]:
        # lazily, so the driver stores each batch before the next is read (an interrupted build keeps them)
        for job in jobs:
            yield fn(*job, *shared)

    def warm(self, fn: Callable[..., Any], *args: Any) -> None:
        pass  # this process loads what it needs on first use; nothing would run beside it meanwhile

    def close(self) -> None:
        pass


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


class RayEngine:
    """Each chunk as a Ray task. Starts a local Ray cluster of `workers` CPUs, or connects to the one at
    `address` ("auto", "ray://head:10001", "head:6379"), or uses the Ray session this process already
    has; `close` stops or leaves only what this engine started.

    A task whose worker process dies (killed, out of memory, its node lost) is run again, up to
    `max_retries` times, by Ray itself (task fault tolerance); the stages are pure functions of their
    inputs, so a retried chunk gives what the first attempt would have."""

    name = "ray"
    in_process = False
    MOST = 200  # documents in a task at most: its arguments and results stay a few MB

    def __init__(self, address: str | None = None, workers: int | None = None, max_retries: int = 3,
                 tasks_per_worker: int = 4) -> None:
        try:
            import ray
        except ImportError:
            raise EngineUnavailable("E050: the ray engine needs Ray (pip install 'kroniek[ray]')") from None
        self._ray = ray
        self._started = False
        self._warming: list = []
        if not ray.is_initialized():
            try:
                if address:
                    ray.init(address=address, logging_level=logging.WARNING)
                else:
                    # "local": a new instance of our own, never one that RAY_ADDRESS or an earlier
                    # `ray start` on this machine points at (that one is asked for with --address auto)
                    ray.init(address="local", num_cpus=workers, include_dashboard=False,
                             logging_level=logging.WARNING)
            except (ConnectionError, RuntimeError, ValueError) as err:
                hint = (" (a cluster with token authentication wants RAY_AUTH_MODE=token and its token)"
                        if address else "")
                raise EngineUnavailable(f"E051: cannot start or reach a Ray cluster at {address or 'this machine'}: "
                                        f"{err}{hint}") from None
            self._started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        # on a cluster of more CPUs, `workers` bounds the tasks in flight rather than the cluster
        self.workers = max(1, min(workers, cpus) if workers else cpus)
        # enough chunks that a slow one does not leave the other workers idle at the end, few enough
        # that a task's overhead (scheduling, moving its arguments) stays small beside its work
        self.tasks_per_worker = tasks_per_worker
        # a lost worker is retried; an exception raised by kroniek's code is not (retry_exceptions stays
        # off), since the same chunk would raise it again
        self._task = ray.remote(max_retries=max_retries)(_call)

    def chunk_size(self, n: int, most: int | None = None) -> int:
        size = math.ceil(n / (self.workers * self.tasks_per_worker)) if n else 1
        return max(1, min(size, most or self.MOST))

    def map(self, fn: Callable[..., Any], jobs: Iterable[tuple], *shared: Any) -> Iterator[Any]:
        ray = self._ray
        # put once: every task gets a reference rather than its own copy (Ray's "passing the same large
        # argument by value repeatedly" anti-pattern); a top-level reference arrives as its value
        refs = [ray.put(fn), *(ray.put(s) for s in shared)]
        task = self._task.options(name=getattr(fn, "__name__", "kroniek"))  # as the dashboard lists it
        pending: deque = deque()
        window = 2 * self.workers  # each worker has the next task queued behind the one it runs
        for job in jobs:
            if len(pending) >= window:
                yield ray.get(pending.popleft())
            pending.append(task.remote(refs[0], *job, *refs[1:]))
        # in submission order, not completion order: the driver writes batches in the order a local
        # build would, so both give the same store; the window keeps the workers busy meanwhile
        while pending:
            yield ray.get(pending.popleft())

    def warm(self, fn: Callable[..., Any], *args: Any) -> None:
        # a fresh worker's first chunk would pay for importing kroniek and loading its tables (seconds);
        # started now, that overlaps with whatever the driver does before it sends chunks. One task per
        # worker: concurrent tasks run in separate worker processes. Kept, so Ray does not warn of results
        # nobody read; `fn` must not raise (a failure shows in the chunk that follows).
        self._warming = [self._task.options(name="warm_up").remote(fn, *args) for _ in range(self.workers)]

    def close(self) -> None:
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()  # stops a local cluster we started; only disconnects from one at an address
        self._started = False


def make_engine(name: str = "local", address: str | None = None, workers: int | None = None) -> Engine:
    """The engine called `name` ("local" or "ray"); `address` and `workers` are for Ray."""
    if name == "local":
        return LocalEngine()
    if name == "ray":
        return RayEngine(address, workers)
    raise EngineUnavailable(f"E052: unknown engine {name!r}; known: {', '.join(ENGINES)}")


_CURRENT: ContextVar[Engine | None] = ContextVar("kroniek_engine", default=None)


def current_engine() -> Engine:
    """The engine of the build under way; the local one outside a build (a merge, a rejection)."""
    return _CURRENT.get() or LocalEngine()


@contextmanager
def using(engine: Engine | None) -> Iterator[Engine]:
    """Run the stages called inside this block on `engine` (the local one when None)."""
    engine = engine or LocalEngine()
    token = _CURRENT.set(engine)
    try:
        yield engine
    finally:
        _CURRENT.reset(token)
