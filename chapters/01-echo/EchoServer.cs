using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Listening;

namespace Echo;

/// <summary>
/// A blocking echo server: one thread, one client at a time. It sends back every byte it receives until
/// the client closes (or gets stuck past the timeout), then accepts the next client. While it serves one
/// client, the next one waits in the listen backlog: that is the limit chapter 02 removes.
/// </summary>
public sealed class EchoServer(EchoServerOptions options, Log log)
{
    /// <summary>
    /// Binds, listens, calls <paramref name="onListening"/> with the real endpoint (the chosen port when
    /// asked for port 0), then serves clients one by one until <paramref name="stop"/> is cancelled.
    /// </summary>
    public void Run(Action<IPEndPoint> onListening, CancellationToken stop)
    {
        // 1. socket(): a TCP socket of the same address family (IPv4 or IPv6) as the address we bind.
        using var listener = new Socket(options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        log.Line("socket created");

        // 2. SO_REUSEADDR: let a restarted server bind the port at once, even while connections of the
        //    previous run still sit in TIME_WAIT (see Listening/QuickRestart.cs for why this is not one line).
        QuickRestart.Allow(listener);

        // 3. bind(): claim the address and port. Port 0 asks the kernel for any free port. A port in use or
        //    an address that is not this machine's is the user's to fix: one line, not a stack trace.
        Listener.Bind(listener, options.EndPoint);
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        log.Line($"bound to {Endpoints.Show(bound)}");

        // 4. listen(): from now on the kernel completes handshakes for us and queues up to Backlog of them.
        listener.Listen(options.Backlog);
        log.Line($"listening, backlog {options.Backlog}");
        onListening(bound);

        // Blocked calls ignore cancellation tokens; acting on the socket they wait on is what wakes them.
        // On stop we close the listening socket (to wake Accept) and shut the client's down (to wake Receive
        // or Send). Shutdown, not Dispose: closing a socket that a call is blocked on makes .NET reset the
        // connection, and the client would see an error instead of a clean end of stream.
        Socket? current = null;
        using CancellationTokenRegistration closeOnStop = stop.Register(() =>
        {
            listener.Dispose();
            try
            {
                Volatile.Read(ref current)?.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already gone: nothing to wake.
            }
        });

        int served = 0;
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                // 5. accept(): wait for the next queued connection and get a new socket for it.
                client = listener.Accept();
            }
            catch (Exception e) when (stop.IsCancellationRequested && e is SocketException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset
                                                or SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
            {
                // The connection died in the queue before we accepted it (macOS reports that here), or we
                // are out of file descriptors for a moment. Neither is a reason to stop serving others.
                log.Line($"accept failed ({e.SocketErrorCode}); waiting for the next client");
                continue;
            }

            using (client)
            {
                Volatile.Write(ref current, client);
                if (stop.IsCancellationRequested) break; // stop came between Accept and here
                Serve(client, stop);
                Volatile.Write(ref current, null);
            }

            served++;
            if (options.MaxClients > 0 && served >= options.MaxClients) break;
        }
        log.Line("stopped");
    }

    /// <summary>Echoes one client until it closes its side, the connection breaks, or the server stops.</summary>
    private void Serve(Socket client, CancellationToken stop)
    {
        string peer = Endpoints.Show(client.RemoteEndPoint);
        log.Line($"connected by {peer}");

        byte[] buffer = new byte[options.ChunkSize];
        long total = 0;
        bool sending = false;
        try
        {
            // Inside the try: on macOS, setting an option on a connection that was already reset fails.
            client.NoDelay = options.NoDelay;
            // Everyone else waits while we serve this client, so no call may wait for it forever: a Receive
            // or a Send that waits longer than the timeout throws (SocketError.TimedOut) and we hang up.
            client.ReceiveTimeout = client.SendTimeout = (int)options.Timeout.TotalMilliseconds;
            while (true)
            {
                // 6. recv(): returns what has arrived so far, between 1 byte and the buffer size.
                sending = false;
                int received = client.Receive(buffer);
                if (received == 0 && stop.IsCancellationRequested)
                {
                    log.Line($"stopping: closed the connection to {peer}");
                    return;
                }
                if (received == 0)
                {
                    // End of stream: the client closed its sending side. Close ours and move on.
                    log.Line($"{peer} closed the connection after {total} bytes");
                    return;
                }

                // 7. sendall(): echo exactly what arrived, in one call, so it leaves in as few segments as
                //    possible. The log line comes first: the client cannot see the reply before it.
                if (options.LogEachMessage && log.Enabled) log.Line($"received {received} bytes from {peer}, echoing them");
                sending = true;
                SocketIO.SendAll(client, buffer.AsSpan(0, received));
                total += received;
            }
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is SocketException or ObjectDisposedException)
        {
            // First: closing the socket on stop makes Receive fail with "aborted", which is not the client's doing.
            log.Line($"stopping: closed the connection to {peer}");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            // Stuck: silent, or sending without reading its echoes until every buffer on the way is full.
            // Closing with unread bytes sends a reset, which is right for a client we give up on.
            string why = sending ? "did not read its echoes" : "sent nothing";
            log.Line($"{peer} {why} for {options.Timeout.TotalSeconds:0.#} s: closed the connection after {total} bytes");
        }
        catch (SocketException e) when (IsPeerGone(e.SocketErrorCode))
        {
            // The client vanished mid-conversation. That is its problem, not the server's: log it and
            // go back to accepting. (The seed server died here, taking every later client with it.)
            log.Line($"{peer} went away ({e.SocketErrorCode}) after {total} bytes");
        }
    }

    private static bool IsPeerGone(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;
}
