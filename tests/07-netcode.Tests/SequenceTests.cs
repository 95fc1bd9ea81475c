using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>16-bit sequence arithmetic: 0 is "none", 65535 wraps to 1, "newer" survives the wrap.</summary>
public sealed class SequenceTests
{
    [Fact]
    public void Counting_starts_at_1_and_wraps_past_65535_to_1_not_0()
    {
        Assert.Equal(new Sqn(1), Sqn.None.Next());
        Assert.Equal(new Sqn(1), new Sqn(65535).Next());
        Assert.Equal(new Sqn(65535), new Sqn(1).Minus(1));
        Assert.Equal(new Sqn(65534), new Sqn(3).Minus(4));
    }

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(1, 65535, 1)]        // across the wrap
    [InlineData(3, 65530, 8)]        // 65531..65535, then 1, 2, 3
    [InlineData(65530, 3, -8)]
    [InlineData(100, 100, 0)]
    [InlineData(32767, 1, 32766)]
    public void Distance_is_taken_modulo_65535(int a, int b, int expected) =>
        Assert.Equal(expected, new Sqn((ushort)a).DistanceFrom(new Sqn((ushort)b)));

    [Fact]
    public void Newer_holds_across_the_wrap_and_everything_is_newer_than_none()
    {
        Assert.True(new Sqn(1) > new Sqn(65535));
        Assert.True(new Sqn(5) > Sqn.None);
        Assert.False(Sqn.None > new Sqn(5));
        Assert.True(new Sqn(40000) > new Sqn(10000));
        Assert.True(new Sqn(10000) > new Sqn(50000)); // more than half the circle apart: the other way round
    }

    [Fact]
    public void Sequences_stay_ordered_over_a_full_turn_of_the_counter()
    {
        Sqn s = new(65000);
        for (int i = 0; i < 70000; i++)
        {
            Sqn next = s.Next();
            Assert.True(next > s, $"{next} should be newer than {s}");
            Assert.Equal(1, next.DistanceFrom(s));
            s = next;
        }
    }
}
