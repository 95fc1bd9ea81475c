using System.CommandLine;
using System.Net;
using Course.Cli;
using Dots;

// Chapter 02: the dots server, a thread per player and one relay thread, with line framing. Layout:
//   Framing/LineReader.cs     bytes to lines, whatever the receive sizes; a maximum line length
//   Framing/Messages.cs       the line protocol: join, myIDis, newPlayer, playerMoved, playerLeft, move, error
//   Server/Board.cs           the rules: spawn points, one step at a time, stay on the board
//   Server/PlayerTable.cs     positions shared by all threads, behind one small lock
//   Server/ClientSession.cs   one player's socket, a send lock, and the slow-client rule
//   Server/Relay.cs           the relay thread draining a bounded queue to every player
//   Server/PlayerThread.cs    one player's thread: wait for join, read lines, act, leave cleanly
//   Server/AddressLimit.cs    how many connections each address holds
//   Server/DotsServer.cs      the accept loop, max clients, and shutdown that joins every thread
//   Client/                   the connection, the model, the board view, the terminal client, the bot
//   Demo.cs                   a server and three bots in one process
//   Bench/                    relay latency at 2 to 200 players, threads and memory of the server

Option<string> host = CommonOptions.Host();
Option<int> listenPort = CommonOptions.ListenPort(5002);
Option<int> port = CommonOptions.Port(5002);

var maxClients = Ranged.Between("--max-clients", "Players at once; the next is refused with an error line", 64, 1, 10_000);
var perAddress = Ranged.Between("--max-per-address", "Connections one address may hold at once", 16, 1, 10_000);
var idle = Ranged.Above("--idle-timeout", "Close a player that sends no whole line for this many seconds", 300.0, 0, CommonOptions.Day, zero: "never");

var server = new Command("server", "Run the dots server: a thread per player, one relay thread") { host, listenPort, maxClients, perAddress, idle }
    .WithAction(async (args, cancel) =>
    {
        var options = new ServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort)))
        {
            MaxClients = args.GetValue(maxClients),
            MaxPerAddress = args.GetValue(perAddress),
            IdleTimeout = TimeSpan.FromSeconds(args.GetValue(idle)),
        };
        var dots = new DotsServer(options, new Log(Console.Out, "server"));
        // The accept loop blocks; it gets a thread of its own so this one can turn Ctrl+C into `cancel`.
        await Task.Factory.StartNew(() => dots.Run(_ => { }, cancel), TaskCreationOptions.LongRunning);
        return ExitCodes.Success;
    });

var client = new Command("client", "Play in this terminal: arrow keys move your dot, q quits") { host, port }
    .WithAction((args, cancel) =>
    {
        using var connection = DotsConnection.Connect(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), TimeSpan.FromSeconds(5));
        return Task.FromResult(new TerminalClient(connection, new Board()).Run(cancel));
    });

var seed = Ranged.Between("--seed", "Seed of the random walk (same seed, same walk)", 1, 0, int.MaxValue);
var interval = Ranged.Between("--interval-ms", "Milliseconds between moves", 200, 1, 60_000);
var botSeconds = CommonOptions.Seconds(3600, "Seconds to play before leaving");
var verbose = new Option<bool>("--verbose") { Description = "Print every line sent and received" };
var bot = new Command("bot", "A client that moves at random, for demos and load") { host, port, seed, interval, botSeconds, verbose }
    .WithAction((args, cancel) =>
    {
        using var connection = DotsConnection.Connect(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), TimeSpan.FromSeconds(5));
        var log = new Log(Console.Out, "bot");
        bool loud = args.GetValue(verbose);
        var walker = new Bot(connection, args.GetValue(seed), TimeSpan.FromMilliseconds(args.GetValue(interval)), log)
        {
            OnLine = loud ? line => log.Line($"<- {line}") : null,
            OnSent = loud ? line => log.Line($"-> {line}") : null,
        };
        using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeUp.CancelAfter(TimeSpan.FromSeconds(args.GetValue(botSeconds)));
        return Task.FromResult(walker.Run(timeUp.Token));
    });

var demoSeconds = CommonOptions.Seconds(3);
var demo = new Command("demo", "A server and three bots, printing the protocol lines as they flow") { demoSeconds }
    .WithAction((args, cancel) =>
    {
        Demo.Run(TimeSpan.FromSeconds(args.GetValue(demoSeconds)), Console.Out, cancel);
        return Task.FromResult(cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success);
    });

var benchSeconds = CommonOptions.Seconds(3, "Seconds to measure each number of players");
var counts = Ranged.List("--clients", "Numbers of players to measure", [2, 10, 50, 200], 2, 2000);
Option<string?> chart = ChartOption.Create();
var bench = new Command("bench", "Relay latency (p50/p99), lost lines, threads and memory at 2 to 200 players") { benchSeconds, counts, chart }
    .WithAction((args, cancel) =>
    {
        Bench.Run(args.GetValue(counts)!, TimeSpan.FromSeconds(args.GetValue(benchSeconds)), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
        return Task.FromResult(ExitCodes.Success);
    });

return CourseApp.Run("chapters/02-threads", "Chapter 02: the dots server, a thread per player, with line framing", args,
    server, client, bot, demo, bench);
