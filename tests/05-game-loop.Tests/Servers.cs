using System.Net;
using Course.Cli;
using Snake.Rooms;
using Snake.Web;

namespace GameLoop.Tests;

/// <summary>Starts the snake server on a loopback port for one test.</summary>
internal static class Servers
{
    public static Task<SnakeServer> StartAsync(Log log, RoomOptions? rooms = null, int maxMessageBytes = 1024, double sendTimeoutSeconds = 5) =>
        SnakeServer.StartAsync(new SnakeServerOptions(new IPEndPoint(IPAddress.Loopback, 0))
        {
            Rooms = rooms ?? new RoomOptions(),
            MaxMessageBytes = maxMessageBytes,
            SendTimeout = TimeSpan.FromSeconds(sendTimeoutSeconds),
        }, log);

    /// <summary>Waits (bounded) until a condition about the server holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > limit) throw new TimeoutException($"still waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
