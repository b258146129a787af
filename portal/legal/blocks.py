"""Stream data of the legal pages' bodies (portal.blocks.BodyBlock: headings and paragraphs)."""


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def p(html):
    return ("paragraph", html)
