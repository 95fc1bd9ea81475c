using System.Net;
using System.Net.Sockets;

namespace Course.Testing;

/// <summary>
/// A server that misbehaves, for testing that a client does not trust its server: it accepts every
/// connection on a loopback port and hands each to a <see cref="Behaviour"/>. The ready-made behaviours
/// below are the ways a server (or whatever answers on that port) can hurt a client: a line that never
/// ends, bytes that mean nothing, or silence. Every behaviour stops when the test disposes the server, and
/// at the latest after a minute; "endless" means 256 MiB.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    /// <summary>What the server does with one accepted connection.</summary>
    public delegate Task Behaviour(Socket client, CancellationToken stop);

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// "Endless" stops here, then the server goes silent: enough to prove a client stops reading long
    /// before, and a client that does not stop (the bug under test) runs out of patience, not of memory.
    /// </summary>
    private const long MostBytes = 256L * 1024 * 1024;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new(Lifetime);
    private readonly Task _accepting;

    public HostileServer(Behaviour behaviour)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _accepting = AcceptAsync(behaviour);
    }

    public IPEndPoint EndPoint { get; }

    private async Task AcceptAsync(Behaviour behaviour)
    {
        var clients = new List<Task>();
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptAsync(_stop.Token);
                clients.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        try { await behaviour(client, _stop.Token); }
                        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
                        {
                            // The client hung up on us, or the test is over: either is the end of this connection.
                        }
                    }
                }));
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await Task.WhenAll(clients);
    }

    /// <summary>A line that never ends: 'x' after 'x', 64 KiB at a time, no newline ever.</summary>
    public static Behaviour EndlessLine(byte[]? first = null) => async (client, stop) =>
    {
        if (first is not null) await client.SendAsync(first, SocketFlags.None, stop);
        byte[] chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        for (long sent = 0; sent < MostBytes; sent += chunk.Length) await client.SendAsync(chunk, SocketFlags.None, stop);
        await Task.Delay(Timeout.Infinite, stop);
    };

    /// <summary>Random bytes, newlines and control characters included, without end (seeded: the same every run).</summary>
    public static Behaviour Garbage(byte[]? first = null) => async (client, stop) =>
    {
        if (first is not null) await client.SendAsync(first, SocketFlags.None, stop);
        var random = new Random(7);
        byte[] chunk = new byte[4096];
        for (long sent = 0; sent < MostBytes; sent += chunk.Length)
        {
            random.NextBytes(chunk);
            await client.SendAsync(chunk, SocketFlags.None, stop);
            await Task.Delay(1, stop);
        }
        await Task.Delay(Timeout.Infinite, stop);
    };

    /// <summary>Accepts, then neither reads nor writes: the connection stays open and nothing ever comes.</summary>
    public static Behaviour Silent(byte[]? first = null) => async (client, stop) =>
    {
        if (first is not null) await client.SendAsync(first, SocketFlags.None, stop);
        await Task.Delay(Timeout.Infinite, stop);
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
