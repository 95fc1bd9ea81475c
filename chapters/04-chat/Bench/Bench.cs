using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Course.Cli;

namespace Chat;

/// <summary>
/// The chat under load, each design measured in the same run on the same machine: N idle clients (idle
/// means they send nothing; they read everything), one sender at 100 lines a second, then the same with
/// one more client that never reads. The baseline is chapter 02's design, thread per client
/// (<see cref="ThreadedChatServer"/>), so every ratio compares like with like.
/// </summary>
/// <remarks>
/// 1. Start the server in a child process and note its resident memory.
/// 2. Connect N clients; each waits for its welcome. Memory again: the difference over N is the cost of
///    one idle client on the server.
/// 3. After a warm-up second, send lines stamped with the sender's clock ("t=ticks") for the given time; every client notes how
///    long each line took to reach it. Fan-out latency is over every (line, client) pair.
/// 4. Add a client that connects and never reads, and repeat step 3.
/// "Delivered" is the share of (line, client) pairs that arrived. Below 100% the server either stalled
/// (thread per client) or disconnected clients that fell too far behind (async: the bench's own
/// clients, when the machine cannot keep up with N × 100 lines a second).
/// </remarks>
public static class Bench
{
    private const int LinesPerSecond = 100;
    // Lines of 200 bytes, so a client that never reads fills its socket buffers within seconds.
    private const int Padding = 180;

    public static async Task RunAsync(int[] clientCounts, TimeSpan sending, TextWriter output, Progress progress, string? chartPath, CancellationToken cancel)
    {
        long fileLimit = FileLimit.Raise();
        output.WriteLine($"{LinesPerSecond} lines/s of {Padding + 20} bytes for {sending.TotalSeconds:0.#} s per case; open-file limit {fileLimit}; {Environment.ProcessorCount} cores.");
        output.WriteLine();
        output.WriteLine($"{"design",-8} {"clients",8} {"p50 ms",8} {"p99 ms",8} {"delivered",10} {"KB/client",10} {"p99 ms, 1 never reads",22} {"delivered, 1 never reads",25}");

        var measured = new List<(int Clients, Dictionary<string, Row> Rows)>();
        foreach (int n in clientCounts)
        {
            if (n + 200 > fileLimit)
            {
                output.WriteLine($"(skipping {n} clients: the open-file limit is {fileLimit}; raise it with ulimit -n)");
                continue;
            }
            var rows = new Dictionary<string, Row>();
            foreach (string design in new[] { "threads", "async" })
            {
                Row row = await MeasureAsync(design, n, sending, progress, cancel);
                progress.Done();
                rows[design] = row;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{design,-8} {n,8} {row.Calm.P50,8:0.00} {row.Calm.P99,8:0.00} {row.Calm.Delivered,9:0.0}% {row.KilobytesPerClient,10:0.0} {row.Slow.P99,22:0.00} {row.Slow.Delivered,24:0.0}%"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-8} {"",8} async p99 is {rows["async"].Calm.P99 / rows["threads"].Calm.P99:0.00}x threads; memory {rows["async"].KilobytesPerClient / rows["threads"].KilobytesPerClient:0.00}x; a reader that never reads moves async p99 by {Math.Round((rows["async"].Slow.P99 / rows["async"].Calm.P99 - 1) * 100):+0;-0;0}%"));
            measured.Add((n, rows));
        }

        if (chartPath is not null && measured.Count > 0)
        {
            string[] counts = [.. measured.Select(m => m.Clients.ToString("N0", CultureInfo.InvariantCulture))];
            Series Line(string name, Func<Row, double> value, string design) => new(name, [.. measured.Select(m => value(m.Rows[design]))]);
            BenchChart.Lines(chartPath, "Fan-out p99: thread per client against async (log scale)", "connected clients", counts, "p99 latency (ms)",
                // No line for threads with a client that never reads: it stalls and delivers about half the
                // lines, so a percentile over the lines that did arrive would flatter it (see the table).
                [Line("threads (chapter 02's design)", r => r.Calm.P99, "threads"),
                 Line("async (ours)", r => r.Calm.P99, "async"),
                 Line("async, one client never reads", r => r.Slow.P99, "async")],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private sealed record Row(Latencies Calm, Latencies Slow, double KilobytesPerClient);

    private static async Task<Row> MeasureAsync(string design, int n, TimeSpan sending, Progress progress, CancellationToken cancel)
    {
        progress.Step($"{design}, {n:N0} clients: starting the server, connecting the clients");
        using ServerProcess server = await ServerProcess.StartAsync(
            "server", "--port", "0", "--design", design, "--quiet", "--rate", "100000", "--burst", "100000",
            "--max-clients", "100000", "--outbox", "64", "--send-buffer", "16384");
        await Task.Delay(300, cancel);
        long before = server.ResidentBytes() ?? 0;

        var listeners = new List<BenchClient>(n);
        for (int i = 0; i < n; i += 100)
            listeners.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, n - i)).Select(_ => BenchClient.ConnectAsync(server.EndPoint, cancel))));
        await using var sender = await BenchClient.ConnectAsync(server.EndPoint, cancel);
        await Task.Delay(500, cancel);
        long after = server.ResidentBytes() ?? 0;

        // A first second that is not counted: the JIT, the thread pool and TCP warm up, so the calm case
        // and the slow-reader case start from the same state.
        progress.Step($"{design}, {n:N0} clients: sending ({Progress.Seconds(sending + TimeSpan.FromSeconds(1))}, the first second not counted)");
        await SendAndMeasureAsync(sender, listeners, TimeSpan.FromSeconds(1), cancel);
        Latencies calm = await SendAndMeasureAsync(sender, listeners, sending, cancel);

        // The slow reader: tiny receive buffer, and it never calls Receive.
        await using var sleeper = await BenchClient.ConnectAsync(server.EndPoint, cancel, neverRead: true);
        progress.Step($"{design}, {n:N0} clients and one that never reads: sending ({Progress.Seconds(sending)})");
        Latencies slow = await SendAndMeasureAsync(sender, listeners, sending, cancel);

        foreach (BenchClient c in listeners) await c.DisposeAsync();
        return new Row(calm, slow, (after - before) / 1024.0 / n);
    }

    private static async Task<Latencies> SendAndMeasureAsync(BenchClient sender, List<BenchClient> listeners, TimeSpan sending, CancellationToken cancel)
    {
        foreach (BenchClient c in listeners) c.StartRound();
        string pad = new('x', Padding);
        int sent = 0;
        using (var tick = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / LinesPerSecond)))
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < sending && await tick.WaitForNextTickAsync(cancel))
            {
                // The sender's own send can block behind a stalled server (thread per client): bound it.
                if (!await sender.TrySendAsync($"t={Stopwatch.GetTimestamp()} {pad}", TimeSpan.FromSeconds(1))) break;
                sent++;
            }
        }
        // Let the last lines arrive (or not: a stalled server never delivers them).
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(3) && listeners.Any(c => c.ReceivedThisRound < sent)) await Task.Delay(50, cancel);
        return Latencies.From(listeners, sent);
    }

    private sealed record Latencies(double P50, double P99, double Delivered)
    {
        public static Latencies From(List<BenchClient> clients, int sent)
        {
            long[] all = [.. clients.SelectMany(c => c.RoundSamples())];
            Array.Sort(all);
            double delivered = sent == 0 ? 0 : 100.0 * all.Length / ((double)sent * clients.Count);
            return new Latencies(Percentile(all, 0.50), Percentile(all, 0.99), delivered);
        }

        private static double Percentile(long[] sorted, double p) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>Raises the soft limit on open files to the hard limit (Linux), so thousands of sockets fit.</summary>
internal static class FileLimit
{
    private const int RlimitNoFile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Current; public ulong Max; }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    public static long Raise()
    {
        if (!OperatingSystem.IsLinux()) return 10_000; // a guess; macOS and Windows have their own rules
        if (GetRLimit(RlimitNoFile, out RLimit limit) != 0) return 1024;
        if (limit.Current < limit.Max)
        {
            var raised = new RLimit { Current = limit.Max, Max = limit.Max };
            if (SetRLimit(RlimitNoFile, ref raised) == 0) limit = raised;
        }
        return (long)Math.Min(limit.Current, long.MaxValue);
    }
}
