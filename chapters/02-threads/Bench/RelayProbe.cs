using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Bench;

namespace Dots;

/// <summary>
/// N connections to one relay (the dots server, or the floor): the first moves every 10 ms on a fixed
/// schedule, the others note when each move reaches them (as <c>playerMoved</c> from the dots server, as
/// the raw <c>move</c> line from the floor). A move's relay latency is its arrival minus the moment it was
/// DUE (<see cref="Pacer"/>), so a mover held up by a busy machine cannot hide the delay. All timestamps
/// come from one clock in one process, so they compare directly. Lines lost or malformed are counted.
/// </summary>
public sealed class RelayProbe : IDisposable
{
    private static readonly TimeSpan MoveEvery = TimeSpan.FromMilliseconds(10);
    private static readonly byte[] Right = Encoding.ASCII.GetBytes("move 1 0\n"), Left = Encoding.ASCII.GetBytes("move -1 0\n");

    private readonly List<Socket> _sockets = [];
    private readonly List<Listener> _listeners = [];
    private readonly Pacer _pacer = new(MoveEvery);
    private readonly bool _dots;
    private int _moverId = -1;
    private long _moves;

    /// <param name="dots">True for the dots server (say <c>join</c>, learn the mover's id); false for the floor.</param>
    public RelayProbe(string name, IPEndPoint relay, int players, bool dots)
    {
        Name = name;
        _dots = dots;
        for (int i = 0; i < players; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(relay);
            if (dots) socket.Send(Encoding.ASCII.GetBytes(Messages.Join + "\n")); // the dots server's handshake
            _sockets.Add(socket);
        }
        for (int i = 0; i < players; i++) _listeners.Add(new Listener(_sockets[i], i == 0 ? 0 : players, dots));
    }

    public string Name { get; }

    /// <summary>Waits until every listener knows all the players (the greetings are over) and the mover its id.</summary>
    public void WaitUntilEveryoneJoined(TimeSpan timeout)
    {
        if (!Task.WaitAll([.. _listeners.Select(l => l.Ready)], timeout))
            throw new TimeoutException($"{Name}: not every player was greeted within {timeout.TotalSeconds:0} s");
        _moverId = _dots ? _listeners[0].OwnId : 0;
    }

    /// <summary>Moves for <paramref name="duration"/> and records every relay latency (ms) into <paramref name="latency"/>.</summary>
    public (long Lost, long Malformed) Measure(TimeSpan duration, Latency latency, CancellationToken cancel)
    {
        foreach (Listener l in _listeners.Skip(1)) l.StartRound(_moverId);
        var due = new List<long>();
        _pacer.Restart();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
        {
            due.Add(_pacer.WaitNext(cancel));
            _sockets[0].Send(_moves++ % 2 == 0 ? Right : Left); // back and forth: never stopped by an edge
        }
        // Let the last moves arrive (a second at most: a move later than that is counted lost).
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < TimeSpan.FromSeconds(1) && _listeners.Skip(1).Any(l => l.Count < due.Count)) Thread.Sleep(2);

        long lost = 0, malformed = 0;
        foreach (Listener listener in _listeners.Skip(1))
        {
            long[] arrived = listener.EndRound();
            lost += Math.Max(0, due.Count - arrived.Length);
            malformed += listener.Malformed;
            for (int k = 0; k < Math.Min(due.Count, arrived.Length); k++) latency.Record(Pacer.Milliseconds(due[k], arrived[k]));
        }
        return (lost, malformed);
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
        private readonly HashSet<int> _known = [];
        private volatile int _moverId = -1;
        private volatile bool _recording;

        public Listener(Socket socket, int playersToKnow, bool dots)
        {
            if (!dots) _ready.TrySetResult(); // the floor has no greeting
            _ = ReadAsync(socket, playersToKnow, dots);
        }

        public Task Ready => _ready.Task;
        public int OwnId { get; private set; }
        public long Malformed { get; private set; }

        public int Count
        {
            get { lock (_arrivals) return _arrivals.Count; }
        }

        public void StartRound(int moverId)
        {
            lock (_arrivals) _arrivals.Clear();
            Malformed = 0;
            _moverId = moverId;
            _recording = true;
        }

        public long[] EndRound()
        {
            _recording = false;
            lock (_arrivals) return [.. _arrivals];
        }

        private void Arrived(long now)
        {
            if (_recording) lock (_arrivals) _arrivals.Add(now);
        }

        private async Task ReadAsync(Socket socket, int playersToKnow, bool dots)
        {
            using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
            try
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    long now = Stopwatch.GetTimestamp();
                    if (!dots)
                    {
                        if (line.StartsWith("move ", StringComparison.Ordinal)) Arrived(now);
                        continue;
                    }
                    if (!Messages.TryParse(line, out string command, out int[] n)) { Malformed++; continue; }
                    switch (command, n.Length)
                    {
                        case ("playerMoved", 3):
                            if (n[0] == _moverId) Arrived(now);
                            break;
                        case ("myIDis", 1):
                            OwnId = n[0];
                            if (playersToKnow == 0) _ready.TrySetResult(); // the mover only needs its id
                            break;
                        case ("newPlayer", 3):
                            _known.Add(n[0]);
                            if (playersToKnow > 0 && _known.Count >= playersToKnow) _ready.TrySetResult();
                            break;
                        case ("playerLeft", 1):
                            break;
                        default:
                            Malformed++;
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The bench closed the socket.
            }
        }
    }
}
