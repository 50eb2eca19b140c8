"""The data layer: read, check and describe the package (schema, load, validate, dates, entities, export, labels)."""
