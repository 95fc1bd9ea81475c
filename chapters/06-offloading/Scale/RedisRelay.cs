using Course.Cli;
using Snake.Chat;
using Snake.Wire;
using StackExchange.Redis;

namespace Offloading.Scale;

/// <summary>
/// Links snake servers through Redis pub/sub. Every server publishes on one channel what its players say
/// and, every second, its scoreboard; every server subscribes to that channel and passes on to its own
/// players what the others published.
/// 1. Start: connect with <c>AbortOnConnectFail = false</c>, so a Redis that is not there (yet) does not
///    stop the server: the client keeps trying in the background. Subscribe; a subscription asked for
///    while Redis is away is remembered and made when it comes back.
/// 2. Publish: the message is the JSON the players get. It is sent off the player's path, and a failure
///    is logged and counted, never thrown: the game does not care whether Redis heard.
/// 3. Receive: a message is checked as strictly as a player's input, our own (Redis sends a publisher
///    its own messages too) is skipped, and the rest goes to every player here.
/// 4. Redis gone: this server goes on serving its players, and its chat stays on this server. Nothing is
///    queued for later: pub/sub keeps no history, and a chat line or a score a minute late is noise.
///    When Redis is back the client reconnects and resubscribes by itself, and we log it.
/// </summary>
public sealed class RedisRelay(string redis, Log log, TimeSpan scoreboardPeriod) : IServerRelay
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("snake");

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<ConnectionType> _down = [];
    private ConnectionMultiplexer? _redis;
    private ServerChat? _here;
    private Task _scoreboards = Task.CompletedTask;
    private long _notRelayed;
    private int _failureLogged;

    /// <summary>Messages (chat lines and scoreboards) that could not be published since the last time Redis came back.</summary>
    public long NotRelayed => Interlocked.Read(ref _notRelayed);

    public async Task StartAsync(ServerChat here, CancellationToken cancel)
    {
        _here = here;
        var options = new ConfigurationOptions
        {
            EndPoints = { redis },
            AbortOnConnectFail = false,
            ConnectTimeout = 2000,
            // While Redis is away, try again every second (the default backs off to a minute).
            ReconnectRetryPolicy = new LinearRetry(1000),
            // While Redis is away, a publish fails at once. The default keeps it in a backlog and sends
            // it when Redis is back: a chat line from minutes ago, out of the blue.
            BacklogPolicy = BacklogPolicy.FailFast,
            ClientName = $"snake-{here.ServerName}",
        };
        _redis = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancel).ConfigureAwait(false);
        _redis.ConnectionFailed += (_, e) => LinkChanged(e.ConnectionType, up: false, e.FailureType.ToString());
        _redis.ConnectionRestored += (_, e) => LinkChanged(e.ConnectionType, up: true, "");
        if (_redis.IsConnected)
        {
            log.Line($"redis: connected to {redis}");
        }
        else
        {
            lock (_gate) _down.UnionWith([ConnectionType.Interactive, ConnectionType.Subscription]);
            log.Line($"redis: {redis} does not answer; this server's chat stays here until it does (trying every second)");
        }
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message)).ConfigureAwait(false);
        }
        catch (RedisConnectionException)
        {
            // Redis is away: the client has noted the subscription and makes it when Redis answers.
        }
        _scoreboards = Task.Run(() => PublishScoreboardsAsync(_stop.Token));
    }

    public void Publish(ChatLine line) => _ = PublishAsync(ServerMessages.Chat(line));

    /// <summary>Publishes; never throws. Awaiting it is optional: the scoreboard loop does, a chat line does not.</summary>
    private async Task PublishAsync(byte[] message)
    {
        try
        {
            await _redis!.GetSubscriber().PublishAsync(Channel, message).ConfigureAwait(false);
            Volatile.Write(ref _failureLogged, 0);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _notRelayed);
            // While the link is known to be down, the "lost" line has said it all; count quietly. A failure
            // with the link up (a timeout, say) is news: log the first one until a publish succeeds again.
            bool linkDown;
            lock (_gate) linkDown = _down.Count > 0;
            if (!linkDown && Interlocked.Exchange(ref _failureLogged, 1) == 0)
                log.Line($"redis: publishing failed ({e.GetType().Name}: {e.Message.Split('\n')[0]}); the line stays on this server");
        }
    }

    private void Receive(RedisValue value)
    {
        byte[] message = (byte[])value!;
        if (ChatView.TryParseChat(message, out ChatLine? line))
        {
            if (line.Server != _here!.ServerName) _here.Deliver(line);
        }
        else if (ChatView.TryParseScoreboard(message, out Scoreboard? board))
        {
            if (board.Server != _here!.ServerName) _here.Deliver(board);
        }
        else
        {
            log.Line($"redis: ignored a message that is neither a chat line nor a scoreboard ({message.Length} bytes)");
        }
    }

    private async Task PublishScoreboardsAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(scoreboardPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                await PublishAsync(ServerMessages.Scoreboard(_here!.Scores())).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// The client has two connections to Redis (commands and subscriptions), and reports each one's
    /// failure and return. "Lost" is when the first goes, "back" when the last returns.
    /// </summary>
    private void LinkChanged(ConnectionType connection, bool up, string why)
    {
        lock (_gate)
        {
            bool wasUp = _down.Count == 0;
            if (up) _down.Remove(connection);
            else _down.Add(connection);
            if (wasUp && _down.Count > 0)
            {
                log.Line($"redis: lost ({why}); this server's chat stays here until Redis is back");
            }
            else if (!wasUp && _down.Count == 0)
            {
                long missed = Interlocked.Exchange(ref _notRelayed, 0);
                log.Line($"redis: back; chat crosses servers again ({missed} message(s) could not be relayed meanwhile)");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _scoreboards.ConfigureAwait(false);
        if (_redis is not null) await _redis.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
