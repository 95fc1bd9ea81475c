using System.Diagnostics;
using System.Net;
using Course.Bench;
using Course.Cli;

namespace Chat;

/// <summary>
/// N bench clients connected to one server (ours, chapter 02's design, or the floor), of which the first
/// few talk: every talker says a line four times a second, on one shared schedule, so that the room hears
/// 100 lines a second in all and no talker exceeds the server's flood control (5 lines a second).
/// </summary>
internal sealed class Crowd : IAsyncDisposable
{
    public const int MaxTalkers = 25;
    public const double LinesPerSecondPerTalker = 4;
    // Lines of 200 bytes, so a client that never reads fills its socket buffers within seconds.
    private const int Padding = 180;
    private static readonly string Pad = new('x', Padding);

    private readonly List<BenchClient> _clients;
    private readonly int _talkers;

    private Crowd(string name, List<BenchClient> clients)
    {
        Name = name;
        _clients = clients;
        _talkers = Math.Min(MaxTalkers, clients.Count);
    }

    public string Name { get; }
    public int Count => _clients.Count;
    public double LinesPerSecond => _talkers * LinesPerSecondPerTalker;

    public static async Task<Crowd> ConnectAsync(string name, IPEndPoint server, int n, bool welcome, CancellationToken cancel)
    {
        var clients = new List<BenchClient>(n);
        // A hundred at a time: a thousand connections at once would overflow the listen backlog.
        for (int i = 0; i < n; i += 100)
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, n - i)).Select(_ => BenchClient.ConnectAsync(server, welcome, cancel))));
        return new Crowd(name, clients);
    }

    /// <summary>Adds a client that connects and never reads (the slow reader), for the rest of the crowd's life.</summary>
    public async Task AddSleeperAsync(IPEndPoint server, bool welcome, CancellationToken cancel) =>
        _sleepers.Add(await BenchClient.ConnectAsync(server, welcome, cancel, neverRead: true));

    private readonly List<BenchClient> _sleepers = [];

    /// <summary>
    /// The talkers talk for <paramref name="duration"/>; every line's lateness at every other client is
    /// recorded into <paramref name="latency"/> (in ms, from when the line was due). Returns lines sent and
    /// the share of (line, client) pairs that arrived.
    /// </summary>
    public async Task<(int Sent, double Delivered)> TalkAsync(TimeSpan duration, Latency latency, CancellationToken cancel)
    {
        foreach (BenchClient c in _clients) c.StartRound();
        var pacer = new Pacer(TimeSpan.FromSeconds(1 / LinesPerSecond));
        int sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
        {
            long due = await pacer.WaitNextAsync(cancel);
            // Handed over, never awaited: a talker whose server stopped reading must not hold up the others.
            _clients[sent % _talkers].Say($"t={due} {Pad}");
            sent++;
        }
        // Let the last lines arrive (or not: a stalled server never delivers them).
        long expected = (long)sent * (_clients.Count - 1);
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(3) && _clients.Sum(c => (long)c.Received) < expected) await Task.Delay(20, cancel);

        long arrived = 0;
        foreach (BenchClient c in _clients)
        {
            long[] late = c.EndRound();
            arrived += late.Length;
            foreach (long ticks in late) latency.Record(ticks * 1000.0 / Stopwatch.Frequency);
        }
        return (sent, expected == 0 ? 0 : 100.0 * arrived / expected);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (BenchClient c in _clients.Concat(_sleepers)) await c.DisposeAsync();
    }
}
