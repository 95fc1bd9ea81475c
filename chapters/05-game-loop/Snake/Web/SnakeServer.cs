using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Course.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snake.Chat;
using Snake.Rooms;

namespace Snake.Web;

/// <summary>
/// The web server: Kestrel serves the page on <c>GET /</c> and upgrades <c>GET /connect?room=NAME</c> to a
/// web socket, all on one port (as aiohttp does in the article, no second server for the page).
/// </summary>
public sealed partial class SnakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IServerRelay? _relay;
    private int _nextPlayerId;

    private SnakeServer(WebApplication app, RoomDirectory rooms, ServerChat chat, IServerRelay? relay)
    {
        _app = app;
        Rooms = rooms;
        Chat = chat;
        _relay = relay;
    }

    public RoomDirectory Rooms { get; }
    /// <summary>The chat line all rooms of this server share.</summary>
    public ServerChat Chat { get; }
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>Starts listening; returns once connections are accepted.</summary>
    public static async Task<SnakeServer> StartAsync(SnakeServerOptions options, Log log, CancellationToken cancel = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // our own log lines only; ASP.NET's would drown them
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.EndPoint));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        WebApplication app = builder.Build();

        var rooms = new RoomDirectory(options.Rooms, log);
        var server = new SnakeServer(app, rooms, new ServerChat(options.Name, rooms, options.Relay), options.Relay);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAlive, KeepAliveTimeout = options.KeepAlive });
        app.MapGet("/", () => Results.Content(Page.Html, "text/html; charset=utf-8"));
        app.Map("/connect", context => server.ConnectAsync(context, options, log));

        try
        {
            // The relay first, so no player can speak before the chat is linked to the other servers.
            if (options.Relay is { } relay) await relay.StartAsync(server.Chat, cancel).ConfigureAwait(false);
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        // Kestrel wraps the socket's error in its own AddressInUseException.
        catch (IOException e) when (e.InnerException is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new UserError($"port {options.EndPoint.Port} is in use: stop the other server or pick another --port.", inner: e);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        server.EndPoint = new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
        log.Line($"listening on http://{Endpoints.Show(server.EndPoint)}/ (web socket at /connect)");
        return server;
    }

    /// <summary>For tests and the <c>server</c> verb: start, report the endpoint, serve until cancelled.</summary>
    public static async Task RunAsync(SnakeServerOptions options, Log log, Action<IPEndPoint> onListening, CancellationToken stop)
    {
        await using SnakeServer server = await StartAsync(options, log, stop).ConfigureAwait(false);
        onListening(server.EndPoint);
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ConnectAsync(HttpContext context, SnakeServerOptions options, Log log)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "/connect is a web socket: open / in a browser instead.").ConfigureAwait(false);
            return;
        }
        string room = context.Request.Query["room"].FirstOrDefault() ?? "lobby";
        string? name = context.Request.Query["name"].FirstOrDefault();
        if (!ValidName().IsMatch(room) || name is not null && !ValidName().IsMatch(name))
        {
            // Refused before the upgrade: a name ends up in every other player's messages and logs.
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "room and name: 1 to 24 letters, digits, '-' or '_'.").ConfigureAwait(false);
            return;
        }

        if (Rooms.Refusal(room) is { } refusal)
        {
            // Before the upgrade, as a plain HTTP answer: the browser's page and the bots both show it.
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, refusal).ConfigureAwait(false);
            return;
        }

        int id = Interlocked.Increment(ref _nextPlayerId);
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var player = new Player(id, name ?? $"p{id}");
        var chatGate = new ChatGate(options.ChatLinesPerSecond, options.ChatBurst, options.Rooms.Time);
        var connection = new PlayerConnection(socket, player, Rooms, room, log, options.MaxMessageBytes, options.SendTimeout, Chat, chatGate);
        try
        {
            await connection.RunAsync(_app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // Dropped before it even joined (during the welcome): nothing to clean up.
            log.Line($"{player.Name}: connection lost before joining");
        }
        catch (Exception e)
        {
            // A bug of ours. ASP.NET's own logging is off (see StartAsync), so log it here or it vanishes;
            // the other players are not affected.
            log.Line($"{player.Name}: unexpected error, connection closed: {e}");
        }
    }

    /// <summary>A plain-text answer of one line, with its length (so even a raw socket reads it whole).</summary>
    private static Task RefuseAsync(HttpContext context, int status, string reason)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(reason + "\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,24}$")]
    private static partial Regex ValidName();

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(limit.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        // After the players are gone: nobody can be speaking into the relay any more.
        if (_relay is not null) await _relay.DisposeAsync().ConfigureAwait(false);
    }
}
