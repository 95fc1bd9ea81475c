using System.Diagnostics;
using System.Globalization;
using System.Net;
using Course.Bench;
using Course.Cli;
using Offloading.Ai;
using Offloading.Offload;
using Snake.Game;

namespace Offloading.Bench;

/// <summary>
/// What each offload mode costs the tick, as a player sees it. For each number of computer snakes, the
/// server as it ships (<c>server --offload MODE --ai N</c>, in a process of its own, logging as a user
/// sees it) with one player who only watches the clock; once per mode, and once with no computer snakes
/// at all (<c>--ai 0</c>): the baseline, the same loop with nothing to plan. All four take turns in slices.
/// </summary>
/// <remarks>
/// 1. Lateness of a state is its arrival minus the moment its tick was due, tick k at the room's start +
///    k periods (<see cref="ScheduleLateness"/>). A loop that cannot finish a tick within its period does
///    not catch up: it falls further behind with every tick, and the drift column says by how much a
///    minute. Its "ticks/s" column shows the game running slower than its nominal rate.
/// 2. Each slice starts a fresh server, warms it up until the median lateness of two successive seconds
///    agrees (the JIT, the worker process starting, the snakes spreading out), then measures.
/// 3. Nothing is pinned: moving the planner off the loop only helps if it can run on the other core, and
///    on a two-core machine that is the core the bench would take. The observer costs next to nothing.
/// 4. The plan column is one plan's time on the starting board, measured in this process before the
///    runs: how many ticks of work the planner is.
/// </remarks>
internal static class Bench
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public sealed record Options(int[] Ai, double TickRate, int Width, int Height, TimeSpan PerCase, int Slices, TimeSpan WarmUpAtLeast, string? ChartPath);

    /// <summary>One server to measure: the baseline (no computer snakes) or a mode with N of them.</summary>
    private sealed record Case(string Name, int Ai, OffloadMode Mode);

    public static async Task RunAsync(Options options, TextWriter output, Progress progress, CancellationToken cancel)
    {
        double periodMs = 1000 / options.TickRate;
        TimeSpan slice = options.PerCase / options.Slices;
        output.WriteLine($"bench: {Conditions.Command("chapters/06-offloading")}");
        output.WriteLine($"bench: {Conditions.Now()} at the start; nothing pinned (the offloaded planner needs the other core).");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: server --offload MODE --ai N --width {options.Width} --height {options.Height} --tick-rate {options.TickRate:0.##} ({periodMs:0.##} ms a tick), " +
            $"one player watching; each case measured {options.PerCase.TotalSeconds:0.#} s per row, in {options.Slices} slice{(options.Slices == 1 ? "" : "s")} of {slice.TotalSeconds:0.#} s taking turns."));
        output.WriteLine("bench: the baseline is the same server with --ai 0 (nothing to plan); lateness is a state's arrival minus when its tick was due.");
        output.WriteLine();
        output.WriteLine("| snakes | plan ms | case | ticks/s | p50 ms | p99 ms | p99.9 ms | max ms | samples | drift ms/min | p99 vs baseline |");
        output.WriteLine("|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");

        var notes = new List<string>();
        var modes = Enum.GetValues<OffloadMode>();
        var p99 = modes.ToDictionary(m => m, _ => new List<double>());
        var baselineP99 = new List<double>();
        foreach (int ai in options.Ai)
        {
            if (cancel.IsCancellationRequested) break;
            progress.Step($"{ai} computer snakes: timing one plan");
            double planMs = PlanCost(new GameRules { Width = options.Width, Height = options.Height, FoodCount = 30 }, ai);
            Case[] cases = [new("baseline (--ai 0)", 0, OffloadMode.None), .. modes.Select(m => new Case(Word(m), ai, m))];
            var lateness = cases.ToDictionary(c => c, _ => new ScheduleLateness(periodMs));
            var seconds = cases.ToDictionary(c => c, _ => 0.0);
            for (int i = 0; i < options.Slices && !cancel.IsCancellationRequested; i++)
                foreach (Case c in cases)
                {
                    string what = $"{ai} snakes, {c.Name}, slice {i + 1} of {options.Slices}";
                    var (measured, warm) = await MeasureAsync(what, c, options, slice, lateness[c], i, progress, cancel);
                    seconds[c] += measured;
                    notes.Add($"warm-up: {what}: {warm}");
                }
            progress.Done();

            double baseline = double.NaN;
            foreach (Case c in cases)
            {
                var (l, drift) = lateness[c].Finish();
                double cp99 = l.Percentile(99);
                if (c.Ai == 0) { baseline = cp99; baselineP99.Add(cp99); }
                else p99[c.Mode].Add(cp99);
                string ratio = c.Ai == 0 ? "(baseline)" : string.Create(CultureInfo.InvariantCulture, $"{cp99 / baseline:0.00}x");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {ai} | {planMs:0.0} | {c.Name} | {l.Count / Math.Max(seconds[c], 1e-9):0.0} | {Ms(l.Percentile(50))} | {Ms(cp99)} | {(l.Count >= 1000 ? Ms(l.Percentile(99.9)) : "-")} | " +
                    $"{Ms(l.Max)} | {l.Count:N0} | {drift:+0.0;-0.0;0.0} | {ratio} |"));
            }
        }

        output.WriteLine();
        foreach (string note in notes) output.WriteLine(note);
        output.WriteLine($"bench: {Conditions.Now()} at the end.");

        if (options.ChartPath is { } path && baselineP99.Count > 0)
        {
            BenchChart.Lines(path, string.Create(CultureInfo.InvariantCulture, $"Tick lateness against the schedule, real planner ({options.TickRate:0.##} ticks/s, log scale)"), "computer snakes",
                [.. options.Ai.Take(baselineP99.Count).Select(n => n.ToString(CultureInfo.InvariantCulture))], "p99 lateness (ms)",
                [new Series("none: planning inside the tick (the seed's way)", p99[OffloadMode.None]),
                 new Series("thread", p99[OffloadMode.Thread]),
                 new Series("process", p99[OffloadMode.Process]),
                 new Series("baseline: no computer snakes", baselineP99)],
                logScale: true);
            output.WriteLine($"Chart figures written to {path}.");
        }
    }

    /// <summary>A fresh server and its observer; warm up until steady; record lateness for <paramref name="duration"/>; the seconds recorded.</summary>
    private static async Task<(double Seconds, string WarmUp)> MeasureAsync(string what, Case c, Options options, TimeSpan duration,
        ScheduleLateness into, int stream, Progress progress, CancellationToken cancel)
    {
        progress.Step($"{what}: starting the server");
        await using ChildProgram server = ChildProgram.Start(
            ["server", "--port", "0", "--offload", Word(c.Mode), "--ai", c.Ai.ToString(CultureInfo.InvariantCulture),
             "--width", options.Width.ToString(CultureInfo.InvariantCulture), "--height", options.Height.ToString(CultureInfo.InvariantCulture),
             "--tick-rate", options.TickRate.ToString(CultureInfo.InvariantCulture)]);
        var endPoint = new IPEndPoint(IPAddress.Loopback, await server.PortAfter("listening on", TimeSpan.FromSeconds(60)));
        await using Observer observer = await Observer.JoinAsync(endPoint, cancel);

        progress.Step($"{what}: warming up (at least {Progress.Seconds(options.WarmUpAtLeast)})");
        WarmUpReport warm = await WarmUp.UntilSteadyAsync(async token =>
        {
            var window = new ScheduleLateness(1000 / options.TickRate);
            observer.Record(window, 0);
            await Task.Delay(Window, token);
            observer.StopRecording();
            return window.Finish().Lateness.Percentile(50);
        }, options.WarmUpAtLeast, TimeSpan.FromSeconds(30), absolute: 0.2, cancel: cancel);

        progress.Step($"{what}: measuring ({Progress.Seconds(duration)})");
        var clock = Stopwatch.StartNew();
        observer.Record(into, stream);
        await Task.Delay(duration, cancel);
        observer.StopRecording();
        return (clock.Elapsed.TotalSeconds, warm.Describe("ms"));
    }

    /// <summary>One plan's cost, median of five, on the starting board: "how many ticks of work" it is.</summary>
    private static double PlanCost(GameRules rules, int ai)
    {
        var game = new SnakeGame(rules, 6);
        for (int i = 0; i < ai; i++) game.Add(AiSnakes.FirstId + i, $"ai-{i}");
        Board board = Board.From(game, Enumerable.Range(AiSnakes.FirstId, ai));
        var planner = new PathPlanner();
        planner.Plan(board); // warm-up: the JIT and the arrays
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            planner.Plan(board);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times.Order().ElementAt(2);
    }

    private static string Word(OffloadMode mode) => mode.ToString().ToLowerInvariant();

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("N2", CultureInfo.InvariantCulture);
}
