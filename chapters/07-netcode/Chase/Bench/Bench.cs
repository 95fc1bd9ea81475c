using System.Globalization;
using Course.Bench;
using Course.Cli;

namespace Chase.Bench;

/// <summary>
/// N clients, each sending 30 events a second to one server, measured on the programs as they ship: the
/// real <c>server</c> (its bench game) in a process of its own on core 0, the clients in another on core 1
/// (<see cref="BenchClients"/>). For each N, twice: <b>state</b> (PyGaSe's model: the answer goes into the
/// shared state everyone receives) and <b>views</b> (each client's own view through the per-client slot).
/// </summary>
/// <remarks>
/// Latency is from dispatching an event to seeing its effect in the client. The design's floor is what
/// the pipeline costs when nothing is slow: an event waits for the client's next package (up to 25 ms at 40
/// a second), for the next tick (up to 20 ms at 50 a second), then for the server's next package to that
/// client (up to 25 ms): 70 ms at worst. Updates per client per second can reach the server's send rate, 40.
/// </remarks>
public static class Bench
{
    public const double SendRate = 40, FloorMs = 25 + 20 + 25;

    public static async Task RunAsync(int[] counts, TimeSpan perCase, TextWriter output, CancellationToken cancel, string? chartPath = null)
    {
        output.WriteLine($"Each case: {perCase.TotalSeconds:0.#} s, every client sends {BenchClients.EventsPerSecond} events/s; server and clients in separate processes" +
                         $"{(Pinning.Available ? " (server on core 0, clients on core 1)" : "")}; {Conditions.Now()} at the start.");
        output.WriteLine($"The server runs with its default limits ({new Netcode.Peers.ServerLimits()}).");
        output.WriteLine($"Design floor (client send period + tick + server send period): {FloorMs:0} ms; the most updates a client can apply: {SendRate:0} a second.");
        output.WriteLine();
        output.WriteLine($"{"clients",8} {"mode",6} {"updates/client/s",17} {"p50 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",8} {"samples",9} {"KB/s/client",12} {"server CPU %",13}");
        var results = new List<(int N, string Mode, Result R)>();
        var progress = Progress.ToStandardError();
        foreach (int n in counts)
        {
            foreach (string mode in new[] { "state", "views" })
            {
                if (cancel.IsCancellationRequested) return;
                Result r;
                try { r = await Measure(n, mode, perCase, progress, cancel); }
                catch (InvalidOperationException e) { r = new Result(0, 0, 0, 0, 0, 0, 0, 0, $"failed: {e.Message.Split('\n')[0]}"); }
                progress.Done();
                results.Add((n, mode, r));
                output.WriteLine(r.Failed is { } why
                    ? $"{n,8} {mode,6} {why}"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{n,8} {mode,6} {r.Updates,17:0.0} {r.P50,8:0.0} {r.P99,8:0.0} {r.P999,9:0.0} {r.Max,8:0.0} {r.Samples,9:N0} {r.KilobytesPerSecond,12:0.0} {r.ServerCpu,13:0}"));
            }
        }
        output.WriteLine();
        output.WriteLine($"{Conditions.Now()} at the end.");
        output.WriteLine("PyGaSe on this kind of machine (measured apart, its own server and Python clients): 8 clients ~38 updates/s, p99 53-71 ms; 32 clients 25-28/s, p99 113-127 ms; 64 clients: crash.");
        if (chartPath is not null && results.Count > 0)
        {
            string[] labels = [.. counts.Take(results.Count / 2).Select(n => n.ToString(CultureInfo.InvariantCulture))];
            BenchChart.Lines(chartPath, "State updates each client applies per second", "clients", labels, "updates per client per second",
                [new Series($"the server's send rate ({SendRate:0} packages/s): the most a client can apply", [.. labels.Select(_ => SendRate)]),
                 new Series("each client its own view", [.. results.Where(r => r.Mode == "views").Select(r => r.R.Updates)]),
                 new Series("one shared state (PyGaSe's model)", [.. results.Where(r => r.Mode == "state").Select(r => r.R.Updates)])]);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private sealed record Result(double Updates, double P50, double P99, double P999, double Max, long Samples, double KilobytesPerSecond, double ServerCpu, string? Failed = null);

    private static async Task<Result> Measure(int n, string mode, TimeSpan duration, Progress progress, CancellationToken cancel)
    {
        await using var server = ChildProgram.Start(["server", "--port", "0", "--example", $"bench-{mode}"], cores: "0");
        string listening = await server.WaitForLine(l => l.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        string port = listening[(listening.LastIndexOf(':') + 1)..].Split(' ')[0];
        progress.Step($"{n} clients, {mode}: server on port {port}, clients connecting");
        await using var clients = ChildProgram.Start(["bench-clients", "--port", port, "--count", n.ToString(CultureInfo.InvariantCulture),
            "--mode", mode, "--seconds", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)], cores: "1");
        await clients.WaitForLine(l => l.Contains("connected", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        progress.Step($"{n} clients, {mode}: measuring {Progress.Seconds(duration)}");
        TimeSpan cpuBefore = server.ProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string result;
        try { result = await clients.WaitForLine(l => l.StartsWith("result", StringComparison.Ordinal), duration + TimeSpan.FromSeconds(60)); }
        catch (InvalidOperationException e) { return new Result(0, 0, 0, 0, 0, 0, 0, 0, $"failed: {e.Message.Split('\n')[0]}"); }
        double cpu = (server.ProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
        if (server.HasExited) return new Result(0, 0, 0, 0, 0, 0, 0, 0, "the server crashed");
        Dictionary<string, double> f = Fields(result);
        return new Result(f["updates"], f["p50"], f["p99"], f["p999"], f["max"], (long)f["samples"], f["kbps"], cpu);
    }

    /// <summary>"result updates 39.8 kbps 2.1 ..." as name → number.</summary>
    private static Dictionary<string, double> Fields(string line)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = new Dictionary<string, double>();
        for (int i = 1; i + 1 < parts.Length; i += 2)
            fields[parts[i]] = double.Parse(parts[i + 1], CultureInfo.InvariantCulture);
        return fields;
    }
}
