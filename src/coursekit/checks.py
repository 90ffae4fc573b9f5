"""Friendly self-check helpers for lessons and exercises: clear messages, no answers leaked."""

from __future__ import annotations

from collections.abc import Sequence


def check_choice(choice: int | None, answer: int, options: Sequence[str],
                 explanation: str = "") -> tuple[bool, str]:
    """Judge a multiple-choice answer; return (correct, message for the student)."""
    if not 0 <= answer < len(options):
        raise ValueError(f"answer index {answer} is outside the {len(options)} options")
    if choice is None:
        return False, "Pick an option first."
    if not 0 <= choice < len(options):
        raise ValueError(f"choice index {choice} is outside the {len(options)} options")
    if choice == answer:
        return True, "Correct. " + explanation if explanation else "Correct."
    return False, f"Not quite: “{options[choice]}” is not the best answer. Try again."
