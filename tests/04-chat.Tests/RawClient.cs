using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Chat.Tests;

/// <summary>
/// A test client on a bare socket, so a test can also misbehave: send invalid bytes, vanish mid-line,
/// or never read at all. Every wait is bounded.
/// </summary>
internal sealed class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task _reading;

    private RawClient(Socket socket, bool read)
    {
        Socket = socket;
        _reading = read ? ReadLoopAsync() : Task.CompletedTask;
    }

    public Socket Socket { get; }

    /// <summary>Connects and, unless told not to read, takes the welcome line.</summary>
    public static async Task<RawClient> ConnectAsync(IPEndPoint server, bool read = true, int? receiveBuffer = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBuffer is { } size) socket.ReceiveBufferSize = size;
        await socket.ConnectAsync(server).WaitAsync(Patience);
        var client = new RawClient(socket, read);
        if (read) await client.WaitForAsync(l => l.StartsWith("* welcome", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Connects <paramref name="count"/> clients and lets each hear the others join, so tests start quiet.</summary>
    public static async Task<RawClient[]> ConnectManyAsync(IPEndPoint server, int count)
    {
        var clients = new RawClient[count];
        for (int i = 0; i < count; i++) clients[i] = await ConnectAsync(server);
        foreach (RawClient client in clients) await client.SyncAsync("joined");
        return clients;
    }

    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendRawAsync(byte[] bytes) => await Socket.SendAsync(bytes).WaitAsync(Patience);

    /// <summary>The next line from the server; null when it closed the connection.</summary>
    public async Task<string?> NextAsync()
    {
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            return await _lines.Reader.WaitToReadAsync(limit.Token) && _lines.Reader.TryRead(out string? line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no line from the server within {Patience.TotalSeconds} s");
        }
    }

    /// <summary>Takes lines until one matches and returns all of them (the match last).</summary>
    public async Task<List<string>> WaitForAsync(Func<string, bool> match)
    {
        var seen = new List<string>();
        while (await NextAsync() is { } line)
        {
            seen.Add(line);
            if (match(line)) return seen;
        }
        throw new InvalidOperationException($"the server closed the connection; saw:\n{string.Join("\n", seen)}");
    }

    /// <summary>Takes lines until the server closes the connection, and returns them.</summary>
    public async Task<List<string>> RestUntilClosedAsync()
    {
        var seen = new List<string>();
        while (await NextAsync() is { } line) seen.Add(line);
        return seen;
    }

    /// <summary>Everything the server has handled from us so far (see ScriptedClient.SyncAsync).</summary>
    public async Task<List<string>> SyncAsync(string token = "sync")
    {
        await SendAsync($"/ping {token}");
        List<string> seen = await WaitForAsync(l => l == $"* pong {token}");
        seen.RemoveAt(seen.Count - 1);
        return seen;
    }

    private async Task ReadLoopAsync()
    {
        var stream = new NetworkStream(Socket, ownsSocket: false);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        try
        {
            while (await reader.ReadLineAsync() is { } line) _lines.Writer.TryWrite(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
        _lines.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        Socket.Dispose();
        await _reading.WaitAsync(Patience);
    }
}
