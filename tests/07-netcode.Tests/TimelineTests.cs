using Chase;
using Course.Cli;
using Course.Testing;

namespace Netcode.Tests;

/// <summary>
/// The figure on the chapter's page is drawn from docs/traces/07-netcode.trace, recorded by the hidden
/// trace verb. These tests record it again: the same packages on the same lanes with the same labels (the
/// labels are what the headers carried, so a change in the ack window shows here), and the two answers
/// the page's ack diagram is about.
/// </summary>
public sealed class TimelineTests
{
    private static readonly Lazy<string> Recorded = new(() => Timeline.RecordAsync(CancellationToken.None).GetAwaiter().GetResult());

    [Fact]
    public void The_packages_still_have_the_shape_of_the_committed_figure()
    {
        string committed = Repository.Read("docs/traces/07-netcode.trace");
        Assert.Equal(TimeTrace.Shape(committed), TimeTrace.Shape(Recorded.Value));
    }

    [Fact]
    public void After_the_lost_package_the_server_acks_6_with_bits_11011_and_the_client_sees_3_missing()
    {
        string[] server = Labels("server", "send");
        string[] client = Labels("client", "recv");
        Assert.Equal("ack 6: 11011", server[^1]);
        Assert.Equal("acks #6, not #3", client[^1]);
    }

    private static string[] Labels(string lane, string kind) =>
        [.. Recorded.Value.Split('\n').Select(line => line.Split('\t'))
            .Where(f => f.Length == 5 && f[1] == lane && f[2] == kind)
            .Select(f => f[4])];
}
