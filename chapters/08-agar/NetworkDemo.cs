using System.Globalization;
using System.Net;
using Agar.Game;
using Agar.Net;
using Agar.Sdl;
using Agar.View;
using Course.Cli;
using Netcode.Peers;

namespace Agar;

/// <summary>
/// The README's demo: a real server on a loopback UDP port, bots joining it over the network, and, when
/// there is a display, your own window as one more client, all in one process. With no display it runs
/// headless: the leaderboard every second (read from the server), a PNG at the end drawn from what the
/// leading bot's client received, and what the server sent.
/// </summary>
public static class NetworkDemo
{
    /// <remarks>
    /// Runs on the main thread from start to end, waiting for the network's async work rather than awaiting
    /// it: the window, when there is one, must open on the main thread (macOS allows no other).
    /// </remarks>
    public static void Run(WorldSettings settings, int bots, int port, TimeSpan duration, bool window, string screenshotPath,
        TextWriter output, CancellationToken cancel)
    {
        var server = new AgarServer(settings, bots: 0, new PeerOptions());
        try
        {
            MainThread.Wait(server.StartAsync(new IPEndPoint(IPAddress.Loopback, port)));
            long lastPrinted = 0;
            server.AfterTick = room =>
            {
                // Called under the server's lock, once per tick: print once per second of game time.
                if (room.World.Tick % (long)room.World.Settings.TickRate != 0 || room.World.Tick == lastPrinted) return;
                lastPrinted = room.World.Tick;
                HeadlessDemo.PrintLeaderboard(room.World, output);
            };
            BotSwarm swarm = MainThread.Wait(BotSwarm.JoinAsync(server.EndPoint, bots, settings.Seed, cancel: cancel));
            try
            {
                output.WriteLine($"demo: server on {server.EndPoint}, {bots} bots joined over UDP, world {settings.Width}x{settings.Height}, {settings.TickRate} ticks/s, "
                    + (window ? "opening your window" : "no display: running headless"));
                long bytesBefore = server.NetStats.BytesSent;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                if (window) PlayInWindow(server, swarm, duration, cancel);
                else MainThread.Wait(swarm.PlayAsync(duration, cancel));
                double seconds = clock.Elapsed.TotalSeconds;
                long bytes = server.NetStats.BytesSent - bytesBefore;
                server.AfterTick = null;
                WritePicture(server, swarm, screenshotPath, output);
                List<double> ticks = server.TakeTickTimes();
                ticks.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"demo: the server sent {bytes / 1024.0:F0} KB in {seconds:F1} s, {bytes / seconds / Math.Max(1, bots) / 1024:F1} KB/s per client; tick p50 {At(ticks, 0.5):F2} ms, p99 {At(ticks, 0.99):F2} ms"));
            }
            finally
            {
                MainThread.Wait(swarm.DisposeAsync().AsTask());
            }
        }
        finally
        {
            MainThread.Wait(server.DisposeAsync().AsTask());
        }
    }

    /// <summary>You join as one more client, in a window on this (the main) thread, while the bots play on others.</summary>
    private static void PlayInWindow(AgarServer server, BotSwarm swarm, TimeSpan duration, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task botsPlaying = swarm.PlayAsync(null, stop.Token);
        NetworkGame you = MainThread.Wait(NetworkGame.JoinAsync(server.EndPoint, new NetworkGameOptions { Name = "You" }, cancel));
        try
        {
            using var view = new SdlWindowView("Agar (chapter 08)", 1280, 720);
            new GameLoop(view, you, TimeProvider.System).Run(duration, cancel);
        }
        finally
        {
            MainThread.Wait(you.DisposeAsync().AsTask());
            stop.Cancel();
            MainThread.Wait(botsPlaying);
        }
    }

    /// <summary>The picture: what the leading bot's client rebuilt from the server's deltas, not the server's world.</summary>
    private static void WritePicture(AgarServer server, BotSwarm swarm, string screenshotPath, TextWriter output)
    {
        int leader = server.Read(room => Leaderboard.Top(room.World.Players) is [var first, ..] ? first.PlayerId : 0);
        NetworkGame? shown = swarm.Games.FirstOrDefault(g => g.YouId == leader) ?? swarm.Games.FirstOrDefault();
        if (shown is null) return;
        byte[] png = PngFrame.Render(new Frame(shown.View(), 0, shown.PingMs), 1280, 720);
        string full = Path.GetFullPath(screenshotPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, png);
        output.WriteLine($"demo: wrote {screenshotPath} (1280x720, {png.Length} bytes), the view of player {shown.YouId}'s client");
    }

    private static double At(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
