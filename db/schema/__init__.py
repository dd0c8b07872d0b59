"""The database itself: models, migrations, the engine and opening; what is SQLite's own stays here (db/schema/engine.py)."""
