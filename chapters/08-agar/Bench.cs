using System.Diagnostics;
using System.Globalization;
using Agar.Game;
using Agar.Net;
using Course.Cli;
using Netcode.Wire;

namespace Agar;

/// <summary>
/// What one server tick costs as players are added, and what each client receives. For each bot count:
/// a <see cref="GameRoom"/> with that many bots, and for every bot a <see cref="ViewFeed"/> standing for
/// its client, acknowledging views 4 ticks (about 130 ms) late as a real client would. The timed tick is
/// the server's real work: inputs, world step, and every client's view built and encoded (sockets
/// excluded, so the figure does not depend on who else uses the machine's network stack). The bots'
/// own thinking is timed apart: in a real game it happens on the players' machines.
/// Wall-clock tick times on a shared machine include time spent waiting for a core; "CPU per tick" (the
/// process's processor time during the timed part, garbage collection included) does not.
/// Bytes are the encoded view events. "No AOI" gives a sample of clients the whole world through the
/// same delta code; "seed" encodes what the seed program sent: every player and every pellet, whole,
/// to every client, every frame (msgpack here; the seed's pickle is bigger still).
/// </summary>
public static class Bench
{
    private const int AckDelayTicks = 4;
    private const int NoAoiSample = 10;

    public static void Run(IReadOnlyList<int> sizes, double seconds, TextWriter output, CancellationToken cancel, string? chartPath = null)
    {
        output.WriteLine($"bench: {seconds:0.#} s of game per row after a 1 s warm-up; {Environment.ProcessorCount} cores; tick budget 33.3 ms");
        output.WriteLine("| players | tick p50 | tick p99 | of which step p50 | CPU per tick | bots' thinking p50 | KB/s per client, AOI + deltas | no AOI, deltas | seed: all, every frame |");
        output.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var rows = new List<RowFigures>();
        foreach (int players in sizes)
        {
            if (cancel.IsCancellationRequested) break;
            RowFigures row = Row(players, seconds);
            rows.Add(row);
            output.WriteLine(row.Line);
        }
        output.WriteLine("bench: p99 under 10 ms and under 20 KB/s per client at 200 players is the chapter's target.");
        if (chartPath is not null && rows.Count > 0)
        {
            BenchChart.Lines(chartPath, "What each client receives", "players",
                [.. rows.Select(r => r.Players.ToString(CultureInfo.InvariantCulture))], "KB/s per client",
                [new Series("seed: everything, every frame", [.. rows.Select(r => r.SeedKBps)]),
                 new Series("whole world as deltas (no area of interest)", [.. rows.Select(r => r.WholeKBps)]),
                 new Series("ours: area of interest + deltas", [.. rows.Select(r => r.AoiKBps)])],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private sealed record RowFigures(int Players, double AoiKBps, double WholeKBps, double SeedKBps, string Line);

    private static RowFigures Row(int players, double seconds)
    {
        var room = new GameRoom(new WorldSettings { Seed = 8 }, bots: players);
        List<int> ids = [.. room.World.Players.Select(p => p.Id)];
        var feeds = ids.Select(id => new ViewFeed(id)).ToList();
        var whole = ids.Take(NoAoiSample).Select(id => new ViewFeed(id) { SeesEverything = true }).ToList();

        for (int i = 0; i < LocalGame.TickRate; i++)
        {
            room.DecideBots();
            Tick(room, feeds);
            Views(room.World, whole);
        }

        int ticks = (int)(seconds * LocalGame.TickRate);
        var tickMs = new List<double>(ticks);
        var thinkMs = new List<double>(ticks);
        var stepMs = new List<double>(ticks);
        TimeSpan tickCpu = TimeSpan.Zero;
        long aoiBytes = 0, wholeBytes = 0, seedBytes = 0;
        for (int i = 0; i < ticks; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            room.DecideBots();
            thinkMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long t1 = Stopwatch.GetTimestamp();
            room.Advance();
            stepMs.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            aoiBytes += Views(room.World, feeds);
            tickMs.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            tickCpu += Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            // Not the server's work: a few clients given the whole world, outside the timer.
            wholeBytes += Views(room.World, whole);
            if (i % 10 == 0) seedBytes += 10 * SeedFrameBytes(room.World); // the same every frame: sample one in ten
        }
        double gameSeconds = ticks / LocalGame.TickRate;
        tickMs.Sort();
        thinkMs.Sort();
        stepMs.Sort();
        double aoi = aoiBytes / gameSeconds / feeds.Count / 1024, all = wholeBytes / gameSeconds / whole.Count / 1024, seed = seedBytes / gameSeconds / 1024;
        return new RowFigures(players, aoi, all, seed, string.Create(CultureInfo.InvariantCulture,
            $"| {players} | {At(tickMs, 0.5):F2} ms | {At(tickMs, 0.99):F2} ms | {At(stepMs, 0.5):F2} ms | {tickCpu.TotalMilliseconds / ticks:F2} ms | {At(thinkMs, 0.5):F2} ms | {aoi:F1} | {all:F1} | {seed:F1} |"));
    }

    /// <summary>The server's tick (without the bots' thinking): inputs, step, every client's view encoded.</summary>
    private static long Tick(GameRoom room, List<ViewFeed> feeds)
    {
        room.Advance();
        return Views(room.World, feeds);
    }

    /// <summary>Every feed's view of this tick, encoded; each client acknowledges a view 4 ticks old.</summary>
    private static long Views(World world, List<ViewFeed> feeds)
    {
        long bytes = 0;
        foreach (ViewFeed feed in feeds)
        {
            bytes += feed.Next(world, 0).ToEvent().Encode().Length;
            feed.Acknowledge(world.Tick - AckDelayTicks);
        }
        return bytes;
    }

    /// <summary>One frame of the seed's design: every player (id, x, y, mass, name, colour) and pellet, whole.</summary>
    private static long SeedFrameBytes(World world)
    {
        var players = world.Players.Select(p => (object?)new List<object?> { p.Id, p.Position.X, p.Position.Y, p.Mass, p.Name, (long)p.Color.Value }).ToList();
        var pellets = world.Pellets.Select(p => (object?)new List<object?> { p.Id, p.Position.X, p.Position.Y, (long)p.Color.Value }).ToList();
        return Msgpack.Encode(new List<object?> { players, pellets }).Length;
    }

    private static double At(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
