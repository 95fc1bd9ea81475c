using System.CommandLine;
using Course.Bench;
using Course.Cli;

namespace Echo;

/// <summary>The <c>bench</c> verb: round trips and latency of the server as it ships, against a loopback floor.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(1, "Seconds to measure each case");
        var warmup = Ranged.Between("--warmup", "Warm each server up for at least this many seconds, then until its median settles", 1.0, 0, 60);
        var allCores = new Option<bool>("--all-cores") { Description = "Do not pin the client and the servers to one CPU core (noisier figures)" };
        var floorLanguage = FloorVerb.Option();
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Round trips and latency of the server as it ships, quiet, and the seed's design, against a loopback floor")
            { seconds, warmup, allCores, floorLanguage, chart }
            .WithAction(async (args, cancel) =>
            {
                var options = new Bench.Options(TimeSpan.FromSeconds(args.GetValue(seconds)), TimeSpan.FromSeconds(args.GetValue(warmup)),
                    !args.GetValue(allCores), args.GetValue(floorLanguage)!, args.GetValue(chart));
                await Bench.RunAsync(options, Console.Out, Progress.ToStandardError(), cancel);
                return ExitCodes.Success;
            });
    }
}
