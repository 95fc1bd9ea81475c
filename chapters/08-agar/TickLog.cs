using System.Globalization;
using Agar.Net;

namespace Agar;

/// <summary>
/// <c>server --tick-log FILE</c>: one line per tick, written by the game loop as it goes (buffered, so it
/// costs the loop almost nothing): tick number, lateness against its slot (ms), duration (ms), players,
/// and the bytes the server has sent so far. The bench runs the real server with it and reads it back.
/// </summary>
public sealed class TickLog : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly AgarServer _game;

    private TickLog(StreamWriter writer, AgarServer game)
    {
        (_writer, _game) = (writer, game);
        _writer.WriteLine("# tick lateness_ms duration_ms players bytes_sent");
        game.TickRecorded = tick =>
        {
            lock (_writer)
            {
                _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{tick.Number} {tick.LatenessMs:F3} {tick.DurationMs:F3} {game.PlayerCount} {game.NetStats.BytesSent}"));
                if (tick.Number % 30 == 0) _writer.Flush(); // once a second, so a reader sees it as it grows
            }
        };
    }

    public static TickLog Open(string path, AgarServer game)
    {
        try { return new TickLog(new StreamWriter(path, append: false) { AutoFlush = false }, game); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new Course.Cli.UserError($"--tick-log: cannot write {path}: {e.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _game.TickRecorded = null;
        lock (_writer) _writer.Dispose();
        return ValueTask.CompletedTask;
    }
}
