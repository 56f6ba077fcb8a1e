"""Alembic migrations for the corpus database, run by ``open_store`` on every open."""
