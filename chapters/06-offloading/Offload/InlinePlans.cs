using Offloading.Ai;

namespace Offloading.Offload;

/// <summary>
/// <c>--offload none</c>: the planner runs inside the tick, on the loop's own thread. The plan is always
/// fresh, but the tick lasts as long as the planner does, so when planning takes three ticks of time the
/// loop misses ticks and every player in the room sees the game stutter.
/// </summary>
public sealed class InlinePlans(IPlanner planner) : IPlanSource
{
    private long _finished;

    public Plan? Latest { get; private set; }
    public long Finished => _finished;

    public void Offer(Board board)
    {
        Latest = planner.Plan(board);
        _finished++;
    }

    public void Dispose() { }
}
