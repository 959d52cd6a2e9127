"""Synthetic data for the benchmarks: `generate(cases=..., seed=...)` (see run.py)."""
