"""Training onrecord's statistical attribution component (``onrecord train spans``)."""
