using System.Net;
using System.Net.Sockets;
using Course.Cli;
using Listening;
using Pickling;

namespace Serializer.Network;

/// <summary>
/// The seed game's server loop with our serializer instead of pickle: each client sends pickled
/// messages, the server loads each one and answers with a pickled string. A malformed or hostile
/// message ends that client's connection with one log line; the server and its other clients go on.
/// One thread per client, as in chapter 02: PickleStream reads block until a message is whole.
/// </summary>
public sealed class RoomServer(IPEndPoint endPoint, Log log)
{
    private readonly TypeRegistry _types = GameTypes.Registry();
    private int _clientCount;

    public async Task RunAsync(Action<IPEndPoint> onListening, CancellationToken cancel)
    {
        // Chapter 01's recipe (socket, SO_REUSEADDR alone, bind, listen, one line for a port in use).
        using Socket listener = Listener.Open(endPoint, backlog: 16);
        var local = (IPEndPoint)listener.LocalEndPoint!;
        log.Line($"listening on {Endpoints.Show(local)}; allowed types: game.Room, game.Player");
        onListening(local);

        var clients = new List<Task>();
        try
        {
            while (true)
            {
                Socket socket = await listener.AcceptAsync(cancel);
                int number = Interlocked.Increment(ref _clientCount);
                clients.Add(Task.Factory.StartNew(() => Serve(socket, number, cancel), CancellationToken.None,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.Line("stopping");
        }
        await Task.WhenAll(clients);
    }

    private void Serve(Socket socket, int number, CancellationToken cancel)
    {
        // Closing the socket is how a blocked read is woken up when the server stops.
        using CancellationTokenRegistration stop = cancel.Register(socket.Dispose);
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var pickles = new PickleStream(stream, _types);
        log.Line($"client #{number} connected");
        try
        {
            while (pickles.TryRead(out object? message))
            {
                string summary = Describe(message);
                log.Line($"client #{number} sent {summary}");
                pickles.Write($"thanks for {summary}");
            }
            log.Line($"client #{number} left");
        }
        catch (PickleFormatException e)
        {
            // After a bad message the stream is out of step: there is no safe way to find the next one.
            log.Line($"client #{number} sent a bad message: {e.Message}; closing its connection");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            log.Line($"client #{number} connection lost");
        }
    }

    private static string Describe(object? message) => message switch
    {
        Room room => $"room '{room.Title}' with {room.Players.Count} players, led by {room.Leader?.Name ?? "nobody"}",
        Player player => $"player '{player.Name}' (score {player.Score})",
        null => "null",
        string text => $"the string '{text}'",
        _ => $"a {message.GetType().Name}",
    };
}
