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
        // Joining hundreds takes seconds; a bot that has joined plays at once, or the server would time it
        // out as a silent player (no input for 5 s) before the last one is in.
        using var joining = new CancellationTokenSource();
        Task playing = swarm.PlayWhileJoiningAsync(time ?? TimeProvider.System, joining.Token);
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
                lock (swarm._bots)
                    foreach (NetworkGame game in joined)
                        swarm._bots.Add((game, new BotBrain(game.YouId, seeds.NextUInt64())));
            }
            await joining.CancelAsync();
            await playing;
            return swarm;
        }
        catch
        {
            await joining.CancelAsync();
            await playing;
            await swarm.DisposeAsync();
            throw;
        }
    }

    private async Task PlayWhileJoiningAsync(TimeProvider time, CancellationToken joined)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(new WorldSettings().TickSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(joined))
                Step();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Bots look and decide ten times a second (a third of them each tick, in turn), faster than a human's
    /// reactions; every bot still sends its input every tick, as a player's client does.
    /// </summary>
    public const int DecideEveryTicks = 3;

    private long _steps;

    /// <summary>One tick for every bot: a third of them look and decide, all of them send.</summary>
    public void Step()
    {
        (NetworkGame Game, BotBrain Brain)[] bots;
        lock (_bots) bots = [.. _bots];
        long step = _steps++;
        for (int i = 0; i < bots.Length; i++)
        {
            var (game, brain) = bots[i];
            if ((step + i) % DecideEveryTicks == 0) game.Steer(brain.Decide(game.View()).Direction);
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
