"""Map page: under construction in this change (see the issue); replaced by the real page before it lands."""
import streamlit as st

st.title("Map")
st.info("This page is being built.")
