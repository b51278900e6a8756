"""Reading pages as a browser would: the ids on a page, its links, its labels."""

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []
        self.links = []
        self.label_targets = []
        self.elements = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "label" and attrs.get("for"):
            self.label_targets.append(attrs["for"])

    handle_startendtag = handle_starttag


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def duplicate_ids(html: str) -> list[str]:
    return sorted(name for name, count in Counter(parse(html).ids).items() if count > 1)


def dangling_labels(html: str) -> list[str]:
    """Labels whose `for` names no element of the page."""
    page = parse(html)
    return sorted(set(page.label_targets) - set(page.ids))


SKIPPED = ("/admin/", "/static/", "/media/", "/compte/deconnexion", "/fichiers/", "/telecharger", ".pdf", ".docx", ".csv", ".xlsx", ".svg")


def internal_links(html: str, base: str) -> list[str]:
    """The same-site pages a link on this page leads to (path and query)."""
    found = []
    for href in parse(html).links:
        url = urlsplit(urljoin("http://testserver" + base, href))
        if url.netloc != "testserver" or url.scheme not in ("http", "https"):
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if any(skip in path for skip in SKIPPED):
            continue
        found.append(path)
    return found


def crawl(client, start=("/",), *, limit=40):
    """GET pages by following links from `start`: yields (path, response) for each HTML page answered 200."""
    seen, queue = set(), list(start)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        yield path, html
        queue.extend(link for link in internal_links(html, path) if link not in seen)
