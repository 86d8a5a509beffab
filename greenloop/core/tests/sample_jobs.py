"""Job functions the job tests register (a real job would live in its domain)."""

from greenloop.core.jobs import JobContext


def count_to(context: JobContext, n: int) -> dict[str, int]:
    for i in range(1, n + 1):
        context.progress(i, n, f"{i} of {n}")
    context.save_file("count.txt", ("\n".join(str(i) for i in range(1, n + 1))).encode())
    return {"counted": n}


def fail(context: JobContext, reason: str) -> None:
    context.progress(1, 3)
    raise ValueError(reason)
