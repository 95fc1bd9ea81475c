using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Course.Bench;

namespace GameLoop;

/// <summary>
/// The floor's players: plain TCP connections to the floor's ticker, each reading its fixed-size
/// messages (the slot number first) and noting when each arrived, exactly as <see cref="Players"/> do
/// with the server's states.
/// </summary>
internal sealed class FloorPlayers : IArrivals, IAsyncDisposable
{
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _reading = [];
    private volatile ScheduleLateness? _recording;
    private volatile int _stream;

    public static async Task<FloorPlayers> ConnectAsync(IPEndPoint floor, int count, int messageBytes, CancellationToken cancel)
    {
        var players = new FloorPlayers();
        for (int i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(floor, cancel);
            players._sockets.Add(socket);
            players._reading.Add(players.ReadAsync(socket, messageBytes));
        }
        return players;
    }

    /// <summary>Starts noting lateness into <paramref name="into"/>; the floor is one stream, <paramref name="streamBase"/>.</summary>
    public void Record(ScheduleLateness into, int streamBase)
    {
        _stream = streamBase;
        _recording = into;
    }

    public void StopRecording() => _recording = null;

    private async Task ReadAsync(Socket socket, int messageBytes)
    {
        byte[] message = new byte[messageBytes];
        try
        {
            while (true)
            {
                int filled = 0;
                while (filled < messageBytes)
                {
                    int n = await socket.ReceiveAsync(message.AsMemory(filled), SocketFlags.None);
                    if (n == 0) return;
                    filled += n;
                }
                long arrived = Stopwatch.GetTimestamp();
                _recording?.Arrived(_stream, BinaryPrimitives.ReadInt64LittleEndian(message), arrived);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Socket s in _sockets) s.Dispose();
        await Task.WhenAll(_reading);
    }
}
