using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Pickling;

namespace Serializer.Network;

/// <summary>
/// Sends one of the example streams to the room server as raw bytes (so it can send the hostile one,
/// which our own writer could never produce), then prints the server's pickled answer.
/// </summary>
public static class RoomClient
{
    public static async Task RunAsync(IPEndPoint server, string example, Log log, TimeSpan timeout)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (var connecting = new CancellationTokenSource(timeout))
        {
            try
            {
                await socket.ConnectAsync(server, connecting.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                throw new UserError($"nothing listens on {Endpoints.Show(server)}: is the server running?");
            }
            catch (OperationCanceledException)
            {
                throw new UserError($"no answer from {Endpoints.Show(server)} within {timeout.TotalSeconds} s");
            }
        }

        byte[] message = Examples.Bytes(example);
        using var stream = new NetworkStream(socket);
        stream.ReadTimeout = (int)timeout.TotalMilliseconds;
        await stream.WriteAsync(message);
        log.Line($"sent the '{example}' example ({message.Length} bytes)");
        socket.Shutdown(SocketShutdown.Send); // one message, then "that's all from me"

        var pickles = new PickleStream(stream, GameTypes.Registry());
        try
        {
            log.Line(pickles.TryRead(out string? reply)
                ? $"the server answered: {reply}"
                : "the server closed the connection without answering");
        }
        catch (IOException)
        {
            throw new UserError($"no answer from {Endpoints.Show(server)} within {timeout.TotalSeconds} s");
        }
    }
}
