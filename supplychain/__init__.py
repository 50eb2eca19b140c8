"""Logic behind the China AI supply-chain dashboard: load, validate, filter, chart and export.

Only `cache` and `ui` import Streamlit; everything else is plain functions on pandas frames.
"""
