using System.Net;
using Netcode;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Chase.Bench;

/// <summary>
/// The bench's game, run by a real server (<c>server --example bench-state</c> or <c>bench-views</c>): each
/// client sends <c>PING(index, k)</c> 30 times a second and watches for its k to come back.
/// </summary>
/// <remarks>
/// Two ways to send it back, the two halves of the chapter:
/// - <b>state</b>, PyGaSe's model: k goes into the shared state, <c>last[index] = k</c>, which every client
///   receives. Each client also gets every other client's entry, so the bytes grow with N².
/// - <b>views</b>: every tick the server gives each client its own view, <c>ECHO(tick, k)</c>, through
///   <see cref="Server.SendView"/>: each client gets only what is its own, so the bytes per client stay flat.
///   This is what chapter 08's area of interest does with a whole world.
/// </remarks>
public static class BenchGame
{
    public static Backend Create(PeerOptions options, bool views)
    {
        var backend = new Backend(new GameState([new("last", new StateMap())]), (_, _) => null, options);
        if (!views)
        {
            backend.RegisterEventHandler("PING", call => new Changes { ["last"] = new StateMap { [call.Event.Arg<long>(0)] = call.Event.Arg<long>(1) } });
            return backend;
        }
        // Touched only on the game loop (handlers and the late step run there, one at a time).
        var latest = new Dictionary<IPEndPoint, long>();
        backend.RegisterEventHandler("PING", call =>
        {
            latest[call.ClientAddress!] = call.Event.Arg<long>(1);
            return null;
        });
        backend.RegisterEventHandler(LibraryEvents.ClientGone, call =>
        {
            latest.Remove(call.ClientAddress!);
            return null;
        });
        long tick = 0;
        backend.Machine.LateStep = (_, _) =>
        {
            tick++;
            foreach (var (client, k) in latest) backend.Server.SendView(client, new NetEvent("ECHO", tick, k));
            return null;
        };
        return backend;
    }
}
