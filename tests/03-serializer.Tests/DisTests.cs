using Course.Testing;
using Pickling;

namespace Serializer.Tests;

/// <summary>
/// The dis listings the docs show, byte for byte. If the format changes, these fail until the
/// snapshots (and so the docs) are updated.
/// </summary>
public sealed class DisTests
{
    [Fact] public void An_int() => Snapshot.Match(Listing("int"));
    [Fact] public void A_string() => Snapshot.Match(Listing("string"));
    [Fact] public void A_list_with_a_dictionary() => Snapshot.Match(Listing("list"));
    [Fact] public void A_nested_record_with_a_shared_reference() => Snapshot.Match(Listing("shared"));
    [Fact] public void A_cycle() => Snapshot.Match(Listing("cycle"));
    [Fact] public void The_pickle_attack_and_its_refusal() => Snapshot.Match(Listing("attack"));

    [Fact]
    public void A_damaged_stream_is_listed_up_to_the_fault()
    {
        byte[] bytes = Examples.Bytes("shared");
        bytes[86] = 0x99; // Score's INT opcode becomes nonsense
        Snapshot.Match(Disassembler.ToText(bytes));
    }

    [Fact]
    public async Task The_dis_verb_prints_the_same_listing()
    {
        await using RunningProcess dis = RunningProcess.StartCourseProgram("serializer", "dis", "--example", "cycle");
        Assert.Equal(0, await dis.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(Listing("cycle"), dis.StandardOutput);
    }

    [Fact]
    public async Task The_dis_verb_reports_a_malformed_stream_in_one_line()
    {
        await using RunningProcess dis = RunningProcess.StartCourseProgram("serializer", "dis", "--hex", "80 01 4c ff ff ff ff 0f");
        Assert.Equal(1, await dis.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("error: list length 4294967295 is over the limit of 1000000 (at byte 3)\n", dis.StandardError);
    }

    private static string Listing(string example) => Examples.Listing(example);
}
