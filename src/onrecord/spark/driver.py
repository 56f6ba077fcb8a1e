"""The Spark job's driver side: inputs (WARC/WARC.GZ, JSONL, text; local, HDFS, S3 paths or
manifests listing them) to Parquet tables articles, entities, attributions,
events and errors, partitioned by publication year/month (docs/spark.md).

    onrecord spark news.warc.gz more/ --output out/ --master 'local[2]'
    spark-submit --master yarn "$(python -c 'import onrecord.spark.job as j; print(j.__file__)')" \
        warc.paths.gz --path-prefix s3a://commoncrawl/ --output s3a://bucket/onrecord/

``onrecord.spark.job`` is only the spark-submit entry point; the session and the
job itself live here, so the command module imports this one and nothing imports back.

Only file paths travel to the executors; each task reads its files through
Spark's Hadoop I/O (binaryFiles) and parses them with onrecord.ingest, so WARC
streams are read where the data is. Extraction is ``onrecord.batch.extract_batch``,
the function local ingest uses, wrapped in mapPartitions.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..rows import TABLES
from ..store.sink import RunSummary
from . import require_pyspark
from .extract import extract_partition
from .read import expand_inputs, items_from_file

PARTITIONS_PER_CORE = 16


@dataclass
class JobSummary(RunSummary):
    """A RunSummary of a Spark job: ``new`` counts the articles extracted (the job
    stores nothing, so nothing is a duplicate yet), plus where they came from and went."""

    files: int = 0
    partitions: int = 0
    output: str = ""

    @property
    def articles(self) -> int:
        return self.new

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.articles} articles, {self.failed} failed, {self.skipped} skipped from {self.files} file(s) "
                f"in {self.seconds:.1f}s ({rate:.1f} articles/s) -> {self.output}")


def spark_schema(table: str):
    """The Spark StructType of a table, from onrecord.rows.COLUMNS."""
    from pyspark.sql import types as T

    from ..rows import COLUMNS

    kinds = {"string": T.StringType(), "int": T.IntegerType(), "long": T.LongType(), "double": T.DoubleType(),
             "list<string>": T.ArrayType(T.StringType())}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in COLUMNS[table]])


def active_session():
    """The SparkSession already running in this process, or None."""
    require_pyspark()
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def session(master: str | None = None, app_name: str = "onrecord"):
    """A SparkSession. Under spark-submit the master comes from there; run from
    plain Python without ``master`` it is local[*]. Locally the Python workers use
    this interpreter unless PYSPARK_PYTHON says otherwise."""
    require_pyspark()
    from pyspark.sql import SparkSession

    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if master is None and not submitted:
        master = "local[*]"
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.python.worker.reuse", "true")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def _read_manifest(spark, path: str) -> bytes:
    if "://" not in path and not path.startswith("file:"):
        with open(path, "rb") as handle:
            return handle.read()
    # A remote manifest, read through the cluster's Hadoop configuration.
    return b"\n".join(row[1] for row in spark.sparkContext.binaryFiles(path).collect())


def run(spark, inputs: Sequence[str], output: str, *, partitions: int | None = None, model: str | None = None,
        rules_only: bool = False, profile: str = "fast", languages: Sequence[str] | None = ("en",),
        path_prefix: str = "", mode: str = "errorifexists") -> JobSummary:
    """Extract every article in ``inputs`` with ``profile``'s pipeline and write the
    five tables under ``output``. One bad file or article becomes an errors row; the job goes on."""
    started = time.perf_counter()
    sc = spark.sparkContext
    paths = expand_inputs(inputs, lambda p: _read_manifest(spark, p), path_prefix)
    if not paths:
        raise ValueError("no input paths (an empty manifest?)")
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    # Many small tasks per core: articles differ in length, and with a few large
    # tasks the last ones leave cores idle while one straggler finishes.
    partitions = partitions or max(PARTITIONS_PER_CORE * sc.defaultParallelism, 2)
    counters = {kind: sc.accumulator(0) for kind in ("files", "articles", "failed", "skipped")}
    wanted = None if languages is None else tuple(languages)

    def parse(pair):
        name, data = pair
        counters["files"].add(1)
        return items_from_file(name, data, wanted)

    def count(kind: str, n: int) -> None:
        counters[kind].add(n)

    def extract(items):
        # The closure carries the profile to the executors; each loads its pipeline once.
        return extract_partition(items, model, rules_only, count, profile=profile)

    # Each (path, bytes) pair is read by the task that parses it; the articles are
    # then spread over ``partitions`` tasks for extraction.
    files = sc.binaryFiles(",".join(paths), minPartitions=min(len(paths), partitions))
    rows = files.flatMap(parse).repartition(partitions).mapPartitions(extract)
    from pyspark import StorageLevel

    rows.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for table in TABLES:
            frame = spark.createDataFrame(rows.filter(lambda pair, t=table: pair[0] == t).map(lambda pair: pair[1]),
                                          spark_schema(table))
            frame.write.mode(mode).partitionBy("year", "month").parquet(_join(output, table))
    finally:
        rows.unpersist()
    return JobSummary(files=counters["files"].value, new=counters["articles"].value,
                      failed=counters["failed"].value, skipped=counters["skipped"].value,
                      seconds=time.perf_counter() - started, partitions=partitions, output=output)


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name
