using Course.Cli;
using Offloading.Offload;
using Snake.Game;
using Snake.Rooms;

namespace Offloading.Ai;

/// <summary>
/// The computer-played snakes of one room, hooked into its tick (chapter 05's <see cref="ITickHook"/>).
/// Every tick, in the same order whatever the offload mode:
/// 1. note when the tick started (the <see cref="TickMeter"/>);
/// 2. copy the board and offer it to the plan source;
/// 3. steer by the newest plan the source has, if it has not been used yet.
/// With <c>none</c> step 2 plans right there (fresh plan, slow tick); with <c>thread</c> and <c>process</c>
/// step 2 returns at once and step 3 uses a plan made from a board a few ticks old (fast tick, slightly
/// stale plan). The game rules ignore a turn that would be fatal by reversing, so a stale plan is safe.
/// </summary>
public sealed class AiSnakes : ITickHook
{
    /// <summary>Computer snakes get ids far from the players' (which count up from 1).</summary>
    public const int FirstId = 1_000_000;

    private readonly IPlanSource _plans;
    private readonly Log _log;
    private readonly int _reportEvery;
    private readonly int[] _ids;
    private bool _added;
    private long _appliedTick = -1;

    /// <param name="reportEvery">Log the meter's summary every this many ticks (0: never).</param>
    public AiSnakes(int count, IPlanSource plans, TimeProvider time, TimeSpan period, Log log, int reportEvery = 0)
    {
        _plans = plans;
        _log = log;
        _reportEvery = reportEvery;
        _ids = [.. Enumerable.Range(FirstId, count)];
        Meter = new TickMeter(time, period);
    }

    public TickMeter Meter { get; }
    public IPlanSource Plans => _plans;
    /// <summary>Plans used to steer so far.</summary>
    public long PlansApplied { get; private set; }

    public void BeforeStep(SnakeGame game)
    {
        Meter.Mark();
        if (!_added)
        {
            for (int i = 0; i < _ids.Length; i++) game.Add(_ids[i], $"ai-{i + 1}");
            _added = true;
        }
        _plans.Offer(Board.From(game, _ids));
        if (_plans.Latest is { } plan && plan.Tick > _appliedTick)
        {
            foreach ((int id, int direction) in plan.Moves) game.Steer(id, (Direction)direction);
            _appliedTick = plan.Tick;
            PlansApplied++;
        }
        if (_reportEvery > 0 && Meter.Ticks % _reportEvery == 0)
            _log.Line($"{Meter.Summary()}, plans used {PlansApplied}, plan age {game.Tick - _appliedTick} ticks");
    }

    public void Dispose() => _plans.Dispose();
}
