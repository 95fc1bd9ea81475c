"""Written for this course (it is not PyGaSe code): a PyGaSe backend for OUR client to join.

Usage: pygase_docs_backend.py [u-msgpack|msgpack]   (the encoder PyGaSe uses, see find_pygase.py)

The state and events of PyGaSe's documented example (foo grows by bar per second; SET_BAR(new_bar),
RESET_FOO), written with PyGaSe's own API. (The example in `pygase.Backend`'s docstring does not run
as printed, it passes `initial_gamestate=` and uses unquoted keys, so it is restated here.) Handlers
take **kwargs as the getting-started guide's do: PyGaSe passes every keyword of an event to its handler,
and our client's retried events carry one more, their de-duplication id.

It prints "listening on 127.0.0.1:PORT" once bound to a free port, and exits when its host client
sends "shutdown".
"""
import sys
import threading
import time

from find_pygase import import_pygase

import_pygase(sys.argv[1] if len(sys.argv) > 1 else "u-msgpack")
from pygase import Backend, GameState  # noqa: E402  (after the path is set)

backend = Backend(
    GameState(foo=0.0, bar=0.5),
    lambda game_state, dt: {"foo": game_state.foo + game_state.bar * dt},
    event_handlers={
        "RESET_FOO": lambda game_state, dt, **kwargs: {"foo": 0.0},
        "SET_BAR": lambda new_bar, game_state, dt, **kwargs: {"bar": new_bar},
    },
)
runner = threading.Thread(target=backend.run, args=("127.0.0.1", 0), daemon=True)
runner.start()
deadline = time.time() + 10
while not backend.server.port and time.time() < deadline:
    time.sleep(0.05)
print(f"listening on 127.0.0.1:{backend.server.port}", flush=True)
runner.join(timeout=120)
print("stopped" if not runner.is_alive() else "still running after 120 s", flush=True)
