"""The texts a cycle's study says, as :class:`~pdsa_desk.core.messages.Message` the UI translates.

Why a study is not ready yet (its ``reasons``), the note of an empty rep comparison and the headline of a
team-wide cycle: :mod:`pdsa_desk.core.study` decides what to say, this module says it. Every template is
marked for ``pyside6-lupdate`` in the context ``"Study"``; the English (``str``) of each message is the text
the study has always written.
"""

from __future__ import annotations

from datetime import date

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Decimals, IsoDate, Message, message, plural

__all__ = [
    "CONTEXT",
    "dispersion",
    "dispersion_unknown",
    "empty_note",
    "headline",
    "no_baseline",
    "no_headline",
    "no_rep",
    "not_started",
    "pending",
    "too_few",
]

CONTEXT = "Study"


def not_started() -> Message:
    return message(CONTEXT, QT_TRANSLATE_NOOP("Study", "The cycle has not started."))


def no_rep() -> Message:
    return message(CONTEXT, QT_TRANSLATE_NOOP("Study", "No rep takes part in the cycle."))


def too_few(n_entered: int, min_sample: int, stage: str, *, ended: bool) -> Message:
    """Fewer customers entered than the cycle needs (and, once it ended, what to do about it)."""
    if ended:
        return message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "Only %1 of the %2 customers needed entered '%3' during the cycle: extend it or plan a "
            "follow-up cycle."), n_entered, min_sample, stage)
    return plural(
        n_entered,
        message(CONTEXT, QT_TRANSLATE_NOOP("Study", "Only %1 of the %2 customers needed has entered '%3' yet."),
                n_entered, min_sample, stage),
        message(CONTEXT, QT_TRANSLATE_NOOP("Study", "Only %1 of the %2 customers needed have entered '%3' yet."),
                n_entered, min_sample, stage))


def _days(n: int) -> Message:
    # Only used in "entered less than … ago" (a language may need the case that phrase asks for).
    return plural(n, message(CONTEXT, QT_TRANSLATE_NOOP("Study", "%1 day"), n),
                  message(CONTEXT, QT_TRANSLATE_NOOP("Study", "%1 days"), n))


def pending(n: int, window_days: int, *, baseline: bool) -> Message:
    """``n`` customers (of the cycle, or of its baseline) entered too recently for their outcome to be known."""
    days = _days(window_days)
    if baseline:
        return plural(
            n,
            message(CONTEXT, QT_TRANSLATE_NOOP(
                "Study", "%1 baseline customer entered less than %2 ago: its outcome is not known yet."), n, days),
            message(CONTEXT, QT_TRANSLATE_NOOP(
                "Study", "%1 baseline customers entered less than %2 ago: their outcome is not known yet."), n, days))
    return plural(
        n,
        message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "%1 customer entered less than %2 ago: its outcome is not known yet."), n, days),
        message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "%1 customers entered less than %2 ago: their outcome is not known yet."), n, days))


def no_baseline(stage: str, first: date, last: date) -> Message:
    """No participating rep's customer entered the stage in the baseline window (dates ISO in English, the UI
    language's way on screen)."""
    return message(CONTEXT, QT_TRANSLATE_NOOP(
        "Study", "No customer of the participating reps entered '%1' in the baseline window (%2 to %3): there is "
        "nothing to compare with."), stage, IsoDate.fromordinal(first.toordinal()),
        IsoDate.fromordinal(last.toordinal()))


def empty_note(stage: str, n_pending: int, window_days: int, known_by: date | None) -> Message:
    """Why a rep comparison has no rows: nobody entered, or everyone who did is still within the window."""
    if not n_pending:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Study", "No opportunities entered '%1' in this period."), stage)
    if known_by is not None:
        return plural(
            n_pending,
            message(CONTEXT, QT_TRANSLATE_NOOP(
                "Study", "%1 opportunity entered '%2' in this period, all still within their %3-day window: no "
                "outcome is known yet (known by %4)."), n_pending, stage, window_days, known_by),
            message(CONTEXT, QT_TRANSLATE_NOOP(
                "Study", "%1 opportunities entered '%2' in this period, all still within their %3-day window: no "
                "outcome is known yet (known by %4)."), n_pending, stage, window_days, known_by))
    return plural(
        n_pending,
        message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "%1 opportunity entered '%2' in this period, all still within their %3-day window: no "
            "outcome is known yet."), n_pending, stage, window_days),
        message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "%1 opportunities entered '%2' in this period, all still within their %3-day window: no "
            "outcome is known yet."), n_pending, stage, window_days))


def no_headline() -> Message:
    return message(CONTEXT, QT_TRANSLATE_NOOP(
        "Study", "No participating rep has customers with a known outcome in both the baseline and the cycle yet."))


def headline(k_improved: int, n_reps: int, k_credible: int, credible: Arg) -> Message:
    """"k of n reps improved (c credibly, chance better ≥ 90%)": a team total cannot hide who did not."""
    return plural(
        n_reps,
        message(CONTEXT, QT_TRANSLATE_NOOP("Study", "%1 of %2 rep improved (%3 credibly, chance better ≥ %4)"),
                k_improved, n_reps, k_credible, credible),
        message(CONTEXT, QT_TRANSLATE_NOOP("Study", "%1 of %2 reps improved (%3 credibly, chance better ≥ %4)"),
                k_improved, n_reps, k_credible, credible))


def dispersion_unknown(k_eligible: int, k: int, min_count: Arg, min_units: int) -> Message:
    """Too few opportunities per rep to judge over-dispersion."""
    return plural(
        k,
        message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "Too few opportunities per rep to tell whether reps vary more than chance: %1 of %2 rep expect "
            "at least %3 conversions and %3 non-conversions, and at least %4 such reps are needed."),
            k_eligible, k, min_count, min_units),
        message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "Too few opportunities per rep to tell whether reps vary more than chance: %1 of %2 reps expect "
            "at least %3 conversions and %3 non-conversions, and at least %4 such reps are needed."),
            k_eligible, k, min_count, min_units))


def p_value(p: float) -> Message:
    """"p = 0.012", "p < 0.001" (the number written the UI language's way)."""
    if p < 0.001:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Study", "p < %1"), Decimals(0.001, 3))
    return message(CONTEXT, QT_TRANSLATE_NOOP("Study", "p = %1"), Decimals(p, 3))


def dispersion(overdispersed: bool, phi: Arg, p: Arg) -> Message:
    """Whether reps vary more than chance alone would explain (φ, e.g. ``Decimals(3.6, 1)``, and its p-value,
    :func:`p_value`)."""
    if overdispersed:
        return message(CONTEXT, QT_TRANSLATE_NOOP(
            "Study", "Reps vary more than chance alone would explain (φ = %1, %2)."), phi, p)
    return message(CONTEXT, QT_TRANSLATE_NOOP(
        "Study", "Reps vary about as much as chance alone would explain (φ = %1, %2)."), phi, p)
