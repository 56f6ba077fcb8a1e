"""Inputs to articles. Runs inside Spark tasks, so it imports no pyspark: a
file's bytes come in, onrecord.ingest's readers (the ones ``onrecord ingest``
uses) turn them into ArticleInput / Failure / Skipped items. A file that cannot
be read, or a reader that crashes, becomes one Failure, never a failed task."""
from __future__ import annotations

import gzip
from collections.abc import Iterable

from ..ingest.sources import items_from_file  # noqa: F401  (the executors' reader, re-exported)

MANIFEST_SUFFIXES = (".paths", ".paths.gz", ".manifest", ".lst")


def is_manifest(source: str) -> bool:
    """``@list.txt``, or a name ending .paths/.paths.gz (Common Crawl's warc.paths.gz),
    .manifest or .lst: a file that lists one input path per line."""
    return source.startswith("@") or source.lower().endswith(MANIFEST_SUFFIXES)


def manifest_paths(data: bytes, prefix: str = "") -> list[str]:
    """The paths a manifest lists: one per line, blank lines and # comments skipped,
    ``prefix`` put before each (e.g. s3://commoncrawl/ for warc.paths.gz)."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    lines = (line.strip() for line in data.decode("utf-8").splitlines())
    return [prefix + line for line in lines if line and not line.startswith("#")]


def expand_inputs(sources: Iterable[str], read_bytes, prefix: str = "") -> list[str]:
    """Sources with every manifest replaced by the paths it lists. ``read_bytes(path)``
    reads a manifest (the driver reads manifests; the executors read the data)."""
    paths: list[str] = []
    for source in sources:
        if is_manifest(source):
            paths.extend(manifest_paths(read_bytes(source.removeprefix("@")), prefix))
        else:
            paths.append(source)
    return paths


