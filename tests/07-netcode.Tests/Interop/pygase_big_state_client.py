"""Written for this course (it is not PyGaSe code): a PyGaSe client joins OUR server whose state is too
big for one datagram.

Usage: pygase_big_state_client.py PORT COUNT [u-msgpack|msgpack]

The test server's state holds attributes item0 … item{COUNT-1}, each a 100-character string, several
kilobytes in all. PyGaSe's own server cannot send that (a package over 2,048 bytes ends it); ours cuts
the snapshot into ordinary updates with consecutive time orders. This checks, with PyGaSe's own client
and nothing of ours, that it ends up with every attribute, then shuts the server down as host.
"""
import sys

from find_pygase import import_pygase

import_pygase(sys.argv[3] if len(sys.argv) > 3 else "u-msgpack")
from pygase import Client  # noqa: E402  (after the path is set)

port, count = int(sys.argv[1]), int(sys.argv[2])
client = Client()
client.connect_in_thread(port=port)


def complete(state):
    return all(state.data.get(f"item{k}") == f"{k:03d}" * 33 + "!" for k in range(count))


client.wait_until(complete, timeout=30)
with client.access_game_state() as state:
    size = sum(len(state.data[f"item{k}"]) for k in range(count))
    print(f"synchronised: {count} of {count} attributes, {size} characters, time order {state.time_order}", flush=True)
client.disconnect(shutdown_server=True)
print("done", flush=True)
