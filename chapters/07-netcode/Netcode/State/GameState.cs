using Netcode.Wire;

namespace Netcode.State;

/// <summary>Whether the game loop runs; sent as the update key <c>game_status</c>.</summary>
public enum GameStatus { Paused = 0, Active = 1 }

/// <summary>
/// The synchronised game state: a version (<see cref="TimeOrder"/>), a status, and free-form attributes
/// (string keys, msgpack values). Same shape on the server and in every client.
/// </summary>
public sealed class GameState
{
    public GameState(IEnumerable<KeyValuePair<string, object?>>? attributes = null)
    {
        foreach (var (key, value) in attributes ?? []) Data[key] = Values.Copy(value);
    }

    public Sqn TimeOrder { get; set; }
    public GameStatus GameStatus { get; set; } = GameStatus.Paused;

    /// <summary>The custom attributes. Nested maps are <see cref="StateMap"/>s, arrays <c>List&lt;object?&gt;</c>.</summary>
    public StateMap Data { get; } = new();

    public object? this[string key] => Data.TryGetValue(key, out object? v) ? v : throw new KeyNotFoundException($"the state has no '{key}' yet.");

    public bool Has(string key) => Data.ContainsKey(key);

    /// <summary>An attribute as a number or string, whatever numeric type it arrived as.</summary>
    public T Get<T>(string key) => Values.As<T>(this[key]);

    /// <summary>Applies <paramref name="update"/> if it is newer than this state; returns whether it did.</summary>
    public bool Apply(GameStateUpdate update)
    {
        if (!update.TimeOrder.IsNewerThan(TimeOrder)) return false;
        Values.MergeInto(Data, update.Changes, intoUpdate: false);
        if (update.GameStatus is { } status) GameStatus = status;
        TimeOrder = update.TimeOrder;
        return true;
    }

    /// <summary>The whole state as one update: what a late joiner or a client that fell behind receives.</summary>
    public GameStateUpdate ToSnapshot()
    {
        var update = new GameStateUpdate(TimeOrder) { GameStatus = GameStatus };
        foreach (var (key, value) in Data) update.Changes[key] = Values.Copy(value);
        return update;
    }

    public GameState Clone()
    {
        var copy = new GameState { TimeOrder = TimeOrder, GameStatus = GameStatus };
        foreach (var (key, value) in Data) copy.Data[key] = Values.Copy(value);
        return copy;
    }
}
