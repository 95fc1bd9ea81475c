using Netcode.State;
using Netcode.Wire;

namespace Netcode.Tests;

/// <summary>
/// Real packages, annotated byte by byte. The bytes are the ones the protocol notes verified against PyGaSe;
/// the docs page includes these snapshots.
/// </summary>
public sealed class WireSnapshotTests
{
    private static readonly NetEvent SetBar = new("SET_BAR", [], new Dictionary<string, object?> { ["new_bar"] = 3.5 });

    [Fact]
    public void The_SET_BAR_event_is_61_bytes_exactly_as_PyGaSe_sends_it()
    {
        byte[] bytes = SetBar.Encode();
        Assert.Equal(61, bytes.Length);
        Assert.Equal("83a474797065a75345545f424152ac68616e646c65725f617267739" +
                     "0ae68616e646c65725f6b776172677381a76e65775f626172cb400c000000000000", Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void A_float32_from_a_newer_u_msgpack_reads_the_same()
    {
        // The same event as u-msgpack >= 2.5 writes it: ca 40 60 00 00 instead of the float64.
        byte[] float32 = Convert.FromHexString("83a474797065a75345545f424152ac68616e646c65725f6172677390ae68616e646c65725f6b776172677381a76e65775f626172ca40600000");
        Assert.Equal(57, float32.Length);
        Assert.Equal(3.5, NetEvent.Decode(float32).Kw<double>("new_bar"));
    }

    [Fact]
    public void Client_package_carrying_SET_BAR()
    {
        var header = new PackageHeader(new Sqn(3), new Sqn(2), 0b1000_0000_0000_0000_0000_0000_0000_0000);
        byte[] package = Packages.EncodeClient(header, new Sqn(18), [SetBar.Encode()]);
        Assert.Equal(12 + 2 + 2 + 61, package.Length);
        Snapshot.Match(PackageDump.Client(package));
    }

    [Fact]
    public void Server_package_with_an_update_and_a_deletion()
    {
        var update = new GameStateUpdate(new Sqn(18))
        {
            GameStatus = GameStatus.Active,
        };
        update.Changes["foo"] = 0.17;
        update.Changes["players"] = new StateMap { [7L] = new List<object?> { 1.5, -2L }, [9L] = ToDelete.Instance };
        var header = new PackageHeader(new Sqn(40), new Sqn(65535), 0xffff_fffe);
        byte[] package = Packages.EncodeServer(header, update.Encode(), []);
        Snapshot.Match(PackageDump.Server(package));

        var (_, body, events) = Packages.DecodeServer(package);
        GameStateUpdate back = GameStateUpdate.Decode(body);
        Assert.Empty(events);
        Assert.Equal(new Sqn(18), back.TimeOrder);
        Assert.Equal(GameStatus.Active, back.GameStatus);
        Assert.Same(ToDelete.Instance, ((StateMap)back.Changes["players"]!)[9L]);
    }

    [Fact]
    public void The_first_package_a_client_sends_has_no_ack_and_no_state()
    {
        byte[] package = Packages.EncodeClient(new PackageHeader(new Sqn(1), Sqn.None, 0), Sqn.None, []);
        Assert.Equal("ffd0fab9000100000000000000000000"[..28], Convert.ToHexString(package).ToLowerInvariant());
    }

    [Theory]
    [InlineData("")]                         // not even a header
    [InlineData("ffd0fab9000100")]           // header cut short
    [InlineData("ffd0fab9000100000000000000000005aa")] // update length runs past the end
    [InlineData("ffd0fab900010000000000000001c1")]     // 0xc1 is never valid msgpack
    public void Malformed_server_packages_are_a_FormatException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        Assert.Throws<FormatException>(() =>
        {
            var (_, body, _) = Packages.DecodeServer(bytes);
            GameStateUpdate.Decode(body);
        });
    }
}
