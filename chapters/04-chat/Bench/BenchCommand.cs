using System.CommandLine;
using Course.Cli;

namespace Chat;

/// <summary>The <c>bench</c> verb: fan-out latency, memory per client and a slow reader, async against thread per client.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var clients = Ranged.List("--clients", "Idle clients to connect, one case each", [100, 1000], 1, 100_000);
        var seconds = CommonOptions.Seconds(3, "Seconds of sending in each case");
        Option<string?> chart = ChartOption.Create();

        return new Command("bench", "Fan-out latency, memory per client and a slow reader: async against thread per client") { clients, seconds, chart }
            .WithAction(async (args, cancel) =>
            {
                await Bench.RunAsync(args.GetValue(clients)!, TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
                return ExitCodes.Success;
            });
    }
}
