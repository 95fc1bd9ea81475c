using System.CommandLine;
using Course.Bench;
using Course.Cli;

namespace Dots;

/// <summary>The <c>bench</c> verb: relay latency of the server as it ships, lost lines, threads and memory, against a bare relay.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(30, "Seconds to measure each number of players (a p99 needs a few thousand moves)");
        var counts = Ranged.List("--clients", "Numbers of players to measure", [2, 10, 50, 200], 2, 2000);
        var warmup = Ranged.Between("--warmup", "Warm up for at least this many seconds, then until the median settles", 1.0, 0, 60);
        var floorLanguage = FloorVerb.Option();
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Relay latency (p50/p99) of the server as it ships, lost lines, threads and memory, against a bare relay")
            { seconds, counts, warmup, floorLanguage, chart }
            .WithAction(async (args, cancel) =>
            {
                var options = new Bench.Options(args.GetValue(counts)!, TimeSpan.FromSeconds(args.GetValue(seconds)),
                    TimeSpan.FromSeconds(args.GetValue(warmup)), args.GetValue(floorLanguage)!, args.GetValue(chart));
                await Bench.RunAsync(options, Console.Out, Progress.ToStandardError(), cancel);
                return ExitCodes.Success;
            });
    }
}
