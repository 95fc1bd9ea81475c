using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Chat;

/// <summary>
/// The picture of time on chapter 04's page: a client that never reads, its outbox filling line by line
/// while the others chat on, and the moment the server gives up on it. The real server runs with a small
/// outbox (16 lines) and small socket buffers, so the story takes a fraction of a second; three plain
/// clients play the sender, a reader and the sleeper, and the outbox's length is read from the server's
/// own session after every line.
/// </summary>
public static class Timeline
{
    private const int Outbox = 16;
    private const string OutboxLane = "the sleeper's outbox";

    /// <summary>The hidden <c>trace</c> verb: writes the trace the page's figure is drawn from (.ci/trace).</summary>
    public static Command Create() =>
        new Command("trace", "Record a sleeper's outbox filling up, for the timeline on the chapter's page") { Hidden = true }
            .WithAction(async (_, cancel) =>
            {
                Console.Out.Write(await RecordAsync(cancel));
                return ExitCodes.Success;
            });

    public static async Task<string> RecordAsync(CancellationToken cancel)
    {
        var trace = new TimeTrace($"A client that never reads: its outbox fills ({Outbox} lines here) and it is disconnected")
            .Lanes("sender", "reader", OutboxLane);
        var options = new ChatServerOptions(new IPEndPoint(IPAddress.Loopback, 0))
        {
            OutboxCapacity = Outbox, SendBufferBytes = 4096, MessagesPerSecond = 100_000, Burst = 100_000,
        };
        var server = new ChatServer(options, Log.Null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var listening = new TaskCompletionSource<IPEndPoint>();
        Task running = server.RunAsync(listening.SetResult, stop.Token);
        try
        {
            IPEndPoint endPoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel);
            using Socket sender = Connect(endPoint), reader = Connect(endPoint), sleeper = Connect(endPoint, receiveBuffer: 4096);
            using var lines = new StreamReader(new NetworkStream(reader), Encoding.UTF8);
            await Until(lines, line => line == "* guest3 joined", cancel);

            string pad = new('x', 900);
            // One line first, unrecorded: it runs the code the JIT compiles on the way.
            sender.Send(Encoding.UTF8.GetBytes($"warm-up {pad}\n"));
            await Until(lines, line => line.StartsWith("<guest1> warm-up ", StringComparison.Ordinal), cancel);
            trace.Clear();
            bool gone = false;
            for (int n = 1, after = 0; after < 5; n++)
            {
                if (n > 1000) throw new InvalidOperationException("the sleeper was never disconnected");
                trace.Mark("sender", "sends a line");
                sender.Send(Encoding.UTF8.GetBytes($"{n:D4} {pad}\n"));
                await Until(lines, line =>
                {
                    if (line.StartsWith("* guest3 left", StringComparison.Ordinal)) trace.Mark("reader", $"reads: {line[2..]}");
                    return line.StartsWith($"<guest1> {n:D4} ", StringComparison.Ordinal);
                }, cancel);
                trace.Mark("reader", "reads it");
                if (server.Room.Members.FirstOrDefault(m => m.Nick == "guest3") is { } session)
                {
                    trace.Level(OutboxLane, session.Waiting, "lines waiting");
                }
                else if (!gone)
                {
                    gone = true;
                    trace.Mark(OutboxLane, "gone, with its client");
                }
                if (gone) after++;
                Thread.Sleep(2); // a brisk chat, not a flood: the figure spreads over a few hundred milliseconds
            }
        }
        finally
        {
            stop.Cancel();
            await running.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
        return trace.Write();
    }

    private static Socket Connect(IPEndPoint server, int receiveBuffer = 0)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBuffer > 0) socket.ReceiveBufferSize = receiveBuffer; // before connecting: it sets the window
        socket.Connect(server);
        return socket;
    }

    private static async Task Until(StreamReader lines, Func<string, bool> wanted, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (await lines.ReadLineAsync(deadline.Token) is { } line)
            if (wanted(line)) return;
        throw new IOException("the server closed the reader's connection");
    }
}
