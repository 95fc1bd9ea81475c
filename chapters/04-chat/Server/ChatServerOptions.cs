using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Chat;

/// <summary>How the chat server listens, and the limits that keep one client from hurting the others.</summary>
public sealed record ChatServerOptions(IPEndPoint EndPoint)
{
    /// <summary>Connected clients at most; the next one is told the room is full and closed.</summary>
    public int MaxClients { get; init; } = 10_000;

    /// <summary>The longest line a client may send, in bytes of UTF-8 (without the line ending).</summary>
    public int MaxLineBytes { get; init; } = 1024;

    /// <summary>
    /// Lines waiting to be sent to one client. When a broadcast finds this full, the client is too slow
    /// (or never reads) and is disconnected: its backlog cannot grow without bound in our memory.
    /// </summary>
    public int OutboxCapacity { get; init; } = 256;

    /// <summary>
    /// The kernel's send buffer for each client socket, in bytes; 0 leaves it to the operating system
    /// (Linux grows it up to 4 MB). That buffer is a second, invisible outbox: a client that never reads
    /// is only noticed once both are full. Tests and the bench make it small to notice sooner.
    /// </summary>
    public int SendBufferBytes { get; init; }

    /// <summary>Lines per second a client may send on average (flood control), and the burst it may save up.</summary>
    public double MessagesPerSecond { get; init; } = 5;

    public int Burst { get; init; } = 10;

    /// <summary>Lines refused by flood control, after the warning, before the client is disconnected.</summary>
    public int FloodStrikes { get; init; } = 5;

    /// <summary>How long a closing client gets to take its last lines (the goodbye) before we abort.</summary>
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A client that sends no line for this long is closed (<see cref="TimeSpan.Zero"/>: never). A peer that
    /// vanished without a FIN or a reset looks exactly like a quiet client; only a clock frees its seat.
    /// Our own clients say <c>/ping</c> when they have been quiet for a minute, so a person who only reads stays.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a TLS client may take to finish its handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The server's certificate; null serves plain TCP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Tell everyone when someone joins or leaves. A room of thousands turns this off (the bench does).</summary>
    public bool Announce { get; init; } = true;

    /// <summary>The clock for flood control and the idle timeout; tests pass a FakeTimeProvider.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
