using Course.Cli;

namespace Dots;

/// <summary>
/// The terminal client: arrow keys (or WASD) move your dot, <c>q</c> quits. Without a terminal it reads
/// moves from standard input instead (see <see cref="RunScripted"/>). Two threads:
/// a receive thread applies the server's lines to the model; the main thread reads keys and redraws
/// whenever the model changed.
/// </summary>
/// <remarks>
/// Why a receive thread? If the main thread read the socket, it would sit blocked in Receive whenever
/// nobody moves, and no key would be read, nothing redrawn: the "window not responding" of a graphical
/// game that does its networking on the UI thread. Here the UI thread never touches the socket to read.
/// </remarks>
public sealed class TerminalClient(DotsConnection connection, Board board)
{
    private readonly BoardModel _model = new(board);
    private volatile bool _serverGone;

    private int _myMovesSeen;

    public int Run(CancellationToken cancel)
    {
        var receiver = new Thread(ReceiveLoop) { Name = "receive", IsBackground = true };
        receiver.Start();
        if (Console.IsInputRedirected || Console.IsOutputRedirected) return RunScripted(Console.In, Console.Out, receiver);

        Console.CursorVisible = false;
        Console.Clear();
        int drawn = -1;
        try
        {
            while (!cancel.IsCancellationRequested && !_serverGone)
            {
                // Poll the keyboard instead of blocking in ReadKey, so Ctrl+C and a closed connection
                // are noticed within a frame, and redraws happen while no key is pressed.
                while (Console.KeyAvailable)
                {
                    ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                    if (key.Key is ConsoleKey.Q or ConsoleKey.Escape) return ExitCodes.Success;
                    if (Step(key.Key) is var (dx, dy)) connection.Move(dx, dy);
                }
                if (_model.Version != drawn)
                {
                    drawn = _model.Version;
                    Draw("arrows move · q quits");
                }
                Thread.Sleep(15); // about 60 checks a second: smooth enough, and an idle client costs nothing
            }
            if (_serverGone)
            {
                Draw(connection.Ending);
                return ExitCodes.Failure;
            }
            return ExitCodes.Interrupted;
        }
        finally
        {
            connection.Close();
            receiver.Join(TimeSpan.FromSeconds(2));
            Console.CursorVisible = true;
            Console.SetCursorPosition(0, board.Height + 4);
            Console.WriteLine();
        }
    }

    /// <summary>
    /// Without a terminal (input or output redirected, as in a script or CI) there are no keys to read:
    /// take one move per input line (left, right, up, down), wait for the server to confirm them all,
    /// print the board once, and leave.
    /// </summary>
    private int RunScripted(TextReader input, TextWriter output, Thread receiver)
    {
        int sent = 0;
        while (input.ReadLine() is { } line)
        {
            (int, int)? step = line.Trim().ToLowerInvariant() switch
            {
                "left" => (-1, 0), "right" => (1, 0), "up" => (0, -1), "down" => (0, 1), "" => null,
                var other => throw new UserError($"unknown move '{other}': use left, right, up or down, one per line."),
            };
            if (step is var (dx, dy) && connection.Move(dx, dy)) sent++;
        }
        // Bounded wait for the server's answers: our own playerMoved lines (the greeting at least).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((Volatile.Read(ref _myMovesSeen) < sent || _model.Snapshot().MyId is null) && !_serverGone && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        bool serverGone = _serverGone; // before we hang up ourselves
        connection.Close();
        receiver.Join(TimeSpan.FromSeconds(2));
        foreach (string row in BoardView.Render(_model, "no terminal: moves read from standard input")) output.WriteLine(row);
        if (serverGone) throw new UserError(connection.Ending);
        return ExitCodes.Success;
    }

    private void ReceiveLoop()
    {
        while (connection.ReadLine() is { } line)
        {
            _model.Apply(line);
            if (line.StartsWith("playerMoved ", StringComparison.Ordinal) && _model.Snapshot().MyId is { } me
                && line.StartsWith($"playerMoved {me} ", StringComparison.Ordinal))
                Interlocked.Increment(ref _myMovesSeen);
        }
        _serverGone = true;
    }

    private void Draw(string status)
    {
        string[] lines = BoardView.Render(_model, status);
        int width = Math.Max(board.Width + 2, Console.WindowWidth - 1);
        for (int i = 0; i < lines.Length; i++)
        {
            // Overwrite in place, padded to clear what was there: no Clear() per frame, so no flicker.
            Console.SetCursorPosition(0, i);
            Console.Write(lines[i].Length < width ? lines[i].PadRight(width) : lines[i]);
        }
    }

    private static (int Dx, int Dy)? Step(ConsoleKey key) => key switch
    {
        ConsoleKey.LeftArrow or ConsoleKey.A => (-1, 0),
        ConsoleKey.RightArrow or ConsoleKey.D => (1, 0),
        ConsoleKey.UpArrow or ConsoleKey.W => (0, -1),
        ConsoleKey.DownArrow or ConsoleKey.S => (0, 1),
        _ => null,
    };
}
