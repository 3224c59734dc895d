"""HTML pages: the article's text without navigation, banners, share buttons, sidebars or footers (selectolax)."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.clean import normalize_text
from ingest.errors import BadFileError
from ingest.load.text import Parsed

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button", "input", "select",
              "textarea", "nav", "img", "picture", "video", "audio", "canvas", "object", "embed", "dialog", "menu")
# Class, id, role or aria-label words that mark page furniture rather than the release (en, fr, nl).
_NOISE = re.compile(
    r"(?<![a-z])(cookies?|consent|rgpd|gdpr|banner|notice|share|sharing|sharedaddy|social|partager|delen|"
    r"breadcrumbs?|ariane|kruimelpad|nav|navigation|navbar|menu|related|sidebar|secondary|widgets?|newsletter|"
    r"lang|langs|language|languages|langue|taal|lang-switch|search|recherche|zoeken|print|skip|comments?|"
    r"tags?|cat-links|category|categories|kicker|meta|entry-meta|byline|date|pagination|pager|masthead|"
    r"colophon|site-header|site-footer|brand|logo|toolbar|popup|modal|advert|ads|promo|cta|subscribe|"
    r"read-more|see-also|a-lire|lees-ook|footnotes-nav|login|account)(?![a-z])", re.I)
_ROOTS = ("article", "main", "[role=main]", "#content", ".content", ".entry-content", ".post", "body")
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5",
           "h6", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "blockquote", "table", "tr", "pre",
           "address", "hr", "details", "summary"}
_DATE_META = ("date", "dc.date", "dcterms.date", "dcterms.created", "article:published_time", "og:published_time",
              "pubdate", "publish-date", "datepublished")


def parse_html(source: str) -> Parsed:
    tree = LexborHTMLParser(source)
    if tree.body is None:
        raise BadFileError("the HTML page has no body")
    hints = _date_hints(tree)
    head_title = _head_title(tree)
    for node in tree.css(",".join(_DROP_TAGS)):
        node.decompose()
    root = _content_root(tree)
    _drop_furniture(root)
    heading = root.css_first("h1") or tree.css_first("h1")
    title = normalize_text(heading.text(separator=" ")) if heading else ""
    if heading is not None:
        heading.decompose()
    text = normalize_text(_block_text(root))
    return Parsed(title.replace("\n", " ") or head_title, text, hints)


def _date_hints(tree: LexborHTMLParser) -> tuple[str, ...]:
    hints = []
    for meta in tree.css("meta"):
        key = (meta.attributes.get("name") or meta.attributes.get("property") or meta.attributes.get("itemprop") or "")
        if key.lower() in _DATE_META and meta.attributes.get("content"):
            hints.append(meta.attributes["content"])
    scope = tree.css_first("article") or tree.css_first("main") or tree.body
    hints += [t.attributes["datetime"] for t in scope.css("time[datetime]") if t.attributes.get("datetime")]
    return tuple(hints)


def _head_title(tree: LexborHTMLParser) -> str:
    """<title> without the site's name after ' | ' (or after a final ' - ' when that part is short)."""
    node = tree.css_first("title")
    title = normalize_text(node.text()) if node else ""
    if " | " in title:
        return title.split(" | ")[0].strip()
    head, sep, tail = title.rpartition(" - ")
    return head.strip() if sep and len(tail) <= 60 and len(head) > len(tail) else title


def _is_noise(node: LexborNode) -> bool:
    attrs = node.attributes
    marks = " ".join(filter(None, (attrs.get("class"), attrs.get("id"), attrs.get("role"), attrs.get("aria-label"))))
    return bool(marks) and bool(_NOISE.search(marks.replace("_", "-")))


def _text_length(node: LexborNode) -> int:
    return sum(len(p.text()) for p in node.css("p"))


def _content_root(tree: LexborHTMLParser) -> LexborNode:
    """The article holding the <h1>, else the candidate container with the most paragraph text."""
    for article in tree.css("article"):
        if article.css_first("h1") is not None and not _is_noise(article):
            return article
    candidates = [n for selector in _ROOTS for n in tree.css(selector) if not _is_noise(n)]
    best = max(candidates, key=_text_length, default=tree.body)
    return best if _text_length(best) > 0 else tree.body


def _inside(node: LexborNode, tags: tuple[str, ...], root: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent != root:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _drop_furniture(root: LexborNode) -> None:
    # Page headers and footers are dropped, but a quote's attribution (<blockquote><footer>) is content.
    for node in list(root.css("*")):
        if node.tag in ("header", "footer", "aside") and not _inside(node, ("blockquote", "figure"), root):
            if node.tag == "aside" and not _is_noise(node) and _text_length(node) + len(node.text()) > 0:
                continue
            if node.tag == "header" and node.css_first("h1") is not None:
                _drop_header_extras(node)
                continue
            node.decompose()
        elif _is_noise(node) and node.css_first("h1") is None:
            node.decompose()


def _drop_header_extras(header: LexborNode) -> None:
    """An article header keeps its <h1> (the title) and long paragraphs (an intro), loses kickers and datelines."""
    for child in header.iter():
        if child.tag != "h1" and len(child.text()) < 200:
            child.decompose()


def _block_text(root: LexborNode) -> str:
    """The text of `root` with block breaks; an explicit stack, not recursion: pages nest thousands of levels deep."""
    parts: list[str] = []
    # Each frame: the element, its remaining children, its list-item count, what to write once it is done.
    stack = [(root, root.iter(include_text=True), [0], "")]
    while stack:
        node, children, items, closing = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            parts.append(closing)
            continue
        tag = child.tag
        if tag == "-text":
            parts.append(re.sub(r"\s+", " ", child.text(deep=False)))
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag.startswith("-"):  # comments and other non-element nodes
            continue
        closing = ""
        if tag == "li":
            # List items stay lines of one paragraph; the list's own block break ends it.
            items[0] += 1
            parts.append(f"\n{items[0]}. " if node.tag == "ol" else "\n- ")
        elif tag in ("td", "th"):
            parts.append(" | ")
        elif tag in _BLOCKS:
            parts.append("\n\n")
            closing = "\n\n"
        stack.append((child, child.iter(include_text=True), [0], closing))
    return "".join(parts)
