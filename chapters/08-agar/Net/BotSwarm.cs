using System.Net;
using Agar.Game;

namespace Agar.Net;

/// <summary>
/// Computer players over the network, any number in one process: each is a <see cref="NetworkGame"/>
/// (its own UDP socket, its own inputs) steered by a <see cref="BotBrain"/> that reads the same view a
/// human's window would draw. They join, play at 30 ticks a second, and leave.
/// </summary>
public sealed class BotSwarm : IAsyncDisposable
{
    private readonly List<(NetworkGame Game, BotBrain Brain)> _bots = [];

    private BotSwarm() { }

    public IReadOnlyList<NetworkGame> Games => _bots.Select(b => b.Game).ToList();

    public static async Task<BotSwarm> JoinAsync(IPEndPoint server, int count, ulong seed, int firstName = 0, Action<string>? log = null,
        CancellationToken cancel = default, TimeProvider? time = null)
    {
        var swarm = new BotSwarm();
        var seeds = new SeededRandom(seed);
        try
        {
            // Join a few at a time: hundreds of simultaneous first packages would only be refused by load.
            foreach (var chunk in Enumerable.Range(firstName, count).Chunk(25))
            {
                var joined = await Task.WhenAll(chunk.Select(i => NetworkGame.JoinAsync(server, new NetworkGameOptions
                {
                    Name = BotNames.For(i), Seed = (int)(seeds.NextUInt64() % int.MaxValue), Log = log, Time = time ?? TimeProvider.System,
                    // A bot decides from the server's latest word: smoothing is for human eyes, and in a process
                    // running a thousand bots it would cost more than the bots' thinking.
                    Prediction = false, Interpolation = false,
                }, cancel)));
                foreach (NetworkGame game in joined)
                    swarm._bots.Add((game, new BotBrain(game.YouId, seeds.NextUInt64())));
            }
            return swarm;
        }
        catch
        {
            await swarm.DisposeAsync();
            throw;
        }
    }

    /// <summary>One tick for every bot: look, decide, send.</summary>
    public void Step()
    {
        foreach (var (game, brain) in _bots)
        {
            game.Steer(brain.Decide(game.View()).Direction);
            game.Step();
        }
    }

    /// <summary>Plays at 30 ticks a second until <paramref name="duration"/> is over or cancelled.</summary>
    public async Task PlayAsync(TimeSpan? duration, CancellationToken cancel, Action<long>? everyTick = null)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_bots.Count > 0 ? _bots[0].Game.TickSeconds : new WorldSettings().TickSeconds));
        var started = System.Diagnostics.Stopwatch.StartNew();
        long tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                Step();
                everyTick?.Invoke(++tick);
                if (duration is { } limit && started.Elapsed >= limit) break;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_bots.Select(b => b.Game.DisposeAsync().AsTask()));
        _bots.Clear();
    }
}
