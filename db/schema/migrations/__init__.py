"""Alembic migrations of the schema, run by db.schema.migrate; never edit a released revision."""
