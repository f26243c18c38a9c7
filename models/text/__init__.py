"""Small text models for EXIT: a WordPiece/BPE tokenizer, a sentence encoder and a BART summariser,
trained on patent text and exported to ONNX for the engine's OnnxEncoderEmbedder and
OnnxSeq2SeqSummarizer."""
