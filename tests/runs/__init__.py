"""Tests of `hooks/runs/`: requests, transcripts, the runner and its cache."""
