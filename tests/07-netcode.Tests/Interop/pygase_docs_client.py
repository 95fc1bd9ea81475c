"""Written for this course (it is not PyGaSe code): a PyGaSe Python client against OUR server.

Usage: pygase_docs_client.py PORT [u-msgpack|msgpack]   (the encoder PyGaSe uses, see find_pygase.py)

It runs the client example from PyGaSe's own documentation (the docstring of `pygase.Client`),
read at run time from the PyGaSe that imports, so the code is PyGaSe's, unchanged, except for the
port number: the docs say 8080, the test server got a free port from the OS. The example connects,
sets `bar` five times a second apart and resets `foo`. Then we check, with PyGaSe's own API, that the
client's copy of the state shows all of it, and as the host client we shut the server down.
"""
import inspect
import re
import sys
import time

from find_pygase import import_pygase

import_pygase(sys.argv[2] if len(sys.argv) > 2 else "u-msgpack")
from pygase import Client  # noqa: E402  (after the path is set)

port = int(sys.argv[1])
example = re.search(r"```python\n(.*?)```", inspect.getdoc(Client), re.S).group(1)
example = example.replace("port=8080", f"port={port}")
print("running the example from pygase.Client's docstring:", flush=True)
for line in example.strip().splitlines():
    print("    " + line, flush=True)
names = {"Client": Client}
exec(example, names)  # pylint: disable=exec-used
client = names["client"]

# The last SET_BAR said 4; RESET_FOO put foo back to 0, from where it grows 4 per second.
client.wait_until(lambda state: state.bar == 4, timeout=10)
reset_at = time.time()
client.wait_until(lambda state: state.foo < 4 * (time.time() - reset_at) + 4, timeout=10)
with client.access_game_state() as state:
    print(f"synchronised: bar = {state.bar}, foo = {state.foo:.2f} (reset, growing again)", flush=True)
print("host client: disconnect(shutdown_server=True)", flush=True)
client.disconnect(shutdown_server=True)
print("done", flush=True)
