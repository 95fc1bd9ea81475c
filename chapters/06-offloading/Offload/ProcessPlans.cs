using System.Diagnostics;
using System.Threading.Channels;
using Course.Cli;
using Offloading.Ai;

namespace Offloading.Offload;

/// <summary>
/// <c>--offload process</c>: a worker process plans; the loop talks to it through a pump task and never
/// waits for it. The same one-board channel and newest-plan field as <see cref="ThreadPlans"/>; what is
/// new is that the other side can die.
/// 1. The pump takes the newest board, writes it to the worker's standard input as a frame
///    (<see cref="Frames"/>), and reads one plan frame back from its standard output.
/// 2. No plan within the deadline (a hang), the pipe breaks or ends (a crash), or garbage comes back: the
///    worker is killed, a line is logged, and a new worker is started for the next board.
/// 3. Meanwhile the game keeps ticking with the last plan it had; the pump is the only code that ever
///    sees a worker failure, so no exception can reach the loop.
/// A process costs more than a thread (start-up, copying every board through a pipe), but a crash or a
/// runaway planner takes only the worker down, and the worker could be written in another language.
/// </summary>
public sealed class ProcessPlans : IPlanSource
{
    private readonly Channel<Board> _boards = Channel.CreateBounded<Board>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly WorkerLaunch _launch;
    private readonly TimeSpan _deadline;
    private readonly Log _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _pump;
    private Process? _worker;
    private Plan? _latest;
    private long _finished;
    private int _restarts;

    public ProcessPlans(WorkerLaunch launch, TimeSpan deadline, Log log)
    {
        _launch = launch;
        _deadline = deadline;
        _log = log;
        // At once, so the first board does not wait for the worker's start-up; and here, not on the pump's
        // thread, so this line comes before anything the room logs, in the same order every run.
        try { StartWorker(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _log.Line($"worker could not start: {e.Message}");
        }
        _pump = Task.Run(PumpAsync);
    }

    public Plan? Latest => Volatile.Read(ref _latest);
    public long Finished => Interlocked.Read(ref _finished);
    /// <summary>Workers killed and replaced so far.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The current worker's process id (tests kill it), or null between workers.</summary>
    public int? WorkerId
    {
        get { lock (_gate) return _worker is { HasExited: false } w ? w.Id : null; }
    }

    public void Offer(Board board) => _boards.Writer.TryWrite(board);

    private async Task PumpAsync()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            await foreach (Board board in _boards.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    Process worker = CurrentWorker() ?? StartWorker();
                    Task<Plan?> exchange = ExchangeAsync(worker, board, stop);
                    if (await Task.WhenAny(exchange, Task.Delay(_deadline, stop)).ConfigureAwait(false) != exchange)
                    {
                        // The room is closing (Dispose ends the worker): not a hang, nothing to report.
                        if (stop.IsCancellationRequested)
                        {
                            await Observe(exchange).ConfigureAwait(false);
                            break;
                        }
                        Replace(worker, $"no plan within {_deadline.TotalSeconds:0.#} s (hung?)");
                        await Observe(exchange).ConfigureAwait(false);
                        continue;
                    }
                    Plan plan = await exchange.ConfigureAwait(false)
                        ?? throw new EndOfStreamException("the worker closed its output");
                    Volatile.Write(ref _latest, plan);
                    Interlocked.Increment(ref _finished);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // Broken pipe, early end, bad frame, a worker that cannot even start: all mean "replace it".
                    // A worker that died closes its pipes a moment before the system reports it exited:
                    // give it up to a second to be reported, so the log says "exited" (a crash), not "killed".
                    if (CurrentWorker() is { } broken) Replace(broken, $"{e.GetType().Name}: {e.Message}", TimeSpan.FromSeconds(1));
                    else _log.Line($"worker could not start: {e.Message}");
                    // A short pause, so a worker that dies at once is not restarted in a tight loop.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            _log.Line($"planner pump stopped: {e}"); // a bug here; the game still ticks, without new plans
        }
    }

    private static async Task<Plan?> ExchangeAsync(Process worker, Board board, CancellationToken stop)
    {
        await Frames.WriteAsync(worker.StandardInput.BaseStream, board, stop).ConfigureAwait(false);
        return await Frames.ReadAsync<Plan>(worker.StandardOutput.BaseStream, stop).ConfigureAwait(false);
    }

    private Process? CurrentWorker()
    {
        lock (_gate) return _worker;
    }

    private Process StartWorker()
    {
        Process worker = Process.Start(_launch.StartInfo()) ?? throw new InvalidOperationException("the worker did not start");
        lock (_gate) _worker = worker;
        _log.Line($"worker {worker.Id} started");
        return worker;
    }

    private void Replace(Process worker, string why, TimeSpan exitGrace = default)
    {
        lock (_gate)
        {
            if (_worker == worker) _worker = null;
        }
        int id = worker.Id; // read before Kill disposes the Process object
        string exit = Kill(worker, exitGrace);
        _log.Line($"worker {id} {exit}: {why}; a new one starts with the next board");
        Interlocked.Increment(ref _restarts);
    }

    /// <summary>Kills the worker if it still runs and says how it ended; the pipe reads then end too.</summary>
    private static string Kill(Process worker, TimeSpan exitGrace = default)
    {
        string how;
        try
        {
            if (worker.HasExited || (exitGrace > TimeSpan.Zero && worker.WaitForExit(exitGrace))) how = $"exited with code {worker.ExitCode}";
            else
            {
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit(TimeSpan.FromSeconds(5));
                how = "killed";
            }
        }
        catch (InvalidOperationException)
        {
            how = "gone";
        }
        worker.Dispose();
        return how;
    }

    /// <summary>Waits for an abandoned exchange to finish (the kill ends it) so its error is not left unobserved.</summary>
    private static async Task Observe(Task task)
    {
        try { await task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (Exception) { /* expected: the worker was killed under it */ }
    }

    public void Dispose()
    {
        _boards.Writer.TryComplete();
        _stop.Cancel();
        try { _pump.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        Process? worker;
        lock (_gate)
        {
            worker = _worker;
            _worker = null;
        }
        // Closing its input would also end the worker (it stops at the end of its input); killing is surer.
        if (worker is not null) Kill(worker);
        _stop.Dispose();
    }
}
