"""Benchmarks: the greedy baseline, peers (conference-scheduler) and the runner.

Run ``python -m benchmarks.run --suite small -o benchmarks/results/small/``.
"""
