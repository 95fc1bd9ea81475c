using System.Net;

namespace Echo;

/// <summary>How the echo server listens and serves. The defaults are the right ones; the rest are for experiments.</summary>
public sealed record EchoServerOptions(IPEndPoint EndPoint)
{
    /// <summary>How many finished handshakes the kernel queues while we are busy with another client.</summary>
    public int Backlog { get; init; } = 16;

    /// <summary>
    /// The most bytes one <c>Receive</c> may return. The seed used 16; each chunk is echoed with its own
    /// send, and small sends are what Nagle's algorithm delays.
    /// </summary>
    public int ChunkSize { get; init; } = 64 * 1024;

    /// <summary>Send each reply at once (TCP_NODELAY). False brings back Nagle's algorithm, as in the seed.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>
    /// How long one receive or one send may wait for the client. We serve one client at a time, so a client
    /// that says nothing, or sends without ever reading its echoes, would otherwise hold everyone else
    /// in the backlog for as long as it likes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Log a line for every message echoed (the default: you see each receive and what it returned). False
    /// (<c>--quiet</c>) keeps the connection lines only. Writing a line to a terminal costs more than
    /// echoing 32 bytes, so a server busy with one fast client spends most of its time logging.
    /// </summary>
    public bool LogEachMessage { get; init; } = true;

    /// <summary>Stop after serving this many clients; 0 serves until stopped. Demos and tests use it.</summary>
    public int MaxClients { get; init; }
}
