"""The course's widget kit: what every widget shares, so an accessibility fix is one edit.

- `CourseWidget`: the base of every widget. `.widget` is the box a notebook shows, `.text` the words of the
  last result (what a screen reader announces and the tests read), `.status` the one live region that
  announces it, `show_status(text)` writes both.
- `status_html()`: the accessible status region, `<div role="status" aria-live="polite">` with one `<p>` per line.
- `PLACEHOLDER`, `LABEL_STYLE`: the empty first choice of a drop-down, and labels that are never cut short.
- `PALETTE`: the Okabe-Ito colours, the only colours a chart may use (besides neutral greys).
- Charts are shown as an HTML <img> with alt text: ipywidgets' Image widget has no alt attribute, so a
  screen reader would meet an unnamed image (axe: image-alt, critical).
- Numeric settings are labelled drop-down lists of steps, not sliders: an ipywidgets slider handle has
  no accessible name (axe: aria-input-field-name), and JupyterLab takes the arrow keys a slider needs.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

PLACEHOLDER = "Choose..."
LABEL_STYLE = {"description_width": "initial"}
# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
PALETTE = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}


def status_region(body_html: str) -> str:
    """Ready-made HTML inside the polite live region, so a screen reader announces each change."""
    return f'<div role="status" aria-live="polite">{body_html}</div>'


def status_html(text: str) -> str:
    """Plain text in the live region, one paragraph per line."""
    return status_region("".join(f"<p>{escape(line)}</p>" for line in text.splitlines()))


class CourseWidget:
    """Base of the course's widgets: `.widget` (set by the subclass), `.text`, and one status region `.status`."""

    widget: Any

    def __init__(self) -> None:
        import ipywidgets as widgets

        self.status = widgets.HTML()
        self.text = ""

    def show_status(self, text: str, html: str | None = None) -> None:
        """Show `text` in the status region (or `html`, its richer form with the same words) and keep it in `.text`."""
        self.text = text
        self.status.value = status_html(text) if html is None else status_region(html)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def image_html(png: bytes, alt: str) -> str:
    """A PNG chart as an <img> with alt text (the chart's one-sentence description)."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}" '
            'style="max-width: 100%; height: auto;">')


def step_dropdown(description: str, value: int, low: int, high: int, step: int, unit: str = "%"):
    """A labelled drop-down of evenly spaced whole-number settings, e.g. 0%, 10%, ..., 100%."""
    import ipywidgets as widgets

    options = [(f"{v}{unit}", v) for v in range(low, high + 1, step)]
    if value not in [v for _, v in options]:
        raise ValueError(f"{description} must be one of {low} to {high} in steps of {step}; got {value}")
    return widgets.Dropdown(options=options, value=value, description=description, style=LABEL_STYLE)
