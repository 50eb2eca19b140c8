"""Serving more readers than one process: several app processes behind a sticky proxy (`make serve WORKERS=2`)."""
