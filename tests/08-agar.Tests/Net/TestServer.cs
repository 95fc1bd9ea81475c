using System.Collections.Concurrent;
using System.Net;
using Agar.Game;
using Agar.Net;
using Netcode.Peers;

namespace Agar.Tests.Net;

/// <summary>A real server on 127.0.0.1:0 in the test process, with its log lines kept for assertions.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    private TestServer(WorldSettings settings, int bots, TimeProvider? time) =>
        Server = new AgarServer(settings, bots, new PeerOptions { Log = _log.Enqueue, Time = time ?? TimeProvider.System });

    public AgarServer Server { get; }
    public IPEndPoint EndPoint => Server.EndPoint;
    public string Log => string.Join("\n", _log);

    /// <summary>A small world, so every player is in everyone's view.</summary>
    public static WorldSettings SmallWorld(int pellets = 30) => new() { Width = 700, Height = 400, PelletTarget = pellets, Seed = 4 };

    /// <param name="time">Game time (a <see cref="TestClock"/>'s); real time when null.</param>
    public static async Task<TestServer> StartAsync(WorldSettings settings, int bots = 0, TimeProvider? time = null)
    {
        var server = new TestServer(settings, bots, time);
        await server.Server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        return server;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static async Task Eventually(Func<bool> condition, string what, double seconds = 10, Action? meanwhile = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds) Assert.Fail($"after {seconds} s still not: {what}");
            meanwhile?.Invoke();
            await Task.Delay(33);
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
