"""Item-quality rules for the question bank: judgment share, tags, cueing and leaks (item-writing review 2026).

Pure functions over validated banks. Each check returns a list of `Finding`s naming the file, the item and
the rule, so a content test can fail with a message an author can act on. The rules:

- JUDGMENT_SHARE: at least 70% of each module's graded points are on judgment items. A graded item counts
  as judgment when it has an NCJMM step, a Bloom level above 'remember', and puts the student in front of a
  client: its stem (or cloze text) names a fictional client ("fictional" is how every course client is
  labelled).
- TAGS: every graded item has an `ncjmm` step and a `bloom` level.
- LONGEST_KEY: across the bank, the key is the single longest option (by characters; a tie counts as
  longest) in at most a third of multiple-choice items, graded and self-check together.
- KEY_POSITION: among multiple-choice items with 4 or more options, no letter is the key more than 40% of
  the time, and in a set of fewer than 5 items no letter is keyed twice (max(1, floor(0.4 n))). Checked
  for each module's graded set and for the whole bank.
- ABSOLUTE_WORD: in a graded item, no option group (choice options, a cloze blank, a bow-tie group) has an
  absolute word (always, never, all, none, only, must, every) in a distractor while no key has one. Whole
  words only, not inside hyphenated compounds ("bone-only", "all-cause"); a negated use ("not all",
  "not always", "not only", "not every") is not absolute.
- LEAK: a graded key's text (at least two words and 10 characters) does not appear in any self-check
  item's stem, text or options. Bow-tie keys are left out: a condition or action named in a bow-tie
  (e.g. "Osteonecrosis of the jaw") is course vocabulary that recurs by design, not a give-away.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bonemets.assessment.items import BowtieItem, ChoiceItem, ClozeItem, MatrixItem, Option, OrderedItem
from bonemets.content.bank import Bank, Item

JUDGMENT_SHARE = 0.70
LONGEST_KEY_SHARE = 1 / 3
KEY_POSITION_SHARE = 0.40
KEY_POSITION_MIN_OPTIONS = 4
ABSOLUTE_WORDS = ("always", "never", "all", "none", "only", "must", "every")
_ABSOLUTE = re.compile(r"\b(?<!not )(?<!n't )(?<!-)(" + "|".join(ABSOLUTE_WORDS) + r")\b(?!-)", re.IGNORECASE)
_CLIENT = re.compile(r"\bfictional\b", re.IGNORECASE)
LEAK_MIN_CHARS, LEAK_MIN_WORDS = 10, 2


@dataclass(frozen=True)
class Finding:
    """One broken rule: where (file, item) and what."""

    file: str
    item: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: item '{self.item}': {self.rule}: {self.message}"


def bank_file(bank: Bank) -> str:
    return f"quizzes/{bank.module}_*.yaml"


def graded(bank: Bank) -> list[Item]:
    return bank.for_use("graded")


def has_client(item: Item) -> bool:
    """True when the stem (or a cloze item's sentence) names a fictional client."""
    return bool(_CLIENT.search(item.stem) or _CLIENT.search(getattr(item, "text", "") or ""))


def is_judgment(item: Item) -> bool:
    """A judgment item: NCJMM step, Bloom above 'remember', and a fictional client in front of the student."""
    return item.ncjmm is not None and item.bloom not in (None, "remember") and has_client(item)


def judgment_share(bank: Bank) -> float | None:
    """Share of the module's graded points on judgment items; None when the module has no graded items."""
    items = graded(bank)
    total = sum(i.points for i in items)
    if not total:
        return None
    return sum(i.points for i in items if is_judgment(i)) / total


def check_judgment_share(bank: Bank, limit: float = JUDGMENT_SHARE) -> list[Finding]:
    share = judgment_share(bank)
    if share is None or share >= limit:
        return []
    weak = [i.id for i in graded(bank) if not is_judgment(i)]
    return [Finding(bank_file(bank), "(module)", "JUDGMENT_SHARE",
                    f"{share:.0%} of graded points are on judgment items (need {limit:.0%}); not judgment: "
                    f"{', '.join(weak)}")]


def check_tags(bank: Bank) -> list[Finding]:
    findings = []
    for item in graded(bank):
        missing = [name for name in ("ncjmm", "bloom") if getattr(item, name) is None]
        if missing:
            findings.append(Finding(bank_file(bank), item.id, "TAGS",
                                    f"a graded item needs {' and '.join(missing)}"))
    return findings


def _mc(items: Iterable[Item]) -> list[ChoiceItem]:
    return [i for i in items if isinstance(i, ChoiceItem) and i.type == "multiple_choice"]


def key_is_longest(item: ChoiceItem) -> bool:
    key = item.option(item.key[0])
    others = [len(o.text) for o in item.options if o.id != key.id]
    return len(key.text) >= max(others)


def longest_key_items(banks: Sequence[Bank]) -> tuple[list[tuple[Bank, ChoiceItem]], int]:
    """The multiple-choice items whose key is the longest option, and the number of multiple-choice items."""
    pairs = [(b, i) for b in banks for i in _mc(b.items)]
    return [(b, i) for b, i in pairs if key_is_longest(i)], len(pairs)


def check_longest_key(banks: Sequence[Bank], limit: float = LONGEST_KEY_SHARE) -> list[Finding]:
    longest, total = longest_key_items(banks)
    if not total or len(longest) <= limit * total:
        return []
    return [Finding(bank_file(b), i.id, "LONGEST_KEY",
                    f"the key is the longest option; across the bank {len(longest)} of {total} multiple-choice "
                    f"items are like this (at most {math.floor(limit * total)} allowed)") for b, i in longest]


def key_letters(items: Iterable[Item]) -> Counter:
    """Key letters of the multiple-choice items with 4 or more options."""
    return Counter(i.key[0] for i in _mc(items) if len(i.options) >= KEY_POSITION_MIN_OPTIONS)


def allowed_per_letter(n: int, share: float = KEY_POSITION_SHARE) -> int:
    return max(1, math.floor(share * n))


def _position_findings(where: str, label: str, items: list[Item]) -> list[Finding]:
    letters = key_letters(items)
    n = sum(letters.values())
    allowed = allowed_per_letter(n)
    return [Finding(where, label, "KEY_POSITION",
                    f"'{letter}' is the key of {count} of {n} multiple-choice items with 4+ options "
                    f"(at most {allowed}); spread {dict(sorted(letters.items()))}")
            for letter, count in sorted(letters.items()) if count > allowed]


def check_key_positions(banks: Sequence[Bank]) -> list[Finding]:
    findings = []
    for bank in banks:
        findings += _position_findings(bank_file(bank), "(graded set)", graded(bank))
    findings += _position_findings("quizzes/", "(whole bank)", [i for b in banks for i in b.items])
    return findings


def absolute_words(text: str) -> list[str]:
    """Absolute words in the text, lower case (negated uses such as 'not all' are left out)."""
    return [m.group(1).lower() for m in _ABSOLUTE.finditer(text)]


def option_groups(item: Item) -> list[tuple[str, list[Option], set[str]]]:
    """(label, options, key ids) for every group of options a student chooses from."""
    if isinstance(item, ChoiceItem):
        return [("options", list(item.options), set(item.key))]
    if isinstance(item, ClozeItem):
        return [(f"blank {n}", list(b.options), {b.key}) for n, b in enumerate(item.blanks, 1)]
    if isinstance(item, BowtieItem):
        return [(g, list(item.group(g).options), set(item.group(g).key))
                for g in ("condition", "actions", "parameters")]
    return []


def check_absolute_words(bank: Bank) -> list[Finding]:
    findings = []
    for item in graded(bank):
        for label, options, key in option_groups(item):
            if any(absolute_words(o.text) for o in options if o.id in key):
                continue
            cued = [f"{o.id} ({', '.join(absolute_words(o.text))})" for o in options
                    if o.id not in key and absolute_words(o.text)]
            if cued:
                findings.append(Finding(bank_file(bank), item.id, "ABSOLUTE_WORD",
                                        f"{label}: distractor {', '.join(cued)} has an absolute word and no key "
                                        "has one, so it can be ruled out on that word alone"))
    return findings


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w%.]+", " ", text.lower()).split())


def key_texts(item: Item) -> list[str]:
    """The texts of a graded item's keys that are long enough to recognise elsewhere."""
    if isinstance(item, BowtieItem):
        return []
    texts = [o.text for _, options, key in option_groups(item) for o in options if o.id in key]
    return [t for t in texts if len(t) >= LEAK_MIN_CHARS and len(t.split()) >= LEAK_MIN_WORDS]


def item_texts(item: Item) -> list[str]:
    """Everything a student reads in an item: stem, sentence, options, tokens, rows and columns."""
    texts = [item.stem, getattr(item, "text", "") or ""]
    texts += [o.text for _, options, _ in option_groups(item) for o in options]
    if isinstance(item, OrderedItem):
        texts += [t.text for t in item.tokens]
    if isinstance(item, MatrixItem):
        texts += [r.text for r in item.rows] + [c.text for c in item.columns]
    return texts


def check_leaks(banks: Sequence[Bank]) -> list[Finding]:
    shown = [(b, i, _normal(t)) for b in banks for i in b.for_use("self_check") for t in item_texts(i)]
    findings = []
    for bank in banks:
        for item in graded(bank):
            for key in key_texts(item):
                needle = _normal(key)
                for other_bank, other, text in shown:
                    if needle and needle in text:
                        findings.append(Finding(bank_file(bank), item.id, "LEAK",
                                                f"the key text '{key}' appears in self-check item '{other.id}' "
                                                f"(module {other_bank.module})"))
    return findings


def check_bank(banks: Sequence[Bank]) -> list[Finding]:
    """Every rule over the given banks."""
    findings: list[Finding] = []
    for bank in banks:
        findings += check_judgment_share(bank) + check_tags(bank) + check_absolute_words(bank)
    return findings + check_longest_key(banks) + check_key_positions(banks) + check_leaks(banks)


def mix(items: Iterable[Item], field: str) -> Counter:
    """Counts of an item field's values (e.g. 'ncjmm' or 'bloom'), with 'untagged' for missing ones."""
    return Counter(getattr(i, field) or "untagged" for i in items)
