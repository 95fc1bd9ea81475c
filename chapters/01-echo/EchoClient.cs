using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Echo;

/// <summary>
/// Connects to an echo server, sends each message and reads back exactly as many bytes as it sent.
/// Every failure a user can meet ends as a <see cref="UserError"/> with one line and its own exit code.
/// </summary>
public sealed class EchoClient(IPEndPoint server, TimeSpan timeout, Log log)
{
    /// <summary>Runs one connection: connect, then one round trip per message, then close.</summary>
    public async Task RunAsync(IEnumerable<string> messages, CancellationToken cancel)
    {
        using Socket socket = await ConnectAsync(cancel);
        foreach (string message in messages)
        {
            string reply = RoundTrip(socket, message);
            log.Line($"received {Encoding.UTF8.GetByteCount(reply)} bytes: {reply}");
        }
        log.Line("closing");
        // Shutdown(Send) tells the server "no more data" (it reads end of stream) before we close.
        // Every echo has arrived by now, so a server that vanished this late costs us nothing.
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancel)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Socket.Connect has no timeout of its own, so connect asynchronously and give up after `timeout`.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(server, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            socket.Dispose();
            throw new UserError($"no answer from {Endpoints.Show(server)} after {timeout.TotalSeconds:0.#} s (connecting).", ClientExitCodes.TimedOut);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw Describe(e, "connecting");
        }

        // From here on, blocking calls give up after `timeout` instead of waiting forever.
        socket.ReceiveTimeout = socket.SendTimeout = (int)timeout.TotalMilliseconds;
        log.Line($"connected to {Endpoints.Show(server)}");
        return socket;
    }

    /// <summary>Sends <paramref name="message"/> as UTF-8 and returns the echo, decoded only once it is whole.</summary>
    private string RoundTrip(Socket socket, string message)
    {
        byte[] payload = Encoding.UTF8.GetBytes(message);
        log.Line($"sent {payload.Length} bytes");

        // Send from another thread while this one reads. For a big message, sending everything before
        // reading would deadlock: the server blocks echoing into our full receive buffer, stops reading,
        // and then our send blocks too.
        Task sending = Task.Run(() => SendAll(socket, payload));

        // Count bytes, not characters: "héllo" is 5 characters but 6 bytes.
        byte[] reply = new byte[payload.Length];
        int received;
        try
        {
            received = SocketIO.ReceiveExactly(socket, reply);
        }
        catch (SocketException e)
        {
            throw Describe(e, "waiting for the echo");
        }
        if (received < payload.Length)
        {
            throw new UserError(
                $"{Endpoints.Show(server)} closed the connection after echoing {received} of {payload.Length} bytes.",
                ClientExitCodes.ClosedEarly);
        }
        sending.GetAwaiter().GetResult();

        // Whatever answers on that port may not be an echo server at all. We read exactly as many bytes as
        // we sent (so an endless stream costs us nothing more); if they differ, say so rather than print them.
        if (!reply.AsSpan().SequenceEqual(payload))
        {
            throw new UserError(
                $"{Endpoints.Show(server)} sent back {received} bytes that are not the {payload.Length} we sent: is it an echo server?",
                ClientExitCodes.WrongReply);
        }

        // Decode the whole reply at once: a character whose bytes were split across two receives would
        // not decode on its own.
        return Encoding.UTF8.GetString(reply);
    }

    private void SendAll(Socket socket, byte[] payload)
    {
        try
        {
            SocketIO.SendAll(socket, payload);
        }
        catch (SocketException e)
        {
            throw Describe(e, "sending");
        }
    }

    /// <summary>One clear line, and its exit code, for each way the network can fail us.</summary>
    private UserError Describe(SocketException e, string activity)
    {
        string where = Endpoints.Show(server);
        return e.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => new UserError(
                $"connection refused by {where}: nothing is listening there (is the server running?).", ClientExitCodes.Refused, e),
            SocketError.TimedOut or SocketError.WouldBlock => new UserError(
                $"no answer from {where} after {timeout.TotalSeconds:0.#} s ({activity}).", ClientExitCodes.TimedOut, e),
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => new UserError(
                $"connection reset by {where} ({activity}).", ClientExitCodes.Reset, e),
            _ => new UserError($"network error with {where} ({activity}): {e.Message}", ExitCodes.Failure, e),
        };
    }
}
