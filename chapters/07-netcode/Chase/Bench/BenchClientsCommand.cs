using System.CommandLine;
using Course.Cli;

namespace Chase.Bench;

/// <summary>
/// The hidden <c>bench-clients</c> verb: the bench's load, which the bench starts in a process of its own
/// so the server's CPU time is the server's alone. Not for students to run by hand (hidden from --help).
/// </summary>
internal static class BenchClientsCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.Port(5007);
        var count = Ranged.Between("--count", "How many clients", 8, 1, 2000);
        var mode = Choice.Of("--mode", "state or views", "state", "state", "views");
        var seconds = CommonOptions.Seconds(10, "Seconds to measure");

        var benchClients = new Command("bench-clients", "The bench's clients (run by bench)") { host, port, count, mode, seconds };
        benchClients.Hidden = true;
        return benchClients.WithAction(async (args, cancel) =>
        {
            await BenchClients.RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), args.GetValue(count),
                args.GetValue(mode) == "views", TimeSpan.FromSeconds(args.GetValue(seconds)), Console.Out, cancel);
            return ExitCodes.Success;
        });
    }
}
