using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Course.Cli;

namespace Chat;

/// <summary>The <c>server</c> verb: the chat server (or, with --design threads, chapter 02's design for comparison).</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        Option<string> host = CommonOptions.Host();
        Option<int> listenPort = CommonOptions.ListenPort(5004);
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

        return new Command("server", "Run the chat server") { host, listenPort, tls, cert, certPassword, maxClients, maxLine, outbox, rate, burst, idle, sendBuffer, quiet, design }
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
    }
}
