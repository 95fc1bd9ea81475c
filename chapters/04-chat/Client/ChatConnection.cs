using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Course.Cli;

namespace Chat;

/// <summary>How a client checks the server's TLS certificate. Null <see cref="Fingerprint"/> and false
/// <see cref="AcceptAny"/> mean: only a certificate the machine already trusts.</summary>
public sealed record TlsChoice(string? Fingerprint, bool AcceptAny);

/// <summary>
/// The client's side of a connection: connect (with a timeout, optionally TLS), wait for the welcome,
/// send lines, read lines. Used by the console client, the bot and the demo. Failures become one-line
/// <see cref="UserError"/>s.
/// </summary>
/// <remarks>
/// A client trusts its server no more than the server trusts it. Whatever answers on that port may send
/// a line that never ends (a StreamReader would hold all of it: half a gigabyte a second), bytes that are
/// not text, or nothing at all. So lines are read with the server's own <see cref="LineReader"/> and
/// limit, the welcome must come within the timeout, and anything else ends the connection with one line
/// (<see cref="Ending"/>).
/// </remarks>
public sealed class ChatConnection : IAsyncDisposable
{
    /// <summary>Room for what the server puts in front of a client's line: "[nickname16chars -> you] ".</summary>
    public const int ServerPrefixBytes = 32;

    /// <summary>
    /// After this long without a line from us, we say <c>/ping keepalive</c> (and hide the pong), so a
    /// server's idle timeout (5 minutes for ours) never closes a person who only reads.
    /// </summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(1);
    private const string KeepAlivePing = "/ping keepalive", KeepAlivePong = "* pong keepalive";

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly LineReader _reader;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeProvider _time;
    private long _lastSent;
    private Task _keepingAlive = Task.CompletedTask;
    private string? _welcome;

    private ChatConnection(Socket socket, Stream stream, IPEndPoint server, int maxLineBytes, TimeProvider time)
    {
        _socket = socket;
        _stream = stream;
        _time = time;
        _lastSent = time.GetTimestamp();
        Server = server;
        MaxLineBytes = maxLineBytes + ServerPrefixBytes;
        _reader = new LineReader(stream, MaxLineBytes);
    }

    public IPEndPoint Server { get; }
    public bool IsTls => _stream is SslStream;

    /// <summary>The longest line we accept from the server: its own line limit plus its prefix.</summary>
    public int MaxLineBytes { get; }

    /// <summary>Why <see cref="ReadLineAsync"/> returned null; null while it has not, or when the server simply closed.</summary>
    public string? Ending { get; private set; }

    /// <param name="maxLineBytes">The server's line limit (its <c>--max-line</c>).</param>
    /// <param name="time">The clock for the keep-alive; tests pass a FakeTimeProvider.</param>
    public static async Task<ChatConnection> ConnectAsync(IPEndPoint server, TlsChoice? tls, TimeSpan timeout, CancellationToken cancel,
        int maxLineBytes = 1024, TimeProvider? time = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        string where = Endpoints.Show(server);
        bool connected = false; // past the handshakes: from here a timeout means no welcome
        try
        {
            await socket.ConnectAsync(server, deadline.Token);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (tls is not null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                        tls.AcceptAny
                        || (tls.Fingerprint is { } expected && certificate is not null && Certificates.Matches(certificate, expected))
                        || (tls.Fingerprint is null && errors == SslPolicyErrors.None),
                }, deadline.Token);
                stream = secure;
            }
            var connection = new ChatConnection(socket, stream, server, maxLineBytes, time ?? TimeProvider.System);
            connected = true;
            try
            {
                await connection.AwaitWelcomeAsync(where, deadline.Token);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            connection._keepingAlive = connection.KeepAliveAsync();
            return connection;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested && connected)
        {
            throw new UserError($"no welcome from {where} after {timeout.TotalSeconds:0.#} s: is it a chat server?", ClientExitCodes.TimedOut);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            socket.Dispose();
            throw new UserError($"no answer from {where} after {timeout.TotalSeconds:0.#} s (connecting).", ClientExitCodes.TimedOut);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            socket.Dispose();
            throw new UserError($"connection refused by {where}: nothing is listening there (is the server running?).", ClientExitCodes.Refused, e);
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            socket.Dispose();
            throw new UserError($"TLS with {where} failed: the certificate is not the one expected (check --fingerprint), or the server does not speak TLS.", ClientExitCodes.Tls, e);
        }
        catch (IOException e)
        {
            socket.Dispose();
            throw new UserError($"TLS with {where} failed: {e.Message} (is the server running with --tls?)", ClientExitCodes.Tls, e);
        }
    }

    /// <summary>The first line must be the server's welcome (or its refusal, which we pass on), within the deadline.</summary>
    private async Task AwaitWelcomeAsync(string where, CancellationToken deadline)
    {
        string? first = await ReadLineAsync(deadline);
        if (first is null) throw new UserError($"{where} did not welcome us: {Ending ?? "it closed the connection"}");
        if (first.StartsWith("! ", StringComparison.Ordinal)) throw new UserError($"{where} says: {ChatCommands.Printable(first[2..])}");
        if (!first.StartsWith("* welcome", StringComparison.Ordinal))
            throw new UserError($"{where} is not a chat server: its first line is not a welcome.");
        _welcome = first; // handed out by the first ReadLineAsync, so the caller sees it too
    }

    /// <summary>Says <c>/ping keepalive</c> whenever we have said nothing for <see cref="KeepAlive"/>.</summary>
    private async Task KeepAliveAsync()
    {
        try
        {
            while (true)
            {
                TimeSpan quiet = _time.GetElapsedTime(Interlocked.Read(ref _lastSent));
                if (quiet >= KeepAlive) await SendLineAsync(KeepAlivePing, _closing.Token);
                else await Task.Delay(KeepAlive - quiet, _time, _closing.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closing, or the connection is gone: the reader says why.
        }
    }

    /// <summary>Sends one line. Safe to call from several tasks: lines are never interleaved.</summary>
    public async Task SendLineAsync(string line, CancellationToken cancel)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        await _sending.WaitAsync(cancel);
        try
        {
            await _stream.WriteAsync(bytes, cancel);
            await _stream.FlushAsync(cancel);
            Interlocked.Exchange(ref _lastSent, _time.GetTimestamp());
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next line from the server, or null when the connection ended (<see cref="Ending"/> says why, unless the server just closed it).</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        if (Interlocked.Exchange(ref _welcome, null) is { } welcome) return welcome;
        try
        {
            LineResult result;
            do result = await _reader.ReadLineAsync(cancel);
            while (result is { Status: LineStatus.Line, Text: KeepAlivePong }); // our keep-alive's answer: nobody's business
            switch (result.Status)
            {
                case LineStatus.Line: return result.Text;
                case LineStatus.TooLong: Ending = $"the server sent a line longer than {MaxLineBytes} bytes (not a chat server?)"; return null;
                case LineStatus.NotUtf8: Ending = "the server sent a line that is not UTF-8 (not a chat server?)"; return null;
                default: return null;
            }
        }
        catch (IOException)
        {
            return null; // a reset: for a chat client, the same as the server going away
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _keepingAlive;
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        await _stream.DisposeAsync();
        _socket.Dispose();
        _sending.Dispose();
        _closing.Dispose();
    }
}
