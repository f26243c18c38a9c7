"""A few training steps of both SASRec forms on tiny synthetic data, then ONNX export and parity.

Run from models/: .venv/bin/python -m unittest sasrec.test_smoke
"""

from __future__ import annotations

import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch

from .export_onnx import check_parity, export_onnx
from .model import ItemSASRec, SASRecConfig, VectorSASRec, init_weights
from .patent_eval import pad_rows, recency_weighted_mean
from .progress import seed_everything
from .train_patents import similarity_probability

CONFIG = SASRecConfig(hidden=16, blocks=2, heads=2, dropout=0.1, max_len=12)


class ItemFormTest(unittest.TestCase):
    def test_loss_falls_on_a_repeating_sequence(self) -> None:
        seed_everything(1)
        model = ItemSASRec(item_count=9, config=CONFIG)
        init_weights(model)
        optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
        inputs = torch.tensor([[0, 0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1]])
        positives = torch.tensor([[0, 0, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2]])
        negatives = torch.tensor([[0, 0, 7, 8, 9, 7, 8, 9, 7, 8, 9, 7]])
        losses = []
        for _ in range(30):
            states = model.hidden_states(inputs)
            pos = (model.items(positives) * states).sum(-1)[positives != 0]
            neg = (model.items(negatives) * states).sum(-1)[positives != 0]
            loss = torch.nn.functional.softplus(-pos).mean() + torch.nn.functional.softplus(neg).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
        self.assertLess(losses[-1], losses[0] / 2)


class VectorFormTest(unittest.TestCase):
    def setUp(self) -> None:
        seed_everything(2)
        self.vectors = torch.nn.functional.normalize(torch.randn(30, 8), dim=-1).numpy()
        self.model = VectorSASRec(dimension=8, config=CONFIG)
        init_weights(self.model)

    def test_padding_does_not_change_the_prediction(self) -> None:
        self.model.eval()
        rows = [np.arange(3), np.arange(7)]
        inputs, valid = pad_rows(rows, self.vectors)
        padded = self.model(inputs, valid)[0, -1]
        alone = self.model(torch.from_numpy(self.vectors[np.arange(3)][None]))[0, -1]
        torch.testing.assert_close(padded, alone, atol=1e-6, rtol=0)

    def test_both_logits_train(self) -> None:
        for kind in ("shifted", "angular"):
            cosine = torch.tensor([-1.0, 0.0, 1.0])
            probability = similarity_probability(cosine, kind)
            self.assertTrue(torch.all((probability > 0) & (probability < 1)))
            self.assertAlmostEqual(float(probability[1]), 0.5, places=5)

    def test_onnx_export_matches_pytorch(self) -> None:
        self.model.eval()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.onnx"
            export_onnx(self.model, path)
            cases = [self.vectors[:1], self.vectors[:5], self.vectors[: CONFIG.max_len]]
            _, worst = check_parity(self.model, path, cases)
        self.assertLess(worst, 1e-4)


class RecencyBaselineTest(unittest.TestCase):
    def setUp(self) -> None:
        seed_everything(3)
        self.vectors = torch.nn.functional.normalize(torch.randn(60, 8), dim=-1).numpy()
        config = SASRecConfig(hidden=16, blocks=2, heads=2, dropout=0.1, max_len=48)
        self.model = VectorSASRec(dimension=8, config=config, baseline="recency")
        init_weights(self.model)

    def test_untrained_model_predicts_the_fallback(self) -> None:
        self.model.zero_correction()
        self.model.eval()
        for length in (1, 5, 40):
            history = np.arange(length)
            expected = recency_weighted_mean([history], self.vectors)[0]
            expected = expected / np.linalg.norm(expected)
            actual = self.model(torch.from_numpy(self.vectors[history][None]))[0, -1].detach().numpy()
            np.testing.assert_allclose(actual, expected, atol=1e-5)

    def test_padding_does_not_change_the_prediction(self) -> None:
        self.model.eval()
        inputs, valid = pad_rows([np.arange(3), np.arange(35)], self.vectors)
        padded = self.model(inputs, valid)[0, -1]
        alone = self.model(torch.from_numpy(self.vectors[np.arange(3)][None]))[0, -1]
        torch.testing.assert_close(padded, alone, atol=1e-6, rtol=0)

    def test_onnx_export_matches_pytorch(self) -> None:
        self.model.eval()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.onnx"
            export_onnx(self.model, path)
            cases = [self.vectors[:1], self.vectors[:7], self.vectors[:40]]
            _, worst = check_parity(self.model, path, cases)
        self.assertLess(worst, 1e-4)


if __name__ == "__main__":
    unittest.main()
