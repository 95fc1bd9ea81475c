using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Course.Cli;

namespace Echo;

/// <summary>
/// The picture of time on chapter 01's page: one 32-byte round trip against the seed's design (16-byte
/// receives, each echoed with its own send, Nagle on) and against ours, recorded from the real server.
/// The server's own log lines are its events; the client stamps its sends and receives.
/// </summary>
/// <remarks>
/// A few round trips go first, unrecorded: at the start of a connection Linux acknowledges at once
/// ("quick ACK" mode), and the stall this figure is about only appears once it stops doing that.
/// </remarks>
public static partial class Timeline
{
    private const int WarmUpRoundTrips = 5;

    public static string Record(CancellationToken cancel)
    {
        var trace = new TimeTrace("One 32-byte round trip: the seed's 16-byte echo against ours")
            .Panel("seed", "The seed's design: 16-byte receives, each echoed with its own send, Nagle on")
            .Panel("ours", "Ours: one receive for the whole message, one send, TCP_NODELAY");
        var any = new IPEndPoint(IPAddress.Loopback, 0);
        RoundTrip(trace, "seed", new EchoServerOptions(any) { ChunkSize = 16, NoDelay = false, MaxClients = 1 }, cancel);
        RoundTrip(trace, "ours", new EchoServerOptions(any) { MaxClients = 1 }, cancel);
        return trace.Write();
    }

    private static void RoundTrip(TimeTrace trace, string panel, EchoServerOptions options, CancellationToken cancel)
    {
        string clientLane = $"{panel}/client", serverLane = $"{panel}/server";
        var serverLines = new ServerLines(trace, serverLane);
        var listening = new TaskCompletionSource<IPEndPoint>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var server = new Thread(() => new EchoServer(options, new Log(serverLines, "server")).Run(listening.SetResult, stop.Token))
            { IsBackground = true, Name = "echo server" };
        server.Start();
        try
        {
            if (!listening.Task.Wait(TimeSpan.FromSeconds(10), cancel)) throw new TimeoutException("the echo server did not start");
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                { NoDelay = true, ReceiveTimeout = 5000 };
            client.Connect(listening.Task.Result);
            byte[] message = new byte[32], reply = new byte[32];
            for (int i = 0; i < WarmUpRoundTrips; i++)
            {
                SocketIO.SendAll(client, message);
                SocketIO.ReceiveExactly(client, reply);
            }

            serverLines.Recording = true;
            trace.Send(clientLane, $"{panel} request", "sends 32 B");
            SocketIO.SendAll(client, message);
            int received = 0, receives = 0;
            long firstArrival = 0;
            while (received < reply.Length)
            {
                int n = client.Receive(reply, received, reply.Length - received, SocketFlags.None);
                if (n == 0) throw new IOException("the echo server closed the connection mid-reply");
                if (receives++ == 0) firstArrival = System.Diagnostics.Stopwatch.GetTimestamp();
                received += n;
                trace.Receive(clientLane, $"{panel} echo {receives}", $"receives {n} B");
            }
            if (receives > 1) trace.Span(clientLane, firstArrival, "waits for the rest of the echo");
            serverLines.Recording = false;
            client.Shutdown(SocketShutdown.Both);
        }
        finally
        {
            stop.Cancel();
            server.Join(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The server's log, turned into trace events while a round trip is being recorded.</summary>
    private sealed partial class ServerLines(TimeTrace trace, string lane) : StringWriter
    {
        private int _echoes;

        public volatile bool Recording;

        public override void WriteLine(string? value)
        {
            // "received 16 bytes from 127.0.0.1:40000, echoing them", written just before the send. The
            // line is matched even when not recording, so the regex is warm when the recording starts.
            if (value is null || Received().Match(value) is not { Success: true } line || !Recording) return;
            string bytes = line.Groups[1].Value;
            string panel = lane[..lane.IndexOf('/')];
            trace.Receive(lane, $"{panel} request", $"receives {bytes} B");
            trace.Send(lane, $"{panel} echo {++_echoes}", $"sends {bytes} B back");
        }

        [GeneratedRegex(@"received (\d+) bytes from")]
        private static partial Regex Received();
    }
}
