"""A large, valid program for import tests: the Huancavelica nutrition example (104
districts) with its activity repeated ``copies`` times under new codes."""

from __future__ import annotations

from tests.web.conftest import EXAMPLES

SOURCE = EXAMPLES / "nutricion-huancavelica-2015.yaml"
ACTIVITY_START = '      - code: "5005986"\n'


def big_program(copies: int, code: str = "9901") -> str:
    text = SOURCE.read_text("utf-8")
    head, activity = text.split(ACTIVITY_START, 1)
    head = head.replace("  code: S002\n", f'  code: "{code}"\n', 1)
    blocks = [ACTIVITY_START + activity.rstrip("\n") + "\n"]
    for n in range(1, copies):
        blocks.append((ACTIVITY_START + activity.rstrip("\n") + "\n").replace(
            '"5005986"', f'"59{n:05d}"', 1))
    return head + "".join(blocks)
