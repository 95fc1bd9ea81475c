using System.Diagnostics;
using System.Net;
using Course.Bench;
using Snake.Bots;
using Snake.Wire;

namespace GameLoop;

/// <summary>
/// N bots in rooms of a given size (bot i joins room i / size), that only note when each state arrives
/// and which tick it is: the lateness of every (tick, bot) against the room's schedule, and the bytes.
/// They never steer and never parse a whole state (1,000 of them parsing every state would cost the
/// machine the server is measured on).
/// </summary>
internal sealed class Players : IArrivals, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly int[] _firstTick;
    private volatile ScheduleLateness? _recording;
    private volatile int _stream;
    private long _bytes, _states;

    private Players(int count) => _firstTick = new int[count];

    public static async Task<Players> JoinAsync(IPEndPoint server, int count, int roomSize, CancellationToken cancel)
    {
        var players = new Players(count);
        for (int i = 0; i < count; i++)
        {
            int room = i / roomSize, bot = i;
            var snake = new SnakeBot(server, $"r{room}", $"b{i}") { Steer = false, OnMessage = (m, at) => players.Arrived(bot, room, m, at) };
            players._running.Add(snake.RunAsync(players._stop.Token));
            if (i % 50 == 49) await Task.Delay(20, cancel); // do not stampede the accept queue
        }
        // Everyone in: each bot has seen a state.
        var clock = Stopwatch.StartNew();
        while (players._firstTick.Any(t => t == 0))
        {
            if (players._running.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed; // its one-line error
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"not every bot saw a state within 120 s ({players._firstTick.Count(t => t == 0)} did not)");
            await Task.Delay(50, cancel);
        }
        return players;
    }

    public void Record(ScheduleLateness into, int streamBase)
    {
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _states, 0);
        _stream = streamBase;
        _recording = into;
    }

    public void StopRecording() => _recording = null;

    /// <summary>Bytes of state per tick sent to the whole crowd, while recording.</summary>
    public double BytesPerTick(int count) => Interlocked.Read(ref _states) == 0 ? 0 : (double)Interlocked.Read(ref _bytes) / Interlocked.Read(ref _states) * count;

    private void Arrived(int bot, int room, ReadOnlySpan<byte> message, long arrived)
    {
        long tick = StateView.TickOf(message);
        if (tick < 0) return;
        _firstTick[bot] = 1;
        if (_recording is not { } into) return;
        into.Arrived(_stream + room, tick, arrived);
        Interlocked.Add(ref _bytes, message.Length);
        Interlocked.Increment(ref _states);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is TimeoutException or Course.Cli.UserError or OperationCanceledException)
        {
            // Leaving: a bot that could not say goodbye in time does not change the figures.
        }
        _stop.Dispose();
    }
}
