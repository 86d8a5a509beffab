"""The CJK font ships with the package and covers what greenloop prints."""

from pathlib import Path

from greenloop.reports import fonts

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed"


def _gb2312_hanzi() -> str:
    chars = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def test_the_fonts_and_their_open_licence_ship_with_the_package():
    for path in (fonts.REGULAR, fonts.BOLD):
        assert path.stat().st_size > 1_000_000, path
    licence = (fonts.FONT_DIR / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_both_faces_cover_every_gb2312_character():
    hanzi = _gb2312_hanzi()
    assert len(hanzi) == 6763
    assert fonts.missing_characters(hanzi, fonts.REGULAR) == set()
    assert fonts.missing_characters(hanzi, fonts.BOLD) == set()


def test_the_regular_face_covers_every_character_of_the_shipped_data_and_the_seed():
    texts = [path.read_text(encoding="utf-8") for path in REPO_DATA.rglob("*.csv")]
    texts += [path.read_text(encoding="utf-8") for path in REPO_DATA.rglob("*.md")]
    if SEED.is_dir():
        texts += [path.read_text(encoding="utf-8") for path in SEED.glob("*.txt")]
    missing = fonts.missing_characters("".join(texts))
    # Emoji and private-use symbols never belong in generated documents; anything else must print.
    assert {char for char in missing if ord(char) < 0x1F000} == set()


def test_a_character_outside_the_font_is_reported():
    assert fonts.missing_characters("青海\U0001f600") == {"\U0001f600"}
