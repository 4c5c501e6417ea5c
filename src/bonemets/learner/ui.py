"""Accessible building blocks shared by the course's widgets.

- Charts are shown as an HTML <img> with alt text: ipywidgets' Image widget has no alt attribute, so a
  screen reader would meet an unnamed image (axe: image-alt, critical).
- Numeric settings are labelled drop-down lists of steps, not sliders: an ipywidgets slider handle has
  no accessible name (axe: aria-input-field-name), and JupyterLab takes the arrow keys a slider needs.
"""

from __future__ import annotations

import base64
from html import escape


def image_html(png: bytes, alt: str) -> str:
    """A PNG chart as an <img> with alt text (the chart's one-sentence description)."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}" '
            'style="max-width: 100%; height: auto;">')


def png_of(html: str) -> bytes:
    """The PNG inside an image_html() string (for tests)."""
    return base64.b64decode(html.split("base64,", 1)[1].split('"', 1)[0])


def step_dropdown(description: str, value: int, low: int, high: int, step: int, unit: str = "%"):
    """A labelled drop-down of evenly spaced whole-number settings, e.g. 0%, 10%, ..., 100%."""
    import ipywidgets as widgets

    options = [(f"{v}{unit}", v) for v in range(low, high + 1, step)]
    if value not in [v for _, v in options]:
        raise ValueError(f"{description} must be one of {low} to {high} in steps of {step}; got {value}")
    return widgets.Dropdown(options=options, value=value, description=description,
                            style={"description_width": "initial"})
