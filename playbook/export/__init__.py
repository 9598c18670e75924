"""Exports of a plan: one document model (build.py) and a writer per format."""
