"""Reading pages as a browser would: the ids on a page, its links, its labels."""

import re
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


NOT_FOLLOWED = ("/compte/deconnexion", "lang=", "/i18n/")
SIGN_IN = "/compte/connexion/"


def _link_targets(html: str, base: str) -> list[str]:
    found = []
    for href in parse(html).links:
        url = urlsplit(urljoin("http://testserver" + base, href))
        if url.netloc != "testserver" or url.scheme not in ("http", "https"):
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if not any(skip in path for skip in NOT_FOLLOWED):
            found.append(path)
    return found


def page_shape(path: str) -> str:
    """A link's shape: its path with references and numbers blanked, and its
    query's keys ("/urgence/cas/URG-2026-0004/" -> "/urgence/cas/#/")."""
    url = urlsplit(path)
    shape = re.sub(r"[A-Z]{2,4}(-[A-Z]+)?-\d{4}-\d+|\d+", "#", url.path)
    return shape + ("?" + "&".join(sorted(part.split("=")[0] for part in url.query.split("&"))) if url.query else "")


def sweep(client, start=("/",), *, limit=60, per_shape=5, signed_in=True, check_all=True):
    """Follow every same-site link from `start` as `client` would.

    Every link found is fetched (redirects followed), except that of links
    of the same shape (the same page for another dossier) only the first
    `per_shape` are. HTML pages without a query string are read for their
    links, up to `limit` of them; files, filtered or paginated lists and
    the admin are fetched, not read. Returns (pages, problems): the paths
    read, and one line per link answering other than 200 (or, for a
    signed-in reader, a redirect to the sign-in page) and per page with
    duplicate ids. With check_all=False it stops as soon as `limit` pages
    are read (to find pages to show a browser, not to check links)."""
    pages, problems, seen, shapes = [], [], set(), {}
    queue = [(path, "") for path in start]
    while queue and (check_all or len(pages) < limit):
        path, source = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        shape = page_shape(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        if shapes[shape] > per_shape:
            continue
        response = client.get(path, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else path
        if response.streaming:  # a download: read to the end (the client then closes it safely)
            b"".join(response.streaming_content)
        where = f" (link on {source})" if source else ""
        if response.status_code != 200:
            problems.append(f"{path} answers {response.status_code}{where}")
            continue
        if signed_in and urlsplit(final).path == SIGN_IN:
            problems.append(f"{path} sends to the sign-in page{where}")
            continue
        is_html = response.get("Content-Type", "").startswith("text/html")
        if not is_html or "?" in path or path.startswith("/admin/") or len(pages) >= limit:
            continue
        html = response.content.decode()
        pages.append(path)
        if duplicates := duplicate_ids(html):
            problems.append(f"{path}: duplicate ids {duplicates}")
        queue.extend((link, path) for link in _link_targets(html, urlsplit(final).path) if link not in seen)
    return pages, problems
