using System.CommandLine;
using Course.Cli;
using Pickling;
using Serializer;
using Serializer.Fuzzing;
using Serializer.Network;

// Chapter 03: a pickle-like serializer that only builds allow-listed types. Layout:
//   Pickle/                 the library (Pickle.Dumps, Pickle.Loads, PickleStream, TypeRegistry, dis)
//   GameTypes.cs            the example record types and their allow-list
//   Examples.cs             the streams that dis --example prints, including a hostile one
//   Input.cs                where dis gets its bytes: a file, standard input, or hex digits
//   Fuzzing/                random graphs, ways to damage a stream, and the fuzz verb
//   Bench/                  a game snapshot against MessagePack and System.Text.Json
//   Network/                a server that loads pickled messages from TCP clients, and a client

var file = new Argument<string?>("file") { Description = "A file holding one stream ('-' for standard input)", Arity = ArgumentArity.ZeroOrOne };
var example = Choice.Optional("--example", "Print a built-in example", [.. Examples.Names]);
var hex = new Option<string?>("--hex") { Description = "The stream as hex digits, e.g. \"80 01 49 54 2e\"" };
var dis = new Command("dis", "List a stream's opcodes with their offsets and arguments, like Python's pickletools.dis") { file, example, hex }
    .WithAction((args, _) =>
    {
        if (args.GetValue(example) is { } name && args.GetValue(file) is null && args.GetValue(hex) is null)
        {
            // An example also shows what the reader makes of it: the attack ends with the allow-list's refusal.
            Console.Write(Examples.Listing(name));
            return Task.FromResult(ExitCodes.Success);
        }
        byte[] bytes = Input.Read(args.GetValue(file), args.GetValue(example), args.GetValue(hex));
        try
        {
            Disassembler.Write(bytes, Console.Out);
        }
        catch (PickleFormatException e)
        {
            throw new UserError(e.Message);
        }
        return Task.FromResult(ExitCodes.Success);
    });

var cases = Ranged.Between("--cases", "How many damaged streams to try", 1_000_000L, 1, 1_000_000_000_000);
var seed = Ranged.Between("--seed", "Seed of the random generator (same seed, same cases)", 1, 0, int.MaxValue);
var fuzz = new Command("fuzz", "Feed random and damaged streams to every reader; fail on any exception but PickleFormatException") { cases, seed }
    .WithAction((args, _) => Task.FromResult(Fuzz.Run(args.GetValue(cases), args.GetValue(seed), Console.Out, Progress.ToStandardError("fuzz"))));

var seconds = CommonOptions.Seconds(3, "Seconds to measure each format's encoding, and again its decoding, after the warm-up");
Option<string?> chart = ChartOption.Create();
var bench = new Command("bench", "Size and speed on a game snapshot: this format vs MessagePack vs System.Text.Json") { seconds, chart }
    .WithAction((args, cancel) =>
    {
        Serializer.Bench.Bench.Run(TimeSpan.FromSeconds(args.GetValue(seconds)), Environment.GetCommandLineArgs()[1..],
            Console.Out, args.GetValue(chart), cancel);
        return Task.FromResult(ExitCodes.Success);
    });

Option<string> host = CommonOptions.Host();
Option<int> listenPort = CommonOptions.ListenPort(5003);
var server = new Command("server", "Load pickled messages from TCP clients; refuse bad ones without stopping") { host, listenPort }
    .WithAction(async (args, cancel) =>
    {
        var endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort));
        try
        {
            await new RoomServer(endPoint, new Log(Console.Out, "server")).RunAsync(_ => { }, cancel);
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            throw new UserError($"port {endPoint.Port} is in use: stop the other program or pass --port");
        }
        return ExitCodes.Success;
    });

Option<int> port = CommonOptions.Port(5003);
var send = Choice.Of("--example", "Which example stream to send", "shared", [.. Examples.Names]);
var timeout = Ranged.Above("--timeout", "Give up after this many seconds", 5.0, 0, 3600);
var client = new Command("client", "Send one example stream to the server and print its answer") { send, host, port, timeout }
    .WithAction(async (args, _) =>
    {
        await RoomClient.RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), args.GetValue(send)!,
            new Log(Console.Out, "client"), TimeSpan.FromSeconds(args.GetValue(timeout)));
        return ExitCodes.Success;
    });

return CourseApp.Run("chapters/03-serializer", "Chapter 03: a pickle-like serializer that is safe by construction", args, dis, server, client, fuzz, bench);
