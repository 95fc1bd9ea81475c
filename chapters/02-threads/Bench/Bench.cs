using System.Globalization;
using Course.Bench;
using Course.Cli;

namespace Dots;

/// <summary>
/// Relay latency of the dots server as it ships, with 2 to 200 players, next to a floor measured in the
/// same run: one player moves every 10 ms, every other player times the move's arrival.
/// </summary>
/// <remarks>
/// 1. For each number of players N: the dots server (<c>server --port 0</c>, with room for N players from
///    one address) and the floor (a relay with nothing else: every line from one connection to every
///    other, in C where a compiler is found), each in a process of its own, pinned to core 0; this
///    process, the N players of each, on core 1.
/// 2. Latency is counted from the moment each move was due on the mover's schedule (<see cref="Pacer"/>).
/// 3. Both are warmed up until their median settles, then measured in alternating slices of half a second.
///    Short slices matter here: a shared machine stalls now and then for a few milliseconds (a relay's
///    whole move is late, the floor's as often as ours), and a p99 is made of a few dozen such moves. In
///    slices of seconds, one noisy second lands on one side only and tips the ratio either way; in half
///    seconds, both sides share it.
/// 4. Also counted: lines lost or malformed, and the server's threads and memory (from /proc).
/// </remarks>
public static class Bench
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(500);
    private const int TargetPlayers = 50;
    private const double TargetRatio = 2;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    public sealed record Options(int[] Players, TimeSpan PerCount, TimeSpan WarmUpAtLeast, string Floor, string? ChartPath);

    public static async Task RunAsync(Options options, TextWriter output, Progress progress, CancellationToken cancel)
    {
        bool pinned = Pinning.Available && Pinning.PinThisProcess("1");
        string? serverCore = pinned ? "0" : null;
        output.WriteLine($"bench: {Conditions.Command("chapters/02-threads")}");
        output.WriteLine($"bench: {Conditions.Now()} at the start; {(pinned ? "the dots server and the floor on core 0, the bench's players on core 1" : "not pinned")}.");
        int slices = Math.Max(2, (int)Math.Round(options.PerCount / Slice));
        output.WriteLine($"bench: one player moves every 10 ms, the others time each move from when it was due; {options.PerCount.TotalSeconds:0.##} s per row, " +
                         $"in {slices} slices of {(options.PerCount / slices).TotalSeconds:0.##} s alternating with the floor. Server: server --port 0 --max-clients N+10 --max-per-address N+10 (every player connects from 127.0.0.1).");

        var notes = new List<string>();
        var measured = new List<(int Players, double P50, double P99, double FloorP99)>();
        bool headerShown = false;
        foreach (int n in options.Players)
        {
            if (cancel.IsCancellationRequested) break;
            progress.Step($"{n} players: starting the server and the floor, connecting {2 * n} players");
            string seats = (n + 10).ToString(CultureInfo.InvariantCulture);
            await using ChildProgram server = ChildProgram.Start(["server", "--port", "0", "--max-clients", seats, "--max-per-address", seats], serverCore);
            await using Floor floor = await Floor.StartAsync(options.Floor, FloorKind.Relay, [], serverCore);
            if (!headerShown)
            {
                output.WriteLine($"bench: the floor is {floor.Description}.");
                output.WriteLine();
                output.WriteLine("| players | relay | p50 µs | p99 µs | p99.9 µs | max µs | samples | lost | malformed | threads | RSS MiB | p99 vs floor |");
                output.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
                headerShown = true;
            }
            int port = await server.PortAfter("listening on", TimeSpan.FromSeconds(60));
            using var dots = new RelayProbe("dots server", new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), n, dots: true);
            using var bare = new RelayProbe("floor", floor.EndPoint, n, dots: false);
            dots.WaitUntilEveryoneJoined(TimeSpan.FromSeconds(60));
            bare.WaitUntilEveryoneJoined(TimeSpan.FromSeconds(60));

            foreach (RelayProbe probe in new[] { bare, dots })
            {
                progress.Step($"{n} players: warming up the {probe.Name} (at least {Progress.Seconds(options.WarmUpAtLeast)})");
                WarmUpReport warm = WarmUp.UntilSteady(() =>
                {
                    var window = new Latency();
                    probe.Measure(Window, window, cancel);
                    return window.Percentile(50);
                }, options.WarmUpAtLeast, TimeSpan.FromSeconds(20), absolute: 0.01, cancel: cancel);
                notes.Add($"warm-up: {n} players, {probe.Name}: {warm.Describe("µs", 1000)}");
            }

            progress.Step($"{n} players: the floor and the dots server in {slices} alternating slices ({Progress.Seconds(2 * options.PerCount)})");
            var floorLatency = new Latency();
            var dotsLatency = new Latency();
            long floorLost = 0, floorMalformed = 0, dotsLost = 0, dotsMalformed = 0;
            for (int i = 0; i < slices && !cancel.IsCancellationRequested; i++)
            {
                var (fl, fm) = bare.Measure(options.PerCount / slices, floorLatency, cancel);
                var (dl, dm) = dots.Measure(options.PerCount / slices, dotsLatency, cancel);
                (floorLost, floorMalformed, dotsLost, dotsMalformed) = (floorLost + fl, floorMalformed + fm, dotsLost + dl, dotsMalformed + dm);
            }
            var usage = server.Usage();
            progress.Done();
            output.WriteLine(Row(n, "floor", floorLatency, floorLost, floorMalformed, null, null));
            output.WriteLine(Row(n, "dots server", dotsLatency, dotsLost, dotsMalformed, usage, floorLatency));
            measured.Add((n, dotsLatency.Percentile(50) * 1000, dotsLatency.Percentile(99) * 1000, floorLatency.Percentile(99) * 1000));
        }

        output.WriteLine();
        foreach (string note in notes) output.WriteLine(note);
        if (measured.FirstOrDefault(m => m.Players == TargetPlayers) is { Players: > 0 } target)
        {
            double ratio = target.P99 / target.FloorP99;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: target at {TargetPlayers} players: relay p99 within {TargetRatio:0}x the floor's in the same run: {ratio:0.00}x ({(ratio <= TargetRatio ? "met" : "NOT met")})."));
        }
        output.WriteLine($"bench: {Conditions.Now()} at the end.");

        if (options.ChartPath is { } chartPath && measured.Count > 0)
        {
            BenchChart.Lines(chartPath, "Relay latency: one player moves, everyone else sees it (log scale)", "players",
                [.. measured.Select(m => m.Players.ToString("N0", CultureInfo.InvariantCulture))], "latency (µs)",
                [new Series("dots server p50", [.. measured.Select(m => m.P50)]),
                 new Series("dots server p99", [.. measured.Select(m => m.P99)]),
                 new Series("floor p99 (a bare relay, same players)", [.. measured.Select(m => m.FloorP99)])],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private static string Row(int players, string relay, Latency l, long lost, long malformed, (long ResidentBytes, int Threads)? usage, Latency? floor)
    {
        string Us(double ms) => (ms * 1000).ToString("N0", CultureInfo.InvariantCulture);
        string threads = usage is { } u ? u.Threads.ToString(CultureInfo.InvariantCulture) : "-";
        string rss = usage is { } v ? (v.ResidentBytes / 1024.0 / 1024).ToString("0", CultureInfo.InvariantCulture) : "-";
        string ratio = floor is null ? "(floor)" : string.Create(CultureInfo.InvariantCulture, $"{l.Percentile(99) / floor.Percentile(99):0.00}x");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {players} | {relay} | {Us(l.Percentile(50))} | {Us(l.Percentile(99))} | {(l.Count >= 1000 ? Us(l.Percentile(99.9)) : "-")} | {Us(l.Max)} | {l.Count:N0} | {lost} | {malformed} | {threads} | {rss} | {ratio} |");
    }
}
