using System.CommandLine;
using Course.Cli;

namespace Echo;

/// <summary>The <c>bench</c> verb: round trips per second and latency, against the loopback floor.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = CommonOptions.Seconds(1, "Seconds to measure each case");
        var allCores = new Option<bool>("--all-cores") { Description = "Do not pin the benchmark to one CPU core (noisier figures)" };
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Measure round trips per second and latency against the loopback floor") { seconds, allCores, chart }
            .WithAction((args, cancel) =>
            {
                Bench.Run(TimeSpan.FromSeconds(args.GetValue(seconds)), !args.GetValue(allCores), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
                return Task.FromResult(ExitCodes.Success);
            });
    }
}
