using System.Net;

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
/// A transport decorator that makes outgoing datagrams late, reordered (by jitter), lost or doubled, with a
/// seeded random generator so a failing test can be replayed. Put one on each side to spoil both directions.
/// </summary>
public sealed class SimulatedNetwork(IDatagramTransport inner, NetworkConditions conditions, int seed, TimeProvider? time = null)
    : IDatagramTransport
{
    private readonly Random _random = new(seed);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CancellationTokenSource _closing = new();

    public IPEndPoint LocalEndPoint => inner.LocalEndPoint;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, CancellationToken cancel)
    {
        int copies;
        TimeSpan first, second;
        lock (_random)
        {
            copies = _random.NextDouble() < conditions.Loss ? 0 : _random.NextDouble() < conditions.Duplicate ? 2 : 1;
            first = conditions.Lag + conditions.Jitter * _random.NextDouble();
            second = conditions.Lag + conditions.Jitter * _random.NextDouble();
        }
        byte[] copy = datagram.ToArray(); // the caller may reuse its buffer once we return
        if (copies >= 1) _ = DeliverLater(copy, to, first);
        if (copies == 2) _ = DeliverLater(copy, to, second);
        return ValueTask.CompletedTask;
    }

    private async Task DeliverLater(byte[] datagram, IPEndPoint to, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, _closing.Token);
            await inner.SendAsync(datagram, to, _closing.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
    }

    public ValueTask<(int Length, IPEndPoint From)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancel) =>
        inner.ReceiveAsync(buffer, cancel);

    public void Dispose()
    {
        _closing.Cancel();
        inner.Dispose();
    }
}
