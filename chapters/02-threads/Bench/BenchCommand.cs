using System.CommandLine;
using Course.Cli;

namespace Dots;

/// <summary>The <c>bench</c> verb: relay latency, lost lines, threads and memory at 2 to 200 players.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(3, "Seconds to measure each number of players");
        var counts = Ranged.List("--clients", "Numbers of players to measure", [2, 10, 50, 200], 2, 2000);
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Relay latency (p50/p99), lost lines, threads and memory at 2 to 200 players") { seconds, counts, chart }
            .WithAction((args, cancel) =>
            {
                Bench.Run(args.GetValue(counts)!, TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
                return Task.FromResult(ExitCodes.Success);
            });
    }
}
