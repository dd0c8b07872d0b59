"""The command line's subcommands, one module per group; main.py parses the
arguments and calls them. They use the Qt-free core (db/, documents/pdf)."""
