"""Evaluation of onrecord's output against annotated corpora."""
