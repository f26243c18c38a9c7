"""A fixed optimiser-step budget with an optional wall-time safety cap, shared by the text trainers.

The step count is the stopping rule, so the same seed and steps give the same weights however busy
the machine is. The time cap only exists to bound a run on a slow machine. When it stops a run, the
weights depend on machine speed, so the run is logged loudly and marked in the returned stats.
"""

from __future__ import annotations

import time

from sasrec.progress import log

# Steps between progress lines, each with the mean loss over those steps.
LOG_EVERY = 50


class StepBudget:
    """Counts optimiser steps for one training run and decides when it stops."""

    def __init__(self, name: str, steps: int, time_cap_seconds: float | None = None) -> None:
        if steps < 0:
            raise ValueError(f"{name}: steps must be 0 or more, got {steps}; pass a non-negative step count")
        if time_cap_seconds is not None and time_cap_seconds <= 0:
            raise ValueError(f"{name}: the time cap must be positive, got {time_cap_seconds}; omit it for no cap")
        self.name = name
        self.steps = steps
        self.time_cap_seconds = time_cap_seconds
        self.done = 0
        self.losses: list[float] = []
        self.stopped_early = False
        self._started_wall = time.monotonic()
        self._started_cpu = time.process_time()

    def running(self) -> bool:
        """Return whether another step should run: False once the step count or, if set, the time cap is reached."""
        if self.done >= self.steps:
            return False
        if self.time_cap_seconds is not None and time.monotonic() - self._started_wall >= self.time_cap_seconds:
            self.stopped_early = True
            banner = "!" * 72
            log(banner)
            log(
                f"{self.name}: STOPPED EARLY BY TIME CAP after {self.done} of {self.steps} steps "
                f"({self.time_cap_seconds:g} s); these weights are not reproducible from the seed"
            )
            log(banner)
            return False
        return True

    def record(self, loss: float) -> None:
        """Count one finished step and print the mean loss every LOG_EVERY steps and at the last step."""
        self.done += 1
        self.losses.append(loss)
        if self.done % LOG_EVERY == 0 or self.done == self.steps:
            since_last_line = self.done % LOG_EVERY or LOG_EVERY
            window = self.losses[-since_last_line:]
            log(f"{self.name} step {self.done}/{self.steps} loss {sum(window) / len(window):.4f}")

    def stats(self) -> dict:
        """Return the steps run, the time taken and the last loss, for printing (times vary by machine)."""
        wall = time.monotonic() - self._started_wall
        cpu = time.process_time() - self._started_cpu
        return {
            "steps": self.done,
            "stepsRequested": self.steps,
            "stoppedEarlyByTimeCap": self.stopped_early,
            "wallSeconds": round(wall, 1),
            "cpuSecondsPerStep": round(cpu / self.done, 4) if self.done else None,
            "finalLoss": self.losses[-1] if self.losses else None,
        }
