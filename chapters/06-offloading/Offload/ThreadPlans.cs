using System.Threading.Channels;
using Course.Cli;
using Offloading.Ai;

namespace Offloading.Offload;

/// <summary>
/// <c>--offload thread</c>: one dedicated thread plans, the loop never waits for it.
/// - The tick puts its board in a channel that holds ONE board and drops the older one when full: if the
///   planner is slower than the loop it skips to the newest board instead of working through a backlog.
/// - The planner thread publishes each finished plan with one reference write; the tick reads whatever
///   plan is newest. Nothing is locked, nobody waits.
/// In Python this would not help (the GIL lets one thread run Python code at a time, so a CPU-bound planner
/// thread slows the loop thread down); .NET threads run on separate cores at once.
/// </summary>
public sealed class ThreadPlans : IPlanSource
{
    private readonly Channel<Board> _boards = Channel.CreateBounded<Board>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly IPlanner _planner;
    private readonly Log _log;
    private readonly Thread _thread;
    private Plan? _latest;
    private long _finished;

    public ThreadPlans(IPlanner planner, Log log)
    {
        _planner = planner;
        _log = log;
        // A thread of its own rather than the thread pool: the planner hogs it for long stretches, and the
        // pool would (slowly) add threads to make up for it, which is not what the pool is for.
        _thread = new Thread(Run) { IsBackground = true, Name = "planner" };
        _thread.Start();
    }

    public Plan? Latest => Volatile.Read(ref _latest);
    public long Finished => Interlocked.Read(ref _finished);

    public void Offer(Board board) => _boards.Writer.TryWrite(board);

    private void Run()
    {
        // Blocking waits are fine here: this thread exists only to plan.
        while (_boards.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (!_boards.Reader.TryRead(out Board? board)) continue;
            try
            {
                Volatile.Write(ref _latest, _planner.Plan(board));
                Interlocked.Increment(ref _finished);
            }
            catch (Exception e)
            {
                // A bug in the planner must not end planning, and must never reach the loop: log, go on.
                _log.Line($"planner failed on tick {board.Tick}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    public void Dispose()
    {
        _boards.Writer.TryComplete();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
