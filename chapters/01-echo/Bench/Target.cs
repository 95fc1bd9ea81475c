using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Course.Bench;

namespace Echo;

/// <summary>The bench's client: one connection to one server, and the round trips measured on it.</summary>
internal sealed class Target : IDisposable
{
    private readonly Socket _socket;
    private byte[] _message = [];
    private byte[] _reply = [];
    private Latency _latency = new();
    private TimeSpan _elapsed;

    private Target(string name, Socket socket)
    {
        Name = name;
        _socket = socket;
    }

    public string Name { get; }

    /// <summary>What one case measured: the round trips (in milliseconds) and how many per second.</summary>
    public sealed record Measured(string Case, Latency Latency, double RoundTripsPerSecond);

    public static Target Connect(string name, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return new Target(name, socket);
    }

    /// <summary>A new case: this message from now on, and nothing measured yet.</summary>
    public void Reset(byte[] message)
    {
        _message = message;
        _reply = new byte[message.Length];
        _latency = new Latency();
        _elapsed = TimeSpan.Zero;
    }

    /// <summary>Round trips for <paramref name="window"/>, not kept: their median, for the warm-up to watch.</summary>
    public double MedianOfWindow(TimeSpan window, CancellationToken cancel)
    {
        var sample = new Latency();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window && !cancel.IsCancellationRequested) sample.Record(RoundTrip());
        return sample.Percentile(50);
    }

    /// <summary>Send, read the whole echo back, repeat, for <paramref name="duration"/>; kept for the case.</summary>
    public void Measure(TimeSpan duration, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancel.IsCancellationRequested) _latency.Record(RoundTrip());
        _elapsed += clock.Elapsed;
    }

    public Measured Finished(string size) => new($"{Name}, {size}", _latency, _latency.Count / Math.Max(_elapsed.TotalSeconds, 1e-9));

    /// <summary>One round trip, in milliseconds.</summary>
    private double RoundTrip()
    {
        long start = Stopwatch.GetTimestamp();
        SocketIO.SendAll(_socket, _message);
        if (SocketIO.ReceiveExactly(_socket, _reply) != _reply.Length)
            throw new InvalidOperationException($"{Name} closed the connection during the benchmark");
        return (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
    }

    public void Dispose()
    {
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { /* already gone */ }
        _socket.Dispose();
    }
}
