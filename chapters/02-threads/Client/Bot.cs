using Course.Cli;

namespace Dots;

/// <summary>
/// A client without a human: it moves one random step every interval, from a seeded random generator
/// (same seed, same walk), and reads everything the server sends on a thread of its own.
/// </summary>
public sealed class Bot(DotsConnection connection, int seed, TimeSpan interval, Log log)
{
    /// <summary>Every line received is passed here (<c>bot --verbose</c> prints them); null ignores them.</summary>
    public Action<string>? OnLine { get; init; }

    /// <summary>Every line sent is passed here; null ignores them.</summary>
    public Action<string>? OnSent { get; init; }

    /// <summary>Moves until <paramref name="stop"/> fires or the server hangs up, then says goodbye.</summary>
    public int Run(CancellationToken stop)
    {
        var random = new Random(seed);
        bool serverGone = false;
        var receiver = new Thread(() =>
        {
            while (connection.ReadLine() is { } line) OnLine?.Invoke(line);
            serverGone = true;
        }) { Name = "bot receive", IsBackground = true };
        receiver.Start();

        int moves = 0;
        while (!stop.IsCancellationRequested && !Volatile.Read(ref serverGone))
        {
            int dx = random.Next(-1, 2), dy = random.Next(-1, 2);
            if (!connection.Move(dx, dy)) break;
            OnSent?.Invoke(Messages.Move(dx, dy));
            moves++;
            stop.WaitHandle.WaitOne(interval);
        }
        bool hungUp = Volatile.Read(ref serverGone);
        connection.Close();
        receiver.Join(TimeSpan.FromSeconds(5));
        log.Line($"made {moves} moves, {(hungUp ? $"then stopped: {connection.Ending}" : "leaving")}");
        return hungUp ? ExitCodes.Failure : ExitCodes.Success;
    }
}
