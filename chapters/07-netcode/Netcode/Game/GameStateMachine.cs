using System.Collections.Concurrent;
using System.Net;
using Netcode.State;
using Netcode.Wire;

namespace Netcode.Game;

/// <summary>What one event handler is given: the event, the state as it was before this tick, the tick's length, the sender.</summary>
public sealed record EventCall(NetEvent Event, GameState State, double Dt, IPEndPoint? ClientAddress);

/// <summary>
/// One tick as the clock saw it: its number, how late it started against its slot on the schedule, how
/// long it took. <see cref="Missed"/>: it started a whole interval or more after its slot (or its slot was
/// skipped after a stall), so the game fell behind real time there.
/// </summary>
public readonly record struct TickRecord(long Number, double LatenessMs, double DurationMs, bool Missed);

/// <summary>Changes a handler or a time step returns: attribute name → new value (nested maps merge).</summary>
public sealed class Changes : Dictionary<string, object?>
{
    public static Changes None => [];
}

/// <summary>
/// The game loop: every interval it calls <see cref="TimeStep"/>, then the handlers of the events that arrived,
/// then <see cref="LateStep"/>, merges everything they return into one update with the next time order, and
/// pushes it to the store.
/// </summary>
/// <remarks>
/// 1. Every function of one tick sees the same state, the one from before the tick (as in PyGaSe).
/// 2. Their results are merged deeply: two handlers that each change one entry of <c>positions</c> both
///    count (PyGaSe merges shallowly and keeps only the last one's map).
/// 3. A handler that throws, or an event nobody handles, is logged and skipped: the loop goes on (in
///    PyGaSe either ends the game-loop thread while the server keeps running).
/// 4. The loop keeps a schedule, tick n is due at start + n·interval, so a late wake-up shortens the next
///    sleep instead of shifting every later tick; after a long stall it resynchronises instead of bursting.
///    Time comes from a <see cref="TimeProvider"/>, so a test can run the loop on frozen time.
/// 5. A fault outside any one function (a bug in the loop itself) is logged with its stack and ends
///    <see cref="RunAsync"/> with that exception: never a live process with a dead loop.
/// </remarks>
public sealed class GameStateMachine(GameStateStore store, TimeProvider? time = null, Action<string>? log = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Func<EventCall, Changes?>> _handlers = new();
    private readonly ConcurrentQueue<(NetEvent Event, IPEndPoint? From)> _inbox = new();
    private readonly Action<string> _log = log ?? (_ => { });

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(0.02);

    public GameStateStore Store => store;

    /// <summary>The simulation: state and dt in seconds → changes. Default: nothing changes.</summary>
    public Func<GameState, double, Changes?> TimeStep { get; set; } = (_, _) => null;

    /// <summary>
    /// Runs after this tick's events (PyGaSe has only <see cref="TimeStep"/>, which runs before them): a game
    /// whose step consumes the inputs that just arrived puts its simulation here, and its output too
    /// (chapter 08 steps its world, then sends each client its view).
    /// </summary>
    public Func<GameState, double, Changes?>? LateStep { get; set; }

    /// <summary>Called after every tick of <see cref="RunAsync"/> with its timing (the game's status line, the benches).</summary>
    public Action<TickRecord>? AfterTick { get; set; }

    /// <summary>Ticks that started a whole interval or more behind the schedule, or were skipped after a stall.</summary>
    public long MissedTicks { get; private set; }

    /// <summary>Seconds of game time simulated so far.</summary>
    public double GameTime { get; private set; }

    public long Ticks { get; private set; }

    /// <summary>Handlers that threw, and events nobody handles, so far (each was logged and skipped).</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);
    private long _handlerFailures;

    public void RegisterEventHandler(string eventType, Func<EventCall, Changes?> handler) => _handlers[eventType] = handler;

    /// <summary>Most events waiting for a tick; beyond it new ones are dropped (and counted), so a flood cannot exhaust memory.</summary>
    public const int InboxCapacity = 65_536;

    /// <summary>Events dropped because the inbox was full.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);
    private long _dropped;
    private int _waiting;

    /// <summary>Queues an event for the next tick. Thread-safe; called by the server for every client event.</summary>
    public void Enqueue(NetEvent e, IPEndPoint? from)
    {
        if (Interlocked.Increment(ref _waiting) > InboxCapacity)
        {
            Interlocked.Decrement(ref _waiting);
            if (Interlocked.Increment(ref _dropped) == 1) _log($"the inbox is full ({InboxCapacity} events): dropping new events until the loop catches up");
            return;
        }
        _inbox.Enqueue((e, from));
    }

    /// <summary>Runs one tick of <paramref name="dt"/> seconds now and returns the update it pushed.</summary>
    public GameStateUpdate Tick(double dt)
    {
        GameState before = store.GetGameState();
        var merged = new GameStateUpdate(before.TimeOrder.Next());
        Merge(merged, () => TimeStep(before, dt), "time_step");
        // Take only the events queued so far: a flood arriving during the tick waits for the next one.
        for (int n = Volatile.Read(ref _waiting); n > 0 && _inbox.TryDequeue(out var item); n--)
        {
            Interlocked.Decrement(ref _waiting);
            if (!_handlers.TryGetValue(item.Event.Type, out var handler))
            {
                if (item.Event.Type == LibraryEvents.ClientGone) continue; // this game does not care who leaves
                Interlocked.Increment(ref _handlerFailures);
                LogOnce(item.Event.Type, $"no handler for event {item.Event.Type}; skipped (logged once per type)");
                continue;
            }
            Merge(merged, () => handler(new EventCall(item.Event, before, dt, item.From)), item.Event.Type);
        }
        if (LateStep is { } late) Merge(merged, () => late(before, dt), "late step");
        GameTime += dt;
        Ticks++;
        store.PushUpdate(merged);
        return merged;
    }

    private void Merge(GameStateUpdate into, Func<Changes?> produce, string what)
    {
        try
        {
            Changes? changes = produce();
            if (changes is null) return;
            GameStateUpdate part = GameStateUpdate.From(into.TimeOrder, changes);
            Values.MergeInto(into.Changes, part.Changes, intoUpdate: true);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _handlerFailures);
            LogOnce($"{what}:{e.GetType().Name}", $"{what} failed and was skipped (logged once per kind): {e}");
        }
    }

    private readonly HashSet<string> _logged = [];

    /// <summary>A client can send any event type, and a handler may fail on every tick: one line per kind, not per event.</summary>
    private void LogOnce(string kind, string line)
    {
        if (_logged.Count < 256 && _logged.Add(kind)) _log(line);
    }

    /// <summary>Runs the loop until cancelled: marks the game active, ticks every <paramref name="interval"/>, then marks it paused.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancel)
    {
        store.PushUpdate(new GameStateUpdate(store.TimeOrder.Next()) { GameStatus = GameStatus.Active });
        long start = _time.GetTimestamp();
        long last = start;
        long tick = 0;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                tick++;
                TimeSpan due = interval * tick;
                TimeSpan wait = due - _time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancel);
                else if (-wait > interval * 5)
                {
                    // A long stall: skip the slots we cannot catch up on (they are missed), do not burst.
                    long now = (long)(_time.GetElapsedTime(start) / interval);
                    MissedTicks += now - tick;
                    tick = now;
                    due = interval * tick;
                }
                long started = _time.GetTimestamp();
                double dt = _time.GetElapsedTime(last, started).TotalSeconds;
                last = started;
                TimeSpan lateness = _time.GetElapsedTime(start, started) - due;
                Tick(dt);
                bool missed = lateness >= interval;
                if (missed) MissedTicks++;
                AfterTick?.Invoke(new TickRecord(tick, lateness.TotalMilliseconds, _time.GetElapsedTime(started).TotalMilliseconds, missed));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (Exception e)
        {
            _log($"BUG: the game loop failed and stops (the server stops with it): {e}");
            throw;
        }
        store.PushUpdate(new GameStateUpdate(store.TimeOrder.Next()) { GameStatus = GameStatus.Paused });
    }
}
