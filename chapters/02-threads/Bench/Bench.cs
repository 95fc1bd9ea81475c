using System.Globalization;
using Course.Cli;

namespace Dots;

/// <summary>
/// Relay latency of the dots server with 2 to 200 players: one player moves about every 10 ms, every
/// other player times the move's arrival. Also lines lost or malformed, and the server's threads and
/// memory at each size. The first row is the floor (a bare byte forwarder) measured in the same run.
/// </summary>
public static class Bench
{
    public static void Run(int[] counts, TimeSpan perCount, TextWriter output, Progress progress, string? chartPath, CancellationToken cancel)
    {
        output.WriteLine($"Each row: {perCount.TotalSeconds:0.##} s on loopback, one player moving about every 10 ms, "
                         + $"{Environment.ProcessorCount} CPU cores, server in its own process.");
        // Other programs compete for the same cores; say how busy the machine was, so the figures can be judged.
        if (File.Exists("/proc/loadavg"))
            output.WriteLine($"Load average when starting (runnable threads, 1/5/15 min): {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        // Every player of the bench connects from 127.0.0.1, so the per-address limit must admit them all.
        output.WriteLine("Server limits for N players: --max-clients N+10 --max-per-address N+10 --idle-timeout 0 "
                         + "(every player connects from 127.0.0.1).");
        output.WriteLine();
        output.WriteLine($"{"players",-30} {"p50 µs",9} {"p99 µs",9} {"max µs",9} {"lost",6} {"malformed",10} {"threads",8} {"RSS MiB",8} {"p99 vs floor",13}");

        double floorP99;
        var measured = new List<(int Players, double P50, double P99)>();
        using (var floor = new FloorForwarder())
        using (var probe = new RelayProbe(floor.EndPoint, 2, expectGreeting: false))
        {
            progress.Step($"the floor: measuring ({Progress.Seconds(perCount)})");
            var (us, lost, malformed) = probe.Measure(moverId: 0, perCount, cancel);
            progress.Done();
            floorP99 = Percentile(us, 0.99);
            Row(output, "floor (bare forwarder, 1 reader)", us, lost, malformed, null, "(floor)");
        }

        foreach (int n in counts)
        {
            if (cancel.IsCancellationRequested) break;
            progress.Step($"{n} players: starting the server and connecting them");
            string seats = (n + 10).ToString(CultureInfo.InvariantCulture);
            using var server = new ServerProcess("server", "--port", "0", "--max-clients", seats, "--max-per-address", seats, "--idle-timeout", "0");
            using var probe = new RelayProbe(server.EndPoint, n, expectGreeting: true);
            probe.WaitUntilEveryoneJoined(TimeSpan.FromSeconds(60));
            progress.Step($"{n} players: measuring ({Progress.Seconds(perCount)})");
            var (us, lost, malformed) = probe.Measure(moverId: 1, perCount, cancel);
            var usage = server.Usage();
            progress.Done();
            Row(output, $"{n} players", us, lost, malformed, usage, $"{Percentile(us, 0.99) / floorP99:0.0}x");
            measured.Add((n, Percentile(us, 0.5), Percentile(us, 0.99)));
        }

        if (chartPath is not null && measured.Count > 0)
        {
            BenchChart.Lines(chartPath, "Relay latency: one player moves, everyone else sees it (log scale)", "players",
                [.. measured.Select(m => m.Players.ToString("N0", CultureInfo.InvariantCulture))], "latency (µs)",
                [new Series("p50", [.. measured.Select(m => m.P50)]),
                 new Series("p99", [.. measured.Select(m => m.P99)]),
                 new Series("p99 of the floor (a bare forwarder, 1 reader)", [.. measured.Select(_ => floorP99)])],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private static void Row(TextWriter output, string name, List<double> us, long lost, long malformed, (int Threads, double ResidentMiB)? usage, string ratio)
    {
        string threads = usage is { } u ? u.Threads.ToString(CultureInfo.InvariantCulture) : "-";
        string rss = usage is { } v ? v.ResidentMiB.ToString("0", CultureInfo.InvariantCulture) : "-";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} {Percentile(us, 0.5),9:N0} {Percentile(us, 0.99),9:N0} {(us.Count > 0 ? us[^1] : double.NaN),9:N0} {lost,6} {malformed,10} {threads,8} {rss,8} {ratio,13}"));
    }

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        int rank = (int)Math.Ceiling(p * sorted.Count) - 1; // nearest rank
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
