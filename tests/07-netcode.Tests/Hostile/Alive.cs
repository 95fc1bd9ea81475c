using System.Net;

namespace Netcode.Tests.Hostile;

/// <summary>The proof of life after an attack: a brand-new peer on 127.0.0.1 connects and sees the state move on.</summary>
internal static class Alive
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task AssertServing(IPEndPoint server, string after)
    {
        using var fresh = new RawPeer(server);
        int first = -1;
        ushort sequence = 1;
        using var sending = new CancellationTokenSource();
        Task pump = Task.Run(async () =>
        {
            while (!sending.IsCancellationRequested) { fresh.Send(sequence++); await Task.Delay(25); }
        });
        bool moved = await fresh.ReceiveUntil(s =>
        {
            if (first < 0 && !s.TimeOrder.IsNone) first = s.TimeOrder.Value;
            return first >= 0 && s.TimeOrder.DistanceFrom(new Wire.Sqn((ushort)first)) >= 2;
        }, Patience);
        await sending.CancelAsync();
        await pump;
        Assert.True(moved, $"after {after}, a new client got no moving state within {Patience.TotalSeconds:0} s: the server stopped serving");
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms for up to 15 s.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience) Assert.Fail($"after {Patience.TotalSeconds:0} s still not: {what}");
            await Task.Delay(20);
        }
    }
}
