"""Readers of exported files that we did not write, or that re-state another project's import rules.

- GIFT: the gift-pegjs parser from npm (tests/node/gift_parse.js), installed by `make install-test`.
- Canvas QTI: text2qti (PyPI) writes the same question for comparison of element structure.
- Moodle XML: checks restated from Moodle's importer (question/format/xml/format.php for the elements
  each type reads, question/format.php + question_bank::fraction_options_full for the fraction list,
  question/type/multianswer/questiontype.php for the embedded-answer syntax, qtype_match's edit form
  for the matching minimums). No Moodle code is copied; the rules are re-expressed in Python.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

NODE_DIR = Path(__file__).resolve().parent / "node"

# ---- GIFT: gift-pegjs -------------------------------------------------------------------------------


def gift_parser_ready() -> bool:
    return shutil.which("node") is not None and (NODE_DIR / "node_modules" / "gift-pegjs").is_dir()


def parse_gift(text: str) -> list[dict] | dict:
    """gift-pegjs's reading: a list of questions, or {'error', 'line', 'column'}."""
    result = subprocess.run(["node", str(NODE_DIR / "gift_parse.js")], input=text, capture_output=True, text=True,
                            timeout=60, check=False)
    return json.loads(result.stdout)


# ---- Canvas QTI: text2qti -------------------------------------------------------------------------------


def text2qti_item(markdown: str, tmp: Path) -> ET.Element:
    """The first <item> of the QTI that text2qti writes for a one-question quiz in its Markdown-like text."""
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / "quiz.md"
    source.write_text("Quiz title: Reference\n\n" + markdown, encoding="utf-8")
    command = shutil.which("text2qti", path=str(Path(sys.executable).parent)) or shutil.which("text2qti")
    if command is None:
        raise RuntimeError("text2qti is not installed: run `make install-test` (text2qti==0.8.0 is a test pin)")
    subprocess.run([command, source.name], cwd=tmp, env={**os.environ, "HOME": str(tmp)}, check=True,
                   capture_output=True, timeout=120)
    with zipfile.ZipFile(tmp / "quiz.zip") as archive:
        name = next(n for n in archive.namelist() if n.endswith(".xml") and "/" in n and "meta" not in n)
        return strip_ns(ET.fromstring(archive.read(name))).find(".//item")


def strip_ns(element: ET.Element) -> ET.Element:
    for node in element.iter():
        node.tag = node.tag.split("}", 1)[-1]
    return element


STRUCTURAL_ATTRIBUTES = {"rcardinality", "texttype", "fibtype", "varname", "vartype", "action", "feedbacktype",
                         "continue", "maxvalue", "minvalue"}


def shape(element: ET.Element) -> tuple:
    """Element structure with the attributes that change how Canvas reads a question (not ids or text)."""
    attrs = tuple(sorted((k, v) for k, v in element.attrib.items() if k in STRUCTURAL_ATTRIBUTES))
    label = element.text.strip() if element.tag in ("fieldlabel",) and element.text else None
    return (element.tag, attrs, label, tuple(shape(child) for child in element))


def metadata(item: ET.Element) -> dict[str, str]:
    return {f.findtext("fieldlabel"): f.findtext("fieldentry") or "" for f in item.iter("qtimetadatafield")}


# ---- Moodle XML: the importer's rules -------------------------------------------------------------------

_RAW = (0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571,
        0.125, 0.1111111, 0.1, 0.05)
MOODLE_FRACTIONS = {0.0, 1.0, -1.0, *_RAW, *(-f for f in _RAW)}


def fraction_accepted(percent_text: str) -> bool:
    """question/format.php: each fraction must be within 0.00001 of a fraction_options_full() value."""
    value = float(percent_text) / 100
    return any(abs(value - allowed) < 0.00001 for allowed in MOODLE_FRACTIONS)


# question/type/multianswer/questiontype.php, re-expressed for Python's re (fixed-width look-behinds)
_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALTERNATIVE = f"({_FRACTION})?({_ANSWER})(#({_FEEDBACK}))?"
_TYPES = ("NUMERICAL|NM|MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC|"
          "MULTICHOICE_S|MCS|MULTICHOICE_VS|MCVS|MULTICHOICE_HS|MCHS|MULTIRESPONSE|MR|MULTIRESPONSE_H|MRH|"
          "MULTIRESPONSE_S|MRS|MULTIRESPONSE_HS|MRHS")
_START = r"\{([0-9]*):(" + _TYPES + r"):"
CLOZE_PART = re.compile(_START + f"({_ALTERNATIVE}(~{_ALTERNATIVE})*)" + r"\}", re.S)
_ONE_ALTERNATIVE = re.compile("~?" + _ALTERNATIVE, re.S)


def cloze_parts(text: str) -> list[dict]:
    """The embedded answers as Moodle's extractor reads them: weight, type, [(fraction, answer, feedback)]."""
    parts = []
    while match := CLOZE_PART.search(text):
        alternatives, rest = [], match.group(3)
        while rest and (alt := _ONE_ALTERNATIVE.match(rest)):
            fraction = 1.0 if alt.group(1) == "=" else (float(alt.group(2).replace(",", ".")) / 100
                                                        if alt.group(2) else 0.0)
            answer = html.unescape(alt.group(3)).replace("\\}", "}").replace("\\#", "#")
            feedback = html.unescape(alt.group(5) or "").replace("\\}", "}").replace("\\#", "#")
            alternatives.append((fraction, answer, feedback))
            rest = rest[alt.end():]
        parts.append({"weight": int(match.group(1) or 1), "type": match.group(2), "alternatives": alternatives})
        text = text[: match.start()] + f"{{#{len(parts)}}}" + text[match.end():]
    return parts


def moodle_problems(xml_bytes: bytes) -> list[str]:
    """What Moodle's XML import would refuse or warn about, question by question (empty when all is well)."""
    root = ET.fromstring(xml_bytes)
    problems = [] if root.tag == "quiz" else [f"root element is <{root.tag}>, Moodle reads <quiz>"]
    for question in root.findall("question"):
        kind = question.get("type")
        name = question.findtext("name/text") or ""
        where = f"{name or '(no name)'} [{kind}]"
        if kind == "category":
            if not question.findtext("category/text"):
                problems.append(f"{where}: category without a path")
            continue
        if not name.strip():
            problems.append(f"{where}: no <name><text> (xmlimportnoname)")
        if question.find("questiontext/text") is None:
            problems.append(f"{where}: no <questiontext><text>")
        check = {"multichoice": _multichoice, "matching": _matching, "cloze": _cloze, "numerical": _numerical,
                 "essay": _essay}.get(kind)
        if check is None:
            problems.append(f"{where}: question type '{kind}' is not one Moodle's XML format imports")
            continue
        problems += [f"{where}: {p}" for p in check(question)]
    return problems


def _fractions(question: ET.Element) -> list[str]:
    return [a.get("fraction", "0") for a in question.findall("answer")]


def _multichoice(question: ET.Element) -> list[str]:
    problems = [f"fraction {f}% is not on Moodle's list" for f in _fractions(question) if not fraction_accepted(f)]
    answers = question.findall("answer")
    if len(answers) < 2:
        problems.append("fewer than 2 answers")
    values = [float(f) for f in _fractions(question)]
    if question.findtext("single", "true").strip() == "true":
        if not any(abs(v - 100) < 1e-3 for v in values):
            problems.append("a one-answer question needs a 100% answer")
    elif abs(sum(v for v in values if v > 0) - 100) > 0.01:
        problems.append(f"the positive fractions add up to {sum(v for v in values if v > 0):g}%, not 100%")
    for answer in answers:
        if answer.find("text") is None:
            problems.append("an <answer> without <text>")
    return problems


def _matching(question: ET.Element) -> list[str]:
    subs = question.findall("subquestion")
    asked = [s for s in subs if (s.findtext("text") or "").strip()]
    entries = [s for s in subs if (s.findtext("text") or "").strip() or (s.findtext("answer/text") or "").strip()]
    problems = []
    if len(asked) < 2 or len(entries) < 3:
        problems.append(f"{len(asked)} questions and {len(entries)} answers; matching needs at least 2 and 3")
    problems += ["a subquestion without an answer" for s in asked if not (s.findtext("answer/text") or "").strip()]
    return problems


def _cloze(question: ET.Element) -> list[str]:
    text = question.findtext("questiontext/text") or ""
    parts = cloze_parts(text)
    problems = [] if parts else ["no embedded answers"]
    starts = len(re.findall(_START, text))
    if starts != len(parts):
        problems.append(f"{starts} embedded answers begin but {len(parts)} can be read")
    for number, part in enumerate(parts, 1):
        fractions = [f for f, _, _ in part["alternatives"]]
        if part["type"].startswith(("MULTICHOICE", "MC", "MULTIRESPONSE", "MR")) and len(fractions) < 2:
            problems.append(f"part {number}: fewer than 2 choices")
        multi = part["type"].startswith(("MULTIRESPONSE", "MR"))
        if not (any(f > 0 for f in fractions) if multi else any(abs(f - 1) < 1e-9 for f in fractions)):
            problems.append(f"part {number}: no choice with full credit (fractionsnomax)")
    return problems


def _numerical(question: ET.Element) -> list[str]:
    problems = [f"fraction {f}% is not on Moodle's list" for f in _fractions(question) if not fraction_accepted(f)]
    for answer in question.findall("answer"):
        try:
            float(answer.findtext("text", ""))
            float(answer.findtext("tolerance", "0"))
        except ValueError:
            problems.append("an answer or tolerance that is not a number")
    units = question.findall("units/unit")
    if units and abs(float(units[0].findtext("multiplier", "nan")) - 1) > 1e-12:
        problems.append("the first unit's multiplier must be 1 (the answer's unit)")
    return problems


def _essay(question: ET.Element) -> list[str]:
    formats = {"editor", "editorfilepicker", "plain", "monospaced", "noinline"}
    value = question.findtext("responseformat", "editor")
    return [] if value in formats else [f"responseformat '{value}' is not one of {sorted(formats)}"]
