using System.Collections;
using Netcode.Wire;

namespace Netcode.State;

/// <summary>
/// Cuts an update that does not fit in one package into several that each do. Pieces are top-level keys;
/// a key whose value alone is too big and is a map is cut one level deeper (<c>{"players": {7: ...}}</c>),
/// which is safe because nested maps merge. Pieces are packed greedily in key order.
/// </summary>
public static class UpdateSplitter
{
    /// <summary>Bytes an update map costs beyond its changes: the "time_order" and "game_status" entries at their largest.</summary>
    private const int Overhead = 3 + 11 + 3 + 12 + 1;

    /// <summary>The chunks, each a set of changes; <paramref name="status"/> rides in the first one.</summary>
    /// <exception cref="InvalidOperationException">A single value (not a map) is bigger than the budget.</exception>
    public static List<GameStateUpdate> Split(GameStateUpdate update, int budget)
    {
        var chunks = new List<GameStateUpdate>();
        var current = new GameStateUpdate(update.TimeOrder) { GameStatus = update.GameStatus };
        int used = Overhead;
        foreach (var (piece, size) in Pieces(update.Changes, budget - Overhead))
        {
            if (used + size > budget && current.Changes.Count > 0)
            {
                chunks.Add(current);
                current = new GameStateUpdate(update.TimeOrder);
                used = Overhead;
            }
            Values.MergeInto(current.Changes, piece, intoUpdate: true);
            used += size;
        }
        chunks.Add(current);
        return chunks;
    }

    private static IEnumerable<(StateMap Piece, int Size)> Pieces(StateMap changes, int room)
    {
        foreach (var (key, value) in changes)
        {
            var whole = new StateMap { [key] = value };
            int size = Msgpack.Encode(whole).Length;
            if (size <= room)
            {
                yield return (whole, size);
                continue;
            }
            if (value is not IDictionary nested)
                throw new InvalidOperationException($"the value of '{key}' alone takes {size} bytes; no package can carry it.");
            foreach (DictionaryEntry entry in nested)
            {
                var part = new StateMap { [key] = new StateMap { [entry.Key] = entry.Value } };
                int partSize = Msgpack.Encode(part).Length;
                if (partSize > room) throw new InvalidOperationException($"'{key}'[{entry.Key}] alone takes {partSize} bytes; no package can carry it.");
                yield return (part, partSize);
            }
        }
    }
}
