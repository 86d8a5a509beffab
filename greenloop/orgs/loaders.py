from greenloop.core.loading import LoadResult, Progress


def load_organizations(progress: Progress) -> LoadResult:
    return LoadResult("organizations")
