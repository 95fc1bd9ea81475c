using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Netcode.Wire;

namespace Chase;

/// <summary>
/// The picture of time on chapter 07's page: packages both ways across a lost one, and what the acks say
/// about it. Each side numbers its packages and keeps the library's <see cref="AckWindow"/> of what it
/// received; every package starts with the library's <see cref="PackageHeader"/> (sequence, the newest
/// sequence received, the 32-bit field for the 32 before it) and goes through a real UDP socket on
/// loopback. The link is this script: a package spends 60 ms on the way, and the client's package 3
/// never arrives. Each side sends every 200 ms, the server half a period after the client, so the order
/// of events is the script's and the figure is the same on every run; only the times wobble.
/// </summary>
internal static class Timeline
{
    private const int Packages = 6;
    private const int Lost = 3;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(60);

    /// <summary>The hidden <c>trace</c> verb: writes the trace the page's figure is drawn from (.ci/trace).</summary>
    public static Command Create() =>
        new Command("trace", "Record packages both ways across a lost one, for the timeline on the chapter's page") { Hidden = true }
            .WithAction(async (_, cancel) =>
            {
                Console.Out.Write(await RecordAsync(cancel));
                return ExitCodes.Success;
            });

    public static async Task<string> RecordAsync(CancellationToken cancel)
    {
        // Twice: the first run compiles the code on the way (the JIT), which would stretch its first steps.
        await RunAsync(new TimeTrace("warm-up"), cancel);
        var trace = new TimeTrace($"Packages both ways, {OneWay.TotalMilliseconds:0} ms on the way; the client's package {Lost} is lost")
            .Lanes("client", "server");
        await RunAsync(trace, cancel);
        return trace.Write();
    }

    private static async Task RunAsync(TimeTrace trace, CancellationToken cancel)
    {
        // The figure's labels, two to a package so they fit: the server's say what its header carries (the
        // ack, then the field's first bits, ack−1 first), the client's which of its packages that acknowledges.
        using var client = new Side("client", reportsAcks: true);
        using var server = new Side("server", reportsAcks: false);
        long start = TimeProvider.System.GetTimestamp();
        for (int n = 1; n <= Packages; n++)
        {
            await UntilAsync(start, Period * (n - 1), cancel);
            await client.SendAsync(server, trace, lose: n == Lost, cancel);
            await UntilAsync(start, Period * (n - 1) + Period / 2, cancel);
            await server.SendAsync(client, trace, lose: false, cancel);
        }
    }

    private static async Task UntilAsync(long start, TimeSpan due, CancellationToken cancel)
    {
        TimeSpan wait = due - TimeProvider.System.GetElapsedTime(start);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel);
    }

    /// <summary>One end of the link: a socket, its sequence numbers, its ack window, and what it sent.</summary>
    private sealed class Side(string lane, bool reportsAcks) : IDisposable
    {
        private readonly Socket _socket = Bound();
        private readonly AckWindow _received = new();
        private readonly SortedSet<ushort> _unacked = [];
        private Sqn _sequence;

        private IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

        public async Task SendAsync(Side peer, TimeTrace trace, bool lose, CancellationToken cancel)
        {
            _sequence = _sequence.Next();
            var header = new PackageHeader(_sequence, _received.Newest, _received.Bits);
            _unacked.Add(_sequence.Value);
            trace.Send(lane, $"{lane} {_sequence}", lose ? $"#{_sequence} lost" : reportsAcks ? "" : Describe(header));
            await Task.Delay(OneWay, cancel);
            if (lose) return; // the link drops it: nothing reaches the peer, and nobody is told
            byte[] datagram = new byte[PackageHeader.Size];
            header.WriteTo(datagram);
            await _socket.SendToAsync(datagram, SocketFlags.None, peer.EndPoint, cancel);
            await peer.ReceiveAsync(trace, $"{lane} {_sequence}", cancel);
        }

        private async Task ReceiveAsync(TimeTrace trace, string link, CancellationToken cancel)
        {
            byte[] buffer = new byte[64];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            SocketReceiveFromResult got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, 0), timeout.Token);
            PackageHeader header = PackageHeader.Read(buffer.AsSpan(0, got.ReceivedBytes));
            _received.Record(header.Sequence);
            trace.Receive(lane, link, reportsAcks ? Acknowledged(header) : "");
        }

        /// <summary>What an arriving header says about the packages this side sent: newly acked, and still missing.</summary>
        private string Acknowledged(PackageHeader header)
        {
            var acked = _unacked.Where(s => header.Acknowledges(new Sqn(s))).ToList();
            // Covered by the field (older than the ack, within 32) but its bit is 0: not arrived, as far as the peer knows.
            var missing = _unacked.Where(s => !acked.Contains(s) && header.Ack.DistanceFrom(new Sqn(s)) is > 0 and <= 32).ToList();
            _unacked.ExceptWith(acked);
            string news = acked.Count == 0 ? "no news" : $"acks #{string.Join(", #", acked)}";
            return missing.Count == 0 ? news : $"{news}, not #{string.Join(", #", missing)}";
        }

        /// <summary>"ack 4: 011": the ack, and the field's first bits (ack−1 first), as far as they stand for packages sent.</summary>
        private static string Describe(PackageHeader header)
        {
            if (header.Ack.IsNone) return "ack none";
            int meaningful = Math.Min(header.Ack.Value - 1, 5);
            string bits = string.Concat(Enumerable.Range(1, meaningful).Select(offset => (header.AckBits >> (32 - offset) & 1) == 1 ? '1' : '0'));
            return meaningful == 0 ? $"ack {header.Ack}" : $"ack {header.Ack}: {bits}";
        }

        private static Socket Bound()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }

        public void Dispose() => _socket.Dispose();
    }
}
