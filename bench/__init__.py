"""The benchmark: `python -m bench` (see bench/__main__.py) and the synthetic
plans it measures (bench/synthetic.py)."""
