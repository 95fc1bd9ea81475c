using System.CommandLine;
using System.Text.RegularExpressions;
using Course.Cli;
using Snake.Rooms;
using Snake.Web;

namespace Offloading.Scale;

/// <summary>
/// The hidden <c>scale-server</c> verb: one of the scale demo's servers. It is chapter 05's snake server,
/// named (<c>A</c>, <c>B</c>, ...) and linked to the others by a <see cref="RedisRelay"/>. It logs only
/// its address and what happens to its link (failures go to standard error), and it stops when its
/// standard input ends, so that the demo's servers never outlive the demo, even one killed with kill -9.
/// </summary>
internal static partial class ScaleServerCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "This server's name in chat lines and scoreboards", Required = true };
        name.Validators.Add(r => { if (!ValidName().IsMatch(r.GetValueOrDefault<string>() ?? "")) r.AddError("--name must be 1 to 24 letters, digits, '-' or '_'."); });
        Option<string> host = CommonOptions.Host();
        Option<int> port = CommonOptions.ListenPort(0);
        var redis = new Option<string>("--redis") { Description = "Redis to link through, as host:port", Required = true };

        return new Command("scale-server", "One snake server of the scale demo, linked to the others through Redis (started by `scale`)") { name, host, port, redis }
            .WithHiddenAction(async (args, cancel) =>
            {
                string me = args.GetValue(name)!;
                var log = new Log(Console.Out, me);
                var options = new SnakeServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)))
                {
                    Name = me,
                    Relay = new RedisRelay(args.GetValue(redis)!, log, TimeSpan.FromSeconds(1)),
                    Rooms = new RoomOptions { FailureLog = new Log(Console.Error, me) },
                };
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                _ = StopWhenInputEndsAsync(stop);
                // Log.Null for the rooms: with several servers in one terminal, every join and leave is noise.
                await using (SnakeServer server = await SnakeServer.StartAsync(options, Log.Null, stop.Token))
                {
                    log.Line($"listening on http://{Endpoints.Show(server.EndPoint)}/ (web socket at /connect)");
                    try { await Task.Delay(Timeout.Infinite, stop.Token); }
                    catch (OperationCanceledException) { }
                    log.Line("stopping");
                }
                return ExitCodes.Success;
            });
    }

    private static async Task StopWhenInputEndsAsync(CancellationTokenSource stop)
    {
        await using Stream input = Console.OpenStandardInput();
        await input.CopyToAsync(Stream.Null).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private static Command WithHiddenAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.Hidden = true;
        return command.WithAction(action);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,24}$")]
    private static partial Regex ValidName();
}
