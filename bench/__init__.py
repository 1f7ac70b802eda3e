"""Benchmarks: the classroom-burst load test, the micro-benchmarks and their report (docs/benchmarks.md).

`make bench` runs `bench/run.py`; nothing here is imported by the application.
"""
