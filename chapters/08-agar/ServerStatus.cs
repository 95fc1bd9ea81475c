using System.Globalization;
using Agar.Net;
using Course.Cli;

namespace Agar;

/// <summary>The server's status line every few seconds: players, tick times against the budget, missed ticks, bytes.</summary>
public static class ServerStatus
{
    public static async Task PrintEveryAsync(AgarServer game, Log log, TimeSpan every, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(every);
        long bytesBefore = game.NetStats.BytesSent;
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                List<double> ms = game.TakeTickTimes();
                ms.Sort();
                var (tick, players, clients) = game.Read(room => (room.World.Tick, room.World.Players.Count, room.Sessions.Count));
                long bytes = game.NetStats.BytesSent;
                double perClient = clients == 0 ? 0 : (bytes - bytesBefore) / every.TotalSeconds / clients / 1024;
                bytesBefore = bytes;
                log.Line(string.Create(CultureInfo.InvariantCulture,
                    $"tick {tick}, {players} players ({clients} over the network), tick time p50 {At(ms, 0.5):F2} ms p99 {At(ms, 0.99):F2} ms, {game.Loop.MissedTicks} ticks missed so far, {perClient:F1} KB/s per client"));
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Nearest rank: the smallest value with at least a fraction p of the values at or below it.</summary>
    private static double At(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
