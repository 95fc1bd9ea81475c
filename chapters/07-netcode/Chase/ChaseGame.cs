using System.Net;
using Netcode;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Chase;

/// <summary>
/// The chase game, after PyGaSe's example: players move on a 640×420 field; one of them is the chaser.
/// When the chaser touches someone, that player becomes the chaser and a short protection time starts.
/// </summary>
/// <remarks>
/// State: <c>players</c> {id: {"name", "position": [x, y]}}, <c>chaser_id</c>, <c>protection</c> (seconds left).
/// Client events: <c>JOIN(name)</c> → the server answers the sender with <c>PLAYER_CREATED(id)</c>;
/// <c>MOVE(id, x, y)</c>; <c>LEAVE(id)</c>. The wire is PyGaSe's, ids and all, but a player is who its
/// address is: one player per address (a repeated JOIN gets the same id back), MOVE and LEAVE only act on
/// the sender's own player whatever id they name, and a client that goes silent is removed when the
/// library says it is gone. PyGaSe's example trusted the id, so anyone could move or remove anyone.
/// The server still trusts positions here, which chapter 08 fixes.
/// </remarks>
public static class ChaseGame
{
    public const double Width = 640, Height = 420, TouchDistance = 15, ProtectionSeconds = 2;

    public static Backend Create(PeerOptions options)
    {
        Backend backend = null!;
        long nextId = 0;
        // Only the game loop touches this map (handlers run one at a time, on the loop), so no lock.
        var players = new Dictionary<IPEndPoint, long>();
        backend = new Backend(
            new GameState([new("players", new StateMap()), new("chaser_id", -1L), new("protection", 0.0)]),
            TimeStep,
            options);
        backend.RegisterEventHandler("JOIN", call =>
        {
            IPEndPoint from = call.ClientAddress!;
            if (players.TryGetValue(from, out long known))
            {
                // A retried or repeated JOIN: the same player again, never a second one.
                backend.Server.DispatchEvent(new NetEvent("PLAYER_CREATED", known), from, retries: 5);
                return null;
            }
            long id = Interlocked.Increment(ref nextId);
            players[from] = id;
            backend.Server.DispatchEvent(new NetEvent("PLAYER_CREATED", id), from, retries: 5);
            var changes = new Changes
            {
                ["players"] = new StateMap { [id] = new StateMap { ["name"] = Name(call.Event.Arg<string>(0)), ["position"] = new List<object?> { 0.0, 0.0 } } },
            };
            if (call.State.Get<long>("chaser_id") < 0) changes["chaser_id"] = id;
            return changes;
        });
        backend.RegisterEventHandler("MOVE", call =>
        {
            // The id on the wire is ignored: a client can only ever move its own player.
            if (!players.TryGetValue(call.ClientAddress!, out long id)) return null;
            return new Changes
            {
                ["players"] = new StateMap
                {
                    [id] = new StateMap
                    {
                        ["position"] = new List<object?> { Math.Clamp(call.Event.Arg<double>(1), 0, Width), Math.Clamp(call.Event.Arg<double>(2), 0, Height) },
                    },
                },
            };
        });
        backend.RegisterEventHandler("LEAVE", call => Leave(call));
        backend.RegisterEventHandler(LibraryEvents.ClientGone, call => Leave(call));
        return backend;

        Changes? Leave(EventCall call)
        {
            if (!players.Remove(call.ClientAddress!, out long id)) return null;
            var changes = new Changes { ["players"] = new StateMap { [id] = ToDelete.Instance } };
            if (call.State.Get<long>("chaser_id") == id) changes["chaser_id"] = -1L;
            return changes;
        }
    }

    /// <summary>Everyone sees a player's name: printable, at most 16 characters.</summary>
    private static string Name(string given)
    {
        string clean = new string([.. given.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "anonymous" : clean[..Math.Min(clean.Length, 16)];
    }

    private static Changes? TimeStep(GameState state, double dt)
    {
        double protection = state.Get<double>("protection");
        if (protection > 0) return new Changes { ["protection"] = Math.Max(0, protection - dt) };
        var players = (StateMap)state["players"]!;
        long chaser = state.Get<long>("chaser_id");
        if (!players.TryGetValue(chaser, out object? c)) return null;
        var (cx, cy) = Position(c);
        foreach (var (id, player) in players)
        {
            if (Values.As<long>(id) == chaser) continue;
            var (x, y) = Position(player);
            if (Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) < TouchDistance)
                return new Changes { ["chaser_id"] = Values.As<long>(id), ["protection"] = ProtectionSeconds };
        }
        return null;
    }

    public static (double X, double Y) Position(object? player)
    {
        var position = (List<object?>)((StateMap)player!)["position"]!;
        return (Values.As<double>(position[0]), Values.As<double>(position[1]));
    }
}
