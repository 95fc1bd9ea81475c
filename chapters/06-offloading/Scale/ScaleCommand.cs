using System.CommandLine;
using Course.Cli;
using Snake.Chat;

namespace Offloading.Scale;

/// <summary>
/// The <c>scale</c> verb: several snake servers behind HAProxy, sharing their chat line and scoreboards
/// through Redis. It starts everything (<see cref="ScaleCluster"/>), connects one demo player per server
/// through HAProxy, has each say a line that the others, on other servers, hear; then keeps everything
/// running for <c>--seconds</c> (or until Ctrl+C) so you can open the page in a few browser tabs, and
/// stops every process it started on the way out, whatever the way out is.
/// </summary>
internal static class ScaleCommand
{
    private static readonly string[] Names = ["ann", "bob", "cy"];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var servers = Ranged.Between("--servers", "Snake servers behind HAProxy", 2, 2, 3);
        Option<int> port = Ranged.Between("--port", "HAProxy's port on 127.0.0.1, where players connect", 5006, 1, 65535, zero: "any free port");
        Option<double> seconds = CommonOptions.Seconds(30, "Keep everything running this long once it is up, then stop");
        var haproxy = new Option<string?>("--haproxy") { Description = "Path of haproxy, if it is not on PATH or in /usr/sbin" };
        var redis = new Option<string?>("--redis-server") { Description = "Path of redis-server, if it is not on PATH or in /usr/sbin" };

        return new Command("scale", "Two or three snake servers behind HAProxy, sharing chat and scores through Redis") { servers, port, seconds, haproxy, redis }
            .WithAction(async (args, cancel) =>
            {
                var log = new Log(Console.Out, "scale");
                // Both programs are checked before anything starts: a missing one is one line, not half a demo.
                var setup = new ScaleSetup(args.GetValue(servers), args.GetValue(port),
                    ScaleTools.Find(ScaleTools.HaProxy, args.GetValue(haproxy)), ScaleTools.Find(ScaleTools.RedisServer, args.GetValue(redis)))
                {
                    OnServerLine = log.For("").Line, // the servers' lines start with their names already
                };
                ScaleCluster cluster = await ScaleCluster.StartAsync(setup, log, cancel);
                var players = new List<DemoPlayer>();
                try
                {
                    await ShowChatAcrossServersAsync(cluster, players, log, cancel);
                    log.Line($"all up: open http://{Endpoints.Show(cluster.Frontend)}/ in two browser tabs and chat across servers; "
                             + $"kill redis-server (pid {cluster.Redis!.Id}) to see each server carry on alone; Ctrl+C stops the demo");
                    return await RunAsync(cluster, TimeSpan.FromSeconds(args.GetValue(seconds)), log, cancel);
                }
                finally
                {
                    // Whatever the way out (time up, Ctrl+C, a failure, a bug): every process we started goes.
                    foreach (DemoPlayer player in players) await player.DisposeAsync();
                    log.Line($"stopping haproxy, then servers {cluster.Names()}, then redis-server");
                    await cluster.DisposeAsync();
                    log.Line("stopped");
                }
            });
    }

    /// <summary>
    /// One player per server, each in a room of its own (the chat is the server's, shared by its rooms); each
    /// says a line, and every other player, on another server, hears it.
    /// </summary>
    private static async Task ShowChatAcrossServersAsync(ScaleCluster cluster, List<DemoPlayer> players, Log log, CancellationToken cancel)
    {
        foreach (var (name, server) in Names.Zip(cluster.Servers.Select(s => s.Name)))
        {
            DemoPlayer player = await DemoPlayer.ConnectToAsync(cluster.Frontend, name, server, PrintCrossing(), cancel);
            players.Add(player);
            log.For(name).Line($"landed on server {player.Server}");
            player.Log = log.For($"{name} on {player.Server}");
        }
        foreach (DemoPlayer speaker in players)
        {
            string text = $"hello from {speaker.Server}";
            speaker.Log.Line($"says \"{text}\"");
            await speaker.SayAsync(text);
            foreach (DemoPlayer listener in players.Where(p => p != speaker))
            {
                if (await listener.WaitToHearAsync(l => l.From == speaker.Name && l.Text == text, Wait) is null)
                    throw new UserError($"{listener.Name} (on {listener.Server}) did not hear {speaker.Name} (on {speaker.Server}) within {Wait.TotalSeconds:0} s: is Redis reachable?");
            }
        }
        // Scoreboards travel the same way, once a second from each server.
        foreach (DemoPlayer player in players)
        {
            foreach (DemoPlayer other in players.Where(p => p.Server != player.Server))
            {
                // One published before the other player joined would be empty: wait for one that lists them.
                Scoreboard board = await player.WaitForScoreboardAsync(other.Server, b => b.Players.Any(p => p.Name == other.Name), Wait)
                                   ?? throw new UserError($"{player.Name} got no scoreboard listing {other.Name} from server {other.Server} within {Wait.TotalSeconds:0} s");
                player.Log.Line($"gets {board.Server}'s scoreboard every second: {string.Join(", ", board.Players.Select(p => p.Name))}");
            }
        }
    }

    /// <summary>Prints a line a demo player hears when it was said on another server: the chat crossing over.</summary>
    private static Action<DemoPlayer, ChatLine> PrintCrossing() => (player, line) =>
    {
        if (line.Server != player.Server) player.Log.Line($"hears {line.From} on {line.Server}: {line.Text}");
    };

    /// <summary>Runs until the time is up or Ctrl+C (success), or until haproxy or a server dies (failure).</summary>
    private static async Task<int> RunAsync(ScaleCluster cluster, TimeSpan seconds, Log log, CancellationToken cancel)
    {
        using var running = new CancellationTokenSource();
        // Redis going away is not a failure of the demo: it is the experiment the last line suggested.
        _ = cluster.Redis!.Exited.ContinueWith(_ => log.Line("redis-server exited: each server carries on with its own players; chat stays on each server"),
            running.Token, TaskContinuationOptions.None, TaskScheduler.Default);
        Task<string> failure = cluster.Failure();
        try
        {
            if (await Task.WhenAny(Task.Delay(seconds, cancel), failure) == failure)
            {
                // In a terminal, Ctrl+C reaches every process of the foreground group, the children too, and
                // one may exit before our own handler has run: give it a moment before calling it a failure.
                try { await Task.Delay(TimeSpan.FromSeconds(1), cancel); }
                catch (OperationCanceledException) { }
                if (!cancel.IsCancellationRequested)
                {
                    log.Line(await failure);
                    return ExitCodes.Failure;
                }
            }
            log.Line(cancel.IsCancellationRequested ? "Ctrl+C" : $"time is up ({seconds.TotalSeconds:0.#} s)");
            return ExitCodes.Success;
        }
        finally
        {
            await running.CancelAsync(); // the shutdown stops Redis too: that exit is not news
        }
    }
}
