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
var example = new Option<string?>("--example") { Description = $"Print a built-in example: {string.Join(", ", Examples.Names)}" };
var hex = new Option<string?>("--hex") { Description = "The stream as hex digits, e.g. \"80 01 49 54 2e\"" };
example.AcceptOnlyFromAmong([.. Examples.Names]);
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

var cases = new Option<long>("--cases") { Description = "How many damaged streams to try", DefaultValueFactory = _ => 1_000_000 };
var seed = new Option<int>("--seed") { Description = "Seed of the random generator (same seed, same cases)", DefaultValueFactory = _ => 1 };
cases.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--cases must be at least 1."); });
var fuzz = new Command("fuzz", "Feed random and damaged streams to every reader; fail on any exception but PickleFormatException") { cases, seed }
    .WithAction((args, _) => Task.FromResult(Fuzz.Run(args.GetValue(cases), args.GetValue(seed), Console.Out)));

var seconds = CommonOptions.Seconds(3, "Seconds to measure each format's encoding, and again its decoding, after the warm-up");
Option<string?> chart = Course.Charts.ChartOption.Create();
var bench = new Command("bench", "Size and speed on a game snapshot: this format vs MessagePack vs System.Text.Json") { seconds, chart }
    .WithAction((args, cancel) =>
    {
        Serializer.Bench.Bench.Run(TimeSpan.FromSeconds(args.GetValue(seconds)), Environment.GetCommandLineArgs()[1..],
            Console.Out, args.GetValue(chart), cancel);
        return Task.FromResult(ExitCodes.Success);
    });

Option<string> host = CommonOptions.Host();
Option<int> port = CommonOptions.Port(5003);
var server = new Command("server", "Load pickled messages from TCP clients; refuse bad ones without stopping") { host, port }
    .WithAction(async (args, cancel) =>
    {
        var endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
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

var send = new Option<string>("--example") { Description = $"Which example stream to send: {string.Join(", ", Examples.Names)}", DefaultValueFactory = _ => "shared" };
send.AcceptOnlyFromAmong([.. Examples.Names]);
var timeout = new Option<double>("--timeout") { Description = "Give up after this many seconds", DefaultValueFactory = _ => 5 };
timeout.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() is > 0 and <= 3600)) r.AddError("--timeout must be more than 0 and at most 3600 seconds."); });
var client = new Command("client", "Send one example stream to the server and print its answer") { send, host, port, timeout }
    .WithAction(async (args, _) =>
    {
        await RoomClient.RunAsync(Endpoints.Parse(args.GetValue(host)!, args.GetValue(port)), args.GetValue(send)!,
            new Log(Console.Out, "client"), TimeSpan.FromSeconds(args.GetValue(timeout)));
        return ExitCodes.Success;
    });

return CourseApp.Run("03-serializer", "Chapter 03: a pickle-like serializer that is safe by construction", args, dis, server, client, fuzz, bench);
