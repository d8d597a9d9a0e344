"""What a translation must keep from its English message, so that a translation that alters a
figure, a formula, a citation or a link is caught.

:func:`problems` compares one message with its translation: every number (a Chinese translation
may write millions as 万 and hundreds of millions as 亿), every maths span, every citation key,
every cross-reference target, every link address and every code span of the English must be in
the translation, and a message with ``{placeholders}`` must keep them all. Small numbers may be
written in Chinese numerals (第三章 for chapter 3). Bold and italic must still render: CommonMark
will not close ``**粗体。**`` before a Chinese character, so such a translation would show its
asterisks to the reader.
"""

import re
from decimal import Decimal, InvalidOperation

from markdown_it import MarkdownIt

MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S)
ROLE = re.compile(r"\{(cite|cite:p|cite:t|doc|ref|term|numref|download|eq)\}`([^`]*)`")
LINK = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>\s]+)>|(?<![(<])\b(https?://[^\s)>\]]+)")
CODE = re.compile(r"(?<!`)`([^`{}\n]+)`(?!`)")
BRACE_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")
PERCENT_PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[sdfr%]")


def placeholders_of(message):
    """A message's placeholders: its {braces} if it has any (then % is just a percent sign), else its %s."""
    braces = BRACE_PLACEHOLDER.findall(message)
    return braces if braces else PERCENT_PLACEHOLDER.findall(message)


PLACEHOLDER = re.compile(f"{BRACE_PLACEHOLDER.pattern}|{PERCENT_PLACEHOLDER.pattern}")
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:,\d{3})*(?:\.\d+)?")
#: Chinese units of size and what they multiply by, tried when a figure is not found as written.
CHINESE_UNITS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
ENGLISH_UNITS = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}
#: Small numbers written in Chinese numerals (第三章, 十一次, 两个) count as the figures they are.
CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_NUMERAL = re.compile(r"[零一二两三四五六七八九十]+")


def _chinese_numeral(text):
    """The value of a Chinese numeral below 100 (三, 十一, 二十五), or None."""
    if "十" not in text:
        return CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)


def _value(text):
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _numbers(text, units):
    """Every figure in `text` as written, and as a full value when a unit word follows it."""
    values = set()
    if units is CHINESE_UNITS:
        for match in CHINESE_NUMERAL.finditer(text):
            value = _chinese_numeral(match.group())
            if value is not None:
                values.add(Decimal(value).normalize())
    for match in NUMBER.finditer(text):
        value = _value(match.group())
        if value is None:
            continue
        values.add(value.normalize())
        after = text[match.end():match.end() + 12].lstrip()
        for word, size in units.items():
            if after.startswith(word):
                values.add((value * size).normalize())
                break
    return values


def _role_targets(text):
    """(role, target) of every role: the part in angle brackets, else the whole text."""
    targets = []
    for role, body in ROLE.findall(text):
        explicit = re.search(r"<([^<>]+)>\s*$", body)
        target = explicit.group(1) if explicit else body
        if role.startswith("cite"):
            targets += [("cite", key.strip()) for key in target.split(",")]
        else:
            targets.append((role, target.strip()))
    return targets


def _without_roles_and_maths(text):
    return ROLE.sub(" ", MATH.sub(" ", text))


_commonmark = MarkdownIt("commonmark")


def _literal_asterisks(text):
    """How many asterisks CommonMark leaves as visible text (emphasis it could not open or close)."""
    tokens = _commonmark.parseInline(_without_roles_and_maths(text))
    return sum(child.content.count("*") for token in tokens for child in token.children or [] if child.type == "text")


def problems(message, translation, placeholders=False):
    """What the translation lost from the English message, as a list of short explanations."""
    found = []
    for span in MATH.findall(message):
        if span not in translation:
            found.append(f"maths changed or missing: {span}")
    english_targets, chinese_targets = _role_targets(message), _role_targets(translation)
    for target in english_targets:
        if target not in chinese_targets:
            found.append(f"{target[0]} target missing: {target[1]}")
    for groups in LINK.findall(message):
        address = next(part for part in groups if part)
        if address not in translation:
            found.append(f"link address missing: {address}")
    for code in CODE.findall(_without_roles_and_maths(message)):
        if f"`{code}`" not in translation:
            found.append(f"code span missing: `{code}`")
    if placeholders:
        for placeholder in placeholders_of(message):
            if placeholder not in translation:
                found.append(f"placeholder missing: {placeholder}")
    if "*" in translation and _literal_asterisks(translation) > _literal_asterisks(message):
        found.append("bold or italic would show its asterisks: keep punctuation next to ** outside the markers")
    plain_english = PLACEHOLDER.sub(" ", _without_roles_and_maths(message)) if placeholders else _without_roles_and_maths(message)
    plain_chinese = PLACEHOLDER.sub(" ", _without_roles_and_maths(translation)) if placeholders else _without_roles_and_maths(translation)
    chinese_numbers = _numbers(plain_chinese, CHINESE_UNITS)
    for match in NUMBER.finditer(plain_english):
        value = _value(match.group())
        after = plain_english[match.end():match.end() + 12].lstrip()
        whole = next((value * size for word, size in ENGLISH_UNITS.items() if after.startswith(word)), None)
        if value.normalize() in chinese_numbers or (whole is not None and whole.normalize() in chinese_numbers):
            continue
        found.append(f"number missing: {match.group()}")
    return found
