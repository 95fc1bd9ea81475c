using System.Threading.Channels;

namespace Chat;

/// <summary>
/// The lines waiting to be written to one client: a bounded channel between everyone who talks to the
/// client (many writers: broadcasts from other clients' reader tasks) and the client's one writer task.
/// </summary>
/// <remarks>
/// The point of the class is <see cref="TryPost"/>: it never waits. A broadcast to 5,000 clients must not
/// stop at the one whose network is slow, so when that client's outbox is full the broadcast moves on and
/// the caller decides what happens to the slow client (the server disconnects it).
/// </remarks>
public sealed class Outbox(int capacity)
{
    private readonly Channel<byte[]> _lines = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
    {
        // Wait is the mode where TryWrite answers false when full, instead of silently dropping a line.
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    /// <summary>Queues one encoded line (shared, never modified) if there is room; false when full or closed.</summary>
    public bool TryPost(byte[] line) => _lines.Writer.TryWrite(line);

    /// <summary>No more lines: the writer task sends what is queued and then finishes.</summary>
    public void Close() => _lines.Writer.TryComplete();

    public ChannelReader<byte[]> Reader => _lines.Reader;

    /// <summary>Lines queued and not yet taken by the writer task.</summary>
    public int Waiting => _lines.Reader.Count;
}
