namespace Dots;

/// <summary>
/// What a client knows about the game: its own id and every dot, built only from the server's lines.
/// The receive thread applies lines and the UI thread draws, so both go through one lock.
/// </summary>
public sealed class BoardModel(Board board)
{
    /// <summary>
    /// Dots we keep at most: the most players a server can have (its --max-clients limit). A server that
    /// announced a new player on every line must not make us grow without bound.
    /// </summary>
    public const int MaxDots = 10_000;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, Position> _dots = [];
    private int? _myId;
    private string? _lastError;
    private int _version;

    public Board Board { get; } = board;

    /// <summary>Goes up by one on every change: the UI redraws when it differs from what it last drew.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>Applies one server line. Unknown or malformed lines are ignored (and false): a newer server may say more.</summary>
    public bool Apply(string line)
    {
        if (line.StartsWith("error ", StringComparison.Ordinal))
        {
            lock (_gate) { _lastError = DotsConnection.Printable(line[6..]); _version++; }
            return true;
        }
        if (!Messages.TryParse(line, out string command, out int[] n)) return false;
        lock (_gate)
        {
            switch (command, n.Length)
            {
                case ("myIDis", 1): _myId = n[0]; break;
                case ("newPlayer", 3) or ("playerMoved", 3) when _dots.Count < MaxDots || _dots.ContainsKey(n[0]):
                    _dots[n[0]] = new Position(n[1], n[2]);
                    break;
                case ("playerLeft", 1): _dots.Remove(n[0]); break;
                default: return false;
            }
            _version++;
            return true;
        }
    }

    /// <summary>A consistent copy for drawing.</summary>
    public (int? MyId, KeyValuePair<int, Position>[] Dots, string? LastError) Snapshot()
    {
        lock (_gate) return (_myId, [.. _dots], _lastError);
    }
}
