"""The Jupyter kernel `gesprek`: cells of the gesprek language, recorded in a durable transcript.

See docs/notebook.md. The kernel embeds GesprekKit through its C interface (the `gesprek` module
beside this package); it never drives the `gesprek` binary.
"""

__version__ = "0.1.0"
