using System.CommandLine;
using Course.Bench;
using Course.Cli;

namespace GameLoop;

/// <summary>The <c>bench</c> verb's options.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var players = Ranged.List("--clients", "Player counts to measure (bots fill rooms to the server's cap)", [10, 100, 500, 1000], 1, 2000);
        var tickRate = Ranged.Between("--tick-rate", "Server ticks per second", 20.0, 1, 100);
        Option<double> seconds = CommonOptions.Seconds(60, "Seconds to measure each loop at each player count (drift is per minute)");
        var slices = Ranged.Between("--slices", "Slices each measurement is split into, taking turns with the other loop", 2, 1, 100);
        var warmup = Ranged.Between("--warmup", "Warm each server up for at least this many seconds, then until its median settles", 2.0, 0, 60);
        var floor = FloorVerb.Option();
        Option<string?> chart = ChartOption.Create();
        return new Command("bench", "Tick lateness against the schedule, and drift, seen by N bots: PeriodicTimer vs sleep-after-tick, and one room beside the floor")
            { players, tickRate, seconds, slices, warmup, floor, chart }
            .WithAction(async (args, cancel) =>
            {
                var options = new Bench.Options(args.GetValue(players)!, args.GetValue(tickRate), TimeSpan.FromSeconds(args.GetValue(seconds)),
                    args.GetValue(slices), TimeSpan.FromSeconds(args.GetValue(warmup)), args.GetValue(floor)!, args.GetValue(chart));
                await Bench.RunAsync(options, Console.Out, Progress.ToStandardError(), cancel);
                return ExitCodes.Success;
            });
    }
}
