"""The Streamlit layer: cache, URL state and the render helpers pages use."""
