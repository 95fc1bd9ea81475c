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
/// The client's side of a connection: connect (with a timeout, optionally TLS), send lines, read lines.
/// Used by the console client, the bot and the demo. Failures become one-line <see cref="UserError"/>s.
/// </summary>
public sealed class ChatConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly SemaphoreSlim _sending = new(1, 1);

    private ChatConnection(Socket socket, Stream stream, IPEndPoint server)
    {
        _socket = socket;
        _stream = stream;
        Server = server;
        _reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
    }

    public IPEndPoint Server { get; }
    public bool IsTls => _stream is SslStream;

    public static async Task<ChatConnection> ConnectAsync(IPEndPoint server, TlsChoice? tls, TimeSpan timeout, CancellationToken cancel)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        string where = Endpoints.Show(server);
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
            return new ChatConnection(socket, stream, server);
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

    /// <summary>Sends one line. Safe to call from several tasks: lines are never interleaved.</summary>
    public async Task SendLineAsync(string line, CancellationToken cancel)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        await _sending.WaitAsync(cancel);
        try
        {
            await _stream.WriteAsync(bytes, cancel);
            await _stream.FlushAsync(cancel);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next line from the server, or null when it closed the connection.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        try
        {
            return await _reader.ReadLineAsync(cancel);
        }
        catch (IOException)
        {
            return null; // a reset: for a chat client, the same as the server going away
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        await _stream.DisposeAsync();
        _socket.Dispose();
        _sending.Dispose();
    }
}
