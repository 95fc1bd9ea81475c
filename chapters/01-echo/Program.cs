using System.CommandLine;
using System.Net;
using Course.Cli;
using Echo;

// Chapter 01: a blocking echo server and its client. Layout:
//   SocketIO.cs          SendAll and ReceiveExactly: the two loops a byte stream needs
//   EchoServer.cs        socket, bind, listen, accept, recv, send: one client at a time, with a timeout
//   EchoClient.cs        connect with a timeout, send, read back exactly as many bytes
//   ClientExitCodes.cs   one exit code per failure (refused, timed out, reset, closed early)
//   Demo.cs              server and client in one process
//   Bench/               round trips per second and latency, against the loopback floor

Option<string> host = CommonOptions.Host();
Option<int> listenPort = CommonOptions.ListenPort(5001);

var backlog = Ranged.Between("--backlog", "Connections the kernel queues while we are busy", 16, 1, 65535);
var chunkSize = Ranged.Between("--chunk-size", "Most bytes one receive may return (the seed used 16)", 64 * 1024, 1, 16 * 1024 * 1024);
var nagle = new Option<bool>("--nagle") { Description = "Leave Nagle's algorithm on, as the seed did (slow for small replies)" };
var maxClients = Ranged.Between("--max-clients", "Stop after serving this many clients", 0, 1, 1_000_000, zero: "never");
var stuck = Ranged.Above("--timeout", "Close a client that sends nothing, or does not read its echoes, for this many seconds", 30.0, 0, 3600);

var server = new Command("server", "Run the echo server; it serves one client at a time") { host, listenPort, backlog, chunkSize, nagle, maxClients, stuck }
    .WithAction(async (args, cancel) =>
    {
        var options = new EchoServerOptions(Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort)))
        {
            Backlog = args.GetValue(backlog),
            ChunkSize = args.GetValue(chunkSize),
            NoDelay = !args.GetValue(nagle),
            MaxClients = args.GetValue(maxClients),
            Timeout = TimeSpan.FromSeconds(args.GetValue(stuck)),
        };
        var log = new Log(Console.Out, "server");
        // The server blocks; give it a thread so this one can notice Ctrl+C and stop it.
        await Task.Factory.StartNew(() => new EchoServer(options, log).Run(_ => { }, cancel), TaskCreationOptions.LongRunning);
        return ExitCodes.Success;
    });

var messages = new Argument<string[]>("message") { Description = "Messages to send; with none, each line of standard input is one", Arity = ArgumentArity.ZeroOrMore };
Option<int> port = CommonOptions.Port(5001);
var timeout = Ranged.Above("--timeout", "Give up connecting or waiting for a reply after this many seconds", 5.0, 0, 3600);
var client = new Command("client", "Send messages to the echo server and print what comes back") { messages, host, port, timeout }
    .WithAction(async (args, cancel) =>
    {
        IPEndPoint endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
        string[] given = args.GetValue(messages) ?? [];
        IEnumerable<string> lines = given.Length > 0 ? given : ReadLines(Console.In);
        var echo = new EchoClient(endPoint, TimeSpan.FromSeconds(args.GetValue(timeout)), new Log(Console.Out, "client"));
        await echo.RunAsync(lines, cancel);
        return ExitCodes.Success;
    });

var demo = new Command("demo", "Run a server and a client together for a short scripted conversation")
    .WithAction(async (_, cancel) =>
    {
        await Demo.RunAsync(Console.Out, cancel);
        return ExitCodes.Success;
    });

var seconds = CommonOptions.Seconds(1, "Seconds to measure each case");
var allCores = new Option<bool>("--all-cores") { Description = "Do not pin the benchmark to one CPU core (noisier figures)" };
Option<string?> chart = ChartOption.Create();
var bench = new Command("bench", "Measure round trips per second and latency against the loopback floor") { seconds, allCores, chart }
    .WithAction((args, cancel) =>
    {
        Bench.Run(TimeSpan.FromSeconds(args.GetValue(seconds)), !args.GetValue(allCores), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
        return Task.FromResult(ExitCodes.Success);
    });

return CourseApp.Run("chapters/01-echo", "Chapter 01: a blocking TCP echo server and client", args, server, client, demo, bench);

static IEnumerable<string> ReadLines(TextReader reader)
{
    while (reader.ReadLine() is { } line) yield return line;
}
