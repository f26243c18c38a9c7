"""A short run of the MovieLens-1M reproduction: one epoch on the real file, then the paper's metrics.

Run from models/: .venv/bin/python -m unittest sasrec.test_movielens
The file is read from ../../shared/data/movielens/ beside the clone; without it the test is skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "movielens" / "ml-1m.txt.gz"


@unittest.skipUnless(DATA.exists(), f"MovieLens-1M file not found at {DATA}")
class MovieLensRunTest(unittest.TestCase):
    def test_one_epoch_beats_random_ranking(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            result = Path(folder) / "result.json"
            checkpoint = Path(folder) / "checkpoint.pt"
            command = [sys.executable, "-m", "sasrec.movielens", "--data", str(DATA), "--epochs", "1"]
            command += ["--max-len", "50", "--threads", "1", "--result", str(result), "--checkpoint", str(checkpoint)]
            subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[1], capture_output=True)
            metrics = json.loads(result.read_text())
            self.assertTrue(checkpoint.exists())
        # Ranking the target among 101 items at random gives HR@10 of 10/101, about 0.099.
        self.assertEqual(metrics["epoch"], 1)
        self.assertGreater(metrics["test"]["hr@10"], 0.2)
        self.assertGreater(metrics["test"]["ndcg@10"], 0.1)


if __name__ == "__main__":
    unittest.main()
