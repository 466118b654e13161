"""Split a batch into soffice calls.

One soffice call converts at most about 247 files and silently ignores the rest (exit code
0), so no call gets more than ``MAX_CHUNK`` files. The number of calls is a multiple of the
number of processes and the calls are of equal size, so the processes finish together.
"""

from __future__ import annotations

__all__ = ["MAX_CHUNK", "plan_chunks"]

MAX_CHUNK = 200


def plan_chunks(count: int, processes: int, chunk_size: int = MAX_CHUNK) -> list[range]:
    """Index ranges, one per soffice call, covering ``range(count)`` in order.

    >>> [len(r) for r in plan_chunks(1000, 2)]
    [167, 167, 167, 167, 166, 166]
    >>> [len(r) for r in plan_chunks(250, 1)]
    [125, 125]
    >>> plan_chunks(5, 2)
    [range(0, 3), range(3, 5)]
    >>> plan_chunks(1, 4)
    [range(0, 1)]
    >>> plan_chunks(0, 2)
    []
    """
    if not 1 <= chunk_size <= MAX_CHUNK:
        raise ValueError(f"chunk_size must be 1..{MAX_CHUNK}, not {chunk_size}")
    if processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if count <= 0:
        return []
    rounds = -(-count // (processes * chunk_size))
    calls = min(count, processes * rounds)
    size, extra = divmod(count, calls)
    chunks: list[range] = []
    start = 0
    for i in range(calls):
        stop = start + size + (1 if i < extra else 0)
        chunks.append(range(start, stop))
        start = stop
    return chunks
