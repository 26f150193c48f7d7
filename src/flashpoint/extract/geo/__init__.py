"""Geoparsing: gazetteer, toponym recognition, resolution and event location (issue 5)."""
