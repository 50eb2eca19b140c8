"""The rules: pure functions over the loaded dataset (no Streamlit, no Altair)."""
