from greenloop.core.loading import LoadResult, Progress


def load_regions(progress: Progress) -> LoadResult:
    return LoadResult("regions")
