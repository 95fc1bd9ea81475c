using System.CommandLine;
using Course.Bench;
using Course.Cli;

namespace Chat;

/// <summary>The <c>bench</c> verb: fan-out latency, memory per client and a slow reader, async against thread per client and a bare relay.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var clients = Ranged.List("--clients", "Clients to connect, one case each", [100, 1000], 1, 100_000);
        var seconds = CommonOptions.Seconds(3, "Seconds of talk in each case");
        var warmup = Ranged.Between("--warmup", "Warm each server up for at least this many seconds, then until its median settles", 1.0, 0, 60);
        var floorLanguage = FloorVerb.Option();
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Fan-out latency, memory per client and a slow reader: async against thread per client and a bare relay")
            { clients, seconds, warmup, floorLanguage, chart }
            .WithAction(async (args, cancel) =>
            {
                var options = new Bench.Options(args.GetValue(clients)!, TimeSpan.FromSeconds(args.GetValue(seconds)),
                    TimeSpan.FromSeconds(args.GetValue(warmup)), args.GetValue(floorLanguage)!, args.GetValue(chart));
                await Bench.RunAsync(options, Console.Out, Progress.ToStandardError(), cancel);
                return ExitCodes.Success;
            });
    }
}
