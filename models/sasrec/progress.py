"""Seeding and progress output shared by the training scripts."""

from __future__ import annotations

import random
import sys
import time

import numpy as np
import torch

_STARTED = time.perf_counter()


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch, and ask torch for deterministic kernels."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def log(message: str) -> None:
    """Print one progress line with the seconds since start, flushed so `tail -f` shows it at once."""
    print(f"[{time.perf_counter() - _STARTED:7.1f} s] {message}", file=sys.stdout, flush=True)
