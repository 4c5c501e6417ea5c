"""Clinical calculators with explicit units: each rejects impossible input with a plain ValueError.

One module per calculator; each is tested against its published worked example.
"""
