using System.CommandLine;
using Course.Cli;

namespace Offloading.Bench;

/// <summary>The <c>bench</c> verb: its options (see <see cref="Bench"/> for what it measures).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var counts = Ranged.List("--ai", "Computer snake counts to try", [20, 40, 80], 0, 2000);
        Option<double> seconds = CommonOptions.Seconds(20, "Seconds to measure each case at each snake count");
        var slices = Ranged.Between("--slices", "Slices each measurement is split into, taking turns with the other cases", 2, 1, 100);
        var warmup = Ranged.Between("--warmup", "Warm each server up for at least this many seconds, then until its median settles", 2.0, 0, 60);
        Option<int> width = Options.Size("--width", 200), height = Options.Size("--height", 200);
        var tickRate = Ranged.Between("--tick-rate", "Ticks per second", 20.0, 1, 100);
        Option<string?> chart = ChartOption.Create();
        return new Command("bench", "Tick lateness against the schedule, seen by a player, for each offload mode beside the same server with no computer snakes")
            { counts, seconds, slices, warmup, width, height, tickRate, chart }
            .WithAction(async (args, cancel) =>
            {
                var options = new Bench.Options(args.GetValue(counts)!, args.GetValue(tickRate), args.GetValue(width), args.GetValue(height),
                    TimeSpan.FromSeconds(args.GetValue(seconds)), args.GetValue(slices), TimeSpan.FromSeconds(args.GetValue(warmup)), args.GetValue(chart));
                await Bench.RunAsync(options, Console.Out, Progress.ToStandardError(), cancel);
                return ExitCodes.Success;
            });
    }
}
