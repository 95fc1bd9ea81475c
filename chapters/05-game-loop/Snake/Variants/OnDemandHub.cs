using System.Text;
using Course.Cli;
using Snake.Loop;
using Snake.Rooms;

namespace Snake.Variants;

/// <summary>
/// Variant 2 of 3 (the article's examples 3.2 and 3.3): the first player starts the loop, the last one
/// stops it. Deciding "am I first?" and starting happen under the same lock, so two first players
/// arriving together cannot both start one. Compare with AlwaysRunningHub.cs and PerRoomHub.cs.
/// </summary>
public sealed class OnDemandHub
{
    private readonly Lock _gate = new();
    private readonly List<Outbox> _players = [];

    public OnDemandHub(TimeSpan period, TimeProvider time, Log log)
    {
        Loop = new TickLoop(period, time, TickAsync, e => log.Line($"loop failed: {e.Message}"), log);
    }

    public TickLoop Loop { get; }

    public void Join(Outbox player)
    {
        lock (_gate)
        {
            _players.Add(player);
            if (_players.Count == 1) Loop.Start(); // the first player starts it
        }
    }

    public Task LeaveAsync(Outbox player)
    {
        lock (_gate)
        {
            _players.Remove(player);
            if (_players.Count == 0) return Loop.StopAsync(); // the last player stops it
        }
        return Task.CompletedTask;
    }

    private ValueTask TickAsync(long tick, CancellationToken cancel)
    {
        byte[] message = Encoding.UTF8.GetBytes($"tick {tick}");
        lock (_gate)
            foreach (Outbox player in _players) player.PostState(message);
        return ValueTask.CompletedTask;
    }
}
