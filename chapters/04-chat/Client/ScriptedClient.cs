using System.Net;
using System.Threading.Channels;

namespace Chat;

/// <summary>
/// A client driven by a program (the demo, the bot): it keeps every line it receives, in order, and can
/// wait until the server has handled everything it sent so far.
/// </summary>
public sealed class ScriptedClient : IAsyncDisposable
{
    private readonly ChatConnection _connection;
    private readonly Channel<string> _incoming = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly Task _receiving;
    private int _pings;

    private ScriptedClient(string name, ChatConnection connection)
    {
        Name = name;
        _connection = connection;
        _receiving = Task.Run(async () =>
        {
            while (await connection.ReadLineAsync(CancellationToken.None) is { } line) _incoming.Writer.TryWrite(line);
            _incoming.Writer.TryComplete();
        });
    }

    public string Name { get; }

    /// <summary>Every line received and taken so far, without the /ping barriers.</summary>
    public IReadOnlyList<string> Seen => _seen;

    public static async Task<ScriptedClient> ConnectAsync(string name, IPEndPoint server, TlsChoice? tls, CancellationToken cancel)
    {
        var connection = await ChatConnection.ConnectAsync(server, tls, TimeSpan.FromSeconds(10), cancel);
        var client = new ScriptedClient(name, connection);
        await client.WaitForAsync(l => l.StartsWith("* welcome"), cancel);
        return client;
    }

    public Task SayAsync(string line, CancellationToken cancel) => _connection.SendLineAsync(line, cancel);

    /// <summary>
    /// Waits until the server has handled every line this client sent and delivered every line queued
    /// for it before now: a /ping's answer comes back behind all of them, on the same connection.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancel)
    {
        string token = $"sync-{++_pings}";
        await SayAsync($"/ping {token}", cancel);
        await WaitForAsync(l => l == $"* pong {token}", cancel, keep: false);
    }

    /// <summary>Takes lines until one matches (bounded: 10 s), and returns it.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, CancellationToken cancel, bool keep = true)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (string line in _incoming.Reader.ReadAllAsync(limit.Token))
            {
                if (!match(line) || keep) _seen.Add(line);
                if (match(line)) return line;
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name}: no matching line within 10 s; saw:\n{string.Join("\n", _seen)}");
        }
        throw new InvalidOperationException($"{Name}: the server closed the connection; saw:\n{string.Join("\n", _seen)}");
    }

    /// <summary>Takes the lines until the server closes the connection (bounded: 10 s).</summary>
    public async Task WaitForCloseAsync(CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (string line in _incoming.Reader.ReadAllAsync(limit.Token)) _seen.Add(line);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
