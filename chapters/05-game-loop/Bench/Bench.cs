using System.Diagnostics;
using System.Globalization;
using System.Net;
using Course.Cli;
using Snake.Bots;
using Snake.Loop;

namespace GameLoop;

/// <summary>
/// How steady is the tick, as the players see it? For each number of bots, the server runs in its own
/// process (so its CPU and memory are its own) twice: with the PeriodicTimer loop and with the seed's
/// sleep-after-tick loop, one after the other in the same run, so both face the same machine.
/// Each bot notes when every state arrives; lateness is (gap between two states) - (nominal period).
/// Bots here only time arrivals and never steer: parsing 1,000 states per tick in this process would
/// steal the CPU the server is being measured on.
/// </summary>
internal static class Bench
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(int[] counts, double tickRate, int roomSize, TimeSpan perCase, TextWriter output, Progress progress, string? chartPath, CancellationToken cancel)
    {
        double periodMs = 1000 / tickRate;
        output.WriteLine($"Each case: {perCase.TotalSeconds:0.#} s after {WarmUp.TotalSeconds:0} s warm-up, {tickRate:0.#} ticks/s "
                         + $"({periodMs:0.#} ms nominal), {roomSize} bots per room, {Environment.ProcessorCount} CPU cores.");
        // The machine's load average: on a shared machine it says how much to trust the figures below.
        if (File.Exists("/proc/loadavg"))
            output.WriteLine($"Load average before the run (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}.");
        output.WriteLine();
        output.WriteLine($"{"bots",5} {"loop",-15} {"p50 late ms",12} {"p99 late ms",12} {"mean period ms",15} {"vs nominal",11} {"server CPU",11} {"server MiB",11} {"bytes/tick",11}");
        var p99 = new Dictionary<TickPacing, List<double>> { [TickPacing.SleepAfterTick] = [], [TickPacing.Timer] = [] };
        foreach (int count in counts)
        {
            foreach (TickPacing pacing in new[] { TickPacing.SleepAfterTick, TickPacing.Timer })
            {
                string loop = pacing == TickPacing.Timer ? "timer" : "sleep-after";
                progress.Step($"{count:N0} bots, {loop}: starting the server and the bots, then {Progress.Seconds(WarmUp)} warm-up and {Progress.Seconds(perCase)} measured");
                Result r = await MeasureAsync(count, pacing, tickRate, roomSize, perCase, cancel);
                progress.Done();
                p99[pacing].Add(r.P99);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{count,5} {(pacing == TickPacing.Timer ? "timer" : "sleep-after"),-15} {r.P50,12:0.00} {r.P99,12:0.00} {r.MeanPeriod,15:0.00} {(r.MeanPeriod / periodMs - 1) * 100,10:+0.00;-0.00}% {r.CpuPercent,10:0}% {r.MemoryMiB,11:0} {r.BytesPerTick,11:N0}"));
            }
        }
        if (chartPath is not null)
        {
            BenchChart.Lines(chartPath, $"Tick lateness seen by the bots ({tickRate:0.#} ticks/s)", "bots",
                [.. counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture))], "p99 lateness (ms)",
                [new Series("seed: sleep a period after each tick", p99[TickPacing.SleepAfterTick]),
                 new Series("ours: PeriodicTimer", p99[TickPacing.Timer])]);
            output.WriteLine($"Chart figures written to {chartPath}.");
        }
    }

    private sealed record Result(double P50, double P99, double MeanPeriod, double CpuPercent, double MemoryMiB, double BytesPerTick);

    private static async Task<Result> MeasureAsync(int count, TickPacing pacing, double tickRate, int roomSize, TimeSpan duration, CancellationToken cancel)
    {
        using Process server = StartServer(pacing, tickRate);
        try
        {
            IPEndPoint endPoint = await ReadEndPointAsync(server, cancel);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var recorders = new List<Recorder>();
            var bots = new List<Task>();
            for (int i = 0; i < count; i++)
            {
                var recorder = new Recorder();
                recorders.Add(recorder);
                var bot = new SnakeBot(endPoint, $"room{i / roomSize}", $"b{i}") { Steer = false, OnState = recorder.Add };
                bots.Add(bot.RunAsync(stop.Token));
                if (i % 50 == 49) await Task.Delay(20, cancel); // do not stampede the accept queue
            }

            await Task.Delay(WarmUp, cancel);
            server.Refresh();
            TimeSpan cpuBefore = server.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            foreach (Recorder r in recorders) r.Measuring = true;
            await Task.Delay(duration, cancel);
            foreach (Recorder r in recorders) r.Measuring = false;
            double wallSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            server.Refresh();
            double cpu = (server.TotalProcessorTime - cpuBefore).TotalSeconds / wallSeconds * 100;
            double memory = server.WorkingSet64 / 1024.0 / 1024;

            await stop.CancelAsync();
            await Task.WhenAll(bots).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

            double periodMs = 1000 / tickRate;
            var gaps = recorders.SelectMany(r => r.Gaps).Order().ToArray();
            if (gaps.Length == 0) throw new UserError("the bots received no states: is the machine overloaded?");
            double bytesPerTick = recorders.Sum(r => r.Bytes) / Math.Max(1, recorders.Sum(r => r.Gaps.Count)) * count;
            return new Result(Percentile(gaps, 0.50) - periodMs, Percentile(gaps, 0.99) - periodMs, gaps.Average(), cpu, memory, bytesPerTick);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>This same program, as <c>server --port 0 --quiet</c>, in a process of its own.</summary>
    private static Process StartServer(TickPacing pacing, double tickRate)
    {
        string self = Environment.ProcessPath!;
        string dll = Path.Combine(AppContext.BaseDirectory, "game-loop.dll");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Run through `dotnet game-loop.dll` or through the game-loop launcher, whichever started us.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(dll);
        foreach (string a in new[] { "server", "--port", "0", "--quiet", "--tick-rate", tickRate.ToString(CultureInfo.InvariantCulture), "--pacing", pacing.ToString() })
            start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new UserError("could not start the server process");
    }

    private static async Task<IPEndPoint> ReadEndPointAsync(Process server, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (await server.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            // "server: listening on http://127.0.0.1:43121/ (web socket at /connect)"
            int at = line.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep the pipe drained
                var uri = new Uri(line[at..].Split(' ')[0]);
                return new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
            }
        }
        throw new UserError($"the server process exited: {await server.StandardError.ReadToEndAsync(cancel)}");
    }

    /// <summary>One bot's arrival times, while measuring.</summary>
    private sealed class Recorder
    {
        private long _previous;
        public volatile bool Measuring;
        public List<double> Gaps { get; } = [];
        public long Bytes { get; private set; }

        public void Add(Snake.Wire.StateView _, long arrived, int length)
        {
            if (Measuring && _previous != 0)
            {
                Gaps.Add(Stopwatch.GetElapsedTime(_previous, arrived).TotalMilliseconds);
                Bytes += length;
            }
            _previous = arrived;
        }
    }
}
