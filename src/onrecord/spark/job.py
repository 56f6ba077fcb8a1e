"""The spark-submit entry point: ``spark-submit .../onrecord/spark/job.py`` or
``python -m onrecord.spark.job`` take the same options as ``onrecord spark``.

Only an entry point: the job is ``onrecord.spark.driver.run``. Keeping the
command import here, in a module nothing imports, is what keeps
``onrecord.commands.spark`` -> ``onrecord.spark.driver`` free of a cycle.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    # Absolute import: spark-submit runs this file as a script, outside the package.
    from onrecord.commands.spark import spark_command

    spark_command.main(args=list(argv) if argv is not None else sys.argv[1:], prog_name="onrecord.spark.job")


if __name__ == "__main__":
    main()
