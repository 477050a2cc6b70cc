"""The HTML of the report: the page around the sections, tables from pandas DataFrames
(`to_html`, escaped), figures and notes. Everything shown is escaped here.
"""
import html

CSS = """body{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;
text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}
tbody th{text-align:left;font-weight:normal}
img{max-width:100%;border:1px solid #ddd;margin:.3em 0}.note{background:#fff6dd;padding:.5em;
border-left:4px solid #e0b000}pre{background:#f6f6f6;padding:.5em;overflow:auto}
dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dt{font-weight:bold}
.significant{font-weight:bold}"""


def escape(text):
    return html.escape(str(text))


def table(df, classes=None):
    """A DataFrame of display text as an HTML table (cells escaped); a named index becomes
    the first column."""
    if df.index.name:
        df = df.reset_index()
    return df.to_html(index=False, escape=True, border=0, na_rep="", classes=classes,
                      justify="left")


def definitions(items):
    """(term, text) pairs as a definition list."""
    body = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    return f"<dl>{body}</dl>"


def img(name, alt):
    return f'<p><img src="{escape(name)}" alt="{escape(alt)}"></p>'


def note(text):
    """A highlighted paragraph; `text` is HTML (escape what comes from files)."""
    return f'<p class="note">{text}</p>'


def heading(level, text):
    return f"<h{level}>{escape(text)}</h{level}>"


def page(title, intro, sections):
    """The whole document: title, an introduction (HTML) and the sections (HTML)."""
    return "\n".join(
        ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
         f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
         heading(1, title), intro] + sections + ["</body></html>"]) + "\n"
