using System.Net;
using Course.Cli;
using Netcode.Peers;
using Netcode.Wire;

namespace Chase;

/// <summary>
/// A chase player driven by a simple policy: the chaser runs at the nearest player, everyone else runs away
/// from the chaser. The <c>bot</c> verb runs several; the <c>client</c> verb runs one and prints what it sees.
/// </summary>
public sealed class ChasePlayer(string name, PeerOptions options, Log log)
{
    private const double Speed = 120; // units per second

    public async Task RunAsync(IPEndPoint server, TimeSpan duration, bool report, CancellationToken cancel)
    {
        await using var client = new Client(options);
        long id = -1;
        client.RegisterEventHandler("PLAYER_CREATED", e => Interlocked.CompareExchange(ref id, e.Arg<long>(0), -1));
        try
        {
            await client.ConnectAsync(server, TimeSpan.FromSeconds(5), cancel);
        }
        catch (Exception e) when (e is TimeoutException or RefusedException)
        {
            throw new UserError(e.Message);
        }
        log.Line($"{name} connected to {Endpoints.Show(server)}");
        client.DispatchEvent(new NetEvent("JOIN", name), retries: 5);
        long start = options.Time.GetTimestamp();
        long lastReport = start;
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        double x = random.NextDouble() * ChaseGame.Width, y = random.NextDouble() * ChaseGame.Height;
        while (options.Time.GetElapsedTime(start) < duration && !cancel.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), options.Time, cancel);
            long me = Interlocked.Read(ref id);
            if (me < 0) continue;
            (x, y) = client.AccessGameState(state => Step(state, me, x, y, 0.05));
            client.DispatchEvent(new NetEvent("MOVE", me, x, y));
            if (report && options.Time.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(1))
            {
                lastReport = options.Time.GetTimestamp();
                log.Line(client.AccessGameState(state =>
                    $"version {state.TimeOrder}: {((StateMap)state["players"]!).Count} players, chaser {state["chaser_id"]}, me {me}, rtt {client.Rtt.TotalMilliseconds:0} ms"));
            }
        }
        if (Interlocked.Read(ref id) is var mine and >= 0) client.DispatchEvent(new NetEvent("LEAVE", mine), retries: 3);
        await Task.Delay(TimeSpan.FromMilliseconds(200), options.Time, CancellationToken.None); // let LEAVE go out
        log.Line($"{name} left");
    }

    private static (double, double) Step(Netcode.State.GameState state, long me, double x, double y, double dt)
    {
        if (!state.Has("players") || state["players"] is not StateMap players) return (x, y);
        long chaser = state.Get<long>("chaser_id");
        (double tx, double ty, double sign) = (x, y, 0);
        if (me == chaser)
        {
            double best = double.MaxValue;
            foreach (var (pid, p) in players)
            {
                if (Values.As<long>(pid) == me) continue;
                var (px, py) = ChaseGame.Position(p);
                double d = (px - x) * (px - x) + (py - y) * (py - y);
                if (d < best) (best, tx, ty, sign) = (d, px, py, 1);
            }
        }
        else if (players.TryGetValue(chaser, out object? c))
        {
            (tx, ty) = ChaseGame.Position(c);
            sign = -1;
        }
        double dx = tx - x, dy = ty - y, len = Math.Sqrt(dx * dx + dy * dy);
        if (len < 1e-6 || sign == 0) return (x, y);
        return (Math.Clamp(x + sign * dx / len * Speed * dt, 0, ChaseGame.Width), Math.Clamp(y + sign * dy / len * Speed * dt, 0, ChaseGame.Height));
    }
}
