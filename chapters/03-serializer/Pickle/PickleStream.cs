namespace Pickling;

/// <summary>
/// Messages over a <see cref="Stream"/> (a pipe, a socket, a file), one after another. Each message is a
/// whole stream of its own, PROTO to STOP, so it needs no length prefix: the reader knows where it ends.
/// Chapter 06 uses this to talk to a worker process over its standard input and output.
/// </summary>
/// <remarks>
/// Not thread-safe: one reader and one writer at a time, as with any stream. The memo and the type
/// numbers start afresh with each message, so a lost or skipped message never confuses the next.
/// </remarks>
public sealed class PickleStream(Stream stream, TypeRegistry types, PickleLimits? limits = null)
{
    private readonly PickleLimits _limits = limits ?? PickleLimits.Default;
    private readonly PickleInput _input = new(stream);
    private readonly PickleWriter _writer = new(types, limits ?? PickleLimits.Default);
    private readonly PickleReader _reader = new(types);

    /// <summary>Writes one message and flushes it, so the other side can read it now.</summary>
    public void Write(object? value)
    {
        _writer.WriteMessage(value);
        stream.Write(_writer.Written);
        stream.Flush();
    }

    /// <summary>
    /// Reads the next message; blocks until it has arrived whole. Returns false at a clean end of the
    /// stream (the other side closed between two messages).
    /// </summary>
    /// <exception cref="PickleFormatException">The message is malformed, or the stream ends inside it.
    /// After this the stream is out of step: close it.</exception>
    public bool TryRead<T>(out T value)
    {
        if (!_input.StartMessage(_limits))
        {
            value = default!;
            return false;
        }
        value = _reader.ReadMessage<T>(_input);
        return true;
    }

    /// <summary>Reads the next message, which must be there.</summary>
    public T Read<T>() => TryRead(out T value) ? value : throw new EndOfStreamException("the stream ended before the next message");
}
