"""A minimal valid bank item and file, shared by the bank and self-check tests."""

import yaml

GOOD_ITEM = {
    "id": "01-sample", "module": "01", "type": "select_all", "scoring": "+/-", "use": ["self_check"],
    "objective": "01.1", "references": ["gong2018"], "ncjmm": "recognize cues",
    "stem": "Which of these count as skeletal-related events?",
    "options": [
        {"id": "A", "text": "Pathological fracture", "rationale": "Counted in modern trials."},
        {"id": "B", "text": "Fatigue", "rationale": "Common, but not a skeletal-related event."},
        {"id": "C", "text": "Radiation to bone", "rationale": "Counted in modern trials."},
    ],
    "key": ["A", "C"],
}


def bank_text(**item_changes) -> str:
    item = {**GOOD_ITEM, **item_changes}
    item = {k: v for k, v in item.items() if v is not None}
    return yaml.safe_dump({
        "module": "01", "title": "Overview",
        "objectives": [{"id": "01.1", "text": "Identify the skeletal-related events."}],
        "items": [item],
    })
