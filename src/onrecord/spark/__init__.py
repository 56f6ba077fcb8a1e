"""onrecord on Spark: the same extraction as ``onrecord ingest``, over a cluster,
to Parquet (docs/spark.md).

- ``onrecord.spark.read``: files to articles, inside the task (no Spark needed).
- ``onrecord.spark.extract``: the per-partition wrapper around ``extract_batch``.
- ``onrecord.spark.driver``: the Spark session and job (``onrecord spark``).
- ``onrecord.spark.job``: the same job as a script, for ``spark-submit``.
- ``onrecord.spark.to_store``: Parquet into the database (``onrecord load``; no Spark needed).

pyspark is an optional extra: ``pip install 'onrecord[spark]'`` (and Java 17).
"""
from __future__ import annotations

from ..errors import MissingDependencyError

INSTALL_HINT = ("pyspark is not installed: pip install 'onrecord[spark]' "
                "(Spark also needs Java 17; on Debian/Ubuntu: apt-get install openjdk-17-jre-headless)")


def require_pyspark():
    """The pyspark module, or a MissingDependencyError that says how to install it."""
    try:
        import pyspark
    except ImportError:
        raise MissingDependencyError(INSTALL_HINT) from None
    return pyspark
