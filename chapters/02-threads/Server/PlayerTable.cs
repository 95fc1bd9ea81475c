namespace Dots;

/// <summary>
/// Every player's position, shared by all client threads: each one moves its own player, the relay reads
/// them all for a newcomer. One lock guards the dictionary, held only for the dictionary operation
/// itself: no socket call, no formatting, no logging ever happens inside it.
/// </summary>
/// <remarks>
/// The seed changed its dictionary from several threads with no lock, and one thread iterated it while
/// another added to it ("dictionary changed size during iteration"). Here nobody can see the dictionary
/// at all: callers get copies.
/// </remarks>
public sealed class PlayerTable(Board board)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Position> _positions = [];

    public Board Board { get; } = board;

    public int Count
    {
        get { lock (_gate) return _positions.Count; }
    }

    /// <summary>Places a new player at its spawn point and returns where that is.</summary>
    public Position Add(int id)
    {
        Position at = Board.SpawnPoint(id); // computed outside the lock: it needs no shared state
        lock (_gate) _positions.Add(id, at);
        return at;
    }

    /// <summary>Moves a player by a requested step (the board clamps it) and returns where it ends up.</summary>
    public Position Move(int id, int dx, int dy)
    {
        // Read, compute and write under one lock: two threads moving the same player must not both
        // start from the same old position and lose a step.
        lock (_gate)
        {
            Position to = Board.Step(_positions[id], dx, dy);
            _positions[id] = to;
            return to;
        }
    }

    public bool Remove(int id)
    {
        lock (_gate) return _positions.Remove(id);
    }

    public Position? Find(int id)
    {
        lock (_gate) return _positions.TryGetValue(id, out Position at) ? at : null;
    }

    /// <summary>A copy of every position, in id order, safe to iterate while other threads change the table.</summary>
    public KeyValuePair<int, Position>[] Snapshot()
    {
        KeyValuePair<int, Position>[] copy;
        lock (_gate) copy = [.. _positions];
        Array.Sort(copy, (a, b) => a.Key.CompareTo(b.Key)); // sorting is work: do it after releasing the lock
        return copy;
    }
}
