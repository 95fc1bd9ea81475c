using System.CommandLine;
using Course.Cli;

namespace GameLoop;

/// <summary>The <c>bench</c> verb's options.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var clients = Ranged.List("--clients", "Bot counts to measure", [10, 100, 500, 1000], 1, 2000);
        var tickRate = Ranged.Between("--tick-rate", "Server ticks per second", 20.0, 1, 100);
        var roomSize = Ranged.Between("--room-size", "Bots per room (each room has its own loop)", 10, 1, 1000);
        Option<double> seconds = CommonOptions.Seconds(4, "Seconds to measure each case");
        Option<string?> chart = ChartOption.Create();
        return new Command("bench", "Tick lateness seen by N bots: PeriodicTimer vs sleep-after-tick, same run") { clients, tickRate, roomSize, seconds, chart }
            .WithAction(async (args, cancel) =>
            {
                await Bench.RunAsync(args.GetValue(clients)!, args.GetValue(tickRate), args.GetValue(roomSize),
                    TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
                return ExitCodes.Success;
            });
    }
}
