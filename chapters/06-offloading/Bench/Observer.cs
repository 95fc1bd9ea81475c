using System.Net;
using Course.Bench;
using Snake.Bots;
using Snake.Wire;

namespace Offloading.Bench;

/// <summary>
/// One player in the server's room who only watches the clock: it notes when each state arrives and
/// which tick it is, never steers and never parses a whole state. What it sees is what every player
/// sees: a state leaves after the tick's work, so a tick that plans inline reaches the players late.
/// </summary>
internal sealed class Observer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private volatile ScheduleLateness? _recording;
    private volatile int _stream;
    private long _lastTick = -1;

    public static async Task<Observer> JoinAsync(IPEndPoint server, CancellationToken cancel)
    {
        var observer = new Observer();
        var bot = new SnakeBot(server, "bench", "observer") { Steer = false, OnMessage = observer.Arrived };
        observer._running = bot.RunAsync(observer._stop.Token);
        // In the room: the first state has come (the room starts ticking when its first player joins).
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        while (Interlocked.Read(ref observer._lastTick) < 0)
        {
            if (observer._running.IsCompleted) await observer._running; // its one-line error
            if (limit.IsCancellationRequested) throw new TimeoutException("the observer saw no state within 60 s");
            await Task.Delay(20, CancellationToken.None);
        }
        return observer;
    }

    /// <summary>Starts noting lateness into <paramref name="into"/>, as stream <paramref name="stream"/>.</summary>
    public void Record(ScheduleLateness into, int stream)
    {
        _stream = stream;
        _recording = into;
    }

    public void StopRecording() => _recording = null;

    private void Arrived(ReadOnlySpan<byte> message, long arrived)
    {
        long tick = StateView.TickOf(message);
        if (tick < 0) return;
        Interlocked.Exchange(ref _lastTick, tick);
        _recording?.Arrived(_stream, tick, arrived);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is TimeoutException or Course.Cli.UserError or OperationCanceledException)
        {
            // Leaving: an observer that could not say goodbye in time does not change the figures.
        }
        _stop.Dispose();
    }
}
