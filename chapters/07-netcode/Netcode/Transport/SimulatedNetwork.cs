using System.Net;
using System.Threading.Channels;

namespace Netcode.Transport;

/// <summary>How bad the simulated network is: one-way delay, random extra delay, loss and duplication rates.</summary>
public sealed record NetworkConditions(TimeSpan Lag, TimeSpan Jitter, double Loss, double Duplicate)
{
    public static NetworkConditions Perfect { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0, 0);

    public bool IsPerfect => this == Perfect;

    public override string ToString() =>
        $"lag {Lag.TotalMilliseconds:0} ms, jitter {Jitter.TotalMilliseconds:0} ms, loss {Loss:P0}, duplicates {Duplicate:P0}";
}

/// <summary>
/// A transport decorator that makes datagrams late, reordered (by jitter), lost or doubled, in both
/// directions: what we send, and what we receive, each as a bad link with the same conditions. So one
/// option on a client (<c>--lag 100</c>) makes its round trip 200 ms longer, as a real bad link would.
/// A seeded random generator makes a failing test replayable. The conditions may be fixed, or read from a
/// <see cref="NetworkDial"/> that someone turns while it runs.
/// </summary>
/// <remarks>
/// Receiving runs a pump: it reads the real socket as fast as datagrams come, decides each one's fate, and
/// hands the survivors over when their delay is up. At most 4,096 wait at once; more are lost, as in a
/// router's full queue.
/// </remarks>
public sealed class SimulatedNetwork(IDatagramTransport inner, NetworkDial dial, int seed, TimeProvider? time = null)
    : IDatagramTransport
{
    public SimulatedNetwork(IDatagramTransport inner, NetworkConditions conditions, int seed, TimeProvider? time = null)
        : this(inner, new NetworkDial(conditions), seed, time) { }

    private readonly Random _random = new(seed);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CancellationTokenSource _closing = new();
    private readonly Channel<(byte[] Datagram, IPEndPoint From)> _arrived =
        Channel.CreateBounded<(byte[], IPEndPoint)>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task? _pump;

    public IPEndPoint LocalEndPoint => inner.LocalEndPoint;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancel)
    {
        byte[] copy = datagram.ToArray(); // the caller may reuse its buffer once we return
        Spoil(delay => _ = DeliverLater(delay, () => inner.SendAsync(copy, to, _closing.Token)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancel)
    {
        lock (_random) _pump ??= Task.Run(Pump);
        try
        {
            var (datagram, from) = await _arrived.Reader.ReadAsync(cancel);
            int length = Math.Min(datagram.Length, buffer.Length);
            datagram.AsMemory(0, length).CopyTo(buffer);
            return (length, from);
        }
        catch (ChannelClosedException) { throw new ObjectDisposedException(nameof(SimulatedNetwork)); }
    }

    private async Task Pump()
    {
        var buffer = new byte[65536];
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                var (length, from) = await inner.ReceiveAsync(buffer, _closing.Token);
                byte[] copy = buffer.AsSpan(0, length).ToArray();
                Spoil(delay => _ = DeliverLater(delay, () => { _arrived.Writer.TryWrite((copy, from)); return ValueTask.CompletedTask; }));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
        finally { _arrived.Writer.TryComplete(); }
    }

    /// <summary>Decides one datagram's fate: lost (no call), delivered once, or twice, each after its own delay.</summary>
    private void Spoil(Action<TimeSpan> deliver)
    {
        int copies;
        TimeSpan first, second;
        NetworkConditions conditions = dial.Conditions;
        lock (_random)
        {
            copies = _random.NextDouble() < conditions.Loss ? 0 : _random.NextDouble() < conditions.Duplicate ? 2 : 1;
            first = conditions.Lag + conditions.Jitter * _random.NextDouble();
            second = conditions.Lag + conditions.Jitter * _random.NextDouble();
        }
        if (copies >= 1) deliver(first);
        if (copies == 2) deliver(second);
    }

    private async Task DeliverLater(TimeSpan delay, Func<ValueTask> deliver)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, _closing.Token);
            await deliver();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _closing.Cancel();
        inner.Dispose();
    }
}
