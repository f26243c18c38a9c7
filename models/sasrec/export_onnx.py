"""Export a trained VectorSASRec to ONNX with its metadata and a parity fixture for the engine.

Files written to the artifact folder:
  model.onnx     input `vectors` float32 [1, L, D] (oldest first, L from 1 to max_len),
                 output `next_vector` float32 [1, D], unit length
  metadata.json  model id and version, training-data hash, embedding space id and dimension,
                 hyper-parameters, metrics
  parity.json    stored input sequences and PyTorch's outputs for them; the TypeScript test
                 test/models/sasrec-parity.test.ts checks onnxruntime-node against these
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch

from .model import NextVectorExport, VectorSASRec
from .patent_data import PatentSequences

MODEL_ID = "sasrec"
METADATA_FORMAT_VERSION = 1
OPSET = 17
PARITY_LENGTHS = (1, 4, 12)
PARITY_TOLERANCE = 1e-4


def export_onnx(model: VectorSASRec, path: Path) -> None:
    """Trace the model at length 8 with the sequence axis marked dynamic."""
    wrapper = NextVectorExport(model).eval()
    example = torch.nn.functional.normalize(torch.randn(1, 8, model.dimension), dim=-1)
    torch.onnx.export(
        wrapper,
        (example,),
        str(path),
        input_names=["vectors"],
        output_names=["next_vector"],
        dynamic_axes={"vectors": {1: "length"}},
        opset_version=OPSET,
        dynamo=False,
    )
    onnx.checker.check_model(onnx.load(str(path)))


def parity_cases(data: PatentSequences) -> list[np.ndarray]:
    """Stored inputs: the latest patents of the first company long enough for every parity length."""
    longest = max(PARITY_LENGTHS)
    rows = next(s for s in data.sequences if len(s) >= longest)
    # Rounded to 7 decimals (float64) for a short JSON. PyTorch and the TypeScript test both read
    # them as float32, which rounds the same decimal to the same float32 on both sides.
    return [np.round(data.vectors[rows[-length:]].astype(np.float64), 7) for length in PARITY_LENGTHS]


@torch.no_grad()
def check_parity(model: VectorSASRec, path: Path, cases: list[np.ndarray]) -> tuple[list[np.ndarray], float]:
    """PyTorch outputs for `cases`, and the largest absolute difference from onnxruntime's."""
    wrapper = NextVectorExport(model).eval()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    outputs, worst = [], 0.0
    for case in cases:
        case = case.astype(np.float32)
        expected = wrapper(torch.from_numpy(case[None])).numpy()
        actual = session.run(["next_vector"], {"vectors": case[None]})[0]
        worst = max(worst, float(np.abs(expected - actual).max()))
        outputs.append(expected[0])
    return outputs, worst


def export_artifact(
    model: VectorSASRec,
    data: PatentSequences,
    out: Path,
    *,
    version: str,
    hyper_parameters: dict,
    metrics: dict,
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    model_path = out / "model.onnx"
    export_onnx(model, model_path)
    cases = parity_cases(data)
    outputs, worst = check_parity(model, model_path, cases)
    if worst > PARITY_TOLERANCE:
        raise RuntimeError(f"onnxruntime differs from PyTorch by {worst:.2e} (limit {PARITY_TOLERANCE})")

    metadata = {
        "formatVersion": METADATA_FORMAT_VERSION,
        "modelId": MODEL_ID,
        "modelVersion": version,
        "createdAt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "trainingDataSha256": data.content_hash,
        "spaceId": data.space_id,
        "dimension": data.dimension,
        "maxLength": model.encoder.config.max_len,
        "input": {"name": "vectors", "shape": [1, "L", data.dimension], "dtype": "float32"},
        "output": {"name": "next_vector", "shape": [1, data.dimension], "dtype": "float32"},
        "opset": OPSET,
        "torchVersion": torch.__version__,
        "hyperParameters": hyper_parameters,
        "metrics": metrics,
        "parityMaxAbsDiffPython": worst,
    }
    (out / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n")
    parity = {
        "tolerance": PARITY_TOLERANCE,
        "cases": [
            {"inputs": case.tolist(), "expected": np.round(output, 7).tolist()}
            for case, output in zip(cases, outputs)
        ],
    }
    (out / "parity.json").write_text(json.dumps(parity) + "\n")
