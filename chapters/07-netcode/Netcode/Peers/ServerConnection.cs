using Netcode.State;
using Netcode.Wire;

namespace Netcode.Peers;

/// <summary>
/// The server's view of one client: its link, the state version it last reported, and a chunked transfer
/// in progress when its delta did not fit in one package.
/// </summary>
/// <remarks>
/// Chunked transfer, PyGaSe-readable: a delta from version v to T cut into n chunks is sent as n ordinary
/// updates labelled T−n+1, …, T. Each is newer than the last, so any client (ours or PyGaSe's) applies them
/// in turn and reports each label back; the server answers label i with chunk i+1, and once the client
/// reports T the transfer is over. The labels must all be newer than v, so a transfer waits until the game
/// has moved at least n versions past v (a few ticks).
/// </remarks>
internal sealed class ServerConnection(PeerLink link)
{
    private Transfer? _transfer;

    public PeerLink Link { get; } = link;
    public Sqn ClientVersion { get; set; }

    private sealed record Transfer(Sqn From, List<GameStateUpdate> Chunks)
    {
        public Sqn To => Chunks[^1].TimeOrder;
    }

    public byte[] NextUpdate(GameStateStore store, int budget, Action<string> log)
    {
        Sqn version;
        lock (this) version = ClientVersion;
        if (_transfer is { } t)
        {
            int index = version == t.From ? -1 : t.Chunks.FindIndex(c => c.TimeOrder == version);
            if (version != t.To && (index >= 0 || version == t.From)) return t.Chunks[index + 1].Encode();
            _transfer = null; // finished, or the client moved somewhere we did not send it: start afresh
        }
        var (delta, encoded, snapshot) = store.EncodedDeltaSince(version);
        if (encoded.Length <= budget) return encoded;

        List<GameStateUpdate> chunks = UpdateSplitter.Split(delta, budget);
        if (!version.IsNone && delta.TimeOrder.DistanceFrom(version) < chunks.Count)
        {
            log($"waiting: delta of {encoded.Length} bytes needs {chunks.Count} versions after {version}");
            return new GameStateUpdate(version).Encode(); // not enough versions to label the chunks yet; nothing new
        }
        for (int i = 0; i < chunks.Count; i++) chunks[i].TimeOrder = delta.TimeOrder.Minus(chunks.Count - 1 - i);
        _transfer = new Transfer(version, chunks);
        log($"{(snapshot ? "snapshot" : "delta")} of {encoded.Length} bytes for version {delta.TimeOrder} goes in {chunks.Count} packages");
        return chunks[0].Encode();
    }
}
