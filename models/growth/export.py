"""Export the growth model to ONNX with its metadata and a parity fixture for the engine's test."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch

from .data import ITEMS, STEPS, Company, growth_steps, model_input

OPSET = 17
FIXTURE_CASES = 8


def fixture_cases(model: torch.nn.Module, companies: list[Company]) -> list[dict]:
    """Synthetic statement histories (not rows of the training data) with the model's inputs and outputs.

    They cover a sign change, a zero base, a missing item and a gap year, so the test also checks
    that the engine builds the same inputs as data.py.
    """
    rng = np.random.default_rng(11)
    cases = []
    for case in range(FIXTURE_CASES):
        years = 2 + case % 4
        periods = [f"{2016 + t}-12" for t in range(years)]
        if case == 5:
            periods[-1] = f"{2016 + years}-12"  # a gap year before the last one
        amounts = rng.lognormal(mean=23, sigma=1.5, size=(years, len(ITEMS)))
        amounts[:, ITEMS.index("net_income")] *= rng.choice([-1, 1], size=years)
        if case == 2:
            amounts[0, ITEMS.index("depreciation")] = 0.0
        if case == 3:
            amounts[:, ITEMS.index("cash")] = np.nan
        company = Company(f"case-{case}", None, "test", periods, amounts)
        growth, mask = growth_steps(company)
        x = model_input(growth, mask)
        model.eval()
        with torch.no_grad():
            y = model(torch.from_numpy(x[None])).numpy()[0]
        cases.append(
            {
                "years": [
                    {
                        "period": period,
                        "items": {
                            item: float(amounts[t, j]) for j, item in enumerate(ITEMS) if not np.isnan(amounts[t, j])
                        },
                    }
                    for t, period in enumerate(periods)
                ],
                "input": x.tolist(),
                "output": y.tolist(),
            }
        )
    return cases


def export_artifact(model: torch.nn.Module, metadata: dict, companies: list[Company], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    example = torch.zeros(1, STEPS, 2 * len(ITEMS))
    path = out / "growth.onnx"
    torch.onnx.export(
        model,
        (example,),
        str(path),
        input_names=["growth_history"],
        output_names=["next_growth"],
        dynamic_axes={"growth_history": {0: "batch"}, "next_growth": {0: "batch"}},
        opset_version=OPSET,
        dynamo=False,
    )
    onnx.checker.check_model(onnx.load(str(path)))
    cases = fixture_cases(model, companies)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    batch = np.array([case["input"] for case in cases], dtype=np.float32)
    onnx_out = session.run(None, {"growth_history": batch})[0]
    torch_out = np.array([case["output"] for case in cases])
    metadata = {
        **metadata,
        "opset": OPSET,
        "torchVersion": torch.__version__,
        "input": {"name": "growth_history", "shape": ["batch", STEPS, 2 * len(ITEMS)]},
        "output": {"name": "next_growth", "shape": ["batch", len(ITEMS)]},
        "parity": {"maxAbsTorchVsOnnxruntime": float(np.abs(onnx_out - torch_out).max())},
    }
    (out / "growth.json").write_text(json.dumps(metadata, indent=2) + "\n")
    (out / "parity-fixture.json").write_text(json.dumps({"cases": cases}, indent=1) + "\n")
