using System.CommandLine;
using Course.Charts;
using Course.Cli;

namespace GameLoop;

/// <summary>The <c>bench</c> verb's options.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var clients = new Option<string>("--clients") { Description = "Bot counts to measure, comma-separated", DefaultValueFactory = _ => "10,100,500,1000" };
        var tickRate = new Option<double>("--tick-rate") { Description = "Server ticks per second", DefaultValueFactory = _ => 20 };
        var roomSize = new Option<int>("--room-size") { Description = "Bots per room (each room has its own loop)", DefaultValueFactory = _ => 10 };
        Option<double> seconds = CommonOptions.Seconds(4, "Seconds to measure each case");
        Option<string?> chart = ChartOption.Create();
        return new Command("bench", "Tick lateness seen by N bots: PeriodicTimer vs sleep-after-tick, same run") { clients, tickRate, roomSize, seconds, chart }
            .WithAction(async (args, cancel) =>
            {
                int[] counts;
                try { counts = args.GetValue(clients)!.Split(',').Select(int.Parse).ToArray(); }
                catch (FormatException) { throw new UserError("--clients must be numbers separated by commas, like 10,100,500.", ExitCodes.Usage); }
                if (counts.Any(c => c is < 1 or > 2000)) throw new UserError("each --clients count must be between 1 and 2000.", ExitCodes.Usage);
                await Bench.RunAsync(counts, args.GetValue(tickRate), Math.Max(1, args.GetValue(roomSize)),
                    TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, args.GetValue(chart), cancel);
                return ExitCodes.Success;
            });
    }
}
