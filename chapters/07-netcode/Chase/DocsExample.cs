using Netcode;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;

namespace Chase;

/// <summary>
/// PyGaSe's documented example, the same state and events: <c>foo</c> grows by <c>bar</c> per second;
/// <c>SET_BAR(new_bar)</c> changes the speed and <c>RESET_FOO()</c> starts <c>foo</c> again from 0.
/// A PyGaSe Python client written for the docs works against this unchanged.
/// </summary>
public static class DocsExample
{
    public static Backend Create(PeerOptions options)
    {
        var backend = new Backend(
            new GameState([new("foo", 0.0), new("bar", 0.5)]),
            (state, dt) => new Changes { ["foo"] = state.Get<double>("foo") + state.Get<double>("bar") * dt },
            options);
        backend.RegisterEventHandler("RESET_FOO", _ => new Changes { ["foo"] = 0.0 });
        backend.RegisterEventHandler("SET_BAR", call => new Changes { ["bar"] = call.Event.Kw<double>("new_bar") });
        return backend;
    }
}
