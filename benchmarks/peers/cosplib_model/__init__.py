"""The separate CoSPLib-only CP-SAT model, kept as a peer for comparison.

This was ``plugins/confsched_cosplib/{model,packing,solve}.py`` before the one engine
(``scheduler/solver/talks_*.py``, reached by ``confsched cosplib solve`` through
``confsched_cosplib.adapter``) took its place. The engine's model is this code moved into
the core; ``benchmarks/cosplib_bench.py --paths engine old`` runs both on the same
instances. Nothing in ``scheduler/`` or ``plugins/`` imports this package.
"""
