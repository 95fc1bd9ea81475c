using System.Globalization;
using Course.Bench;
using Course.Cli;

namespace Agar;

/// <summary>
/// The server as it ships, under a crowd. For each player count N: the real <c>agar server</c> in a process
/// of its own, pinned to core 0, writing its <c>--tick-log</c>; <c>agar bot --count N</c> in another process
/// on core 1; the bench only watches. Ticks are paced at 30 a second by the server's own loop, so a slow
/// tick shows as lateness and missed ticks against that schedule, not as a shorter "back to back" loop.
/// </summary>
/// <remarks>
/// 1. Warm-up: once every bot has joined, wait at least <c>--warmup</c> seconds, then until the median
///    tick of two successive 2-second windows agrees within 10 % (the JIT has finished recompiling the
///    hot paths and the world has grown to its size), at most a minute.
/// 2. Measure for <c>--seconds</c>: every tick in that window is a sample (30 a second: 40 s is 1,200),
///    percentiles are nearest-rank (<see cref="Latency"/>).
/// 3. Cost per player is the median tick divided by N: flat means the tick grows like N, not like N².
/// 4. KB/s per client is everything the server sent in the window (views, state, headers) per client.
/// </remarks>
public static class Bench
{
    public static async Task RunAsync(IReadOnlyList<int> crowds, double seconds, double warmup, TextWriter output, string? chartPath, CancellationToken cancel)
    {
        output.WriteLine($"bench: the shipped server and bots in separate processes{(Pinning.Available ? " (server on core 0, bots on core 1)" : " (not pinned: no taskset)")}; " +
                         $"{seconds:0} s measured per row after warm-up; {Conditions.Now()} at the start");
        output.WriteLine("| players | world | tick p50 | tick p99 | tick p99.9 | max | samples | missed | cost per player | KB/s per client | server CPU |");
        output.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var rows = new List<Row>();
        foreach (int n in crowds)
        {
            if (cancel.IsCancellationRequested) break;
            try
            {
                Row row = await MeasureAsync(n, seconds, warmup, output, cancel);
                Steps.Done();
                rows.Add(row);
                output.WriteLine(row.Line);
            }
            catch (InvalidOperationException e)
            {
                // A server or bot process that did not start, or died: say so in the table and go on.
                Steps.Done();
                output.WriteLine($"| {n} | failed: {e.Message.Split('\n')[0]} |");
            }
        }
        output.WriteLine($"bench: {Conditions.Now()} at the end. Budget: 33.3 ms a tick; targets: p99 under 10 ms at 500 players with no missed tick, " +
                         "under 33 ms at 1,000; at most 20 KB/s per client.");
        if (chartPath is not null && rows.Count > 0)
        {
            BenchChart.Lines(chartPath, "Server tick time against the crowd (30 ticks a second)", "players",
                [.. rows.Select(r => r.Players.ToString(CultureInfo.InvariantCulture))], "ms per tick",
                [new Series("budget: 33.3 ms", [.. rows.Select(_ => 1000 / 30.0)]),
                 new Series("tick p99", [.. rows.Select(r => r.P99)]),
                 new Series("tick p50", [.. rows.Select(r => r.P50)])]);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private sealed record Row(int Players, double P50, double P99, string Line);

    private static async Task<Row> MeasureAsync(int n, double seconds, double warmup, TextWriter output, CancellationToken cancel)
    {
        string tickLog = Path.Combine(Path.GetTempPath(), $"agar-bench-{Environment.ProcessId}-{n}.ticks");
        await using var server = ChildProgram.Start(["server", "--port", "0", "--tick-log", tickLog], cores: "0");
        string listening = await server.WaitForLine(l => l.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        string port = listening[(listening.LastIndexOf(':') + 1)..].Split(' ')[0];
        Progress(output, $"{n} players: server up on port {port}, bots joining");
        await using var bots = ChildProgram.Start(["bot", "--port", port, "--count", n.ToString(CultureInfo.InvariantCulture), "--seconds", "0"], cores: "1");
        await bots.WaitForLine(l => l.Contains("bots joined", StringComparison.Ordinal), TimeSpan.FromSeconds(120));

        Progress(output, $"{n} players: joined; warming up (at least {warmup:0} s)");
        await Task.Delay(TimeSpan.FromSeconds(warmup), cancel);
        for (int i = 0; i < 15; i++)
        {
            double first = MedianOfLast(tickLog, 60), second;
            await Task.Delay(2000, cancel);
            second = MedianOfLast(tickLog, 60);
            if (Math.Abs(second - first) <= 0.1 * Math.Max(first, 0.05)) break;
        }

        Progress(output, $"{n} players: measuring {seconds:0} s");
        long startTick = LastTick(tickLog);
        TimeSpan cpuBefore = server.ProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancel);
        double elapsed = clock.Elapsed.TotalSeconds;
        double cpu = (server.ProcessorTime - cpuBefore).TotalSeconds / elapsed;
        await Task.Delay(1100, cancel); // the log is flushed once a second: let the window's last ticks reach it
        long endTick = startTick + (long)Math.Round(elapsed * 30);
        await bots.InterruptAsync(TimeSpan.FromSeconds(30));
        await server.InterruptAsync(TimeSpan.FromSeconds(30));

        var ticks = TickLine.Read(tickLog).Where(t => t.Number > startTick && t.Number <= endTick).ToList();
        File.Delete(tickLog);
        var durations = new Latency();
        foreach (TickLine t in ticks) durations.Record(t.DurationMs);
        int missed = ticks.Count(t => t.LatenessMs >= 1000 / 30.0);
        double bytes = ticks.Count > 1 ? ticks[^1].BytesSent - ticks[0].BytesSent : 0;
        double span = ticks.Count > 1 ? (ticks[^1].Number - ticks[0].Number) / 30.0 : 1;
        int players = ticks.Count > 0 ? ticks[^1].Players : 0;
        double p50 = durations.Percentile(50);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"| {n} | {WorldSide(players)} | {p50:F2} ms | {durations.Percentile(99):F2} ms | {durations.Percentile(99.9):F2} ms | {durations.Max:F2} ms | {durations.Count:N0} | {missed} | " +
            $"{p50 * 1000 / Math.Max(1, players):F1} µs | {bytes / span / Math.Max(1, n) / 1024:F1} | {cpu * 100:F0} % |");
        return new Row(n, p50, durations.Percentile(99), line);
    }

    /// <summary>The side of the world the server grows to for this many players (the same rule it uses).</summary>
    private static string WorldSide(int players)
    {
        var grown = new Agar.Game.WorldSettings().GrownFor(players);
        return string.Create(CultureInfo.InvariantCulture, $"{grown.Width:0}");
    }

    private static readonly Progress Steps = Course.Cli.Progress.ToStandardError();

    private static void Progress(TextWriter output, string what) => Steps.Step(what);

    private static double MedianOfLast(string path, int count)
    {
        var last = TickLine.Read(path).TakeLast(count).Select(t => t.DurationMs).Order().ToList();
        return last.Count == 0 ? 0 : last[last.Count / 2];
    }

    private static long LastTick(string path) => TickLine.Read(path).LastOrDefault()?.Number ?? 0;

    /// <summary>One line of the server's --tick-log.</summary>
    private sealed record TickLine(long Number, double LatenessMs, double DurationMs, int Players, long BytesSent)
    {
        public static IEnumerable<TickLine> Read(string path)
        {
            List<string> lines;
            // The server is writing it: read what is there, sharing the file, and skip a line cut short.
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream))
                lines = [.. reader.ReadToEnd().Split('\n')];
            foreach (string line in lines)
            {
                string[] f = line.Split(' ');
                if (line.StartsWith('#') || f.Length != 5) continue;
                if (long.TryParse(f[0], CultureInfo.InvariantCulture, out long number) && double.TryParse(f[1], CultureInfo.InvariantCulture, out double lateness)
                    && double.TryParse(f[2], CultureInfo.InvariantCulture, out double duration) && int.TryParse(f[3], CultureInfo.InvariantCulture, out int players)
                    && long.TryParse(f[4], CultureInfo.InvariantCulture, out long bytes))
                    yield return new TickLine(number, lateness, duration, players, bytes);
            }
        }
    }
}
