using System.CommandLine;
using Course.Cli;

namespace Chase.Bench;

/// <summary>The <c>bench</c> verb: many clients against the real server, shared state against each client's own view.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var clients = Ranged.List("--clients", "Client counts to measure", [8, 32, 256, 1000], 1, 2000);
        var seconds = CommonOptions.Seconds(10, "Seconds to measure each client count and mode");
        var chart = ChartOption.Create();

        return new Command("bench", "N clients (another process) sending 30 events/s each to the real server: updates/s, event-to-visible latency, bytes, server CPU; shared state vs each client's own view") { clients, seconds, chart }
            .WithAction(async (args, cancel) =>
            {
                await Bench.RunAsync(args.GetValue(clients)!, TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, cancel, args.GetValue(chart));
                return ExitCodes.Success;
            });
    }
}
