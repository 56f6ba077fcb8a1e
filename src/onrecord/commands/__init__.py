"""The corpus commands (over a database or a cluster), one module per area; each
module lists its commands in COMMANDS for onrecord.cli to attach. base.py holds
what every command shares: error handling and the --model/--rules-only/--db
options. onrecord.cli's docstring says what lives where."""
