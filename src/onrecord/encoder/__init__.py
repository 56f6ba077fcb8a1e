"""The "accurate" attribution model: a small transformer encoder as a token tagger.

A MiniLM encoder (all-MiniLM-L6-v2) fine-tuned on PolNeAR with two heads over
spaCy tokens: one tags CUE and SOURCE spans (BIO), the other CONTENT spans. It
ships as a dynamically quantised ONNX file and runs with onnxruntime and
tokenizers only, so the runtime needs no torch or transformers.

* ``data``: articles → words and BIO label ids; wordpiece windows; decoding.
* ``train``: fine-tuning, model selection on a slice of PolNeAR train, export.
* ``component``: the spaCy factory ``onrecord_encoder``, which writes
  ``doc.spans["onrecord_cues"|"onrecord_sources"|"onrecord_contents"]``.
"""
