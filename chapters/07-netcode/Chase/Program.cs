using System.CommandLine;
using System.Net.Sockets;
using Chase;
using Course.Cli;
using Netcode;
using Netcode.Peers;

// Chapter 07: the chase game and PyGaSe's docs example on the Netcode library. Layout:
//   DocsExample.cs       PyGaSe's documented foo/bar backend (server --example docs)
//   ChaseGame.cs         the chase game: state, time step, JOIN/MOVE/LEAVE handlers
//   ChasePlayer.cs       a player with a simple policy (client and bot verbs)
//   Demo.cs              the getting-started conversation: server and client in one process
//   NetworkOptions.cs    --lag, --jitter, --loss, --duplicate: the simulator on any verb
//   Bench/               many clients sending events to one server: rates, latency, CPU, bytes
// The library is in Netcode/: Wire/ (bytes), State/ (deltas), Game/ (the loop), Peers/ (server, client),
// Transport/ (UDP and the simulator).

Option<string> host = CommonOptions.Host();
Option<int> listenPort = CommonOptions.ListenPort(5007);
Option<int> port = CommonOptions.Port(5007);
var network = new NetworkOptions();
var example = Choice.Of("--example", "Which game: chase, docs (PyGaSe's foo/bar example), or the bench's bench-state / bench-views", "chase", "chase", "docs", "bench-state", "bench-views");

var server = new Command("server", "Run a game server until Ctrl+C or until its host client sends shutdown") { host, listenPort, example };
foreach (Option o in network.All) server.Options.Add(o);
server.WithAction(async (args, cancel) =>
{
    var log = new Log(Console.Out, "server");
    var options = new PeerOptions { Log = log.Line, Network = network.From(args), Seed = args.GetValue(network.Seed) };
    await using Backend backend = args.GetValue(example) switch
    {
        "docs" => DocsExample.Create(options),
        "bench-state" => Chase.Bench.BenchGame.Create(options, views: false),
        "bench-views" => Chase.Bench.BenchGame.Create(options, views: true),
        _ => ChaseGame.Create(options),
    };
    try
    {
        await backend.StartAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort)));
    }
    catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable or SocketError.AccessDenied)
    {
        throw new UserError($"cannot listen on {args.GetValue(host)}:{args.GetValue(listenPort)}: {e.Message}");
    }
    try { await backend.Stopped.WaitAsync(cancel); }
    catch (OperationCanceledException) { log.Line("stopping (Ctrl+C)"); }
    catch (Exception) { log.Line("stopped by the failure above"); return ExitCodes.Failure; }
    return ExitCodes.Success;
});

var seconds = CommonOptions.Seconds(30, "How long to play");
var name = new Option<string>("--name") { Description = "Your player's name", DefaultValueFactory = _ => Environment.UserName };
var client = new Command("client", "Join a chase server as one player and print what you see every second") { host, port, name, seconds };
foreach (Option o in network.All) client.Options.Add(o);
client.WithAction(async (args, cancel) =>
{
    var log = new Log(Console.Out, "client");
    var options = new PeerOptions { Network = network.From(args), Seed = args.GetValue(network.Seed) };
    await new ChasePlayer(args.GetValue(name)!, options, log)
        .RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), TimeSpan.FromSeconds(args.GetValue(seconds)), report: true, cancel);
    return ExitCodes.Success;
});

var count = Ranged.Between("--count", "How many bots", 4, 1, 1000);
var bot = new Command("bot", "Join a chase server with several bots") { host, port, count, seconds };
foreach (Option o in network.All) bot.Options.Add(o);
bot.WithAction(async (args, cancel) =>
{
    var log = new Log(Console.Out, "bot");
    var to = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
    var duration = TimeSpan.FromSeconds(args.GetValue(seconds));
    await Task.WhenAll(Enumerable.Range(1, args.GetValue(count)).Select(i =>
        new ChasePlayer($"bot{i}", new PeerOptions { Network = network.From(args), Seed = args.GetValue(network.Seed) + i }, log)
            .RunAsync(to, duration, report: i == 1, cancel)));
    return ExitCodes.Success;
});

var demo = new Command("demo", "PyGaSe's getting-started conversation: the docs example server and a client in one process")
    .WithAction(async (_, cancel) =>
    {
        await Demo.RunAsync(Console.Out, cancel);
        return ExitCodes.Success;
    });

var clients = Ranged.List("--clients", "Client counts to measure", [8, 32, 256, 1000], 1, 2000);
var benchSeconds = CommonOptions.Seconds(10, "Seconds to measure each client count and mode");
var benchChart = ChartOption.Create();
var bench = new Command("bench", "N clients (another process) sending 30 events/s each to the real server: updates/s, event-to-visible latency, bytes, server CPU; shared state vs each client's own view") { clients, benchSeconds, benchChart }
    .WithAction(async (args, cancel) =>
    {
        await Chase.Bench.Bench.RunAsync(args.GetValue(clients)!, TimeSpan.FromSeconds(args.GetValue(benchSeconds)), Console.Out, cancel, args.GetValue(benchChart));
        return ExitCodes.Success;
    });

// The bench's load, in a process of its own: not for students to run by hand (hidden from --help).
var loadCount = Ranged.Between("--count", "How many clients", 8, 1, 2000);
var loadMode = Choice.Of("--mode", "state or views", "state", "state", "views");
var loadSeconds = CommonOptions.Seconds(10, "Seconds to measure");
var benchClients = new Command("bench-clients", "The bench's clients (run by bench)") { host, port, loadCount, loadMode, loadSeconds };
benchClients.Hidden = true;
benchClients.WithAction(async (args, cancel) =>
{
    await Chase.Bench.BenchClients.RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), args.GetValue(loadCount),
        args.GetValue(loadMode) == "views", TimeSpan.FromSeconds(args.GetValue(loadSeconds)), Console.Out, cancel);
    return ExitCodes.Success;
});

return CourseApp.Run("chapters/07-netcode/Chase", "Chapter 07: a UDP game server and client on PyGaSe's model and wire protocol", args, server, client, bot, demo, bench, benchClients);
