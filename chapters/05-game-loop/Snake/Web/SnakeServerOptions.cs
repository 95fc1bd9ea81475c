using System.Net;
using Snake.Rooms;

namespace Snake.Web;

/// <summary>Everything the server needs to know; the command line fills it in, tests build it directly.</summary>
public sealed record SnakeServerOptions(IPEndPoint EndPoint)
{
    public RoomOptions Rooms { get; init; } = new();
    /// <summary>Longest message a player may send. A key message is about 30 bytes.</summary>
    public int MaxMessageBytes { get; init; } = 1024;
    /// <summary>A send that has not completed after this long means the player stopped reading.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Ping idle connections this often; one that does not answer in as long is dropped.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);
}
