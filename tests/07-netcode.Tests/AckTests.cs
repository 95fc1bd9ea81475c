using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>The receive window (ack + 32-bit field, MSB = ack−1) and how a header acknowledges what we sent.</summary>
public sealed class AckTests
{
    private static string Bits(AckWindow w) => Convert.ToString(w.Bits, 2).PadLeft(32, '0');

    [Fact]
    public void In_order_arrivals_fill_the_field_from_the_left()
    {
        var w = new AckWindow();
        foreach (ushort s in new ushort[] { 1, 2, 3, 4 }) Assert.Equal(Arrival.Fresh, w.Record(new Sqn(s)));
        Assert.Equal(new Sqn(4), w.Newest);
        Assert.Equal("11100000000000000000000000000000", Bits(w));
    }

    [Fact]
    public void A_gap_leaves_zeros_and_the_previous_newest_is_still_marked()
    {
        var w = new AckWindow();
        w.Record(new Sqn(1));
        w.Record(new Sqn(4)); // 2 and 3 missing; 1 arrived (PyGaSe forgets to mark it)
        Assert.Equal("00100000000000000000000000000000", Bits(w));
        Assert.Equal(Arrival.Fresh, w.Record(new Sqn(2))); // late, but not seen before
        Assert.Equal("01100000000000000000000000000000", Bits(w));
    }

    [Fact]
    public void Duplicates_and_packages_more_than_32_late_get_a_verdict_not_an_exception()
    {
        var w = new AckWindow();
        w.Record(new Sqn(100));
        Assert.Equal(Arrival.Duplicate, w.Record(new Sqn(100)));
        Assert.Equal(Arrival.Fresh, w.Record(new Sqn(68)));      // exactly 32 behind: the last bit
        Assert.Equal(Arrival.Duplicate, w.Record(new Sqn(68)));
        Assert.Equal(Arrival.TooOld, w.Record(new Sqn(67)));     // 33 behind: PyGaSe raises IndexError here
        Assert.Equal("00000000000000000000000000000001", Bits(w));
    }

    [Fact]
    public void The_window_works_across_the_wrap()
    {
        var w = new AckWindow();
        w.Record(new Sqn(65534));
        w.Record(new Sqn(65535));
        w.Record(new Sqn(2));
        Assert.Equal(new Sqn(2), w.Newest);
        Assert.Equal("01100000000000000000000000000000", Bits(w)); // 1 missing, 65535 and 65534 arrived
    }

    [Fact]
    public void A_header_acknowledges_its_ack_and_every_set_bit_including_ack_minus_32()
    {
        var header = new PackageHeader(new Sqn(9), new Sqn(50), 0b1000_0000_0000_0000_0000_0000_0000_0001);
        Assert.True(header.Acknowledges(new Sqn(50)));
        Assert.True(header.Acknowledges(new Sqn(49)));
        Assert.False(header.Acknowledges(new Sqn(48)));
        Assert.True(header.Acknowledges(new Sqn(18)));  // ack−32: PyGaSe never looks at this bit
        Assert.False(header.Acknowledges(new Sqn(51)));
        Assert.False(new PackageHeader(new Sqn(1), Sqn.None, 0).Acknowledges(new Sqn(1)));
    }
}
