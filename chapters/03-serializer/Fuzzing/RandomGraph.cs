namespace Serializer.Fuzzing;

/// <summary>
/// Random object graphs from a seed: primitives, lists, dictionaries, rooms and players, with some
/// objects reachable twice and some players chasing each other in cycles. Same seed, same graph.
/// </summary>
public sealed class RandomGraph(int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<Player> _players = [];

    public object? Next() => Value(depth: 0);

    private object? Value(int depth)
    {
        int kind = _random.Next(depth >= 4 ? 7 : 11);
        return kind switch
        {
            0 => null,
            1 => _random.Next(2) == 0,
            2 => _random.NextInt64(long.MinValue, long.MaxValue) >> _random.Next(64),
            3 => _random.Next(3) == 0 ? double.NaN : (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-5, 300)),
            4 => Text(),
            5 => Bytes(),
            6 => SomePlayer(),
            7 => Enumerable.Range(0, _random.Next(6)).Select(_ => Value(depth + 1)).ToList(),
            8 => Enumerable.Range(0, _random.Next(5)).ToDictionary(i => $"k{i}", _ => Value(depth + 1)),
            9 => new Room { Title = Text(), Players = Enumerable.Range(0, _random.Next(4)).Select(_ => SomePlayer()).ToList(), Leader = _random.Next(2) == 0 ? null : SomePlayer() },
            _ => new List<object?> { SomePlayer(), SomePlayer() }, // likely the same player twice
        };
    }

    /// <summary>Often a player met before (a shared reference); each new one may chase an older one.</summary>
    private Player SomePlayer()
    {
        if (_players.Count > 0 && _random.Next(2) == 0) return _players[_random.Next(_players.Count)];
        var player = new Player { Name = Text(), Score = _random.Next(-1000, 1000) };
        if (_players.Count > 0 && _random.Next(2) == 0) player.Chasing = _players[_random.Next(_players.Count)];
        if (_random.Next(4) == 0) player.Chasing = player; // chasing its own tail
        if (_players.Count > 0 && _random.Next(3) == 0) _players[_random.Next(_players.Count)].Chasing = player; // may close a cycle
        _players.Add(player);
        return player;
    }

    private string Text()
    {
        string[] pieces = ["ada", "bob", "é", "№", "🎮", "", " ", "\n", "gracz"];
        return string.Concat(Enumerable.Range(0, _random.Next(4)).Select(_ => pieces[_random.Next(pieces.Length)]));
    }

    private byte[] Bytes()
    {
        var bytes = new byte[_random.Next(10)];
        _random.NextBytes(bytes);
        return bytes;
    }
}
