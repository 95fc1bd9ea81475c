using Pickling;

namespace Serializer.Tests;

/// <summary>What a hostile or broken stream can make the reader do: nothing but refuse, at the right byte.</summary>
public sealed class SafetyTests
{
    private static readonly TypeRegistry Types = GameTypes.Registry();

    private static PickleFormatException Refused(byte[] bytes) =>
        Assert.Throws<PickleFormatException>(() => Pickle.Loads(bytes, Types));

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    /// <summary>Counts constructions, to prove the reader built nothing.</summary>
    public sealed class Canary
    {
        public static int Made;
        public Canary() => Interlocked.Increment(ref Made);
        public string Note { get; set; } = "";
    }

    [Fact]
    public void The_classic_pickle_attack_has_no_equivalent()
    {
        // The stream asks for System.Diagnostics.Process. It is refused at its TYPE declaration (byte 2),
        // before the RECORD that would build it is even read.
        var e = Refused(Examples.Attack());
        Assert.Equal(2, e.Offset);
        Assert.Equal("type 'System.Diagnostics.Process' is not registered", e.Problem);
    }

    [Fact]
    public void Nothing_is_constructed_before_an_unknown_type_is_refused()
    {
        var types = new TypeRegistry().Register<Canary>("canary");
        // A list of two items: a canary declared but whose RECORD comes after an unknown TYPE.
        byte[] bytes = [.. Hex("80 01 4c 02 59"), 6, .. "canary"u8, 1, 4, .. "Note"u8, (byte)'Y', 4, .. "evil"u8, 0];
        int before = Canary.Made;
        var e = Assert.Throws<PickleFormatException>(() => Pickle.Loads(bytes, types));
        Assert.Equal("type 'evil' is not registered", e.Problem);
        Assert.Equal(before, Canary.Made);
    }

    [Fact]
    public void A_huge_string_length_is_refused_before_any_allocation()
    {
        // STRING whose length says 2^40 bytes: five bytes of varint, and nothing behind them.
        byte[] bytes = Hex("80 01 53 80 80 80 80 80 20");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(3, e.Offset); // where the length starts
        Assert.Contains("string length 1099511627776 is over the limit", e.Problem);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_huge_list_count_is_refused_before_any_allocation()
    {
        // LIST of 900,000 items (under the count limit) in a 7-byte stream: the bytes left cannot hold them.
        byte[] bytes = Hex("80 01 4c a0 f7 36 2e");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("a list of 900000 items cannot fit in the bytes left", e.Problem);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Deep_nesting_is_refused_long_before_the_stack_runs_out()
    {
        // 100,000 nested one-item lists: a naive recursive reader would overflow its stack and kill the process.
        byte[] bytes = [0x80, 1, .. Enumerable.Repeat<byte[]>([(byte)'L', 1], 100_000).SelectMany(b => b), (byte)'N', (byte)'.'];
        var e = Refused(bytes);
        Assert.Equal("nested deeper than 64 levels", e.Problem);
        Assert.Equal(2 + 64 * 2, e.Offset);
    }

    [Fact]
    public void Every_truncation_is_reported_at_the_end_of_the_bytes()
    {
        byte[] bytes = Pickle.Dumps(Examples.SharedLeader(), Types);
        for (int length = 0; length < bytes.Length; length++)
        {
            var e = Refused(bytes[..length]);
            Assert.True(e.Offset <= length, $"cut at {length}: {e.Message}");
        }
    }

    [Theory]
    [InlineData("80 02 4e 2e", 1, "version 2 is not supported (only 1)")]
    [InlineData("4e 2e", 0, "a stream must start with PROTO (0x80)")]
    [InlineData("80 01 4e", 3, "the stream ends too early (truncated)")]
    [InlineData("80 01 4e 2e 00", 4, "extra bytes after STOP")]
    [InlineData("80 01 99 2e", 2, "unexpected opcode 0x99")]
    [InlineData("80 01 47 05 2e", 2, "memo number 5 was never assigned")]
    [InlineData("80 01 52 00 2e", 2, "type number 0 was never declared")]
    [InlineData("80 01 53 02 c3 28 2e", 4, "the string is not valid UTF-8")]
    [InlineData("80 01 49 ff ff ff ff ff ff ff ff ff 7f 2e", 3, "varint is longer than 64 bits")]
    [InlineData("80 01 4d 01 4e 4e 2e", 4, "a dictionary key must be a string or an integer, found NONE")]
    [InlineData("80 01 4d 02 49 02 4e 49 02 4e 2e", 7, "duplicate dictionary key '1'")]
    public void Each_malformed_stream_gets_one_clear_problem_and_its_offset(string hex, long offset, string problem)
    {
        var e = Refused(Hex(hex));
        Assert.Equal((offset, problem), (e.Offset, e.Problem));
    }

    [Fact]
    public void A_value_of_the_wrong_type_for_a_field_is_a_format_error()
    {
        byte[] bytes = Examples.Bytes("shared");
        bytes[86] = (byte)'S'; // ada's Score becomes a STRING of 0x18 bytes: wrong type (and cut short)
        var e = Assert.Throws<PickleFormatException>(() => Pickle.Loads<Room>(bytes, Types));
        Assert.Equal(86, e.Offset);
        Assert.Equal("expected INT, found STRING", e.Problem);
    }

    /// <summary>A record whose setter validates, as real code often does.</summary>
    public sealed class Health
    {
        private int _points;
        public int Points { get => _points; set => _points = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "cannot be negative"); }
    }

    [Fact]
    public void A_setter_that_refuses_a_value_is_still_a_format_error()
    {
        var types = new TypeRegistry().Register<Health>("health");
        byte[] bytes = Pickle.Dumps(new Health { Points = 5 }, types);
        bytes[^2] = 0x01; // zig-zag 1 is -1
        var e = Assert.Throws<PickleFormatException>(() => Pickle.Loads<Health>(bytes, types));
        Assert.StartsWith("Health.Points refused the value: cannot be negative", e.Problem);
    }

    [Fact]
    public void A_stream_over_the_size_limit_is_refused_at_the_limit()
    {
        byte[] bytes = Pickle.Dumps(new string('x', 1000), Types);
        var e = Assert.Throws<PickleFormatException>(() => Pickle.Loads(bytes, Types, new PickleLimits { MaxBytes = 100 }));
        Assert.Equal("the stream is longer than the limit of 100 bytes", e.Problem);
    }
}
