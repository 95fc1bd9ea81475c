using System.Text;
using Course.Cli;
using Snake.Loop;
using Snake.Rooms;

namespace Snake.Variants;

/// <summary>
/// Variant 1 of 3 (the article's example 3.1): one loop, started with the server, ticking whether anybody
/// is there or not. Simplest; wastes work when the server is empty. Compare with OnDemandHub.cs.
/// </summary>
public sealed class AlwaysRunningHub
{
    private readonly Lock _gate = new();
    private readonly List<Outbox> _players = [];

    public AlwaysRunningHub(TimeSpan period, TimeProvider time, Log log)
    {
        Loop = new TickLoop(period, time, TickAsync, e => log.Line($"loop failed: {e.Message}"), log);
        Loop.Start(); // at server start, once
    }

    public TickLoop Loop { get; }

    public void Join(Outbox player)
    {
        lock (_gate) _players.Add(player);
    }

    public Task LeaveAsync(Outbox player)
    {
        lock (_gate) _players.Remove(player);
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
