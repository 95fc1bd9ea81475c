using Offloading.Ai;

namespace Offloading.Offload;

/// <summary>
/// Where the tick loop gets its plans: the one seam between the game and the planner. The three modes
/// implement the same two calls, so the tick code (<see cref="AiSnakes"/>) is the same in all of them.
/// </summary>
public interface IPlanSource : IDisposable
{
    /// <summary>Hands over this tick's board. Only <see cref="InlinePlans"/> waits here (that is its flaw).</summary>
    void Offer(Board board);

    /// <summary>The newest plan finished so far, or null before the first one.</summary>
    Plan? Latest { get; }

    /// <summary>Plans finished so far.</summary>
    long Finished { get; }
}

/// <summary>Where the planner runs: <c>--offload none|thread|process</c>.</summary>
public enum OffloadMode { None, Thread, Process }
