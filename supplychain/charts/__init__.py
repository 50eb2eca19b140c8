"""Every Altair/Vega builder, one module per topic, with the colours and marks they share."""
