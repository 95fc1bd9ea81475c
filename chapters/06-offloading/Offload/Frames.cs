using System.Buffers.Binary;
using Offloading.Ai;
using Pickling;

namespace Offloading.Offload;

/// <summary>
/// The worker pipe's framing: a 4-byte big-endian length, then that many bytes of chapter 03's pickle.
/// The length comes first so the reader knows how much to wait for, and can refuse a silly size before
/// allocating anything.
/// </summary>
public static class Frames
{
    public const int MaxBytes = 16 * 1024 * 1024;

    public static async Task WriteAsync(Stream stream, object message, CancellationToken cancel = default)
    {
        byte[] body = Pickle.Dumps(message, WorkerTypes.Registry);
        byte[] frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        await stream.WriteAsync(frame, cancel).ConfigureAwait(false);
        await stream.FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The next message, or null when the stream ended cleanly between two frames.</summary>
    /// <exception cref="EndOfStreamException">The stream ended in the middle of a frame.</exception>
    /// <exception cref="InvalidDataException">The length is out of range.</exception>
    public static async Task<T?> ReadAsync<T>(Stream stream, CancellationToken cancel = default) where T : class
    {
        byte[] header = new byte[4];
        if (!await FillAsync(stream, header, cancel).ConfigureAwait(false)) return null;
        int length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 1 or > MaxBytes) throw new InvalidDataException($"frame length {length} is out of range");
        byte[] body = new byte[length];
        if (!await FillAsync(stream, body, cancel).ConfigureAwait(false)) throw new EndOfStreamException("the pipe ended inside a frame");
        return Pickle.Loads<T>(body, WorkerTypes.Registry);
    }

    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken cancel)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                if (filled == 0) return false;
                throw new EndOfStreamException("the pipe ended inside a frame");
            }
            filled += read;
        }
        return true;
    }
}
