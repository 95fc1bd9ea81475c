"""Written for this course (it is not PyGaSe code): find PyGaSe for the interop tests.

PyGaSe is never copied into this repository. A test run finds it either installed (`import pygase`
works) or as a checkout named by the PYGASE_SRC environment variable (the folder that holds the
`pygase` package). `find_pygase.py [u-msgpack|msgpack]` prints "pygase ok" and exits 0 when PyGaSe
imports, else exits 3.

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
    try:
        import pygase  # noqa: F401  (imported for its side effect: it is there)
    except ImportError as error:
        print(f"PyGaSe does not import: {error}")
        sys.exit(3)


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "u-msgpack"
    import_pygase(chosen)
    print(f"pygase ok ({chosen})")
