using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chat;

/// <summary>
/// A lightweight client for the bench: reads lines straight off its socket and, for each stamped line
/// ("t=ticks"), notes how long it took to arrive. Thousands of these share the bench process.
/// </summary>
internal sealed class BenchClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<long> _samples = [];
    private readonly Task _reading;
    private int _roundStart;

    private BenchClient(Socket socket, bool neverRead)
    {
        _socket = socket;
        _reading = neverRead ? Task.CompletedTask : ReadLoopAsync();
    }

    public static async Task<BenchClient> ConnectAsync(IPEndPoint server, CancellationToken cancel, bool neverRead = false)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Set before connecting, so the advertised window is small too: the kernel can buffer little for it.
        if (neverRead) socket.ReceiveBufferSize = 4096;
        await socket.ConnectAsync(server, cancel);
        // Wait for the welcome line: only then is the client in the room.
        byte[] one = new byte[1];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (await socket.ReceiveAsync(one, limit.Token) == 1 && one[0] != '\n') { }
        return new BenchClient(socket, neverRead);
    }

    public int ReceivedThisRound { get { lock (_samples) return _samples.Count - _roundStart; } }

    public void StartRound()
    {
        lock (_samples) _roundStart = _samples.Count;
    }

    public long[] RoundSamples()
    {
        lock (_samples) return [.. _samples.Skip(_roundStart)];
    }

    public async Task<bool> TrySendAsync(string line, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), SocketFlags.None, limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReadLoopAsync()
    {
        byte[] buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (true)
            {
                int n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                if (n == 0) return;
                long now = Stopwatch.GetTimestamp();
                filled += n;
                int start = 0;
                for (int newline; (newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0; start = newline + 1)
                    Note(buffer.AsSpan(start, newline - start), now);
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Note(ReadOnlySpan<byte> line, long now)
    {
        int at = line.IndexOf("t="u8);
        if (at < 0) return;
        ReadOnlySpan<byte> digits = line[(at + 2)..];
        int end = digits.IndexOf((byte)' ');
        if (end >= 0) digits = digits[..end];
        if (long.TryParse(digits, out long sentAt))
            lock (_samples) _samples.Add(now - sentAt);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _reading;
    }
}
