using System.Net;
using Course.Cli;
using Course.Testing;

namespace Dots.Tests;

/// <summary>Starts the chapter's dots server on a loopback port for one test.</summary>
internal static class Servers
{
    public static async Task<(LoopbackServer Running, DotsServer Server)> Start(Log log, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var options = new ServerOptions(new IPEndPoint(IPAddress.Loopback, 0)) { PollInterval = TimeSpan.FromMilliseconds(50) };
        var server = new DotsServer(configure?.Invoke(options) ?? options, log);
        LoopbackServer running = await LoopbackServer.StartAsync((onListening, stop) =>
        {
            server.Run(onListening, stop);
            return Task.CompletedTask;
        });
        return (running, server);
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false if it never did.</summary>
    public static bool Eventually(Func<bool> condition, double seconds = 20)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }
        return condition();
    }
}
