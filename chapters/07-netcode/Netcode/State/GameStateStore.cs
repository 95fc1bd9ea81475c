using Netcode.Wire;

namespace Netcode.State;

/// <summary>
/// The authoritative state and the last <see cref="CacheSize"/> updates, from which the server builds each
/// client's delta "since the version you told me you have". Thread-safe: the game loop pushes, the
/// server's send loop reads.
/// </summary>
public sealed class GameStateStore
{
    public const int CacheSize = 100;

    private readonly object _gate = new();
    private readonly GameState _state;
    private readonly Queue<GameStateUpdate> _cache = new();

    public GameStateStore(GameState? initial = null) => _state = initial?.Clone() ?? new GameState();

    /// <summary>A copy of the current state (a copy, so the caller can read it without holding our lock).</summary>
    public GameState GetGameState() { lock (_gate) return _state.Clone(); }

    public Sqn TimeOrder { get { lock (_gate) return _state.TimeOrder; } }

    public IReadOnlyList<GameStateUpdate> GetUpdateCache() { lock (_gate) return [.. _cache]; }

    /// <summary>Applies a newer update to the state and remembers it; an update that is not newer is ignored.</summary>
    public void PushUpdate(GameStateUpdate update)
    {
        lock (_gate)
        {
            if (!_state.Apply(update)) return;
            _encoded.Clear();
            _suffixes.Clear();
            _cache.Enqueue(update);
            while (_cache.Count > CacheSize) _cache.Dequeue();
        }
    }

    /// <summary>
    /// What a client at <paramref name="clientVersion"/> needs: the merge of every cached update newer than it,
    /// or a full snapshot when it has nothing (0) or is older than the cache reaches (PyGaSe would leave it
    /// without the changes it missed). When the client is up to date, an empty update at its own version.
    /// </summary>
    public GameStateUpdate DeltaSince(Sqn clientVersion, out bool isSnapshot)
    {
        lock (_gate)
        {
            isSnapshot = false;
            if (!_state.TimeOrder.IsNewerThan(clientVersion))
                return clientVersion == _state.TimeOrder ? new GameStateUpdate(clientVersion) : Snapshot(out isSnapshot);
            GameStateUpdate? oldest = _cache.Count > 0 ? _cache.Peek() : null;
            bool covered = !clientVersion.IsNone && oldest is not null && oldest.TimeOrder.Minus(1) <= clientVersion;
            if (!covered) return Snapshot(out isSnapshot);
            return Suffix(clientVersion);
        }
    }

    /// <summary>
    /// The merge of every cached update newer than <paramref name="version"/>, built newest first and
    /// remembered for every version on the way (until the next push): the delta for version v is update v+1
    /// followed by the delta for v+1. So serving clients at 50 different versions costs 50 merges, each the
    /// size of one delta, instead of 50 merges of up to 100 updates each. (Measured: at 256 clients the
    /// naive way kept the send loop busy enough that clients fell ever further behind.)
    /// </summary>
    private GameStateUpdate Suffix(Sqn version)
    {
        if (_suffixes.TryGetValue(version.Value, out GameStateUpdate? known)) return known;
        GameStateUpdate? later = null;
        foreach (GameStateUpdate update in _cache.Reverse())
        {
            if (!update.TimeOrder.IsNewerThan(version)) break;
            Sqn before = update.TimeOrder.Minus(1);
            if (_suffixes.TryGetValue(before.Value, out GameStateUpdate? done))
            {
                later = done;
                continue;
            }
            var delta = new GameStateUpdate(_state.TimeOrder) { GameStatus = later?.GameStatus ?? update.GameStatus };
            Values.MergeInto(delta.Changes, update.Changes, intoUpdate: true);
            if (later is not null) Values.MergeInto(delta.Changes, later.Changes, intoUpdate: true);
            _suffixes[before.Value] = later = delta;
        }
        // Versions are consecutive when only the game loop pushes; if a client reports one we never passed
        // (a gap in the cache), it gets everything newer than the gap.
        return _suffixes.TryGetValue(version.Value, out GameStateUpdate? exact) ? exact : later ?? new GameStateUpdate(version);
    }

    private readonly Dictionary<ushort, GameStateUpdate> _suffixes = [];

    /// <summary>
    /// <see cref="DeltaSince"/>, encoded, and remembered until the next push: with hundreds of clients most of
    /// them report one of a handful of versions, so each delta is merged and encoded once per tick, not once
    /// per client and package.
    /// </summary>
    public (GameStateUpdate Delta, byte[] Encoded, bool IsSnapshot) EncodedDeltaSince(Sqn clientVersion)
    {
        lock (_gate)
        {
            if (_encoded.TryGetValue(clientVersion.Value, out var known)) return known;
            GameStateUpdate delta = DeltaSince(clientVersion, out bool snapshot);
            return _encoded[clientVersion.Value] = (delta, delta.Encode(), snapshot);
        }
    }

    private readonly Dictionary<ushort, (GameStateUpdate, byte[], bool)> _encoded = [];

    private GameStateUpdate Snapshot(out bool isSnapshot)
    {
        isSnapshot = true;
        return _state.ToSnapshot();
    }
}
