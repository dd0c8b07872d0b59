"""Alembic migrations of the schema, run by db.migrate; never edit a released revision."""
