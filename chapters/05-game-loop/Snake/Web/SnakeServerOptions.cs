using System.Net;
using Snake.Chat;
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
    /// <summary>This server's name in welcomes, chat lines and scoreboards (chapter 06 runs A, B, ...).</summary>
    public string Name { get; init; } = "local";
    /// <summary>Chat lines a player may send per second on average, and at most in one burst.</summary>
    public double ChatLinesPerSecond { get; init; } = 1;
    public int ChatBurst { get; init; } = 5;
    /// <summary>
    /// Shares the chat with other servers (chapter 06); null, the default, for a server on its own. The
    /// server starts it before taking players and disposes it when it stops.
    /// </summary>
    public IServerRelay? Relay { get; init; }
}
