using System.CommandLine;
using Agar.View;
using Course.Cli;

namespace Agar;

/// <summary>
/// The <c>bench</c> verb: the shipped server under 50 to 1,000 network bots; with --frames, the client's
/// drawing instead.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(40, "Seconds measured per row, after the warm-up (30 ticks each: 40 s is 1,200 samples)");
        var warmup = Ranged.Between("--warmup", "Seconds to wait at least after the bots joined, before checking the ticks have settled", 10.0, 0, 600);
        var players = Ranged.List("--players", "Crowd sizes", [50, 100, 200, 500, 1000], 1, 1000);
        var chart = ChartOption.Create();
        var frames = new Option<bool>("--frames") { Description = "Measure the client's drawing instead: frames of 100 players and 1,000 pellets at 1280x720" };
        var frameCount = Ranged.Between("--frame-count", "With --frames: how many frames to time, after 300 to warm up", 3000, 1, 1_000_000);

        return new Command("bench", "The shipped server (pinned to core 0) under 50 to 1,000 network bots (another process, core 1): tick time, missed ticks, cost per player, KB/s per client")
            { seconds, warmup, players, chart, frames, frameCount }
            .WithAction(async (args, cancel) =>
            {
                if (args.GetValue(frames))
                {
                    RenderBench.Run(frames: args.GetValue(frameCount), players: 100, pellets: 1000, Console.Out);
                    return ExitCodes.Success;
                }
                await Bench.RunAsync(args.GetValue(players)!, args.GetValue(seconds), args.GetValue(warmup), Console.Out, args.GetValue(chart), cancel);
                return ExitCodes.Success;
            });
    }
}
