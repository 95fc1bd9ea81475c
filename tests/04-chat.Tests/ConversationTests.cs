using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>Whole conversations over real loopback sockets.</summary>
public sealed class ConversationTests
{
    [Fact]
    public async Task Demo_three_clients_and_every_command()
    {
        var output = new Transcript();
        await Demo.RunAsync(output, tls: null, certificate: null, CancellationToken.None);
        Snapshot.Match(output.ToString());
    }

    [Fact]
    public async Task Demo_over_TLS_says_the_same_as_over_plain_TCP()
    {
        var plain = new Transcript();
        await Demo.RunAsync(plain, null, null, CancellationToken.None);
        using var certificate = Certificates.CreateSelfSigned();
        var secure = new Transcript();
        await Demo.RunAsync(secure, new TlsChoice(Certificates.Fingerprint(certificate), false), certificate, CancellationToken.None);
        Assert.Equal(plain.ToString().Replace(" with TLS", ""), secure.ToString().Replace(" with TLS", ""));
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        await using var server = await Servers.Start();
        await using var client = await RawClient.ConnectAsync(server.EndPoint);
        await client.SendAsync("/help");
        List<string> help = await client.SyncAsync();
        Assert.Equal(ChatCommands.Help, help);
        foreach (string command in new[] { "/nick", "/who", "/me", "/msg", "/quit", "/help" })
            Assert.Contains(help, l => l.Contains(command + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nicknames_are_unique_without_regard_to_case_and_checked()
    {
        await using var server = await Servers.Start();
        await using var bob = await RawClient.ConnectAsync(server.EndPoint);
        await using var other = await RawClient.ConnectAsync(server.EndPoint);
        await bob.SendAsync("/nick bob");
        await bob.SyncAsync();

        await other.SendAsync("/nick BOB");
        await other.SendAsync("/nick bad name");
        await other.SendAsync("/nick " + new string('x', 17));
        await other.SendAsync("/nick");
        Assert.Equal(
            [
                "* guest1 is now bob",
                "! the nickname BOB is taken",
                "! a nickname may use only letters a-z, digits, '_' and '-'",
                "! a nickname has at most 16 characters",
                "! a nickname cannot be empty",
            ],
            await other.SyncAsync());

        // Changing the case of your own nickname is allowed.
        await bob.SendAsync("/nick Bob");
        Assert.Contains("* bob is now Bob", await bob.SyncAsync());
    }

    [Fact]
    public async Task Control_characters_cannot_reach_other_terminals()
    {
        await using var server = await Servers.Start();
        await using var sender = await RawClient.ConnectAsync(server.EndPoint);
        await using var reader = await RawClient.ConnectAsync(server.EndPoint);
        await sender.SendAsync("\u001b[2Jgotcha\a");
        await sender.SyncAsync();
        Assert.Equal(["<guest1> ?[2Jgotcha?"], await reader.SyncAsync());
    }

    [Fact]
    public async Task A_client_who_leaves_is_announced_and_gone_from_who()
    {
        var log = new Transcript();
        await using var server = await Servers.Start(log: new Log(log, "server"));
        await using var stayer = await RawClient.ConnectAsync(server.EndPoint);
        await using (var leaver = await RawClient.ConnectAsync(server.EndPoint))
        {
            await leaver.SendAsync("/quit");
            Assert.Equal(["* bye"], await leaver.RestUntilClosedAsync());
        }
        await stayer.WaitForAsync(l => l == "* guest2 left (quit)");
        await stayer.SendAsync("/who");
        Assert.Equal(["* 1 here: guest1"], await stayer.SyncAsync());
    }
}
