using System.Net;

namespace Course.Testing;

/// <summary>
/// Runs a chapter's server for a test on a loopback port the operating system chose (port 0), hands back
/// the endpoint it really listens on, and stops it when disposed.
/// </summary>
/// <remarks>
/// The server is any method of the shape <c>(onListening, cancellationToken) =&gt; Task</c>: it binds, calls
/// <c>onListening(endpoint)</c> once it accepts connections, serves until the token is cancelled, then
/// returns. Blocking servers run on their own thread, so they may block freely.
/// </remarks>
public sealed class LoopbackServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private LoopbackServer(IPEndPoint endPoint, CancellationTokenSource stop, Task running)
    {
        EndPoint = endPoint;
        _stop = stop;
        _running = running;
    }

    /// <summary>The address and port the server listens on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The server's own task: completes when the server returns, faults if it threw.</summary>
    public Task Running => _running;

    public static async Task<LoopbackServer> StartAsync(Func<Action<IPEndPoint>, CancellationToken, Task> serve)
    {
        var listening = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        Task running = Task.Factory.StartNew(
            () => serve(endPoint => listening.TrySetResult(endPoint), stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        Task first = await Task.WhenAny(listening.Task, running, Task.Delay(StartTimeout));
        if (first == listening.Task) return new LoopbackServer(await listening.Task, stop, running);

        await stop.CancelAsync();
        if (first == running)
        {
            await running; // rethrows the server's own exception, the most useful failure message
            throw new InvalidOperationException("The server returned before it was listening.");
        }
        throw new TimeoutException($"The server was not listening after {StartTimeout.TotalSeconds} s.");
    }

    /// <summary>Cancels the server and waits (bounded) for it to return; rethrows what it threw.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(StopTimeout);
        }
        catch (OperationCanceledException) when (_running.IsCanceled)
        {
            // Returning by cancellation is a normal way for a server to stop.
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
