using System.Diagnostics;
using System.Globalization;
using System.Net;
using Course.Cli;
using Netcode;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Wire;

namespace Chase;

/// <summary>
/// The issue's load test, PyGaSe's figures next to ours: N clients, each sending 30 events a second to one
/// server; each event sets that client's entry in a shared map. We measure updates applied per client per
/// second, the time from sending an event to seeing its effect in the client's own copy of the state
/// (p50/p99), the process's CPU, and the server's bytes sent per client per second.
/// </summary>
/// <remarks>
/// Server and clients share this process (and its 2 cores), so CPU is the whole process's: the clients'
/// share is a large part of it. A run with real separate machines would show a lighter server.
/// </remarks>
public static class Bench
{
    private const double EventsPerSecond = 30;

    public static async Task RunAsync(int[] clientCounts, TimeSpan perCase, TextWriter output, CancellationToken cancel, string? chartPath = null)
    {
        output.WriteLine($"Each case: {perCase.TotalSeconds:0.#} s, every client sends {EventsPerSecond} events/s; {Environment.ProcessorCount} cores.");
        output.WriteLine();
        output.WriteLine($"{"clients",8} {"updates/client/s",17} {"p50 ms",8} {"p99 ms",8} {"CPU %",7} {"KB/s/client",12} {"sent/client/s",14} {"ticks/s",8} {"chunked",8}");
        var results = new List<Result>();
        foreach (int n in clientCounts)
        {
            var r = await Measure(n, perCase, cancel);
            results.Add(r);
            output.WriteLine($"{n,8} {r.UpdatesPerClient,17:0.0} {r.P50,8:0.0} {r.P99,8:0.0} {r.Cpu,7:0} {r.KilobytesPerClient,12:0.0} {r.PackagesPerClient,14:0.0} {r.TicksPerSecond,8:0.0} {r.Chunked,8}");
        }
        output.WriteLine();
        // The figures mean little without the machine's load: on shared cores other jobs take their share.
        if (File.Exists("/proc/loadavg"))
            output.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} on {Environment.ProcessorCount} cores.");
        output.WriteLine("PyGaSe on this kind of machine: 8 clients ~38 updates/s, p99 53-71 ms; 32 clients 25-28/s, p99 113-127 ms; 64 clients: crash.");
        if (chartPath is not null && results.Count > 0)
        {
            // Only figures from this run go on the chart; PyGaSe's were measured apart (the line above).
            string[] counts = [.. clientCounts.Take(results.Count).Select(n => n.ToString(CultureInfo.InvariantCulture))];
            BenchChart.Lines(chartPath, "State updates each client applies per second", "clients", counts, "updates per client per second",
                [new Series("the server's send rate (40 packages/s): the most a client can apply", [.. results.Select(_ => 40.0)]),
                 new Series("ours: updates applied", [.. results.Select(r => r.UpdatesPerClient)])]);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    // PackagesPerClient and TicksPerSecond tell where a shortfall comes from: a server that sends fewer than
    // 40 packages a second, or a game loop that ticks fewer than 50 times, so versions advance less often.
    private sealed record Result(double UpdatesPerClient, double P50, double P99, double Cpu, double KilobytesPerClient,
        double PackagesPerClient, double TicksPerSecond, int Chunked);

    private static async Task<Result> Measure(int n, TimeSpan duration, CancellationToken cancel)
    {
        int chunked = 0;
        await using var backend = new Backend(new GameState([new("last", new StateMap())]), (_, _) => null,
            new PeerOptions { Log = line => { if (line.Contains("packages")) Interlocked.Increment(ref chunked); if (line.Contains("waiting") && Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null) Console.Error.WriteLine(line); } });
        backend.RegisterEventHandler("PING", call => new Changes { ["last"] = new StateMap { [call.Event.Arg<long>(0)] = call.Event.Arg<long>(1) } });
        await backend.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));

        var clients = new List<Client>();
        var latencies = new List<double>();
        try
        {
            for (int i = 0; i < n; i++)
            {
                var client = new Client();
                clients.Add(client);
                await client.ConnectAsync(backend.Server.EndPoint, TimeSpan.FromSeconds(30), cancel);
            }
            await Task.Delay(500, cancel); // let everyone's first snapshot settle

            long[] updatesAtStart = clients.Select(c => c.UpdatesApplied).ToArray();
            long bytesAtStart = backend.Server.Stats.BytesSent;
            long packagesAtStart = backend.Server.Stats.PackagesSent;
            long ticksAtStart = backend.Machine.Ticks;
            TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            stop.CancelAfter(duration);
            await Task.WhenAll(clients.Select((c, i) => Drive(c, i, latencies, stop.Token)));
            double seconds = clock.Elapsed.TotalSeconds;
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds / seconds / Environment.ProcessorCount * 100;
            double updates = clients.Select((c, i) => c.UpdatesApplied - updatesAtStart[i]).Sum() / (double)n / seconds;
            double kb = (backend.Server.Stats.BytesSent - bytesAtStart) / 1024.0 / n / seconds;
            double packages = (backend.Server.Stats.PackagesSent - packagesAtStart) / (double)n / seconds;
            double ticks = (backend.Machine.Ticks - ticksAtStart) / seconds;
            double[] sorted;
            lock (latencies) sorted = [.. latencies.Order()];
            return new Result(updates, Percentile(sorted, 0.50), Percentile(sorted, 0.99), cpu, kb, packages, ticks, chunked);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One client: an event every 1/30 s, and a watcher that times each until the state shows it.</summary>
    private static async Task Drive(Client client, int index, List<double> latencies, CancellationToken stop)
    {
        var sentAt = new Dictionary<long, long>();
        client.OnUpdate = state =>
        {
            if (state["last"] is not StateMap last || !last.TryGetValue((long)index, out object? v)) return;
            long seen = Values.As<long>(v);
            long now = Stopwatch.GetTimestamp();
            lock (sentAt)
            {
                foreach (long k in sentAt.Keys.Where(k => k <= seen).ToList())
                {
                    lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(sentAt[k], now).TotalMilliseconds);
                    sentAt.Remove(k);
                }
            }
        };
        var period = TimeSpan.FromSeconds(1 / EventsPerSecond);
        await Task.Delay(Random.Shared.Next(0, 33), CancellationToken.None); // spread the clients over the period
        using var timer = new PeriodicTimer(period);
        for (long k = 1; !stop.IsCancellationRequested; k++)
        {
            lock (sentAt) sentAt[k] = Stopwatch.GetTimestamp();
            client.DispatchEvent(new NetEvent("PING", (long)index, k));
            try { await timer.WaitForNextTickAsync(stop); } catch (OperationCanceledException) { break; }
        }
        client.OnUpdate = null;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
