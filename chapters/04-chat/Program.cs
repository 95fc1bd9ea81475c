using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Course.Cli;
using Chat;

// Chapter 04: a broadcast chat on async sockets and channels. Layout:
//   ChatServer.cs         the async accept loop; TLS handshake; goodbye on Ctrl+C
//   ChatSession.cs        one client: a reader task and a writer task joined by its outbox
//   Outbox.cs             the bounded channel of lines waiting for one client
//   Room.cs               nicknames, joins and leaves, and the broadcast that never waits
//   ChatCommands.cs       /nick /who /me /msg /quit /help
//   LineReader.cs         lines out of a byte stream, with a length limit and strict UTF-8
//   FloodGate.cs          flood control: a token bucket per client
//   Nickname.cs           what a nickname may look like
//   Tls/Certificates.cs   a self-signed certificate and its fingerprint
//   ChatConnection.cs     the client side of a connection (plain or TLS)
//   ChatClient.cs         the console client: a receive loop and a typing loop at once
//   ScriptedClient.cs     a client driven by a program; Demo.cs and Bot.cs use it
//   Bench/                fan-out latency, memory per client, a slow reader, against thread-per-client

Option<string> host = CommonOptions.Host();
Option<int> listenPort = CommonOptions.ListenPort(5004);
Option<int> port = CommonOptions.Port(5004);
var tls = new Option<bool>("--tls") { Description = "Speak TLS (server: with a fresh self-signed certificate unless --cert is given)" };

var cert = new Option<string?>("--cert") { Description = "Server: a PKCS#12 (.pfx) certificate file to use for --tls" };
var certPassword = new Option<string?>("--cert-password") { Description = "Server: the password of the --cert file" };
var maxClients = Ranged.Between("--max-clients", "Clients connected at most", 10_000, 1, 1_000_000);
var maxLine = Ranged.Between("--max-line", "Longest line a client may send, in bytes", 1024, 1, 1024 * 1024);
var outbox = Ranged.Between("--outbox", "Lines queued for one client before it counts as too slow", 256, 1, 1_000_000);
var rate = Ranged.Above("--rate", "Lines per second a client may send (flood control)", 5.0, 0, 1_000_000);
var burst = Ranged.Between("--burst", "Lines a client may send at once before flood control applies", 10, 1, 1_000_000);
var sendBuffer = Ranged.Between("--send-buffer", "Kernel send buffer per client socket in bytes", 0, 1, 64 * 1024 * 1024, zero: "the system's choice");
var idle = Ranged.Above("--idle-timeout", "Close a client that sends no line for this many seconds", 300.0, 0, CommonOptions.Day, zero: "never");
var quiet = new Option<bool>("--quiet") { Description = "No join and leave notices (for very big rooms), and no log line per client" };
var design = Choice.Of("--design", "async (this chapter) or threads (chapter 02's thread per client, for comparison)", "async", "async", "threads");

var server = new Command("server", "Run the chat server") { host, listenPort, tls, cert, certPassword, maxClients, maxLine, outbox, rate, burst, idle, sendBuffer, quiet, design }
    .WithAction(async (args, cancel) =>
    {
        IPEndPoint endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(listenPort));
        var log = new Log(Console.Out, "server");
        if (args.GetValue(design) == "threads")
        {
            await Task.Factory.StartNew(() => new ThreadedChatServer(endPoint, args.GetValue(sendBuffer), log).Run(_ => { }, cancel), TaskCreationOptions.LongRunning);
            return ExitCodes.Success;
        }
        X509Certificate2? certificate = null;
        if (args.GetValue(cert) is { } path) certificate = Certificates.Load(path, args.GetValue(certPassword));
        else if (args.GetValue(tls)) certificate = Certificates.CreateSelfSigned();
        if (certificate is not null) log.Line($"TLS certificate SHA-256 fingerprint {Certificates.Fingerprint(certificate)}");

        var options = new ChatServerOptions(endPoint)
        {
            Certificate = certificate,
            MaxClients = args.GetValue(maxClients),
            MaxLineBytes = args.GetValue(maxLine),
            OutboxCapacity = args.GetValue(outbox),
            MessagesPerSecond = args.GetValue(rate),
            Burst = args.GetValue(burst),
            IdleTimeout = TimeSpan.FromSeconds(args.GetValue(idle)),
            Announce = !args.GetValue(quiet),
            SendBufferBytes = args.GetValue(sendBuffer),
        };
        // Ctrl+C cancels the token; RunAsync then says goodbye to everyone before it returns.
        await new ChatServer(options, log).RunAsync(_ => { }, cancel);
        return ExitCodes.Success;
    });

var fingerprint = new Option<string?>("--fingerprint") { Description = "With --tls: the server's certificate fingerprint, as the server printed it" };
var insecure = new Option<bool>("--insecure") { Description = "With --tls: accept any certificate (encrypted, but you cannot know who you talk to)" };
var timeout = Ranged.Above("--timeout", "Give up connecting, or waiting for the welcome, after this many seconds", 5.0, 0, 3600);
var client = new Command("client", "Chat from this terminal: incoming lines appear while you type") { host, port, tls, fingerprint, insecure, timeout, maxLine }
    .WithAction(async (args, cancel) =>
    {
        await using ChatConnection connection = await Connect(args, cancel);
        return await new ChatClient(connection, Console.Out).RunAsync(Console.In, cancel);
    });

var nick = new Option<string>("--nick") { Description = "The bot's nickname", DefaultValueFactory = _ => "chatbot" };
var every = Ranged.Between("--every", "Seconds between the bot's lines", 3.0, 0.05, 3600);
var seed = Ranged.Between("--seed", "Seed for the bot's choice of lines", 4, 0, int.MaxValue);
var botSeconds = CommonOptions.Seconds(60, "How long the bot stays");
var bot = new Command("bot", "A bot that chats now and then and answers private messages") { host, port, tls, fingerprint, insecure, timeout, maxLine, nick, every, seed, botSeconds }
    .WithAction(async (args, cancel) =>
    {
        if (Nickname.Problem(args.GetValue(nick)!) is { } problem) throw new UserError($"--nick: {problem}.", ExitCodes.Usage);
        await using ChatConnection connection = await Connect(args, cancel);
        var chatBot = new Bot(connection, args.GetValue(nick)!, TimeSpan.FromSeconds(args.GetValue(every)), args.GetValue(seed), new Log(Console.Out, "bot"));
        await chatBot.RunAsync(TimeSpan.FromSeconds(args.GetValue(botSeconds)), cancel);
        return ExitCodes.Success;
    });

var demo = new Command("demo", "A server and three scripted clients: the whole protocol in one run") { tls }
    .WithAction(async (args, cancel) =>
    {
        bool secure = args.GetValue(tls);
        using X509Certificate2? certificate = secure ? Certificates.CreateSelfSigned() : null;
        TlsChoice? choice = certificate is null ? null : new TlsChoice(Certificates.Fingerprint(certificate), false);
        await Demo.RunAsync(Console.Out, choice, certificate, cancel);
        return ExitCodes.Success;
    });

var clients = Ranged.List("--clients", "Idle clients to connect, one case each", [100, 1000], 1, 100_000);
var benchSeconds = CommonOptions.Seconds(3, "Seconds of sending in each case");
Option<string?> chart = ChartOption.Create();
var bench = new Command("bench", "Fan-out latency, memory per client and a slow reader: async against thread per client") { clients, benchSeconds, chart }
    .WithAction(async (args, cancel) =>
    {
        await Bench.RunAsync(args.GetValue(clients)!, TimeSpan.FromSeconds(args.GetValue(benchSeconds)), Console.Out, Progress.ToStandardError(), args.GetValue(chart), cancel);
        return ExitCodes.Success;
    });

return CourseApp.Run("chapters/04-chat", "Chapter 04: a broadcast chat on async sockets and channels", args, server, client, bot, demo, bench);

async Task<ChatConnection> Connect(ParseResult args, CancellationToken cancel)
{
    IPEndPoint endPoint = Endpoints.Parse(args.GetValue(host)!, args.GetValue(port));
    TlsChoice? choice = args.GetValue(tls) ? new TlsChoice(args.GetValue(fingerprint), args.GetValue(insecure)) : null;
    if (choice is { Fingerprint: null, AcceptAny: false })
        throw new UserError("--tls needs --fingerprint <the server's fingerprint> (or --insecure) for a self-signed server.", ExitCodes.Usage);
    // The same line limit as the server's (plus the prefix the server adds): a server cannot make us hold more.
    return await ChatConnection.ConnectAsync(endPoint, choice, TimeSpan.FromSeconds(args.GetValue(timeout)), cancel, args.GetValue(maxLine));
}
