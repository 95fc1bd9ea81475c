using Agar.Game;

namespace Agar.Net;

/// <summary>
/// Server side, one per player: inputs waiting for their tick. The world takes ONE input per player per
/// tick, so sending inputs faster than 30 a second cannot make anyone faster; and the queue holds at most
/// <see cref="Capacity"/> of them, so a client flooding inputs only overwrites its own backlog (the
/// oldest are dropped and counted). Late or repeated sequence numbers are ignored.
/// </summary>
public sealed class InputQueue
{
    public const int Capacity = 8;

    private readonly Queue<PlayerInput> _waiting = new();
    private uint _newest;

    public long Dropped { get; private set; }

    /// <summary>Returns false when the input was refused (old or repeated sequence number).</summary>
    public bool Offer(PlayerInput input)
    {
        if (input.Sequence <= _newest) return false;
        _newest = input.Sequence;
        _waiting.Enqueue(input);
        while (_waiting.Count > Capacity)
        {
            _waiting.Dequeue();
            Dropped++;
        }
        return true;
    }

    /// <summary>The input for this tick, if one is waiting; otherwise the player keeps its last direction.</summary>
    public bool TryTake(out PlayerInput input) => _waiting.TryDequeue(out input);
}
