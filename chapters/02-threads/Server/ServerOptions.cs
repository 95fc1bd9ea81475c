using System.Net;
using Course.Cli;

namespace Dots;

/// <summary>How the dots server listens and what it allows. The defaults suit a classroom.</summary>
public sealed record ServerOptions(IPEndPoint EndPoint)
{
    public Board Board { get; init; } = new();

    /// <summary>Players at once; the next one is told the server is full and is closed.</summary>
    public int MaxClients { get; init; } = 64;

    /// <summary>
    /// Connections one address may hold at once (an IPv6 address counts by its /64 prefix). Without it, one
    /// machine that opens <see cref="MaxClients"/> connections and says nothing locks everyone else out.
    /// </summary>
    public int MaxPerAddress { get; init; } = 16;

    /// <summary>How long a new connection has to say <c>join</c>; after that it is closed.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A player that sends no whole line for this long is closed; <see cref="TimeSpan.Zero"/> never closes
    /// one. Whole lines, not bytes: one byte every few minutes must not keep a seat forever.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest line a client may send, in bytes, without its newline.</summary>
    public int MaxLineBytes { get; init; } = 1024;

    /// <summary>Messages waiting for the relay thread; a client thread that finds it full waits.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Kernel send buffer per client, in bytes (0: the system's default). Tests make it small to meet a slow client sooner.</summary>
    public int SendBufferBytes { get; init; }

    /// <summary>How long the relay waits for room in a player's socket before dropping it as too slow.</summary>
    public TimeSpan SlowClientGrace { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Connections the kernel queues before we accept them: a burst of 200 players must fit.</summary>
    public int Backlog { get; init; } = 512;

    /// <summary>How often a client thread waiting for bytes looks at the clock (handshake and idle timeouts).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock for the handshake and idle timeouts; tests pass a FakeTimeProvider.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the player threads and the relay note what they do with each move, and when: off, except for
    /// the figure on the chapter's page (Timeline.cs), which shows one move crossing the threads.
    /// </summary>
    public TimeTrace Trace { get; init; } = TimeTrace.Off;
}
