using System.Text;

namespace Chat;

/// <summary>
/// Cuts a byte stream into lines ending in '\n' (a '\r' before it is dropped, for telnet and Windows),
/// with a hard limit on line length, and decodes each line as strict UTF-8 only once it is whole.
/// </summary>
/// <remarks>
/// The buffer is exactly one line long. That is the whole trick of a bounded line reader: a client
/// that sends a megabyte without a newline costs us <c>maxLineBytes</c>, not a megabyte.
/// </remarks>
public sealed class LineReader(Stream stream, int maxLineBytes)
{
    // Strict: invalid bytes throw instead of becoming U+FFFD, so we can tell the sender.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // +2 for the "\r\n" after a line of the maximum length.
    private readonly byte[] _buffer = new byte[maxLineBytes + 2];
    private int _start;
    private int _end;

    /// <summary>True when the stream ended in the middle of a line (the client vanished while typing).</summary>
    public bool HadPartialLine { get; private set; }

    /// <summary>
    /// The next line, or <see cref="LineResult.EndOfStream"/> at a clean end of stream. A partial line
    /// before the end (the client vanished mid-line) is thrown away: it was never a message.
    /// </summary>
    public async ValueTask<LineResult> ReadLineAsync(CancellationToken cancel)
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                int length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r') length--;
                var line = new ArraySegment<byte>(_buffer, _start, length);
                _start = newline + 1;
                if (length > maxLineBytes) return LineResult.TooLong;
                return Decode(line);
            }

            if (_end - _start > maxLineBytes + 1) return LineResult.TooLong;

            // Slide the unfinished line to the front, then read more after it.
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancel);
            if (read == 0)
            {
                HadPartialLine = _end > _start;
                return LineResult.EndOfStream;
            }
            _end += read;
        }
    }

    private static LineResult Decode(ArraySegment<byte> bytes)
    {
        try
        {
            return LineResult.Line(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return LineResult.NotUtf8;
        }
    }
}

/// <summary>One outcome of <see cref="LineReader.ReadLineAsync"/>: a line, or why there is none.</summary>
public readonly record struct LineResult(LineStatus Status, string Text)
{
    public static LineResult Line(string text) => new(LineStatus.Line, text);
    public static readonly LineResult EndOfStream = new(LineStatus.EndOfStream, "");
    public static readonly LineResult TooLong = new(LineStatus.TooLong, "");
    public static readonly LineResult NotUtf8 = new(LineStatus.NotUtf8, "");
}

public enum LineStatus { Line, EndOfStream, TooLong, NotUtf8 }
