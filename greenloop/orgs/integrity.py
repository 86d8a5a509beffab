def check() -> list[str]:
    return []
