"""Export the tuned LightGBM model to ONNX (onnxmltools) with metadata and a parity fixture."""

from __future__ import annotations

import json
from pathlib import Path

import lightgbm as lgb
import numpy as np
import onnx
import onnxmltools
import onnxruntime
from onnxmltools.convert.common.data_types import FloatTensorType

OPSET = 15
FIXTURE_ROWS = 16


def synthetic_rows(x_train: np.ndarray, seed: int) -> np.ndarray:
    """Feature rows drawn uniformly inside each column's training range, so no training row is stored."""
    rng = np.random.default_rng(seed)
    low, high = x_train.min(axis=0), x_train.max(axis=0)
    rows = rng.uniform(low, high, size=(FIXTURE_ROWS, x_train.shape[1]))
    binary = np.all((x_train == 0) | (x_train == 1), axis=0)
    rows[:, binary] = np.round(rows[:, binary])
    return rows.astype(np.float32)


def export_artifact(model: lgb.LGBMRegressor, metadata: dict, x_train: np.ndarray, out: Path, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    features = x_train.shape[1]
    onnx_model = onnxmltools.convert_lightgbm(
        model, initial_types=[("features", FloatTensorType([None, features]))], target_opset=OPSET
    )
    onnx.checker.check_model(onnx_model)
    path = out / "market-value.onnx"
    path.write_bytes(onnx_model.SerializeToString())

    rows = synthetic_rows(x_train, seed)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    output_name = session.get_outputs()[0].name
    onnx_out = session.run([output_name], {"features": rows})[0].reshape(-1)
    python_out = model.predict(rows.astype(np.float64))
    metadata = {
        **metadata,
        "opset": OPSET,
        "lightgbmVersion": lgb.__version__,
        "input": {"name": "features", "shape": ["batch", features]},
        "output": {"name": output_name, "shape": ["batch", 1]},
        "parity": {"maxAbsLightgbmVsOnnxruntime": float(np.abs(onnx_out - python_out).max())},
    }
    (out / "market-value.json").write_text(json.dumps(metadata, indent=2) + "\n")
    fixture = {"rows": rows.tolist(), "onnxruntime": onnx_out.tolist(), "lightgbm": python_out.tolist()}
    (out / "parity-fixture.json").write_text(json.dumps(fixture, indent=1) + "\n")
