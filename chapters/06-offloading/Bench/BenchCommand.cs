using System.CommandLine;
using System.Diagnostics;
using Course.Cli;
using Offloading.Ai;
using Offloading.Offload;
using Snake.Game;

namespace Offloading.Bench;

/// <summary>
/// The <c>bench</c> verb: the same arena (same seed, same computer snakes, the real planner) run once per
/// offload mode at each snake count, with tick lateness measured inside the tick. The baseline is
/// <c>none</c> measured in the same run on the same machine, so the ratios mean something even on a busy
/// laptop; the absolute figures only describe this run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<double> seconds = CommonOptions.Seconds(10, "Seconds per case (the chapter's table used 30)");
        var counts = Ranged.List("--ai", "Computer snake counts to try", [20, 40, 80], 0, 2000);
        Option<int> width = Options.Size("--width", 200), height = Options.Size("--height", 200);
        var tickRate = Ranged.Between("--tick-rate", "Ticks per second", 20.0, 1, 100);
        Option<string?> chart = ChartOption.Create();
        return new Command("bench", "Tick lateness p50/p99/max and missed ticks for each offload mode, as ratios to none")
            { seconds, counts, width, height, tickRate, chart }
            .WithAction(async (args, cancel) =>
            {
                var rules = new GameRules { Width = args.GetValue(width), Height = args.GetValue(height), FoodCount = 40 };
                double rate = args.GetValue(tickRate);
                var period = TimeSpan.FromSeconds(1 / rate);
                var quiet = Log.Null;
                Progress progress = Progress.ToStandardError();
                if (File.Exists("/proc/loadavg"))
                    Console.WriteLine($"load average before the run (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
                Console.WriteLine($"grid {rules.Width}x{rules.Height}, {rate:0.##} ticks/s ({period.TotalMilliseconds:0} ms), {args.GetValue(seconds):0.#} s per case, {Environment.ProcessorCount} cores");
                Console.WriteLine($"{"ai",5} {"plan",9} {"mode",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"missed",7} {"plans",6} {"p99/none",9}");
                var p99s = Enum.GetValues<OffloadMode>().ToDictionary(m => m, _ => new List<double>());
                int[] aiCounts = args.GetValue(counts)!;
                foreach (int ai in aiCounts)
                {
                    progress.Step($"{ai} computer snakes: timing one plan");
                    double planMs = PlanCost(rules, ai);
                    double? noneP99 = null;
                    foreach (OffloadMode mode in Enum.GetValues<OffloadMode>())
                    {
                        cancel.ThrowIfCancellationRequested();
                        progress.Step($"{ai} computer snakes, {mode.ToString().ToLowerInvariant()}: 1 s warm-up, then {Progress.Seconds(TimeSpan.FromSeconds(args.GetValue(seconds)))} measured");
                        IPlanSource plans = PlanSources.Create(mode, () => new PathPlanner(), WorkerLaunch.ThisProgram(), PlanSources.DefaultDeadline, quiet);
                        var arena = new Arena(rules, 6, ai, plans, rate, TimeProvider.System, quiet);
                        await using (arena)
                        {
                            arena.Start();
                            // An uncounted first second: the JIT, the first plan, the worker's start-up.
                            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
                            arena.Ai.Meter.Reset();
                            await Task.Delay(TimeSpan.FromSeconds(args.GetValue(seconds)), cancel);
                        }
                        TickMeter m = arena.Ai.Meter;
                        double p99 = m.Percentile(99);
                        noneP99 ??= p99;
                        p99s[mode].Add(p99);
                        string ratio = noneP99 > 0 ? $"{p99 / noneP99:0.00}" : "-";
                        progress.Done();
                        Console.WriteLine($"{ai,5} {planMs,6:0.0} ms {mode.ToString().ToLowerInvariant(),8} {m.Percentile(50),8:0.0} {p99,8:0.0} {m.MaxMs,8:0.0} {m.Missed,7} {plans.Finished,6} {ratio,9}");
                    }
                }
                if (args.GetValue(chart) is { } path)
                {
                    BenchChart.Lines(path, $"Tick lateness with the real planner ({rate:0.##} ticks/s)", "computer snakes",
                        [.. aiCounts.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))], "p99 lateness (ms)",
                        [new Series("none: planning inside the tick (the seed's way)", p99s[OffloadMode.None]),
                         new Series("thread", p99s[OffloadMode.Thread]),
                         new Series("process", p99s[OffloadMode.Process])],
                        logScale: true);
                    Console.WriteLine($"Chart figures written to {path}.");
                }
                return ExitCodes.Success;
            });
    }

    /// <summary>One plan's cost, median of five, measured before the runs: "how many ticks of work" it is.</summary>
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
}
