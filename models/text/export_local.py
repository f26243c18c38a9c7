"""Export a local Hugging Face model folder to the ONNX layout the engine loads.

    python -m text.export_local --model-dir <folder> --out <dir> [--pooling mean|cls] [--max-length N]

The folder is what `save_pretrained` writes (config.json, weights, tokenizer files), for example a
downloaded KoSimCSE-RoBERTa or KoBART. Nothing is downloaded. An encoder-only model becomes
`encoder.onnx` (inputs input_ids and attention_mask, int64 [batch, sequence]; output
last_hidden_state float32 [batch, sequence, hidden]). An encoder-decoder (BART family) model
becomes `encoder.onnx` with the same signature and `decoder.onnx` (inputs input_ids int64
[beams, prefix], encoder_hidden_states float32 [beams, source, hidden], encoder_attention_mask int64
[beams, source]; output logits float32 [beams, prefix, vocabulary]). The decoder has no key-value
cache, so the caller runs it again on the whole prefix at every step. Each folder also gets
`tokenizer.json` and `exit-text-model.json`, and the export is checked against PyTorch.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from tokenizers import Tokenizer
from transformers import AutoConfig, AutoModel, AutoModelForSeq2SeqLM, AutoTokenizer

OPSET = 17
METADATA_FILE = "exit-text-model.json"
FORMAT_VERSION = 1


class EncoderOutput(torch.nn.Module):
    def __init__(self, encoder: torch.nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


class DecoderLogits(torch.nn.Module):
    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(
        self, input_ids: torch.Tensor, encoder_hidden_states: torch.Tensor, encoder_attention_mask: torch.Tensor
    ) -> torch.Tensor:
        decoder = self.model.get_decoder()
        hidden = decoder(
            input_ids=input_ids,
            encoder_hidden_states=encoder_hidden_states,
            encoder_attention_mask=encoder_attention_mask,
            use_cache=False,
        ).last_hidden_state
        logits = self.model.lm_head(hidden)
        bias = getattr(self.model, "final_logits_bias", None)
        return logits + bias if bias is not None else logits


def load_tokenizer(model_dir: Path) -> Tokenizer:
    """Return the fast tokenizer of the folder, converting a slow one (vocab.txt and the like) if needed."""
    path = model_dir / "tokenizer.json"
    if path.exists():
        return Tokenizer.from_file(str(path))
    auto = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    backend = getattr(auto, "backend_tokenizer", None)
    if backend is None:
        raise SystemExit(f"{model_dir} has no tokenizer.json and its tokenizer has no fast version to convert")
    return backend


def export_encoder(module: torch.nn.Module, path: Path, vocab_size: int) -> None:
    ids = torch.randint(5, vocab_size, (2, 7))
    mask = torch.ones_like(ids)
    torch.onnx.export(
        EncoderOutput(module).eval(),
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "last_hidden_state": {0: "batch", 1: "sequence"},
        },
        opset_version=OPSET,
        dynamo=False,
    )
    onnx.checker.check_model(onnx.load(str(path)))


def export_decoder(model: torch.nn.Module, path: Path, hidden: int, vocab_size: int) -> None:
    ids = torch.randint(5, vocab_size, (2, 4))
    states = torch.randn(2, 6, hidden)
    mask = torch.ones(2, 6, dtype=torch.long)
    torch.onnx.export(
        DecoderLogits(model).eval(),
        (ids, states, mask),
        str(path),
        input_names=["input_ids", "encoder_hidden_states", "encoder_attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "beams", 1: "prefix"},
            "encoder_hidden_states": {0: "beams", 1: "source"},
            "encoder_attention_mask": {0: "beams", 1: "source"},
            "logits": {0: "beams", 1: "prefix"},
        },
        opset_version=OPSET,
        dynamo=False,
    )
    onnx.checker.check_model(onnx.load(str(path)))


def check_encoder(module: torch.nn.Module, path: Path, vocab_size: int) -> float:
    """Return the largest absolute difference between PyTorch and onnxruntime on a padded batch."""
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(5, vocab_size, (3, 11), generator=generator)
    mask = torch.ones_like(ids)
    mask[1, 6:] = 0
    with torch.no_grad():
        expected = EncoderOutput(module)(ids, mask).numpy()
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    actual = session.run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]
    return float(np.abs(expected - actual)[mask.numpy().astype(bool)].max())


def check_decoder(model: torch.nn.Module, path: Path, hidden: int, vocab_size: int) -> float:
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(5, vocab_size, (2, 5), generator=generator)
    states = torch.randn(2, 9, hidden, generator=generator)
    mask = torch.ones(2, 9, dtype=torch.long)
    mask[0, 7:] = 0
    with torch.no_grad():
        expected = DecoderLogits(model)(ids, states, mask).numpy()
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    actual = session.run(None, {"input_ids": ids.numpy(), "encoder_hidden_states": states.numpy(), "encoder_attention_mask": mask.numpy()})[0]
    return float(np.abs(expected - actual).max())


def first_set(*values):
    """Return the first value that is not None; a list (several end tokens) gives its first id."""
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            return value
    return None


def max_length_of(tokenizer: Tokenizer, config) -> int:
    truncation = tokenizer.truncation
    if truncation is not None:
        return int(truncation["max_length"])
    positions = int(getattr(config, "max_position_embeddings", 512))
    # RoBERTa reserves pad_token_id + 1 position rows before the first token.
    if getattr(config, "model_type", "") in ("roberta", "xlm-roberta", "camembert"):
        positions -= int(config.pad_token_id) + 1
    return positions


def export(model_dir: Path, out: Path, pooling: str | None, max_length: int | None, training: dict | None = None) -> dict:
    """Export `model_dir` to `out` and write exit-text-model.json, with `training` (how the weights were made) if given."""
    config = AutoConfig.from_pretrained(str(model_dir), local_files_only=True)
    tokenizer = load_tokenizer(model_dir)
    length = max_length or max_length_of(tokenizer, config)
    if tokenizer.truncation is None or tokenizer.truncation["max_length"] != length:
        tokenizer.enable_truncation(length)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(out / "tokenizer.json"))
    vocab_size = int(config.vocab_size)
    metadata: dict = {
        "format": "exit-text-model",
        "formatVersion": FORMAT_VERSION,
        "modelType": config.model_type,
        "source": model_dir.name,
        "maxLength": length,
        "padTokenId": int(config.pad_token_id if config.pad_token_id is not None else 0),
    }
    if config.is_encoder_decoder:
        model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir), local_files_only=True).eval()
        hidden = int(config.d_model)
        export_encoder(model.get_encoder(), out / "encoder.onnx", vocab_size)
        export_decoder(model, out / "decoder.onnx", hidden, vocab_size)
        encoder_error = check_encoder(model.get_encoder(), out / "encoder.onnx", vocab_size)
        decoder_error = check_decoder(model, out / "decoder.onnx", hidden, vocab_size)
        generation = model.generation_config
        eos_id = first_set(config.eos_token_id, generation.eos_token_id)
        start_id = first_set(getattr(config, "decoder_start_token_id", None), generation.decoder_start_token_id, eos_id)
        forced_first = first_set(getattr(config, "forced_bos_token_id", None), generation.forced_bos_token_id)
        metadata.update(
            kind="seq2seq",
            hiddenSize=hidden,
            vocabSize=vocab_size,
            eosTokenId=int(eos_id),
            decoderStartTokenId=int(start_id),
            forcedBosTokenId=None if forced_first is None else int(forced_first),
        )
        print(f"encoder.onnx max |torch - onnxruntime| {encoder_error:.2e}; decoder.onnx {decoder_error:.2e}")
    else:
        model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
        hidden = int(config.hidden_size)
        export_encoder(model, out / "encoder.onnx", vocab_size)
        error = check_encoder(model, out / "encoder.onnx", vocab_size)
        metadata.update(kind="encoder", hiddenSize=hidden, pooling=pooling or "mean")
        print(f"encoder.onnx max |torch - onnxruntime| {error:.2e}")
    if training is not None:
        metadata["training"] = training
    (out / METADATA_FILE).write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return metadata


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, required=True, help="local folder written by save_pretrained")
    parser.add_argument("--out", type=Path, required=True, help="output folder for the ONNX files")
    parser.add_argument("--pooling", choices=["mean", "cls"], help="default pooling for an encoder (mean)")
    parser.add_argument("--max-length", type=int, help="truncation length in tokens (default: the tokenizer's, else the model's)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if not (args.model_dir / "config.json").exists():
        raise SystemExit(f"--model-dir {args.model_dir} has no config.json; pass a folder written by save_pretrained")
    if args.out.resolve() == args.model_dir.resolve():
        raise SystemExit("--out must differ from --model-dir")
    export(args.model_dir, args.out, args.pooling, args.max_length)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
