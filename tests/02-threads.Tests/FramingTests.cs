using System.Text;

namespace Dots.Tests;

/// <summary>The line reader gives the same lines whatever sizes the bytes arrive in.</summary>
public sealed class FramingTests
{
    // A conversation with the awkward cases: multi-byte UTF-8 (which a small read splits mid-character),
    // \r\n endings, an empty line, an invalid UTF-8 line, and two lines with nothing between them.
    private static readonly byte[] Conversation =
    [
        .. "move 1 0\n"u8, .. "chat zażółć gęślą jaźń 🎲\r\n"u8, .. "\n"u8, 0xC3, 0x28, (byte)'\n', .. "move -1 1\nmove 0 0\n"u8,
    ];

    private static readonly string[] Expected =
        ["Line:move 1 0", "Line:chat zażółć gęślą jaźń 🎲", "Line:", "InvalidUtf8:", "Line:move -1 1", "Line:move 0 0", "End:"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void The_same_lines_whatever_the_read_size(int readSize) =>
        Assert.Equal(Expected, ReadAll(new ChunkedSource(Conversation, _ => readSize)));

    [Fact]
    public void The_same_lines_with_random_read_sizes()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            Assert.Equal(Expected, ReadAll(new ChunkedSource(Conversation, _ => random.Next(1, 20))));
        }
    }

    [Fact]
    public void A_line_too_long_is_refused_without_reading_on()
    {
        // An endless line: the reader must give up after one buffer, not read (and keep) everything.
        long served = 0;
        var reader = new LineReader(into => { into.Fill((byte)'a'); served += into.Length; return into.Length; }, maxLineBytes: 1024);
        Assert.Equal(LineStatus.TooLong, reader.ReadLine().Status);
        Assert.True(served <= 1025, $"read {served} bytes of a line it had already given up on");
        Assert.Throws<InvalidOperationException>(() => reader.ReadLine());
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_fine()
    {
        byte[] bytes = [.. Enumerable.Repeat((byte)'x', 16), (byte)'\n'];
        var reader = new LineReader(new ChunkedSource(bytes, _ => 5).Read, maxLineBytes: 16);
        Assert.Equal(new LineResult(LineStatus.Line, new string('x', 16)), reader.ReadLine());
        Assert.Equal(LineStatus.End, reader.ReadLine().Status);
    }

    [Fact]
    public void A_stream_that_stops_mid_line_says_so()
    {
        var reader = new LineReader(new ChunkedSource("move 1 0\nmove 1"u8.ToArray(), _ => 3).Read);
        Assert.Equal("move 1 0", reader.ReadLine().Text);
        Assert.Equal(LineStatus.EndMidLine, reader.ReadLine().Status);
    }

    private static string[] ReadAll(ChunkedSource source)
    {
        var reader = new LineReader(source.Read, maxLineBytes: 64);
        var results = new List<string>();
        while (true)
        {
            LineResult result = reader.ReadLine();
            results.Add($"{result.Status}:{result.Text}");
            if (result.Status is not (LineStatus.Line or LineStatus.InvalidUtf8)) return [.. results];
        }
    }

    /// <summary>Hands out a byte array in reads of the sizes a function chooses, like a socket would.</summary>
    private sealed class ChunkedSource(byte[] bytes, Func<int, int> nextSize)
    {
        private int _position;

        public int Read(Span<byte> into)
        {
            int n = Math.Min(Math.Min(nextSize(_position), into.Length), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(into);
            _position += n;
            return n;
        }
    }
}
