"""What a benchmark job needs on a Dask worker, installed with confsched.

The runner (``python -m benchmarks.run``, in the source tree) builds the instances and the
reports; each job it fans out calls :func:`scheduler.bench.remote.run_in_subprocess`,
which starts ``python -m scheduler.bench.job``. Both live in the installed package, so a
worker started anywhere (``dask worker tcp://host:8786`` in any folder, with confsched
installed) can run them: no shared folder or source checkout is needed.
"""
