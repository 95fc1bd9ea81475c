using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli;
using Listening;

namespace Chat;

/// <summary>
/// The design chapter 02 teaches, reduced to a broadcast chat for comparison: one thread per client, and
/// each line is sent to every other client right there, with blocking sends, under one lock. It is here
/// only so the bench can measure both designs in the same run (<c>server --design threads</c>).
/// </summary>
public sealed class ThreadedChatServer(IPEndPoint endPoint, int sendBufferBytes, Log log)
{
    private readonly Lock _gate = new();
    private readonly List<Socket> _clients = [];

    public void Run(Action<IPEndPoint> onListening, CancellationToken stop)
    {
        // The same listener as the async server's (server --design threads reaches this one too).
        using Socket listener = Listener.Open(endPoint, backlog: 1024);
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        log.Line($"listening on {Endpoints.Show(bound)} (thread per client)");
        onListening(bound);
        using CancellationTokenRegistration closeOnStop = stop.Register(listener.Dispose);
        int guests = 0;
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try { client = listener.Accept(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { break; }
            string nick = $"guest{++guests}";
            // A small stack: a thousand threads with the default 8 MB reserve each would be silly.
            new Thread(() => Serve(client, nick), 256 * 1024) { IsBackground = true, Name = nick }.Start();
        }
        log.Line("stopped");
    }

    private void Serve(Socket client, string nick)
    {
        client.NoDelay = true;
        if (sendBufferBytes > 0) client.SendBufferSize = sendBufferBytes;
        try
        {
            client.Send(Encoding.UTF8.GetBytes($"* welcome, {nick}!\n"));
            lock (_gate) _clients.Add(client);
            using var reader = new StreamReader(new NetworkStream(client), Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                byte[] bytes = Encoding.UTF8.GetBytes($"<{nick}> {line}\n");
                // The flaw under study: Send blocks while this client's socket buffers are full, and the
                // lock is held meanwhile, so one client that never reads stops every broadcast.
                lock (_gate)
                    foreach (Socket other in _clients)
                        if (other != client)
                            try { other.Send(bytes); } catch (SocketException) { }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate) _clients.Remove(client);
            client.Dispose();
        }
    }
}
