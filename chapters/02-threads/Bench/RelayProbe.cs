using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dots;

/// <summary>
/// N connections to one server: the first moves about every 10 ms, the others time how long each
/// move takes to come back to them as <c>playerMoved</c> (the relay latency), and count lines lost or
/// malformed. All timestamps come from one Stopwatch in one process, so they compare directly.
/// </summary>
public sealed class RelayProbe : IDisposable
{
    private static readonly TimeSpan MoveEvery = TimeSpan.FromMilliseconds(10);

    private readonly List<Socket> _sockets = [];
    private readonly List<Listener> _listeners = [];

    public RelayProbe(IPEndPoint server, int clients, bool expectGreeting)
    {
        for (int i = 0; i < clients; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(server);
            if (expectGreeting) socket.Send(Encoding.ASCII.GetBytes(Messages.Join + "\n")); // the dots server's handshake
            _sockets.Add(socket);
        }
        for (int i = 0; i < clients; i++) _listeners.Add(new Listener(_sockets[i], i == 0 ? null : clients, expectGreeting));
    }

    /// <summary>Waits until every listener knows all <c>clients</c> players (the greetings are over).</summary>
    public void WaitUntilEveryoneJoined(TimeSpan timeout)
    {
        if (!Task.WaitAll([.. _listeners.Skip(1).Select(l => l.Ready)], timeout))
            throw new TimeoutException("not every client was greeted in time");
    }

    /// <summary>Moves for <paramref name="duration"/>; returns the latencies (µs), lines lost and malformed lines.</summary>
    public (List<double> Microseconds, long Lost, long Malformed) Measure(int moverId, TimeSpan duration, CancellationToken cancel)
    {
        foreach (Listener l in _listeners) l.Watch(moverId);
        var sent = new List<long>();
        var clock = Stopwatch.StartNew();
        byte[] right = Encoding.ASCII.GetBytes("move 1 0\n"), left = Encoding.ASCII.GetBytes("move -1 0\n");
        while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
        {
            sent.Add(Stopwatch.GetTimestamp());
            _sockets[0].Send(sent.Count % 2 == 0 ? left : right); // back and forth: never stopped by an edge
            Thread.Sleep(MoveEvery);
        }
        Thread.Sleep(500); // let the last moves arrive

        var microseconds = new List<double>();
        long lost = 0, malformed = 0;
        foreach (Listener listener in _listeners.Skip(1))
        {
            long[] received = listener.Arrivals();
            lost += Math.Max(0, sent.Count - received.Length);
            malformed += listener.Malformed;
            for (int k = 0; k < Math.Min(sent.Count, received.Length); k++)
                microseconds.Add((received[k] - sent[k]) * 1_000_000.0 / Stopwatch.Frequency);
        }
        microseconds.Sort();
        return (microseconds, lost, malformed);
    }

    public void Dispose()
    {
        foreach (Socket socket in _sockets) socket.Dispose();
    }

    /// <summary>Reads one connection's lines asynchronously (cheap for hundreds) and stamps the mover's moves.</summary>
    private sealed class Listener
    {
        private readonly List<long> _arrivals = [];
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile int _moverId = -1;
        private readonly HashSet<int> _known = [];

        public Listener(Socket socket, int? playersToKnow, bool expectGreeting)
        {
            if (playersToKnow is null || !expectGreeting) _ready.TrySetResult();
            _ = ReadAsync(socket, playersToKnow ?? 0, expectGreeting);
        }

        public Task Ready => _ready.Task;
        public long Malformed { get; private set; }

        public void Watch(int moverId) => _moverId = moverId;

        public long[] Arrivals()
        {
            lock (_arrivals) return [.. _arrivals];
        }

        private async Task ReadAsync(Socket socket, int playersToKnow, bool expectGreeting)
        {
            using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
            try
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    long now = Stopwatch.GetTimestamp();
                    if (!expectGreeting)
                    {
                        // The floor forwarder relays the raw move lines.
                        if (line.StartsWith("move ")) lock (_arrivals) _arrivals.Add(now);
                        continue;
                    }
                    if (!Messages.TryParse(line, out string command, out int[] n)) { Malformed++; continue; }
                    switch (command, n.Length)
                    {
                        case ("playerMoved", 3):
                            if (n[0] == _moverId) lock (_arrivals) _arrivals.Add(now);
                            break;
                        case ("newPlayer", 3):
                            _known.Add(n[0]);
                            if (_known.Count >= playersToKnow) _ready.TrySetResult();
                            break;
                        case ("myIDis", 1) or ("playerLeft", 1):
                            break;
                        default:
                            Malformed++;
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The benchmark closed the socket.
            }
        }
    }
}
