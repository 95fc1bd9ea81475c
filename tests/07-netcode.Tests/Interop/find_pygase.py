"""Written for this course (it is not PyGaSe code): find PyGaSe for the interop tests.

PyGaSe is never copied into this repository. A test run finds it either installed (`import pygase`
works) or as a checkout named by the PYGASE_SRC environment variable (the folder that holds the
`pygase` package). `find_pygase.py [u-msgpack|msgpack]` prints "pygase ok" and exits 0 when PyGaSe
imports with that encoder; it exits 4 (with the package to install) when the encoder is missing, 3 when
PyGaSe itself does not import.

PyGaSe encodes with u-msgpack and falls back to msgpack when u-msgpack is missing. The argument
"msgpack" forces that fallback, so both encoders can be tested against us (they differ: u-msgpack >= 2.5
sends float32, the fallback float64).
"""
import collections
import collections.abc
import os
import sys


def import_pygase(encoder="u-msgpack"):
    source = os.environ.get("PYGASE_SRC")
    if source:
        sys.path.insert(0, source)
    if encoder == "msgpack":
        sys.modules["umsgpack"] = None  # makes `import umsgpack` fail, so PyGaSe takes its fallback
    # Debian 12's u-msgpack 2.3.0 predates Python 3.10 and looks for collections.Hashable, which 3.10
    # removed: it then fails on every map it decodes (found by this interop test). Put the name back.
    if not hasattr(collections, "Hashable"):
        collections.Hashable = collections.abc.Hashable
    # The encoder first: without it PyGaSe would either take the other one silently or fail deep inside.
    try:
        if encoder == "msgpack":
            import msgpack  # noqa: F401
        else:
            import umsgpack  # noqa: F401
    except ImportError:
        package = "python3-msgpack" if encoder == "msgpack" else "python3-u-msgpack"
        print(f"PyGaSe's {encoder} encoder is missing from {sys.executable}: install it (Debian: apt-get install {package}, then PYGASE_PYTHON=/usr/bin/python3)")
        sys.exit(4)
    try:
        import pygase  # noqa: F401  (imported for its side effect: it is there)
    except ImportError as error:
        print(f"PyGaSe does not import: {error}")
        sys.exit(3)


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "u-msgpack"
    import_pygase(chosen)
    print(f"pygase ok ({chosen})")
