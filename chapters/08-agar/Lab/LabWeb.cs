using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Course.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Agar.Lab;

/// <summary>
/// The lab's web side, as chapter 05 serves its snake: Kestrel on 127.0.0.1 only, the page on <c>GET /</c>,
/// its script on <c>GET /lab.js</c>, and a web socket on <c>/connect</c> that first sends a
/// <see cref="LabSetup"/>, then every <see cref="LabFrame"/> (the newest: a slow page skips frames, it
/// never makes the lab wait), and reads the page's <see cref="LabControl"/>s.
/// </summary>
/// <remarks>
/// A web page from anywhere may open a web socket to 127.0.0.1 (browsers do not stop it), so the socket
/// only accepts the lab's own page: a request whose Origin is another site is refused. A control that
/// is wrong is refused alone, with one line on the log; a message too long, or not text, closes that
/// page's socket. Neither touches the lab or the other pages.
/// </remarks>
public sealed class LabWeb : IAsyncDisposable
{
    public const int MaxPages = 8;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly NetcodeLab _lab;
    private readonly Action<string> _log;
    private int _pages;

    private LabWeb(WebApplication app, NetcodeLab lab, Action<string> log)
    {
        _app = app;
        _lab = lab;
        _log = log;
    }

    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);
    public string Url => $"http://{Endpoints.Show(EndPoint)}/";

    /// <summary>Starts serving on 127.0.0.1:<paramref name="port"/> (0: any free port); returns once it accepts connections.</summary>
    public static async Task<LabWeb> StartAsync(NetcodeLab lab, int port, Action<string>? log = null, CancellationToken cancel = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // our own lines only
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        var web = new LabWeb(app, lab, log ?? (_ => { }));
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(10) });
        app.MapGet("/", () => Results.Content(LabPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/lab.js", () => Results.Content(LabPage.Script, "text/javascript; charset=utf-8"));
        app.Map("/connect", web.ConnectAsync);
        try
        {
            await app.StartAsync(cancel);
        }
        // Kestrel wraps the socket's error in its own AddressInUseException.
        catch (IOException e) when (e.InnerException is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            await app.DisposeAsync();
            throw new UserError($"port {port} is in use: stop the other program or pick another --port (0: any free one).", inner: e);
        }
        var address = new Uri(app.Urls.First());
        web.EndPoint = new IPEndPoint(IPAddress.Loopback, address.Port);
        return web;
    }

    private async Task ConnectAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "/connect is the lab page's web socket: open / in a browser instead.");
            return;
        }
        string? origin = context.Request.Headers.Origin;
        if (origin is not null && origin != $"http://127.0.0.1:{EndPoint.Port}" && origin != $"http://localhost:{EndPoint.Port}")
        {
            _log($"refused a web socket from a page of {origin}: only the lab's own page may steer it");
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "only the lab's own page may connect.");
            return;
        }
        if (Interlocked.Increment(ref _pages) > MaxPages)
        {
            Interlocked.Decrement(ref _pages);
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, $"the lab already shows {MaxPages} pages: close one.");
            return;
        }
        try
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_app.Lifetime.ApplicationStopping);
            await socket.SendAsync(NetcodeLab.Serialize(_lab.Setup), WebSocketMessageType.Text, true, done.Token);
            Task receiving = ReceiveAsync(socket, done.Token), sending = SendAsync(socket, done.Token);
            await Task.WhenAny(receiving, sending);
            await done.CancelAsync();
            await Task.WhenAll(receiving, sending);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The page went away (closed, reloaded): nothing to clean up but the count below.
        }
        finally
        {
            Interlocked.Decrement(ref _pages);
        }
    }

    /// <summary>Every new frame, until the page or the lab goes away.</summary>
    private async Task SendAsync(WebSocket socket, CancellationToken cancel)
    {
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var (_, json) = await _lab.NextFrameAsync().WaitAsync(cancel);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                limit.CancelAfter(SendTimeout); // a page that stopped reading is dropped, not waited for
                await socket.SendAsync(json, WebSocketMessageType.Text, true, limit.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException) { }
    }

    /// <summary>Reads controls until the page closes, or sends what no page sends (too long, not text).</summary>
    private async Task ReceiveAsync(WebSocket socket, CancellationToken cancel)
    {
        byte[] buffer = new byte[LabControl.MaxBytes];
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        _lab.Reject($"a message over {LabControl.MaxBytes} bytes closed its page's socket");
                        return;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancel);
                    length += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close) return;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    _lab.Reject("a binary message closed its page's socket (controls are JSON text)");
                    return;
                }
                try { _lab.Control(LabControl.Parse(buffer.AsSpan(0, length), _lab.Setup.Clients)); }
                catch (FormatException e) { _lab.Reject(e.Message); }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException) { }
    }

    private static Task RefuseAsync(HttpContext context, int status, string reason)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(reason + "\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
    }
}
