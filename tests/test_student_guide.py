"""The student guide, as built in both editions, says what the grader really does with a notebook:
cells a student adds are run where they stand (never "do no harm"), a written answer is typed into
its own cell and marked by hand, and the verdicts a check can print are the ones checks.py prints.
"""

import re

import pytest

from tests.test_editions import main_text
from tests.test_site import built

PAGE = "book/student_guide.html"
SAYS = {
    "": [
        "An exercise notebook is made of four kinds of cell",
        "Double-click the cell that says Write your answer here , type your answer in place of that line, and run the cell",
        "your instructor reads it and marks it by hand",
        "partly right",
        "close , with no points",
        "Cells you add are not ignored. The grader runs every code cell you added where you put it, in the order of your notebook",
        "A text cell you add right after your written answer is read as part of that answer",
        "your instructor sees both lines",
    ],
    "zh/": [
        "练习笔记本由四种单元组成",
        "双击写着 Write your answer here （在此写下你的答案）的单元",
        "由教师阅读并人工评分",
        "“部分正确”（ partly right ）",
        "“接近正确”（ close ），不得分",
        "你自己添加的单元不会被忽略。评分程序会在你放置的位置、按你笔记本中的顺序运行你添加的每个代码单元",
        "紧接在书面回答之后添加的文本单元，会被当作该回答的一部分来阅读",
        "教师会看到这两行",
    ],
}
NEVER = ["do no harm", "三种单元", "不会有任何影响"]


@pytest.mark.parametrize("edition", SAYS)
def test_the_guide_says_what_happens_to_added_cells_and_written_answers(edition):
    text = re.sub(r"\s+", " ", main_text(built(edition + PAGE).read_text(encoding="utf-8")))
    for sentence in SAYS[edition]:
        assert sentence in text, sentence
    for stale in NEVER:
        assert stale not in text, stale
