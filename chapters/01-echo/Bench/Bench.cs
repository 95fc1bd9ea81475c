using System.Globalization;
using Course.Bench;
using Course.Cli;

namespace Echo;

/// <summary>
/// Round trips per second and latency of the echo server as it ships, each figure next to the loopback
/// floor measured in the same run, so the ratio means something on any machine. The last row rebuilds the
/// seed's design (16-byte receives, Nagle on) with the server's own options, to show what it cost.
/// </summary>
/// <remarks>
/// 1. Three programs, each in a process of its own: the floor (a ping-pong with nothing else, in C where a
///    compiler is found), <c>echo server</c> as it ships (a log line per message, read by this process as
///    a terminal would read it), and <c>echo server --quiet</c>. This process is the one client.
/// 2. By default all of them, and this process, are pinned to one core: on a virtual machine a round trip
///    between two cores sometimes waits hundreds of microseconds for a sleeping core, sometimes not, and
///    the figures jump between the two; on one core they take turns and repeat from run to run.
/// 3. Each is warmed up until its median settles (<see cref="WarmUp"/>), then the three are measured in
///    alternating slices (ten of each), pooled per program: all three see the same weather.
/// 4. One message in flight: send, read the whole echo, send the next. The client waits for each answer,
///    so there is no schedule to fall behind (nothing to correct for coordinated omission).
/// </remarks>
public static class Bench
{
    private const int Slices = 10;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WarmUpAtMost = TimeSpan.FromSeconds(15);

    public sealed record Options(TimeSpan PerCase, TimeSpan WarmUpAtLeast, bool OneCore, string Floor, string? ChartPath);

    public static async Task RunAsync(Options options, TextWriter output, Progress progress, CancellationToken cancel)
    {
        string? core = null;
        if (options.OneCore && Pinning.Available)
        {
            string first = Pinning.FirstAllowedCore().ToString(CultureInfo.InvariantCulture);
            if (Pinning.PinThisProcess(first)) core = first;
        }
        output.WriteLine($"bench: {Conditions.Command("chapters/01-echo")}");
        output.WriteLine($"bench: {Conditions.Now()} at the start; {(core is null ? "not pinned (every process on any core)" : $"the client, the floor and the servers all pinned to core {core}")}.");

        progress.Step("starting the floor and the servers");
        await using Floor floor = await Floor.StartAsync(options.Floor, FloorKind.PingPong, [], core);
        await using ChildProgram shipped = ChildProgram.Start(["server", "--port", "0"], core);
        await using ChildProgram quiet = ChildProgram.Start(["server", "--port", "0", "--quiet"], core);
        output.WriteLine($"bench: one client, one message in flight, {options.PerCase.TotalSeconds:0.##} s per case in {Slices} slices alternating with the others; " +
                         $"the floor is a ping-pong with nothing else ({floor.Description}); `server` logs a line per message, `server --quiet` does not.");
        output.WriteLine();
        output.WriteLine("| case | round trips/s | p50 µs | p99 µs | p99.9 µs | max µs | samples | p50 vs floor | p99 vs floor |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");

        var notes = new List<string>();
        var rows = new List<Target.Measured>();
        using (var floorClient = Target.Connect("loopback floor", floor.EndPoint.Port))
        using (var shippedClient = Target.Connect("echo server", await PortOf(shipped)))
        using (var quietClient = Target.Connect("echo server --quiet", await PortOf(quiet)))
        {
            Target[] targets = [floorClient, shippedClient, quietClient];
            foreach (int size in new[] { 32, 4096 })
            {
                byte[] message = new byte[size];
                Random.Shared.NextBytes(message);
                foreach (Target t in targets)
                {
                    progress.Step($"{Size(size)}: warming up {t.Name} (at least {Progress.Seconds(options.WarmUpAtLeast)})");
                    t.Reset(message);
                    WarmUpReport warm = WarmUp.UntilSteady(() => t.MedianOfWindow(Window, cancel), options.WarmUpAtLeast, WarmUpAtMost, absolute: 0.002, cancel: cancel);
                    notes.Add($"warm-up: {t.Name}, {Size(size)}: {warm.Describe("µs", 1000)}");
                }
                progress.Step($"{Size(size)}: the floor and both servers in {Slices} alternating slices ({Progress.Seconds(3 * options.PerCase)})");
                for (int i = 0; i < Slices && !cancel.IsCancellationRequested; i++)
                    foreach (Target t in targets) t.Measure(options.PerCase / Slices, cancel);
                progress.Done();
                Target.Measured floorRow = floorClient.Finished(Size(size));
                foreach (Target t in targets)
                {
                    Target.Measured row = t == floorClient ? floorRow : t.Finished(Size(size));
                    rows.Add(row);
                    output.WriteLine(Row(row, floorRow));
                }
            }
        }
        await shipped.InterruptAsync(TimeSpan.FromSeconds(10));

        // The seed: each 16-byte chunk is echoed with its own send, and Nagle's algorithm holds the second
        // one until the first is acknowledged, which the client's delayed ACK postpones by about 40 ms.
        progress.Step($"the seed's design, 32 B ({Progress.Seconds(options.PerCase)})");
        await using (ChildProgram seedServer = ChildProgram.Start(["server", "--port", "0", "--quiet", "--chunk-size", "16", "--nagle"], core))
        using (var seed = Target.Connect("seed design (--chunk-size 16 --nagle)", await PortOf(seedServer)))
        {
            seed.Reset(new byte[32]);
            WarmUpReport warm = WarmUp.UntilSteady(() => seed.MedianOfWindow(TimeSpan.FromMilliseconds(300), cancel), TimeSpan.Zero, TimeSpan.FromSeconds(3), cancel: cancel);
            notes.Add($"warm-up: {seed.Name}, 32 B: {warm.Describe("µs", 1000)}");
            seed.Measure(options.PerCase, cancel);
            progress.Done();
            Target.Measured row = seed.Finished("32 B");
            rows.Add(row);
            output.WriteLine(Row(row, rows[0]));
        }

        output.WriteLine();
        foreach (string note in notes) output.WriteLine(note);
        output.WriteLine($"bench: {Conditions.Now()} at the end.");

        if (options.ChartPath is { } chartPath)
        {
            // rows: floor, shipped, quiet at 32 B; the same at 4 KiB; the seed at 32 B.
            double P50(int row) => rows[row].Latency.Percentile(50) * 1000;
            BenchChart.Bars(chartPath, "Median round trip on loopback (log scale)", "message size", ["32 B", "4 KiB"], "p50 round trip (µs)",
                [new Series("loopback floor", [P50(0), P50(3)]),
                 new Series("echo server (a log line per message)", [P50(1), P50(4)]),
                 new Series("echo server --quiet", [P50(2), P50(5)]),
                 new Series("seed design (16-byte chunks, Nagle on)", [P50(6), double.NaN])],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    /// <summary>One row of the table, in microseconds, with its ratios to the floor measured beside it.</summary>
    private static string Row(Target.Measured row, Target.Measured floor)
    {
        Latency l = row.Latency;
        string Us(double ms) => (ms * 1000).ToString("N1", CultureInfo.InvariantCulture);
        string ratios = ReferenceEquals(row, floor) ? "(floor) | (floor)"
            : string.Create(CultureInfo.InvariantCulture, $"{l.Percentile(50) / floor.Latency.Percentile(50):0.00}x | {l.Percentile(99) / floor.Latency.Percentile(99):0.00}x");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {row.Case} | {row.RoundTripsPerSecond:N0} | {Us(l.Percentile(50))} | {Us(l.Percentile(99))} | {(l.Count >= 1000 ? Us(l.Percentile(99.9)) : "-")} | {Us(l.Max)} | {l.Count:N0} | {ratios} |");
    }

    /// <summary>The port an echo server bound, once it also says it listens (between the two, a connection is refused).</summary>
    private static async Task<int> PortOf(ChildProgram server)
    {
        int port = await server.PortAfter("bound to", TimeSpan.FromSeconds(60));
        await server.WaitForLine(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return port;
    }

    private static string Size(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KiB" : $"{bytes} B";
}
