using System.Text;

namespace Dots;

/// <summary>Where a <see cref="LineReader"/> gets its bytes: like <c>Socket.Receive</c>, it fills part of
/// <paramref name="into"/> and returns how many bytes it wrote, or 0 at end of stream.</summary>
public delegate int ByteSource(Span<byte> into);

/// <summary>What <see cref="LineReader.ReadLine"/> found.</summary>
public enum LineStatus
{
    /// <summary>A whole line, decoded, without its <c>\n</c> (or <c>\r\n</c>).</summary>
    Line,
    /// <summary>The peer closed the connection between two lines: a clean goodbye.</summary>
    End,
    /// <summary>The peer closed the connection in the middle of a line; the half line is thrown away.</summary>
    EndMidLine,
    /// <summary>More than the limit arrived without a newline. The reader is now unusable: hang up.</summary>
    TooLong,
    /// <summary>A whole line arrived but is not valid UTF-8. The line is skipped; the next one is fine.</summary>
    InvalidUtf8,
}

/// <summary>One result of <see cref="LineReader.ReadLine"/>: a status, and the text when it is a line.</summary>
public readonly record struct LineResult(LineStatus Status, string Text = "");

/// <summary>
/// Turns a byte stream into lines, whatever sizes the stream hands its bytes over in.
/// </summary>
/// <remarks>
/// TCP delivers bytes, not messages: one receive may return half a line, or two lines and the start of a
/// third. The algorithm:
/// 1. Keep the bytes received but not yet used in one fixed buffer of <c>maxLineBytes + 1</c> bytes.
/// 2. If they contain a <c>\n</c>, everything before it is the next line: decode it (strictly) and return it.
/// 3. Otherwise, if the buffer is full, the line is too long: say so and stop. The buffer never grows, so a
///    client cannot make us hold more than one line's worth of its bytes.
/// 4. Otherwise move the leftover bytes to the front, receive into the free space after them, and go to 2.
/// </remarks>
public sealed class LineReader
{
    // Strict UTF-8: invalid bytes throw instead of silently becoming U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ByteSource _source;
    private readonly byte[] _buffer;
    private int _start; // first byte not yet returned
    private int _end;   // one past the last byte received
    private bool _broken;

    public LineReader(ByteSource source, int maxLineBytes = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _source = source;
        MaxLineBytes = maxLineBytes;
        _buffer = new byte[maxLineBytes + 1]; // room for the longest line and its '\n'
    }

    /// <summary>The longest line accepted, in bytes, not counting the newline.</summary>
    public int MaxLineBytes { get; }

    /// <summary>Returns the next line, or why there is none. Blocks while the source blocks.</summary>
    public LineResult ReadLine()
    {
        if (_broken) throw new InvalidOperationException("the stream is out of step after a too-long line; close it");
        while (true)
        {
            // 2. A whole line already waiting? (Glued reads: the second line was in the same receive.)
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                ReadOnlySpan<byte> line = _buffer.AsSpan(_start, newline);
                _start += newline + 1;
                if (line.EndsWith("\r"u8)) line = line[..^1]; // accept telnet's and Windows' \r\n too
                return Decode(line);
            }

            // 3. No newline, and no room left: this "line" is longer than we agreed to hold.
            if (_end - _start > MaxLineBytes)
            {
                _broken = true;
                return new LineResult(LineStatus.TooLong);
            }

            // 4. Make room at the end, then receive. Partial reads just go round this loop again.
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            int received = _source(_buffer.AsSpan(_end));
            if (received == 0)
            {
                // End of stream. Returning 0 again and again is what the seed server spun on: stop here.
                return new LineResult(_end > _start ? LineStatus.EndMidLine : LineStatus.End);
            }
            _end += received;
        }
    }

    private static LineResult Decode(ReadOnlySpan<byte> line)
    {
        try
        {
            return new LineResult(LineStatus.Line, StrictUtf8.GetString(line));
        }
        catch (DecoderFallbackException)
        {
            return new LineResult(LineStatus.InvalidUtf8);
        }
    }
}
