"""Reading the shell's HTML in tests: elements by tag and attribute, with their text."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    ancestors: tuple[str, ...] = ()  # tags of the enclosing elements, outermost first
    parents: tuple[Element, ...] = ()  # the enclosing elements themselves

    def inside(self, other: Element) -> bool:
        return any(parent is other for parent in self.parents)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag=tag,
            attrs={name: value or "" for name, value in attrs},
            ancestors=tuple(e.tag for e in self.open),
            parents=tuple(self.open),
        )
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def parse(html: str) -> list[Element]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for element in collector.elements:
        element.text = " ".join(element.text.split())
    return collector.elements


def find_all(html: str, tag: str, **attrs: str) -> list[Element]:
    return [
        element
        for element in parse(html)
        if element.tag == tag and all(element.attrs.get(k) == v for k, v in attrs.items())
    ]


def nav_links(html: str) -> list[Element]:
    """The links of the main navigation, in order."""
    return [e for e in parse(html) if e.tag == "a" and "nav" in e.ancestors]
