"""The served app: the pages (dashboard.py, the router) and the data routes (/api/v1/) in one process.

`streamlit run serve.py` finds `app` below and serves it (Streamlit 1.67's st.App); `make run` does this.
At start-up the listening socket gets TCP_NODELAY (supplychain/api/sockets.py): replies no longer wait 40 ms each.
"""

import streamlit as st

from supplychain.api.routes import api_routes
from supplychain.api.sockets import no_delay

app = st.App("dashboard.py", routes=api_routes(), lifespan=no_delay)
