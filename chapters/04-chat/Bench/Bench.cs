using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Course.Bench;
using Course.Cli;

namespace Chat;

/// <summary>
/// The chat as it ships, under load, beside chapter 02's design and the floor, each measured in the same
/// run on the same machine: N clients, 25 of them talking (100 lines a second in all), every line timed
/// at every other client; then the same with one more client that never reads.
/// </summary>
/// <remarks>
/// 1. Three programs, each in a process of its own, pinned to core 0 (this process, all the clients, on
///    core 1): <c>server --quiet</c> (ours: async and channels; --quiet because a room of thousands must
///    not announce every join to everyone), <c>server --design threads</c> (a thread per client, each line
///    sent to everyone with blocking sends under one lock: <see cref="ThreadedChatServer"/>), and the
///    floor: a relay with nothing else (every line from one client to all the others, in C where a
///    compiler is found).
/// 2. Each server's memory is read before and after its N clients connect: the difference over N is what
///    one idle client costs it.
/// 3. Latency counts from the moment each line was DUE on the talkers' schedule (<see cref="Pacer"/>),
///    not from when it left: a talker held up by a busy machine does not hide the delay.
/// 4. Each program is warmed up until its median settles, then the three are measured in alternating
///    slices (ten each).
/// 5. The slow reader: fresh servers with <c>--send-buffer 16384 --outbox 64</c>, so that a client that
///    never reads fills its buffers within a second or two instead of minutes; one such client joins, and
///    the talkers talk for the same time (not sliced: what happens to the others depends on how long the
///    sleeper has been there). Not for the floor: it has no slow-consumer rule at all.
/// </remarks>
public static class Bench
{
    private const int Slices = 10;
    private const int TargetClients = 1000;
    private const double TargetP99Ms = 20;
    /// <summary>The target where the machine's own floor is over <see cref="TargetP99Ms"/>: the async server's p99 within this many times the floor's.</summary>
    private const double TargetRatio = 1.5;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    public sealed record Options(int[] Clients, TimeSpan Sending, TimeSpan WarmUpAtLeast, string Floor, string? ChartPath);

    private sealed record Row(int Clients, string Server, Latency Latency, double Delivered, double? KilobytesPerClient);

    public static async Task RunAsync(Options options, TextWriter output, Progress progress, CancellationToken cancel)
    {
        long fileLimit = FileLimit.Raise();
        bool pinned = Pinning.Available && Pinning.PinThisProcess("1");
        string? serverCore = pinned ? "0" : null;
        output.WriteLine($"bench: {Conditions.Command("chapters/04-chat")}");
        output.WriteLine($"bench: {Conditions.Now()} at the start; open-file limit {fileLimit}; {(pinned ? "servers and floor on core 0, every client on core 1" : "not pinned")}.");
        output.WriteLine($"bench: {Crowd.MaxTalkers} of the clients talk, {Crowd.LinesPerSecondPerTalker:0} lines of 200 bytes a second each; every line is timed at every other client " +
                         $"from when it was due; {options.Sending.TotalSeconds:0.#} s per case in {Slices} slices alternating with the others.");

        var rows = new List<Row>();
        var notes = new List<string>();
        bool headerShown = false;
        foreach (int n in options.Clients)
        {
            if (cancel.IsCancellationRequested) break;
            if (3 * n + 200 > fileLimit)
            {
                output.WriteLine($"(skipping {n} clients: the open-file limit is {fileLimit}; raise it with ulimit -n)");
                continue;
            }
            progress.Step($"{n:N0} clients: starting the servers and the floor");
            await using Floor floor = await Floor.StartAsync(options.Floor, FloorKind.Relay, [], serverCore);
            await using ChildProgram threads = ChildProgram.Start(["server", "--port", "0", "--design", "threads"], serverCore);
            await using ChildProgram ours = ChildProgram.Start(["server", "--port", "0", "--quiet"], serverCore);
            if (!headerShown)
            {
                output.WriteLine($"bench: the floor is {floor.Description}.");
                output.WriteLine();
                output.WriteLine("| clients | server | p50 ms | p99 ms | p99.9 ms | max ms | samples | delivered | KB per client | p99 vs floor |");
                output.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
                headerShown = true;
            }

            var crowds = new List<(Crowd Crowd, double? KilobytesPerClient)>();
            try
            {
                foreach (var (name, program, welcome) in new (string, ChildProgram?, bool)[] { ("floor", null, false), ("threads", threads, true), ("async", ours, true) })
                {
                    progress.Step($"{n:N0} clients: connecting them to the {name} server");
                    IPEndPoint endPoint = program is null ? floor.EndPoint : new IPEndPoint(IPAddress.Loopback, await program.PortAfter("listening on", TimeSpan.FromSeconds(60)));
                    long before = (program ?? floor.Program).Usage()?.ResidentBytes ?? 0;
                    Crowd crowd = await Crowd.ConnectAsync(name, endPoint, n, welcome, cancel);
                    await Task.Delay(500, cancel);
                    long after = (program ?? floor.Program).Usage()?.ResidentBytes ?? 0;
                    crowds.Add((crowd, before > 0 && after > 0 ? (after - before) / 1024.0 / n : null));
                }

                foreach (var (crowd, _) in crowds)
                {
                    progress.Step($"{n:N0} clients: warming up the {crowd.Name} server (at least {Progress.Seconds(options.WarmUpAtLeast)})");
                    WarmUpReport warm = await WarmUp.UntilSteadyAsync(async c =>
                    {
                        var window = new Latency();
                        await crowd.TalkAsync(Window, window, c);
                        return window.Percentile(50);
                    }, options.WarmUpAtLeast, TimeSpan.FromSeconds(30), absolute: 0.05, cancel: cancel);
                    notes.Add($"warm-up: {n:N0} clients, {crowd.Name}: {warm.Describe("ms")}");
                }

                progress.Step($"{n:N0} clients: the floor and both servers in {Slices} alternating slices ({Progress.Seconds(3 * options.Sending)})");
                var latencies = crowds.Select(_ => new Latency()).ToArray();
                var delivered = new double[crowds.Count];
                for (int i = 0; i < Slices && !cancel.IsCancellationRequested; i++)
                    for (int c = 0; c < crowds.Count; c++)
                        delivered[c] += (await crowds[c].Crowd.TalkAsync(options.Sending / Slices, latencies[c], cancel)).Delivered / Slices;
                progress.Done();
                for (int c = 0; c < crowds.Count; c++)
                {
                    var row = new Row(n, crowds[c].Crowd.Name, latencies[c], delivered[c], crowds[c].KilobytesPerClient);
                    rows.Add(row);
                    output.WriteLine(Format(row, rows.First(r => r.Clients == n && r.Server == "floor")));
                }
            }
            finally
            {
                foreach (var (crowd, _) in crowds) await crowd.DisposeAsync();
            }

            // The slow reader, on fresh servers whose buffers are small enough to fill within the case.
            foreach (string design in new[] { "threads", "async" })
            {
                progress.Step($"{n:N0} clients and one that never reads, {design}: connecting, then {Progress.Seconds(options.Sending)} of talk");
                string[] small = ["--send-buffer", "16384", "--outbox", "64"];
                await using ChildProgram server = ChildProgram.Start(design == "threads"
                    ? ["server", "--port", "0", "--design", "threads", .. small]
                    : ["server", "--port", "0", "--quiet", .. small], serverCore);
                var endPoint = new IPEndPoint(IPAddress.Loopback, await server.PortAfter("listening on", TimeSpan.FromSeconds(60)));
                await using Crowd crowd = await Crowd.ConnectAsync(design, endPoint, n, welcome: true, cancel);
                await crowd.TalkAsync(Window, new Latency(), cancel); // warm, before the sleeper joins
                await crowd.AddSleeperAsync(endPoint, welcome: true, cancel);
                var latency = new Latency();
                var (_, share) = await crowd.TalkAsync(options.Sending, latency, cancel);
                progress.Done();
                var row = new Row(n, $"{design}, 1 never reads", latency, share, null);
                rows.Add(row);
                output.WriteLine(Format(row, rows.First(r => r.Clients == n && r.Server == "floor")));
            }
        }

        output.WriteLine();
        foreach (string note in notes) output.WriteLine(note);
        foreach (int n in options.Clients)
        {
            if (rows.FirstOrDefault(r => r.Clients == n && r.Server == "async") is not { } ours) continue;
            Row theirs = rows.First(r => r.Clients == n && r.Server == "threads");
            Row floor = rows.First(r => r.Clients == n && r.Server == "floor");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: {n:N0} clients: async p99 is {ours.Latency.Percentile(99) / theirs.Latency.Percentile(99):0.00}x threads' and {ours.Latency.Percentile(99) / floor.Latency.Percentile(99):0.00}x the floor's."));
        }
        if (rows.FirstOrDefault(r => r.Clients == TargetClients && r.Server == "async") is { } target)
        {
            double p99 = target.Latency.Percentile(99), floorP99 = rows.First(r => r.Clients == TargetClients && r.Server == "floor").Latency.Percentile(99);
            output.WriteLine(floorP99 < TargetP99Ms
                ? string.Create(CultureInfo.InvariantCulture, $"bench: target at {TargetClients:N0} clients: async p99 under {TargetP99Ms:0} ms: {p99:0.00} ms ({(p99 < TargetP99Ms ? "met" : "NOT met")}; the floor's is {floorP99:0.00} ms).")
                : string.Create(CultureInfo.InvariantCulture, $"bench: target at {TargetClients:N0} clients: the floor's p99 is {floorP99:0.00} ms, over {TargetP99Ms:0} ms on this machine, so the target is a ratio: async p99 within {TargetRatio:0.0}x the floor's: {p99 / floorP99:0.00}x ({(p99 <= TargetRatio * floorP99 ? "met" : "NOT met")})."));
        }
        output.WriteLine($"bench: {Conditions.Now()} at the end.");

        if (options.ChartPath is { } chartPath && rows.Count > 0)
        {
            int[] measured = [.. rows.Select(r => r.Clients).Distinct()];
            Series Line(string name, string server) => new(name, [.. measured.Select(n => rows.FirstOrDefault(r => r.Clients == n && r.Server == server)?.Latency.Percentile(99) ?? double.NaN)]);
            BenchChart.Lines(chartPath, "Fan-out p99: thread per client, async, and the floor (log scale)", "connected clients",
                [.. measured.Select(n => n.ToString("N0", CultureInfo.InvariantCulture))], "p99 latency (ms)",
                // No line for threads with a client that never reads: it stalls and delivers only part of the
                // lines, so a percentile over the lines that did arrive would flatter it (see the table).
                [Line("floor (a bare relay)", "floor"),
                 Line("threads (chapter 02's design)", "threads"),
                 Line("async (ours)", "async"),
                 Line("async, one client never reads", "async, 1 never reads")],
                logScale: true);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private static string Format(Row row, Row floor)
    {
        Latency l = row.Latency;
        string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("N2", CultureInfo.InvariantCulture);
        string ratio = ReferenceEquals(row, floor) ? "(floor)" : string.Create(CultureInfo.InvariantCulture, $"{l.Percentile(99) / floor.Latency.Percentile(99):0.00}x");
        string memory = row.KilobytesPerClient is { } kb ? kb.ToString("0.0", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {row.Clients} | {row.Server} | {Ms(l.Percentile(50))} | {Ms(l.Percentile(99))} | {(l.Count >= 1000 ? Ms(l.Percentile(99.9)) : "-")} | {Ms(l.Max)} | {l.Count:N0} | {row.Delivered:0.0}% | {memory} | {ratio} |");
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
