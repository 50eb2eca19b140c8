"""The data routes: read-only addresses under /api/v1/ served by the same process as the pages (serve.py)."""
