using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Course.Cli;
using Listening;

namespace Chat;

/// <summary>
/// The chat server: an async accept loop that starts one <see cref="ChatSession"/> per client and goes
/// straight back to accepting. No thread waits on any one client, so thousands of idle clients cost
/// memory (a few kilobytes each), not threads.
/// </summary>
public sealed class ChatServer(ChatServerOptions options, Log log)
{
    private readonly ConcurrentDictionary<long, Task> _sessions = new();
    private long _nextId;

    // A quiet server (a room of thousands) logs only its start and stop, not a line per client.
    private readonly Log _clientLog = options.Announce ? log : Log.Null;

    public Room Room { get; } = new(options.Announce ? log : Log.Null, options.Announce);

    /// <summary>
    /// Binds, listens, calls <paramref name="onListening"/> with the real endpoint, and serves until
    /// <paramref name="stop"/> is cancelled; then every client gets a goodbye line and the method returns.
    /// </summary>
    public async Task RunAsync(Action<IPEndPoint> onListening, CancellationToken stop)
    {
        // Chapter 01's recipe (socket, SO_REUSEADDR alone, bind, listen), from its Listening library. A long
        // backlog: when 1,000 clients connect at once, the kernel queues them while we accept.
        using Socket listener = Listener.Open(options.EndPoint, backlog: 1024);
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        log.Line($"listening on {Endpoints.Show(bound)}{(options.Certificate is null ? "" : " with TLS")}");
        onListening(bound);

        try
        {
            while (true)
            {
                Socket socket = await listener.AcceptAsync(stop);
                long id = Interlocked.Increment(ref _nextId);
                // Not awaited: the accept loop must not wait for a client (not even its TLS handshake).
                Task serving = ServeAsync(socket, stop);
                _sessions[id] = serving;
                _ = serving.ContinueWith(_ => _sessions.TryRemove(id, out Task? _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await SayGoodbyeAsync();
    }

    private async Task SayGoodbyeAsync()
    {
        Room.ShuttingDown = true;
        log.Line($"shutting down, saying goodbye to {Room.Count} clients");
        foreach (ChatSession session in Room.Members) session.Close("server shutting down", "* server shutting down, goodbye");
        try
        {
            await Task.WhenAll(_sessions.Values).WaitAsync(options.CloseGrace + TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException)
        {
            log.Line("some clients did not close in time");
        }
        log.Line("stopped");
    }

    private async Task ServeAsync(Socket socket, CancellationToken stop)
    {
        socket.NoDelay = true;
        if (options.SendBufferBytes > 0) socket.SendBufferSize = options.SendBufferBytes;
        string peer = Endpoints.Show(socket.RemoteEndPoint);
        try
        {
            Stream stream = await OpenStreamAsync(socket, stop);
            var session = new ChatSession(socket, stream, Room, options, _clientLog);
            if (!Room.TryJoin(session, options.MaxClients))
            {
                _clientLog.Line($"{peer} turned away: {options.MaxClients} clients already");
                await stream.WriteAsync(Room.Encode($"! the chat is full ({options.MaxClients} clients); try again later"), stop)
                    .AsTask().WaitAsync(TimeSpan.FromSeconds(2), stop);
                socket.Shutdown(SocketShutdown.Both);
                await stream.DisposeAsync();
                socket.Dispose();
                return;
            }
            await session.RunAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or TimeoutException
                                      or System.Security.Authentication.AuthenticationException)
        {
            // Failed before the session began (a bad TLS handshake, a client gone at once): it is only
            // this client's problem.
            _clientLog.Line($"{peer} dropped before joining: {e.Message}");
            socket.Dispose();
        }
    }

    /// <summary>Plain TCP, or TLS on top of it when the server has a certificate.</summary>
    private async Task<Stream> OpenStreamAsync(Socket socket, CancellationToken stop)
    {
        var network = new NetworkStream(socket, ownsSocket: false);
        if (options.Certificate is null) return network;

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        // Bounded: a client that connects and never says hello must not hold a place forever.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(options.HandshakeTimeout);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = options.Certificate }, limit.Token);
        return tls;
    }
}
