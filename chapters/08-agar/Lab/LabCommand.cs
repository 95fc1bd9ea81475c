using System.CommandLine;
using Course.Cli;

namespace Agar.Lab;

/// <summary>The <c>lab</c> verb: the netcode lab on a local web page, until Ctrl+C.</summary>
public static class LabCommand
{
    public static Command Create()
    {
        var port = Ranged.Between("--port", "The page's port on 127.0.0.1", 0, 1, 65535, zero: "any free port, chosen by the operating system");
        var clients = Ranged.Between("--clients", "Clients in the lab: client 1 is yours, the others are bots until you steer them", 2, 2, 3);
        var bots = Ranged.Between("--bots", "Computer players inside the server, for company", 3, 0, 20);
        var seed = Ranged.Between<ulong>("--seed", "Seed of the world's randomness", 1, 0, ulong.MaxValue);
        var preset = Choice.Optional("--preset", "Start at this stop of the tour", [.. Preset.Slugs]);
        return new Command("lab", "The netcode lab: the real server and clients side by side on a local web page, with a simulated network per client")
            { port, clients, bots, seed, preset }
            .WithAction(async (args, cancel) =>
            {
                var log = new Log(Console.Out, "lab");
                var options = new LabOptions
                {
                    Clients = args.GetValue(clients), Bots = args.GetValue(bots), Seed = args.GetValue(seed), Preset = args.GetValue(preset), Log = log.Line,
                };
                await using NetcodeLab lab = await NetcodeLab.StartAsync(options, cancel);
                await using LabWeb web = await LabWeb.StartAsync(lab, args.GetValue(port), log.Line, cancel);
                log.Line($"open {web.Url} in a browser (arrow keys steer client 1); Ctrl+C stops");
                try
                {
                    await lab.Stopped.WaitAsync(cancel); // returns only if the lab stopped by itself: a loop failed
                    log.Line("stopped by the failure above");
                    return ExitCodes.Failure;
                }
                catch (OperationCanceledException) { log.Line("stopping (Ctrl+C)"); }
                catch (Exception) { log.Line("stopped by the failure above"); return ExitCodes.Failure; }
                return ExitCodes.Success;
            });
    }
}
