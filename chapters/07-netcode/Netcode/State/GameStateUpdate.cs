using System.Collections;
using Netcode.Wire;

namespace Netcode.State;

/// <summary>
/// A delta: the attributes that changed, stamped with the version they bring the state to. On the wire it
/// is one flat msgpack map: the changed keys, <c>"game_status"</c> if it changed, and <c>"time_order"</c>.
/// </summary>
public sealed class GameStateUpdate(Sqn timeOrder)
{
    /// <summary>Keys a game cannot use as attributes: the wire uses them for itself.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string> { "time_order", "game_status", "data" };

    public Sqn TimeOrder { get; set; } = timeOrder;
    public GameStatus? GameStatus { get; set; }
    public StateMap Changes { get; } = new();

    public bool IsEmpty => Changes.Count == 0 && GameStatus is null;

    /// <summary>Builds an update from what a game function returned, refusing reserved keys.</summary>
    public static GameStateUpdate From(Sqn timeOrder, IEnumerable<KeyValuePair<string, object?>> changes)
    {
        var update = new GameStateUpdate(timeOrder);
        foreach (var (key, value) in changes)
        {
            if (ReservedKeys.Contains(key)) throw new ArgumentException($"'{key}' is reserved by the protocol; pick another attribute name.");
            update.Changes[key] = Values.Copy(value);
        }
        return update;
    }

    /// <summary>
    /// This update followed by <paramref name="later"/>: later values win, nested maps merge, deletions
    /// stay as markers. Returns a new update and shares nothing with either input.
    /// </summary>
    public GameStateUpdate Then(GameStateUpdate later)
    {
        var merged = new GameStateUpdate(later.TimeOrder.IsNewerThan(TimeOrder) ? later.TimeOrder : TimeOrder)
        {
            GameStatus = later.GameStatus ?? GameStatus,
        };
        Values.MergeInto(merged.Changes, Changes, intoUpdate: true);
        Values.MergeInto(merged.Changes, later.Changes, intoUpdate: true);
        return merged;
    }

    public byte[] Encode()
    {
        var map = new StateMap();
        foreach (var (key, value) in Changes) map[key] = value;
        if (GameStatus is { } status) map["game_status"] = (long)status;
        map["time_order"] = (long)TimeOrder.Value;
        return Msgpack.Encode(map);
    }

    /// <exception cref="FormatException">Not a string-keyed map with an integer <c>time_order</c>.</exception>
    public static GameStateUpdate Decode(ReadOnlyMemory<byte> bytes)
    {
        if (Msgpack.Decode(bytes.Span) is not StateMap map) throw new FormatException("an update must be a msgpack map.");
        if (!map.TryGetValue("time_order", out object? order) || order is not long t || t is < 0 or > ushort.MaxValue)
            throw new FormatException("an update needs an integer 'time_order' between 0 and 65535.");
        var update = new GameStateUpdate(new Sqn((ushort)t));
        foreach (DictionaryEntry entry in (IDictionary)map)
        {
            if (entry.Key is not string key) throw new FormatException("an update's top-level keys must be strings.");
            if (key == "time_order") continue;
            if (key == "game_status")
            {
                update.GameStatus = entry.Value is long s && s is 0 or 1 ? (GameStatus)s : throw new FormatException("'game_status' must be 0 or 1.");
                continue;
            }
            update.Changes[key] = entry.Value;
        }
        return update;
    }
}
