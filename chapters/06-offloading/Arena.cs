using Course.Cli;
using Offloading.Ai;
using Offloading.Offload;
using Snake.Game;
using Snake.Loop;

namespace Offloading;

/// <summary>
/// A room without a network: one game, its computer snakes and chapter 05's <see cref="TickLoop"/>. The
/// tests use it to watch the loop's timing with nothing else going on; the server verb runs the same
/// <see cref="AiSnakes"/> hook inside real rooms (and the bench measures that server, as it ships).
/// </summary>
public sealed class Arena : IAsyncDisposable
{
    private readonly SnakeGame _game;
    private readonly TickLoop _loop;
    private Exception? _fault;

    public Arena(GameRules rules, int seed, int aiCount, IPlanSource plans, double tickRate, TimeProvider time, Log log)
    {
        var period = TimeSpan.FromSeconds(1 / tickRate);
        _game = new SnakeGame(rules, seed);
        Ai = new AiSnakes(aiCount, plans, time, period, log);
        _loop = new TickLoop(period, time, Tick, e => _fault = e, log);
    }

    public AiSnakes Ai { get; }
    public long Ticks => Interlocked.Read(ref _ticks);
    /// <summary>What made the loop stop, if it failed (a test checks this stays null).</summary>
    public Exception? Fault => _fault;

    private long _ticks;

    public void Start() => _loop.Start();

    private ValueTask Tick(long number, CancellationToken cancel)
    {
        Ai.BeforeStep(_game);
        _game.Step();
        Interlocked.Increment(ref _ticks);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _loop.StopAsync().ConfigureAwait(false);
        Ai.Dispose();
    }
}
